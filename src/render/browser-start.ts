/**
 * Starting the run's browser early, in a module that loads nothing heavy (no puppeteer, no
 * templates): the CLI calls it before it imports the pipeline and the renderers.
 */
import type { Browser } from 'puppeteer';
import { type Lang, translator } from '../i18n/index.js';
import { mark } from '../timings.js';
import type { PreparedPage } from './diagrams.js';
import type { Format } from './formats.js';

/**
 * The browser of a run, started as early as possible: launching Chromium and loading mermaid
 * into a page take one to two seconds that nothing else needs, so the CLI starts them before it
 * reads the bundles and the work overlaps (issue #13). `ready` is undefined without a browser.
 */
export interface BrowserStart {
  path?: string;
  notes: string[];
  ready?: Promise<BrowserSession>;
  /**
   * Many reports are rendered with this browser and its diagram pages (`dockernet fleet`):
   * renderOutputs leaves them open and the caller closes them (abandonBrowser).
   */
  shared?: boolean;
}

export interface BrowserSession {
  browser: Browser;
  /** The diagram pages (mermaid loaded); a shared run replaces one a diagram broke. */
  pages: Promise<PreparedPage>[];
}

export async function startBrowser(opts: {
  browser?: string | false;
  formats: readonly Format[];
  /** See BrowserStart.shared (one page: hosts are drawn one after the other). */
  shared?: boolean;
  /**
   * How many diagram pages draw side by side (default 1). The first is the page Chromium opens
   * at start; a second is made after connecting and loads mermaid again: on this 2-core machine
   * two pages drew the slides' four figures later than one, idle or not (alternated, load
   * 0.3-0.8: figures done 1.99-2.53 s after the spawn with two, 1.47-1.93 s with one).
   */
  pages?: number;
  lang?: Lang;
}): Promise<BrowserStart> {
  const t = translator(opts.lang);
  const notes: string[] = [];
  const wantsBrowser =
    opts.browser !== false && (opts.formats.includes('html') || opts.formats.includes('pdf'));
  const shared = opts.shared ? { shared: true } : {};
  if (!wantsBrowser) return { notes, ...shared };
  const { findBrowser } = await import('./browser-find.js');
  const found = findBrowser(opts.browser || undefined);
  if (!found) {
    notes.push(opts.browser ? t('out.no-such-browser', { path: opts.browser }) : t('out.no-browser'));
    return { notes, ...shared };
  }
  // Chromium is spawned now, before puppeteer is even loaded (browser.ts): the no-browser path
  // never pays for either. It opens the diagram pages itself (mermaid inlined: ~0.9 MB, read
  // from dist/mermaid/), so mermaid loads and draws its warm-up figure while this process loads
  // puppeteer, connects, and reads the bundles.
  const [{ connectChromium, spawnChromium }, diagrams, { flowchartBundle }] = await Promise.all([
    import('./browser.js'),
    import('./diagrams.js'),
    import('./mermaid-bundle.js'),
  ]);
  const count = opts.pages ?? 1;
  const html = diagrams.diagramPageHtml(await flowchartBundle());
  const chromium = spawnChromium(found.path, { html });
  mark('browser spawned');
  const ready = (async () => {
    const browser = await connectChromium(chromium);
    mark('browser connected');
    // The first diagram page is the one Chromium opened; a second (an idle core) is made now.
    const pages = [
      ...diagrams.adoptStartPages(browser, chromium.startUrls),
      ...Array.from({ length: count - 1 }, () => diagrams.prepareDiagramPage(browser)),
    ];
    // Not awaited here: a failure surfaces when the diagrams are drawn (and the pages are closed then).
    for (const p of pages) p.catch(() => undefined);
    return { browser, pages };
  })();
  ready.catch(() => undefined);
  return { path: found.path, notes, ready, ...shared };
}

/** Close a started browser that will not be used (the run failed before rendering). */
export async function abandonBrowser(started: BrowserStart | undefined): Promise<void> {
  const b = await started?.ready?.catch(() => undefined);
  // The diagram pages first: closing the browser under a page still loading left puppeteer's
  // 30 s navigation timer running, and the process waited for it before exiting (measured: a
  // missing input exited after 35 s instead of 1 s).
  for (const p of b?.pages ?? []) {
    const prepared = await p.catch(() => undefined);
    await prepared?.page.close().catch(() => undefined);
  }
  await b?.browser.close().catch(() => undefined);
}
