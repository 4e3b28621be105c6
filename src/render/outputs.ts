/**
 * The "render" stage: one Report -> the files of the output folder (report.html, report.json,
 * report.md, report.pdf, diagrams/step-N.mmd, .drawio, .svg and .png). One browser at most per run, shared by
 * the diagrams and the PDF; puppeteer is only loaded when a browser is used, so HTML without a
 * browser stays fast.
 */
import { type Translator, translator } from '../i18n/index.js';
import type { Report } from '../report/types.js';
import { mark } from '../timings.js';
import { type BrowserStart, startBrowser } from './browser-start.js';
import { svgDataUri } from './diagram-script.js';
import type { Format } from './formats.js';
import {
  figurePlaceholders,
  type HtmlOptions,
  renderHtml,
  renderHtmlAsync,
  type StepDiagrams,
  withFigures,
} from './html.js';
import { reportJson } from './json.js';
import { stepDiagram } from './mermaid/index.js';
import type { OutputData } from './output-data.js';
import type { PdfFinal, PdfOptions } from './pdf.js';
import type { AppendixMode } from './view.js';
import type { Audience } from './view-analyses.js';

export { abandonBrowser, type BrowserStart, startBrowser } from './browser-start.js';
export { FORMATS, type Format } from './formats.js';
export { type OutputData, outputBytes, writeOutputFile } from './output-data.js';

export interface OutputOptions {
  formats: Format[];
  audience: Audience;
  /** The handout's figure with blanks for the interface names (mermaid/blanks.ts), in every file of it. */
  blanks?: boolean;
  /** A browser executable, or false to use none (no pre-rendered diagrams, no PDF). */
  browser?: string | false;
  paper?: 'a4' | 'letter';
  /** The PDF's appendix of raw outputs (default cited: the lines findings and answers cite). */
  appendix?: AppendixMode;
  /** `--pdf-bookmarks`: the PDF's outline (a tagged PDF: larger and slower, see pdf.ts). */
  pdfBookmarks?: boolean;
  /** Progress lines for the slow parts (browser launch, diagrams, PDF). */
  progress?: (msg: string) => void;
}

export interface OutputFile {
  /** Path inside the output folder. */
  name: string;
  /** Written by output-data.ts writeOutputFile. */
  data: OutputData;
}

export interface OutputResult {
  files: OutputFile[];
  /** Things the user should know: no browser found, a diagram that failed... */
  notes: string[];
  /** Where the browser came from, when one was used. */
  browser?: string;
}

