#!/usr/bin/env node
// Entry point. Runs the compiled CLI from dist/ when it exists (fast start), else the TypeScript
// sources through tsx, so a fresh clone works right after `npm ci` without a build step.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'cli.js');
let mod;
if (existsSync(compiled) && !process.env.DOCKERNET_FROM_SOURCE) {
  mod = await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
}
process.exitCode = await mod.main(process.argv);
