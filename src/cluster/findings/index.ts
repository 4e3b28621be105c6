/**
 * The cluster finding registry: every family, listed explicitly. A family that throws becomes a
 * `cluster-analysis-error` finding, never a failed run. To add a kind: add it to
 * `ClusterFindingKind`, give it text in catalogue.ts, raise it in a family file here, and test
 * both ways in test/cluster-findings.test.ts.
 */
import type { Severity } from '../../analyses/types.js';
import { translator } from '../../i18n/index.js';
import { nodeMissingFromPeers } from './node-missing-from-peers.js';
import { swarmPortBlocked } from './swarm-port-blocked.js';
import { swarmPortOutside } from './swarm-port-outside.js';
import { taskWithoutOverlayNamespace } from './task-without-overlay-namespace.js';
import type { ClusterFinding, ClusterFindingFamily, ClusterFindingInput } from './types.js';
import { underlayMtu } from './underlay-mtu.js';
import { vniMismatch } from './vni-mismatch.js';

export { clusterFindingInfo, clusterFindingText } from './catalogue.js';

export const clusterFindingFamilies: readonly ClusterFindingFamily[] = [
  nodeMissingFromPeers,
  vniMismatch,
  underlayMtu,
  swarmPortBlocked,
  swarmPortOutside,
  taskWithoutOverlayNamespace,
];

const ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };

export function runClusterFindings(
  input: ClusterFindingInput,
  families: readonly ClusterFindingFamily[] = clusterFindingFamilies,
): ClusterFinding[] {
  const out: ClusterFinding[] = [];
  for (const f of families) {
    try {
      out.push(...f.run(input));
    } catch (e) {
      out.push({
        kind: 'cluster-analysis-error',
        severity: 'info',
        subject: f.id,
        detail: translator(input.lang ?? 'en')('cfd.failed', {
          check: f.id,
          error: (e as Error)?.message ?? String(e),
        }),
        evidence: [],
      });
    }
  }
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
