/**
 * A node that has an overlay network (it is in its own inspect) but that another node with the
 * same network does not list in its `Peers`.
 *
 *   "Peers": [ { "Name": "dc2a50a93cf5", "IP": "10.99.0.2" } ]     (node2 10.99.0.3 missing)
 */
import { translator } from '../../i18n/index.js';
import { clusterFinding, nodeName } from './make.js';
import type { ClusterFinding, ClusterFindingFamily } from './types.js';

export const nodeMissingFromPeers: ClusterFindingFamily = {
  id: 'node-missing-from-peers',
  kinds: ['node-missing-from-peers'],
  run: ({ cluster, lang }) => {
    const t = translator(lang ?? 'en');
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
              t('cfd.node-missing-from-peers', {
                node: nodeName(cluster, key),
                address: n.address,
                overlay: o.name,
                viewer: nodeName(cluster, viewer.node),
                peers: viewer.peers,
              }),
              [...viewer.evidence.slice(0, 1), ...(own?.evidence.slice(0, 1) ?? [])],
            ),
          );
        }
      }
    }
    return out;
  },
};
