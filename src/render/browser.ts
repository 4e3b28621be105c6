/**
 * Headless Chromium for rendering (diagrams, PDF) and for tests. Two rules hold everywhere:
 * - every request the page makes is aborted except data: URLs (a report loads nothing), and
 * - Chromium is told to resolve no host name at all (`--host-resolver-rules=MAP * ~NOTFOUND`):
 *   measured here, it otherwise looks up Google update hosts on its own even with background
 *   networking disabled.
 * One browser per run; pages are closed in `finally`.
 *
 * Start-up is on the critical path of every report with figures (issue #13), so Chromium is not
 * started through `puppeteer.launch`:
 * - `spawnChromium` starts the process at once (node:child_process, no puppeteer needed), with
 *   the arguments puppeteer's launch would give it, talking DevTools over a pipe;
 * - `connectChromium` then loads puppeteer-core's single-file build (lib/es5-iife, the same code
 *   as its ES modules, ~1 MB in one file: measured here ~0.2 s against ~2 s for the ~400 modules
 *   of `import('puppeteer')` under the same load) and connects it to that pipe. Chromium starts
 *   while puppeteer loads and while the CLI reads the bundles.
 * If the single-file build cannot be loaded (another puppeteer layout), the regular module is used.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Browser, ConnectionTransport, Frame, HTTPRequest, Page } from 'puppeteer';

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

/**
 * `puppeteer.defaultArgs({ headless: true })` of puppeteer 24 (without its trailing about:blank):
 * what `puppeteer.launch` passed before, so pages, screenshots and PDFs come out the same
 * (`--hide-scrollbars`, `--force-color-profile=srgb`, `--generate-pdf-document-outline` for the
 * PDF's bookmarks...). test/browser.test.ts fails if puppeteer's own list changes.
 */
export const PUPPETEER_DEFAULT_ARGS: readonly string[] = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-extensions',
];

export { type BrowserLocation, findBrowser, NO_BROWSER_HELP } from './browser-find.js';

/** The command line of a spawned Chromium (without the executable). */
export function chromiumArgs(profileDir: string, startUrls: readonly string[] = ['about:blank']): string[] {
  return [
    ...new Set([...PUPPETEER_DEFAULT_ARGS, ...CHROMIUM_ARGS]),
    // A pipe instead of a TCP debugging port: nothing listens, and it works in a namespace
    // with no network at all.
    '--remote-debugging-pipe',
    `--user-data-dir=${profileDir}`,
    ...startUrls,
  ];
}

/**
 * A page Chromium opens from its command line: written into the run's profile folder (removed
 * with it) and opened as a file:// URL, so the page loads while this process is still
 * connecting (the diagram page, see adoptStartPages). One only: headless Chromium exits at once
 * when given two URLs ("Multiple targets are not supported in headless mode").
 */
export interface StartPage {
  html: string;
}

/** A Chromium process started by spawnChromium, not yet driven by puppeteer. */
export interface ChromiumProcess {
  proc: ChildProcess;
  /** Its throw-away profile, removed when it exits. */
  profileDir: string;
  exited: Promise<void>;
  /** Remove the profile now (retried while killed renderers go away). */
  removeProfile: () => void;
  /** The page it opens at start (spawnChromium's `startPage`), as a list of its one URL; else empty. */
  startUrls: string[];
}

/**
 * Where the throw-away profiles go: /dev/shm when it is a writable tmpfs, else the temporary
 * folder. Chromium creates ~180 files at start (SQLite databases with their journals, fsynced);
 * in memory, start-up was ~50 ms shorter and removing the profile took 14-37 ms instead of
 * 41-130 ms (measured here, alternated, with the profile on the machine's disk).
 */
