/**
 * Report HTML -> PDF through headless Chromium (`page.pdf`): A4 or Letter, a header with the
 * report's title, a footer "Page X of Y", bookmarks from the headings only on request (`outline`),
 * backgrounds printed (badges, severities). The page loads nothing: every request is
 * aborted by blockRequests, and the browser itself resolves no host name (see browser.ts).
 *
 * The raw outputs in the appendix are `<details>`; CSS cannot open them, so they are opened from
 * puppeteer before printing (page.evaluate goes through the DevTools protocol, which the page's
 * CSP, `default-src 'none'`, does not restrict; page scripts stay forbidden). A printed report thus
 * carries the evidence its tables cite.
 */
import type { Browser, Page } from 'puppeteer';
import { mark } from '../timings.js';
import { blockRequests } from './browser.js';

export interface PdfOptions {
  paper?: 'a4' | 'letter';
  /** Shown in every page's header (escaped here: it may come from a bundle's hostname). */
  title: string;
  /** The footer's words ("Page X of Y"): `{page}` and `{pages}` stand for the numbers. Default English. */
  pageOf?: { before: string; between: string; after: string };
  /** Hard limit for loading and printing; the page is closed when it is reached. Default 60 s. */
  timeoutMs?: number;
  /** Open every `<details>` (raw outputs, process lists) before printing. Default true. */
  openDetails?: boolean;
  /**
   * Bookmarks from the headings (default false). Chromium writes a tagged PDF whenever it writes
   * an outline, in spite of `tagged: false`: the four slide steps' PDF took 1.9-2.6 s and 1.7 MB
   * with it, 1.5-1.7 s and 422 KB without (docs/performance.md, "Session 4"). The report's table
   * of contents and evidence links stay links in the PDF either way.
   */
  outline?: boolean;
  /** Receives the URLs the page tried to load (all were blocked); empty for a report. */
  blocked?: string[];
}

export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

/**
 * What to print: a report's HTML, or a draft of it whose figures are still being drawn. The
 * draft is loaded and laid out at once (beside the drawing, on the other core), then `final`
 * completes it: each placeholder image's `src` replaced by the drawn figure (`fill`: pairs of
 * placeholder and real URI), or, when a figure could not be drawn, the final HTML loaded in its
 * place (its markup differs: the failure is explained instead). Loading the slides' PDF page
 * took 0.4-0.6 s after the figures before (DOCKERNET_TIMINGS=1).
 */
export type PdfHtml = string | { draft: string; final: Promise<PdfFinal> };
export type PdfFinal = { fill: [string, string][] } | { html: string };

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

// Header and footer templates are rendered by Chromium in a separate context that ignores the
// page's CSS: without an explicit font-size the text is ~0 px, and without page margins it is
// hidden behind the content.
const BOX =
  'width:100%;margin:0 11mm;font-family:"Liberation Sans","DejaVu Sans",Arial,sans-serif;font-size:8px;color:#555;display:flex;justify-content:space-between;';

export function headerTemplate(title: string): string {
  return `<div style='${BOX}'><span>${escapeHtml(title)}</span><span>dockernet</span></div>`;
}

export function footerTemplate(w: { before: string; between: string; after: string } = PAGE_OF_EN): string {
  return `<div style='${BOX}justify-content:flex-end;'><span>${escapeHtml(w.before)}<span class="pageNumber"></span>${escapeHtml(w.between)}<span class="totalPages"></span>${escapeHtml(w.after)}</span></div>`;
}

const PAGE_OF_EN = { before: 'Page ', between: ' of ', after: '' };

export const FOOTER_TEMPLATE = footerTemplate();

export class PdfTimeoutError extends Error {
  constructor(ms: number) {
    super(`PDF rendering did not finish within ${ms} ms`);
    this.name = 'PdfTimeoutError';
  }
}

export async function renderPdf(browser: Browser, html: PdfHtml, opts: PdfOptions): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  const page = await browser.newPage();
  mark('PDF page made');
  let timer: NodeJS.Timeout | undefined;
  let attempted: string[] = [];
  try {
    attempted = await blockRequests(page);
    const work = (async () => {
      // Print media and open <details> before the figures come: what is left after them is
      // the images and the print itself.
      const load = async (text: string) => {
        await page.setContent(text, { waitUntil: 'load', timeout: timeoutMs });
        await page.emulateMediaType('print');
        if (opts.openDetails !== false) {
          await page.evaluate(() => {
            for (const d of document.querySelectorAll('details')) d.open = true;
          });
        }
      };
      await load(typeof html === 'string' ? html : html.draft);
      mark('PDF page loaded');
      if (typeof html !== 'string') {
        const final = await html.final;
        if ('html' in final) await load(final.html);
        else await fillImages(page, final.fill);
      }
      mark('PDF page set for print');
      const pdf = await page.pdf({
        format: opts.paper === 'letter' ? 'letter' : 'a4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(opts.title),
        footerTemplate: footerTemplate(opts.pageOf),
        margin: { top: '13mm', bottom: '12mm', left: '11mm', right: '11mm' },
        outline: opts.outline === true,
        // Untagged when there is no outline (with one Chromium tags the PDF regardless).
        tagged: false,
        timeout: timeoutMs,
      });
      return Buffer.from(pdf);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PdfTimeoutError(timeoutMs)), timeoutMs);
    });
    // A rejected `work` after a timeout must not surface as an unhandled rejection.
    work.catch(() => {});
    return await Promise.race([work, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
    opts.blocked?.push(...attempted);
    await page.close().catch(() => {});
  }
}

/** Replace each image whose src is a placeholder by the real one, decoded before printing. */
async function fillImages(page: Page, fill: [string, string][]): Promise<void> {
  const missing = await page.evaluate(async (pairs) => {
    const images = [...document.querySelectorAll('img')];
    const left: string[] = [];
    await Promise.all(
      pairs.map(async ([from, to]) => {
        const img = images.find((i) => i.getAttribute('src') === from);
        if (!img) return left.push(from.slice(0, 80));
        img.setAttribute('src', to);
        await img.decode();
        return 0;
      }),
    );
    return left;
  }, fill);
  if (missing.length > 0) throw new Error(`the PDF draft has no image ${missing.join(', ')}`);
}
