/**
 * The inputs of `dockernet report --cluster`: bundles (`.tar.gz` or unpacked folders), or a
 * folder of bundles (what the Ansible playbook fetches: one per host), expanded in name order.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const isBundleDir = (p: string) => existsSync(join(p, 'manifest.json'));

export function expandClusterInputs(inputs: string[]): string[] {
  return inputs.flatMap((input) => {
    if (!existsSync(input) || !statSync(input).isDirectory() || isBundleDir(input)) return [input];
    const found = readdirSync(input)
      .sort()
      .map((f) => join(input, f))
      .filter((p) => (statSync(p).isDirectory() ? isBundleDir(p) : /\.(tar\.gz|tgz)$/.test(p)));
    // A folder holding one unpacked bundle under its own top folder is a bundle too.
    return found.length ? found : [input];
  });
}
