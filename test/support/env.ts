/**
 * Prerequisites of tests that need root, unshare or Chromium. On a laptop without them the test
 * is skipped with a loud message; under CI (CI=true) a missing prerequisite is a failure, because
 * .ci/run installs everything and a silent skip there would hide a broken setup.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from '../../src/render/browser.js';

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Returns a reason when a prerequisite is missing (and throws in CI), undefined when all is there. */
export function missing(what: Record<string, boolean>): string | undefined {
  const absent = Object.entries(what)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  if (absent.length === 0) return undefined;
  const reason = `missing ${absent.join(', ')}`;
  if (inCI) throw new Error(`CI must provide ${absent.join(', ')} (see .ci/run)`);
  console.warn(`\n*** SKIPPING: ${reason}. These tests run in CI (.ci/run installs what they need). ***\n`);
  return reason;
}

/**
 * The Chromium to use in tests. As root, it is wrapped in `unshare --net` so that even a bug in
 * request blocking could not reach any network: the browser's namespace has no interface but a
 * down loopback (puppeteer talks to it over a pipe).
 */
export function testBrowserPath(): string | undefined {
  const found = findBrowser();
  return found ? isolatedBrowser(found.path) : undefined;
}

/** `path` wrapped as testBrowserPath says (as root, in a network namespace of its own). */
function isolatedBrowser(path: string): string {
  if (!isRoot() || !hasCommand('unshare')) {
    console.warn(
      '\n*** Chromium runs WITHOUT network isolation (not root or no unshare); requests are still blocked. ***\n',
    );
    return path;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dockernet-chromium-'));
  const wrapper = join(dir, 'chromium-netns');
  writeFileSync(wrapper, `#!/bin/sh\nexec unshare --net -- ${JSON.stringify(path)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/**
 * Every browser the start-up tests drive: the one dockernet finds (the headless shell when it is
 * installed) and Debian's full chromium when that is another, since users may have either
 * (`.ci/run` installs both). `path` is what to run, `real` the browser behind it.
 */
export function testBrowsers(): { path: string; real: string }[] {
  const found = findBrowser()?.path;
  const reals = [...new Set([found, '/usr/bin/chromium'].filter((p): p is string => !!p && existsSync(p)))];
  return reals.map((real) => ({ path: isolatedBrowser(real), real }));
}
