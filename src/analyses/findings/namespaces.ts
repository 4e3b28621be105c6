/**
 * Namespaces that are not what they seem: files under Docker's `<exec-root>/netns` that are no
 * namespace any more (identity.ts tells them apart from sandboxes).
 *
 *   -r--r--r-- 1 root root 0 Dec  6 10:02 0123456789ab       (a plain empty file: nothing mounted)
 */
import type { FindingFamily } from '../types.js';
import { evidenceList, tr } from '../util.js';
import { finding } from './make.js';

export const namespaces: FindingFamily = {
  id: 'namespaces',
  kinds: ['stale-namespace-file'],
  run: (input) =>
    input.model.staleNamespaces.map((s) =>
      finding(
        'stale-namespace-file',
        s.path ?? s.name,
        tr(input)('fd.stale-namespace-file', {
          path: s.path ?? s.name,
          reason: s.reason,
          container: s.leftBy ?? '',
        }),
        evidenceList(s.evidence),
      ),
    ),
};