function profileParent(): string {
  try {
    // TMPFS_MAGIC
    if (statfsSync('/dev/shm').type === 0x01021994) {
      accessSync('/dev/shm', constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // no /dev/shm, or not ours to write
  }
  return tmpdir();
}

/** Start Chromium now (synchronously, ~10 ms); connectChromium drives it later. */
export function spawnChromium(executablePath: string, startPage?: StartPage): ChromiumProcess {
  const profileDir = mkdtempSync(join(profileParent(), 'dockernet-profile-'));
  const startUrls: string[] = [];
  if (startPage) {
    const file = join(profileDir, 'dockernet-start.html');
    writeFileSync(file, startPage.html);
    startUrls.push(pathToFileURL(file).href);
  }
  // fd 3: commands to Chromium, fd 4: its replies (what --remote-debugging-pipe expects).
  // Its own process group (as puppeteer.launch does), so that killing it kills its renderers too.
  const proc = spawn(executablePath, chromiumArgs(profileDir, startUrls.length ? startUrls : undefined), {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const removeProfile = () => {
    // Chromium keeps its singleton socket in a folder of its own in the temporary directory
    // (org.chromium.Chromium.XXXXXX), linked from the profile; it removes it only when it shuts
    // down by itself, and a killed Chromium left one behind per run.
    let socketDir: string | undefined;
    try {
      const target = readlinkSync(join(profileDir, 'SingletonSocket'));
      if (/\/org\.chromium\.Chromium\.[A-Za-z0-9]+\/SingletonSocket$/.test(target))
        socketDir = dirname(target);
    } catch {
      // not made yet, or already removed
    }
    for (const dir of socketDir ? [profileDir, socketDir] : [profileDir]) {
      try {
        // Renderers killed with the group may still be going away: retried on ENOTEMPTY/EBUSY.
        rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
      } catch {
        // A leftover folder in the temporary directory is not worth failing a report for.
      }
    }
  };
  // Chromium must not outlive this process, whatever ends it.
  const onExit = () => {
    killChromium(proc);
    removeProfile();
  };
  process.once('exit', onExit);
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      process.removeListener('exit', onExit);
      killChromium(proc);
      removeProfile();
      resolve();
    };
    proc.once('exit', done);
    // A file that cannot be executed: no exit event follows the error.
    proc.once('error', done);
  });
  return { proc, profileDir, exited, removeProfile, startUrls };
}

/** SIGKILL to Chromium's whole process group (browser, zygote, renderers); harmless once gone. */
function killChromium(proc: ChildProcess): void {
  try {
    if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** DevTools messages over Chromium's pipe: JSON texts each ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('close', () => this.onclose?.());
    input.on('error', () => undefined);
    out.on('error', () => undefined);
  }
  send(message: string): void {
    this.out.write(`${message}\0`);
  }
  close(): void {
    this.out.end();
  }
  private receive(chunk: Buffer): void {
    if (!chunk.includes(0)) {
      this.pending.push(chunk);
      return;
    }
    const all = Buffer.concat([...this.pending, chunk]);
    let start = 0;
    for (let end = all.indexOf(0); end !== -1; end = all.indexOf(0, start)) {
      const message = all.toString('utf8', start, end);
      // Dispatched one by one outside this stack, as puppeteer's own pipe transport does.
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
    }
    this.pending = start < all.length ? [all.subarray(start)] : [];
  }
}

type Connect = (opts: { transport: ConnectionTransport }) => Promise<Browser>;
let connectFn: Connect | undefined;
let build: 'single-file' | 'modules' | undefined;

/** Which puppeteer drives the browsers of this process (tests check that the fast one is used). */
export async function puppeteerBuild(): Promise<'single-file' | 'modules'> {
  await puppeteerConnect();
  return build!;
}

/** puppeteer-core's single-file build (see the top of this file), or the regular module. */
async function puppeteerConnect(): Promise<Connect> {
  if (connectFn) return connectFn;
  try {
    const fromPuppeteer = createRequire(createRequire(import.meta.url).resolve('puppeteer'));
    const file = fromPuppeteer.resolve('puppeteer-core/lib/es5-iife/puppeteer-core-browser.js');
    // The file declares `var Puppeteer = (function (exports) {...})({})`; run as a function body
    // so nothing leaks into this process's globals. Its Node-only branches load `debug` with
    // `require`: the one of puppeteer-core's own folder. Built for web pages, it differs from the
    // Node build in two places, both put back here as the Node build has them (checked by
    // test/browser.test.ts and test/pdf.test.ts); if either is not found, the regular module is used:
    // - its file system access throws: reading a file (`addScriptTag({ path })`, a trace's
    //   `path`) gets node:fs;
    // - `setFrameContent` (behind `page.setContent`) throws "unsupported": the Node build's
    //   document.write is restored below.
    const code = readFileSync(file, 'utf8');
    const noFs = "throw new Error('fs is not available in this environment');";
    if (!code.includes(noFs)) throw new Error('unknown puppeteer-core build');
    const core = new Function(
      'require',
      `${code.replace(noFs, "return require('node:fs');")}\n;return Puppeteer;`,
    )(createRequire(file)) as { connect: Connect; Frame?: { prototype: { setFrameContent?: unknown } } };
    if (typeof core.Frame?.prototype.setFrameContent !== 'function') throw new Error('no Frame');
    core.Frame.prototype.setFrameContent = async function (this: Frame, html: string) {
      return await this.evaluate((h) => {
        document.open();
        document.write(h);
        document.close();
      }, html);
    };
    if (typeof core.connect !== 'function') throw new Error('no connect');
    connectFn = (opts) => core.connect(opts);
    build = 'single-file';
  } catch {
    const puppeteer = (await import('puppeteer')).default;
    connectFn = (opts) => puppeteer.connect(opts);
    build = 'modules';
  }
  return connectFn;
}

/**
 * Drive a spawned Chromium with puppeteer. `browser.close()` closes Chromium, waits for the
 * process to end and removes its profile; a Chromium that cannot be closed politely is killed.
 */
export async function connectChromium(chromium: ChromiumProcess): Promise<Browser> {
  const { proc } = chromium;
  try {
    const connect = await puppeteerConnect();
    const transport = new PipeTransport(proc.stdio[3] as Writable, proc.stdio[4] as Readable);
    const browser = await connect({ transport });
    // Closing is killing: the run is done with it and its profile is thrown away, so nothing is
    // lost, where Chromium's own shutdown (Browser.close) took 0.15-0.7 s of every run's wall
    // time (measured with DOCKERNET_TIMINGS=1: "browser closed" after the last figure or PDF).
    browser.close = async () => {
      killChromium(proc);
      await chromium.exited;
    };
    released.set(browser, () => {
      killChromium(proc);
      chromium.removeProfile();
      // The pipes and the child no longer keep this process alive: the kernel tears Chromium
      // down (0.2-0.3 s for its ~200 MB) after this process has exited.
      for (const fd of [3, 4]) (proc.stdio[fd] as Readable | Writable | null)?.destroy();
      proc.unref();
    });
    // Chromium gone without close() (a crash): no process or profile is left behind.
    browser.once('disconnected', () => {
      if (proc.exitCode === null && proc.signalCode === null) killChromium(proc);
    });
    return browser;
  } catch (e) {
    killChromium(proc);
    await chromium.exited;
    throw e;
  }
}

const released = new WeakMap<Browser, () => void>();

/**
 * End a browser of connectChromium at the end of a run without waiting for it to be gone: it
 * is killed (its whole process group) and its profile removed now, and this process may exit
 * at once. For a browser of another kind, close() it.
 */
export async function releaseBrowser(browser: Browser): Promise<void> {
  const release = released.get(browser);
  if (release) release();
  else await browser.close();
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return connectChromium(spawnChromium(executablePath));
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
    // A page closed while one of its requests waits makes these calls fail: nothing to do then,
    // and no unhandled rejection.
    const ignore = () => undefined;
    if (local) {
      req.respond({ status: 200, contentType: local.contentType, body: local.body }).catch(ignore);
    } else if (url.startsWith('data:') || url === 'about:blank' || allow.includes(url)) {
      req.continue().catch(ignore);
    } else {
      attempted.push(url);
      req.abort('blockedbyclient').catch(ignore);
    }
  });
  return attempted;
}
