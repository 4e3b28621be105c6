/**
 * Starting the run's browser early, in a module that loads nothing heavy (no puppeteer, no
 * templates): the CLI calls it before it imports the pipeline and the renderers.
 */
import type { Browser } from 'puppeteer';
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
  ready?: Promise<{ browser: Browser; pages: Promise<PreparedPage>[] }>;
}

export async function startBrowser(opts: {
  browser?: string | false;
  formats: readonly Format[];
  /** How many figures the run will draw (one per step): decides how many pages to prepare. */
  figures?: number;
}): Promise<BrowserStart> {
  const notes: string[] = [];
  const wantsBrowser =
    opts.browser !== false && (opts.formats.includes('html') || opts.formats.includes('pdf'));
  if (!wantsBrowser) return { notes };
  const { findBrowser, NO_BROWSER_HELP } = await import('./browser-find.js');
  const found = findBrowser(opts.browser || undefined);
  if (!found) {
    notes.push(opts.browser ? `the browser ${opts.browser} does not exist` : NO_BROWSER_HELP);
    return { notes };
  }
  // Chromium is spawned now, before puppeteer is even loaded (browser.ts): the no-browser path
  // never pays for either.
  const { connectChromium, spawnChromium } = await import('./browser.js');
  const chromium = spawnChromium(found.path);
  const ready = (async () => {
    const browser = await connectChromium(chromium);
    const { diagramPageCount, prepareDiagramPage } = await import('./diagrams.js');
    const pages = Array.from({ length: diagramPageCount(opts.figures ?? 1) }, () =>
      prepareDiagramPage(browser),
    );
    // Not awaited here: a failure surfaces when the diagrams are drawn (and the pages are closed then).
    for (const p of pages) p.catch(() => undefined);
    return { browser, pages };
  })();
  ready.catch(() => undefined);
  return { path: found.path, notes, ready };
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
