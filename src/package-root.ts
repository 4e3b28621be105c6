/**
 * The package's root folder (where package.json, templates/ and collector/ are), found from this
 * module's own location by walking up: the same answer from src/ (tsx), dist/ (tsc) and
 * dist/app/ (the CLI bundled by esbuild, where every module shares one file's location).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; ) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`dockernet: no package root above ${from}`);
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
