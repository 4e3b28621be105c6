/**
 * An overlay whose VNI is not the same everywhere: between the nodes' engines
 * (`vxlanid_list`), or between a node's engine and its kernel's vxlan device.
 *
 *   "com.docker.network.driver.overlay.vxlanid_list": "4097"   vs   vxlan id 4098
 */
import { translator } from '../../i18n/index.js';
import { clusterFinding, nodeName } from './make.js';
import type { ClusterFindingFamily } from './types.js';

export const vniMismatch: ClusterFindingFamily = {
  id: 'vni-mismatch',
  kinds: ['vni-mismatch'],
  run: ({ cluster, lang }) =>
    cluster.overlays
      .filter((o) => o.vnis.length > 1)
      .map((o) =>
        clusterFinding(
          'vni-mismatch',
          o.name,
          translator(lang ?? 'en')('cfd.vni-mismatch', {
            overlay: o.name,
            vnis: o.vnis.map(String),
            nodes: o.onNode
              .map((x) =>
                translator(lang ?? 'en')('cfd.vni-node', {
                  node: nodeName(cluster, x.node),
                  vnis: x.vnis.join(',') || '?',
                  kernel: x.kernelVni !== undefined ? String(x.kernelVni) : '',
                }),
              )
              .join('; '),
          }),
          o.onNode.flatMap((x) => x.evidence),
        ),
      ),
};
