/**
 * Headless Chromium for rendering (diagrams, PDF) and for tests. Two rules hold everywhere:
 * - every request the page makes is aborted except data: URLs (a report loads nothing), and
 * - Chromium is told to resolve no host name at all (`--host-resolver-rules=MAP * ~NOTFOUND`):
 *   measured here, it otherwise looks up Google update hosts on its own even with background
 *   networking disabled.
 * One browser per run; pages are closed in `finally`.
 */
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import puppeteer from 'puppeteer';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--metrics-recording-only',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export { type BrowserLocation, findBrowser, NO_BROWSER_HELP } from './browser-find.js';

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    // A pipe instead of a TCP debugging port: nothing listens, and it works in a namespace
    // with no network at all.
    pipe: true,
    args: [...CHROMIUM_ARGS],
  });
}

/** A response made in this process for a request of the page (nothing goes out). */
export interface LocalResponse {
  contentType: string;
  body: Buffer | string;
}

/**
 * Abort every request but data: URLs (and the exact URLs in `allow`, e.g. the file:// of the
 * report being opened); returns the list of URLs that were attempted and blocked. `serve` may
 * answer a request from this process instead (the diagram page's mermaid modules, read from
 * node_modules): such a request never reaches the network stack, so it is not "attempted".
 */
export async function blockRequests(
  page: Page,
  allow: readonly string[] = [],
  serve?: (url: string) => LocalResponse | undefined,
): Promise<string[]> {
  const attempted: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    const url = req.url();
    const local = serve?.(url);
    if (local) {
      void req.respond({ status: 200, contentType: local.contentType, body: local.body });
    } else if (url.startsWith('data:') || url === 'about:blank' || allow.includes(url)) {
      void req.continue();
    } else {
      attempted.push(url);
      void req.abort('blockedbyclient');
    }
  });
  return attempted;
}
