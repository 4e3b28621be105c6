/**
 * Namespaces that are not what they seem: files under Docker's `<exec-root>/netns` that are no
 * namespace any more (identity.ts tells them apart from sandboxes).
 *
 *   -r--r--r-- 1 root root 0 Dec  6 10:02 0123456789ab       (a plain empty file: nothing mounted)
 */
import type { FindingFamily } from '../types.js';
import { evidenceList } from '../util.js';
import { finding } from './make.js';

export const namespaces: FindingFamily = {
  id: 'namespaces',
  kinds: ['stale-namespace-file'],
  run: ({ model }) =>
    model.staleNamespaces.map((s) =>
      finding(
        'stale-namespace-file',
        s.path ?? s.name,
        `${s.path ?? s.name} is no network namespace (${s.reason})${s.leftBy ? `; it was the sandbox of container ${s.leftBy}` : ''}.`,
        evidenceList(s.evidence),
      ),
    ),
};
