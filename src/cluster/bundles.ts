/**
 * The inputs of `dockernet report --cluster`: bundles (`.tar.gz` or unpacked folders), or folders
 * of bundles (what the Ansible playbook fetches: one per host), found as `dockernet fleet` finds
 * them (src/bundle/inputs.ts). A folder with no bundle in it stays as given: reading it says why.
 */
import { expandBundleInputs } from '../bundle/inputs.js';

export function expandClusterInputs(inputs: string[]): string[] {
  return inputs.flatMap((input) => {
    const found = expandBundleInputs([input]);
    return found.length ? found : [input];
  });
}
