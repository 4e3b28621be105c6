/**
 * The browser start-up of src/render/browser.ts: Chromium spawned by us with puppeteer's own
 * launch arguments, driven by puppeteer-core's single-file build over a pipe, and nothing left
 * behind (process, profile folder) after close() or after Chromium dies.
 */
import { existsSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import puppeteer from 'puppeteer';
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  chromiumArgs,
  connectChromium,
  findBrowser,
  PUPPETEER_DEFAULT_ARGS,
  puppeteerBuild,
  releaseBrowser,
  spawnChromium,
} from '../src/render/browser.js';
import { missing, testBrowsers } from './support/env.js';

const browsers = testBrowsers();
const skip = missing({ chromium: browsers.length > 0 });

describe('Chromium arguments', () => {
  it("are puppeteer's launch arguments (a puppeteer upgrade that changes them fails here)", () => {
    const theirs = puppeteer.defaultArgs({ headless: true }).filter((a) => a !== 'about:blank');
    expect([...PUPPETEER_DEFAULT_ARGS]).toEqual(theirs);
  });

  it('always carry the resolver rule, a pipe and a private profile', () => {
    const args = chromiumArgs('/tmp/x');
    expect(args).toContain('--host-resolver-rules=MAP * ~NOTFOUND');
    expect(args).toContain('--remote-debugging-pipe');
    expect(args).toContain('--user-data-dir=/tmp/x');
    for (const a of CHROMIUM_ARGS) expect(args).toContain(a);
    expect(new Set(args).size).toBe(args.length);
  });
});

describe.skipIf(
  missing({
    'chromium-headless-shell and chromium':
      existsSync('/usr/bin/chromium-headless-shell') && existsSync('/usr/bin/chromium'),
  }),
)('which browser', () => {
  it('the headless shell is found before the full browser, and --browser still wins', () => {
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    delete process.env.PUPPETEER_EXECUTABLE_PATH;
    try {
      expect(findBrowser()?.path).toMatch(/headless-shell$/);
      expect(findBrowser('/usr/bin/chromium')).toEqual({ path: '/usr/bin/chromium', from: 'option' });
    } finally {
      if (saved !== undefined) process.env.PUPPETEER_EXECUTABLE_PATH = saved;
    }
  });
});

describe('puppeteer', () => {
  it("is puppeteer-core's single-file build, with the two Node parts put back", async () => {
    expect(await puppeteerBuild()).toBe('single-file');
  });
});

/**
 * The full browser keeps a singleton socket in a folder of its own in the temporary directory,
 * which a killed Chromium leaves behind; the headless shell makes none.
 */
function singletonSocket(profileDir: string, real: string): string | undefined {
  const link = join(profileDir, 'SingletonSocket');
  if (/headless[-_]shell/.test(real)) {
    expect(existsSync(link), 'the headless shell made a singleton socket').toBe(false);
    return undefined;
  }
  const socket = readlinkSync(link);
  expect(existsSync(socket)).toBe(true);
  return socket;
}

describe.skipIf(skip).each(browsers)(
  'spawnChromium + connectChromium ($real)',
  ({ path: browserPath, real }) => {
    it('drives Chromium, and close() ends the process and removes its profile', async () => {
      const chromium = spawnChromium(browserPath);
      expect(existsSync(chromium.profileDir)).toBe(true);
      const browser = await connectChromium(chromium);
      const page = await browser.newPage();
      expect(await page.evaluate(() => navigator.userAgent)).toMatch(/HeadlessChrome/);
      expect(await page.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([800, 600]);
      // setContent (document.write, stubbed in the web build) and a script read from a file (node:fs).
      await page.setContent('<!DOCTYPE html><title>t</title><p id="p">hello</p>');
      const script = join(chromium.profileDir, 'x.js');
      writeFileSync(script, 'document.getElementById("p").textContent = "from a file";');
      await page.addScriptTag({ path: script });
      expect(await page.$eval('#p', (p) => p.textContent)).toBe('from a file');
      const png = await page.screenshot({ type: 'png' });
      expect(Buffer.from(png).subarray(1, 4).toString()).toBe('PNG');
      const socket = singletonSocket(chromium.profileDir, real);
      await browser.close();
      expect(chromium.proc.exitCode ?? chromium.proc.signalCode).not.toBeNull();
      expect(existsSync(chromium.profileDir)).toBe(false);
      if (socket) expect(existsSync(dirname(socket))).toBe(false);
    });

    it('releaseBrowser: killed, profile and socket folder gone at once; the process goes by itself', async () => {
      const chromium = spawnChromium(browserPath);
      const browser = await connectChromium(chromium);
      expect(await (await browser.pages())[0]!.evaluate('1 + 1')).toBe(2);
      const socket = singletonSocket(chromium.profileDir, real);
      await releaseBrowser(browser);
      expect(existsSync(chromium.profileDir)).toBe(false);
      if (socket) expect(existsSync(dirname(socket))).toBe(false);
      await chromium.exited;
      expect(chromium.proc.signalCode).toBe('SIGKILL');
    });

    it('a Chromium that dies leaves no profile, and close() still returns', async () => {
      const chromium = spawnChromium(browserPath);
      const browser = await connectChromium(chromium);
      chromium.proc.kill('SIGKILL');
      await chromium.exited;
      await browser.close();
      expect(existsSync(chromium.profileDir)).toBe(false);
    });

    it('a browser that cannot start is an error, not a hang', async () => {
      const chromium = spawnChromium('/nonexistent/chromium');
      await expect(connectChromium(chromium)).rejects.toThrow();
      expect(existsSync(chromium.profileDir)).toBe(false);
    });
  },
);
