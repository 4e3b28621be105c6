/**
 * Arguments -> bundles, for `dockernet fleet` (one per host) and `report --cluster` (one per node,
 * src/cluster/bundles.ts). An argument is a bundle
 * (a .tar.gz, or a folder holding manifest.json or the layout's folders) or a folder of bundles:
 * its .tar.gz/.tgz files and bundle folders, recursively (the playbook fetches into folders by
 * host), sorted by path so that a run is reproducible. Symlinks in a folder of bundles are not
 * followed (a link could point anywhere on the reader's machine). An argument that does not
 * exist stays in the list: reading it fails and the index shows the error.
 */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ARCHIVE = /\.(tar\.gz|tgz)$/i;
const LAYOUT = ['manifest.json', 'host', 'docker', 'containers', 'netns'];
/** Folders of folders are walked this deep at most. */
const MAX_DEPTH = 4;

export function isBundleDir(dir: string): boolean {
  return LAYOUT.some((n) => existsSync(join(dir, n)));
}

export function expandBundleInputs(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (!existsSync(arg) || !statSync(arg).isDirectory() || isBundleDir(arg)) out.push(arg);
    else walk(arg, 0, out);
  }
  return out;
}

function walk(dir: string, depth: number, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isFile() && ARCHIVE.test(name)) out.push(p);
    else if (st.isDirectory()) {
      if (isBundleDir(p)) out.push(p);
      else if (depth < MAX_DEPTH) walk(p, depth + 1, out);
    }
  }
}
