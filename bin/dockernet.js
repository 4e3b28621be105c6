#!/usr/bin/env node
// Entry point. Runs the compiled CLI (built by `npm ci` through the prepare script) when it is at
// least as new as every source file: the esbuild bundle dist/app/cli.js (a few files: fastest
// to load), else tsc's dist/cli.js; otherwise the TypeScript sources through tsx, so an edited
// checkout never runs stale code and a checkout without a build still works.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = join(root, 'dist', 'app', 'cli.js');
const compiled = existsSync(bundled) ? bundled : join(root, 'dist', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function distIsFresh() {
  if (process.env.DOCKERNET_FROM_SOURCE || !existsSync(compiled)) return false;
  const src = join(root, 'src');
  return !existsSync(src) || newestMtime(src) <= statSync(compiled).mtimeMs;
}

let mod;
if (distIsFresh()) {
  mod = await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
}
process.exitCode = await mod.main(process.argv);
// The run is done: exit now instead of when the event loop drains. A run with a browser leaves
// puppeteer's timers behind (a 100 ms wait per page session that closed when Chromium was
// killed), which only delayed the exit by 50-70 ms (DOCKERNET_TIMINGS=1: "files written" to
// "exit"). What is still buffered for stdout and stderr is written first.
await new Promise((resolve) => process.stdout.write('', resolve));
await new Promise((resolve) => process.stderr.write('', resolve));
process.exit();
