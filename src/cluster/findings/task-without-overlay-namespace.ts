/**
 * A container or service task on an overlay network on a node whose bundle has no `1-<id>`
 * namespace for that network, although the collector entered Docker's namespaces there (some
 * other sandbox namespace was captured: otherwise nothing is known).
 */
import { overlayNamespace } from '../overlays.js';
import { clusterFinding, nodeName } from './make.js';
import type { ClusterFinding, ClusterFindingFamily } from './types.js';

export const taskWithoutOverlayNamespace: ClusterFindingFamily = {
  id: 'task-without-overlay-namespace',
  kinds: ['task-without-overlay-namespace'],
  run: ({ cluster, nodes }) => {
    const out: ClusterFinding[] = [];
    const seen = new Set<string>();
    const check = (
      nodeKey: string | undefined,
      networkId: string,
      networkName: string,
      who: string,
      evidence: ClusterFinding['evidence'],
    ) => {
      const n = cluster.nodes.find((x) => x.key === nodeKey);
      const input = nodes.find((i) => i.step === n?.step);
      if (!n || !input || seen.has(`${n.key} ${networkId} ${who}`)) return;
      seen.add(`${n.key} ${networkId} ${who}`);
      if (!input.model.namespaces.some((x) => x.kind === 'sandbox')) return;
      if (overlayNamespace(input.model, networkId)) return;
      out.push(
        clusterFinding(
          'task-without-overlay-namespace',
          `${nodeName(cluster, n.key)}: ${networkName}`,
          `${who} is on the overlay ${networkName} on ${nodeName(cluster, n.key)}, whose bundle has no namespace 1-${networkId.slice(0, 10)} for that network.`,
          evidence,
        ),
      );
    };
    for (const o of cluster.overlays)
      for (const c of o.containers) check(c.node, o.id, o.name, `Container ${c.name}`, [c.evidence]);
    for (const s of cluster.services)
      for (const t of s.tasks)
        check(t.node, s.network, s.networkName, `Task ${t.name}`, s.evidence.slice(0, 1));
    return out;
  },
};
