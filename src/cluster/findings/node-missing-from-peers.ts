/**
 * A node that has an overlay network (it is in its own inspect) but that another node with the
 * same network does not list in its `Peers`.
 *
 *   "Peers": [ { "Name": "dc2a50a93cf5", "IP": "10.99.0.2" } ]     (node2 10.99.0.3 missing)
 */
import { clusterFinding, nodeName } from './make.js';
import type { ClusterFinding, ClusterFindingFamily } from './types.js';

export const nodeMissingFromPeers: ClusterFindingFamily = {
  id: 'node-missing-from-peers',
  kinds: ['node-missing-from-peers'],
  run: ({ cluster }) => {
    const out: ClusterFinding[] = [];
    for (const o of cluster.overlays) {
      for (const viewer of o.onNode) {
        if (!viewer.peers) continue;
        for (const key of o.nodes) {
          if (key === viewer.node) continue;
          const n = cluster.nodes.find((x) => x.key === key);
          if (!n?.address || viewer.peers.includes(n.address)) continue;
          const own = o.onNode.find((x) => x.node === key);
          out.push(
            clusterFinding(
              'node-missing-from-peers',
              `${o.name}: ${nodeName(cluster, key)}`,
              `${nodeName(cluster, key)} (${n.address}) has the overlay ${o.name}, but the Peers list of ${nodeName(cluster, viewer.node)} for it has only ${viewer.peers.join(', ') || 'no address'}.`,
              [...viewer.evidence.slice(0, 1), ...(own?.evidence.slice(0, 1) ?? [])],
            ),
          );
        }
      }
    }
    return out;
  },
};