export async function renderOutputs(
  report: Report,
  opts: OutputOptions,
  started?: BrowserStart,
): Promise<OutputResult> {
  const progress = opts.progress ?? (() => {});
  const t = translator(report.lang);
  const files: OutputFile[] = [];
  const figures = report.steps.map((s) =>
    stepDiagram(s.model, { lang: report.lang, ...(opts.blanks ? { blanks: true } : {}) }),
  );
  const sources = figures.map((d) => d.source);
  const { drawioFile } = await import('./drawio.js');
  figures.forEach((d, i) => {
    files.push({ name: `diagrams/step-${i + 1}.mmd`, data: `${d.source}\n` });
    // The same nodes and edges, for diagrams.net: people edit it and paste it into their wiki.
    files.push({ name: `diagrams/step-${i + 1}.drawio`, data: drawioFile(d.figure, `step ${i + 1}`) });
  });
  // `--cluster`: one more figure after the steps' (html.ts and markdown.ts find it there).
  const names = report.steps.map((_, i) => `step-${i + 1}`);
  if (report.cluster) {
    const { clusterDiagram } = await import('./mermaid/cluster.js');
    const c = clusterDiagram(report.cluster.model, report.lang);
    sources.push(c.source);
    names.push('cluster');
    files.push({ name: 'diagrams/cluster.mmd', data: `${c.source}\n` });
    files.push({ name: 'diagrams/cluster.drawio', data: drawioFile(c.figure, 'cluster') });
  }

  let diagrams: StepDiagrams | undefined;
  const start = started ?? (await startBrowser(opts));
  const notes: string[] = [...start.notes];
  const browserPath = start.path;
  // The JSON and the Markdown need no figure: with a browser they are made now, while Chromium
  // starts and loads mermaid (this process would otherwise wait for it), and pushed in their
  // usual place below. Without one, after report.html: the page's render then runs on a heap
  // without their ~60 MB of buffers and the Markdown's garbage (1,000-container host, default
  // formats, A/B alternately: 417-430 MB max RSS against 420-462 before, same wall time).
  // `opts.browser` undefined may still find no browser: then they are simply made early.
  let json: Buffer[] | undefined;
  let markdown: string | undefined;
  const jsonAndMarkdown = async () => {
    if (json === undefined && opts.formats.includes('json')) {
      json = reportJson(report);
      mark('report.json rendered');
    }
    if (markdown === undefined && opts.formats.includes('md')) {
      const { renderMarkdown } = await import('./markdown.js');
      markdown = renderMarkdown(report, {
        audience: opts.audience,
        diagrams: sources,
        formats: opts.formats,
      });
      mark('report.md rendered');
    }
  };
  if (opts.browser !== false) await jsonAndMarkdown();
  const session = await start.ready;
  const browser = session?.browser;
  const baseHtmlOpts: HtmlOptions = { audience: opts.audience, ...(opts.blanks ? { blanks: true } : {}) };
  // The PDF is a document to read: its appendix shows only what the report cites (by default).
  const pdfAppendix = opts.appendix ?? 'cited';
  // The PDF page is loaded and laid out while the figures are drawn, with placeholder images
  // (pdf.ts PdfHtml): `finishPdf` completes it once they are (in `finally`, whatever happened).
  let printing: Promise<Buffer> | undefined;
  let finishPdf: ((f: PdfFinal) => void) | undefined;
  // The figures' places while they are drawn: the PDF's draft page and report.html are made
  // around them (html.ts figurePlaceholders).
  const slots = figurePlaceholders(sources);
  let html: string | undefined;
  try {
    // The PDF's draft is written while Chromium still loads mermaid (this process waits anyway).
    // A compact page (big host) fills its blocks by script when opened: paper needs them static.
    const draft =
      session && opts.formats.includes('pdf')
        ? renderHtml(report, { ...baseHtmlOpts, diagrams: slots, appendix: pdfAppendix, compact: false })
        : undefined;
    if (draft !== undefined) mark('PDF draft rendered');
    if (session) {
      progress(t('out.rendering', { n: sources.length, path: browserPath ?? '' }));
      const { renderDiagrams } = await import('./diagrams.js');
      // Chromium draws the figures while this process writes the page around a placeholder per
      // figure (the big host: ~0.4 s of mermaid layout under ~1.5 s of HTML). The pages are ready
      // first, so the drawing is under way (its message sent) before the render holds the thread.
      await Promise.allSettled(session.pages);
      const drawing = renderDiagrams(sources, {
        browser: session.browser,
        pages: session.pages,
        idPrefix: 'topology',
        png: true,
        ...(start.shared ? { keepPage: true } : {}),
      });
      drawing.catch(() => undefined);
      if (draft !== undefined) {
        // Loaded only now, beside the drawing: loading it earlier took a core from the diagram
        // page while mermaid loaded, and that page is what the whole run waits for (measured with
        // DOCKERNET_TIMINGS=1: the diagram page was ready at 1.5-2.0 s instead of 0.65-1.0 s).
        const { renderPdf } = await import('./pdf.js');
        const final = new Promise<PdfFinal>((resolve) => {
          finishPdf = resolve;
        });
        printing = renderPdf(session.browser, { draft, final }, pdfOptions(report, opts, t));
        // Awaited below; a failure before then must not be an unhandled rejection.
        printing.catch(() => undefined);
      }
      let early: string | undefined;
      if (opts.formats.includes('html')) {
        await new Promise((resolve) => setImmediate(resolve));
        early = await renderHtmlAsync(report, { ...baseHtmlOpts, diagrams: slots });
        mark('report.html rendered around the figures');
      }
      const rendered = await drawing;
      mark(`${sources.length} figures drawn`);
      const drawn = {
        mode: 'svg' as const,
        sources,
        svgs: rendered.map((r) => r.svg),
        errors: rendered.map((r) => r.error),
      };
      diagrams = drawn;
      // Every figure drawn: the PDF draft's placeholders get them; else the final page is loaded
      // there (a failed figure is explained in its place).
      finishPdf?.(
        drawn.svgs.every((svg) => svg !== undefined)
          ? { fill: slots.svgs.map((p, i) => [svgDataUri(p!), svgDataUri(drawn.svgs[i]!)]) }
          : {
              html: renderHtml(report, {
                ...baseHtmlOpts,
                diagrams: drawn,
                appendix: pdfAppendix,
                compact: false,
              }),
            },
      );
      const { svgFile } = await import('./diagrams.js');
      rendered.forEach((r, i) => {
        if (r.svg) files.push({ name: `diagrams/${names[i]}.svg`, data: svgFile(r.svg) });
        if (r.png) files.push({ name: `diagrams/${names[i]}.png`, data: r.png });
        else if (names[i] === 'cluster')
          notes.push(t('out.cluster-figure-failed', { error: r.error ?? '?' }));
        else notes.push(t('out.figure-failed', { n: i + 1, error: r.error ?? '?' }));
      });
      if (early !== undefined) html = withFigures(early, slots, drawn.svgs);
    } else {
      const { mermaidConfig } = await import('./diagram-script.js');
      const { flowchartBundle } = await import('./mermaid-bundle.js');
      diagrams = { mode: 'script', sources, script: await flowchartBundle(), config: mermaidConfig() };
      if (opts.formats.includes('html')) notes.push(t('out.script-diagrams'));
    }

    const htmlOpts: HtmlOptions = { ...baseHtmlOpts, diagrams };
    if (opts.formats.includes('html')) {
      // Without a browser, or when a figure failed (its place shows the error): rendered now.
      html ??= await renderHtmlAsync(report, htmlOpts);
      mark('report.html rendered');
    }
    if (html !== undefined) files.push({ name: 'report.html', data: html });
    await jsonAndMarkdown();
    if (json !== undefined) files.push({ name: 'report.json', data: json });
    if (markdown !== undefined) files.push({ name: 'report.md', data: markdown });
    if (opts.formats.includes('pdf')) {
      if (printing) {
        progress(t('out.printing'));
        files.push({ name: 'report.pdf', data: await printing });
        mark('PDF printed');
      } else {
        notes.push(t(opts.browser === false ? 'out.no-pdf-no-browser' : 'out.no-pdf'));
      }
    }
  } finally {
    // A run that failed before the figures were drawn: the PDF page is given an end (and its
    // error, if any, is not unhandled: see above).
    finishPdf?.({ html: '' });
    if (!start.shared && browser) {
      const { releaseBrowser } = await import('./browser.js');
      await releaseBrowser(browser).catch(() => undefined);
      mark('browser released');
    }
  }
  return { files, notes, ...(browserPath ? { browser: browserPath } : {}) };
}

/** The PDF's header, footer and paper: Chromium fills in the page numbers, the words around them come from the catalog. */
function pdfOptions(report: Report, opts: OutputOptions, t: Translator): PdfOptions {
  const [before = '', between = '', after = ''] = t('out.page-of', {
    page: '\u0000',
    pages: '\u0000',
  }).split('\u0000');
  return {
    paper: opts.paper ?? 'a4',
    title: report.title,
    outline: opts.pdfBookmarks === true,
    pageOf: { before, between, after },
  };
}
