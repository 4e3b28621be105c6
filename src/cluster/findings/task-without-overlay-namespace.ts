/**
 * A container or service task on an overlay network on a node whose bundle has no `1-<id>`
 * namespace for that network, although the collector entered Docker's namespaces there (some
 * other sandbox namespace was captured: otherwise nothing is known).
 */
import { translator } from '../../i18n/index.js';
import { overlayNamespace } from '../overlays.js';
import { clusterFinding, nodeName } from './make.js';
import type { ClusterFinding, ClusterFindingFamily } from './types.js';

export const taskWithoutOverlayNamespace: ClusterFindingFamily = {
  id: 'task-without-overlay-namespace',
  kinds: ['task-without-overlay-namespace'],
  run: ({ cluster, nodes, lang }) => {
    const out: ClusterFinding[] = [];
    const seen = new Set<string>();
    const check = (
      nodeKey: string | undefined,
      networkId: string,
      networkName: string,
      who: { kind: 'container' | 'task'; name: string },
      evidence: ClusterFinding['evidence'],
    ) => {
      const n = cluster.nodes.find((x) => x.key === nodeKey);
      const input = nodes.find((i) => i.step === n?.step);
      if (!n || !input || seen.has(`${n.key} ${networkId} ${who.kind} ${who.name}`)) return;
      seen.add(`${n.key} ${networkId} ${who.kind} ${who.name}`);
      if (!input.model.namespaces.some((x) => x.kind === 'sandbox')) return;
      if (overlayNamespace(input.model, networkId)) return;
      out.push(
        clusterFinding(
          'task-without-overlay-namespace',
          `${nodeName(cluster, n.key)}: ${networkName}`,
          translator(lang ?? 'en')('cfd.task-without-overlay-namespace', {
            who: who.kind,
            name: who.name,
            overlay: networkName,
            node: nodeName(cluster, n.key),
            namespace: `1-${networkId.slice(0, 10)}`,
          }),
          evidence,
        ),
      );
    };
    for (const o of cluster.overlays)
      for (const c of o.containers)
        check(c.node, o.id, o.name, { kind: 'container', name: c.name }, [c.evidence]);
    for (const s of cluster.services)
      for (const t of s.tasks)
        check(t.node, s.network, s.networkName, { kind: 'task', name: t.name }, s.evidence.slice(0, 1));
    return out;
  },
};
