/**
 * An overlay whose VNI is not the same everywhere: between the nodes' engines
 * (`vxlanid_list`), or between a node's engine and its kernel's vxlan device.
 *
 *   "com.docker.network.driver.overlay.vxlanid_list": "4097"   vs   vxlan id 4098
 */
import { clusterFinding, nodeName } from './make.js';
import type { ClusterFindingFamily } from './types.js';

export const vniMismatch: ClusterFindingFamily = {
  id: 'vni-mismatch',
  kinds: ['vni-mismatch'],
  run: ({ cluster }) =>
    cluster.overlays
      .filter((o) => o.vnis.length > 1)
      .map((o) =>
        clusterFinding(
          'vni-mismatch',
          o.name,
          `The overlay ${o.name} has VNIs ${o.vnis.join(', ')}: ${o.onNode
            .map(
              (x) =>
                `${nodeName(cluster, x.node)} engine ${x.vnis.join(',') || '?'}${x.kernelVni !== undefined ? `, kernel ${x.kernelVni}` : ''}`,
            )
            .join('; ')}.`,
          o.onNode.flatMap((x) => x.evidence),
        ),
      ),
};
