/**
 * Where is a Chromium? Kept apart from browser.ts so that looking costs no puppeteer import
 * (about half a second): the HTML-only path of the CLI never loads puppeteer.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A browser that puppeteer downloaded itself (not done here: npm runs no install scripts). */
function puppeteerDownload(): string | undefined {
  const cache = process.env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');
  // The headless shell first: see SYSTEM_PATHS.
  for (const product of ['chrome-headless-shell', 'chrome']) {
    const dir = join(cache, product);
    if (!existsSync(dir)) continue;
    for (const build of readdirSync(dir).sort().reverse()) {
      for (const exe of ['chrome-headless-shell-linux64/chrome-headless-shell', 'chrome-linux64/chrome']) {
        const p = join(dir, build, exe);
        if (existsSync(p)) return p;
      }
    }
  }
  return undefined;
}

/**
 * Chromium's headless shell (Debian: `chromium-headless-shell`, the former headless mode as a
 * browser of its own) before the full browser: the same Blink, V8 and Skia, so the same figures
 * and PDF (the slides' SVG, PNG and HTML byte for byte, the PDF's pages pixel for pixel), but it
 * starts without the full browser's layers: the diagram page was ready 0.45-0.96 s after the
 * spawn instead of 1.08-1.56 s (alternated, load 6-8), and Debian's /usr/bin/chromium is a shell
 * script that reads /etc/chromium.d before it starts the browser.
 */
const SYSTEM_PATHS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chrome-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface BrowserLocation {
  path: string;
  from: 'option' | 'PUPPETEER_EXECUTABLE_PATH' | 'puppeteer' | 'system';
}

/** Find a browser: --browser, then $PUPPETEER_EXECUTABLE_PATH, puppeteer's own download, the usual paths. */
export function findBrowser(explicit?: string): BrowserLocation | undefined {
  if (explicit) return existsSync(explicit) ? { path: explicit, from: 'option' } : undefined;
  const env = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (env && existsSync(env)) return { path: env, from: 'PUPPETEER_EXECUTABLE_PATH' };
  const own = puppeteerDownload();
  if (own) return { path: own, from: 'puppeteer' };
  for (const p of SYSTEM_PATHS) if (existsSync(p)) return { path: p, from: 'system' };
  return undefined;
}

export const NO_BROWSER_HELP =
  'no Chromium found. Install one (Debian/Ubuntu: apt-get install chromium-headless-shell, or chromium), or point to it with --browser PATH or PUPPETEER_EXECUTABLE_PATH.';
