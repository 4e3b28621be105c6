/**
 * The underlay interface of a node (the one holding its swarm address) with an MTU smaller
 * than an overlay's MTU + 50 bytes of VXLAN encapsulation.
 *
 *   2: eth0: <...> mtu 1400      and in 1-<id>: vxlan0 mtu 1450 (needs 1500)
 *
 * The overlay MTU is the vxlan device's in the node's overlay namespace, else the network's
 * `com.docker.network.driver.mtu` option, else Docker's default 1450.
 */
import { translator } from '../../i18n/index.js';
import { clusterFinding, nodeName } from './make.js';
import type { ClusterFinding, ClusterFindingFamily } from './types.js';

export const VXLAN_OVERHEAD = 50;
const DEFAULT_OVERLAY_MTU = 1450;

export const underlayMtu: ClusterFindingFamily = {
  id: 'underlay-mtu',
  kinds: ['underlay-mtu-too-small'],
  run: ({ cluster, nodes, lang }) => {
    const t = translator(lang ?? 'en');
    const out: ClusterFinding[] = [];
    for (const o of cluster.overlays)
      for (const on of o.onNode) {
        const n = cluster.nodes.find((x) => x.key === on.node);
        const underlay = n?.underlay;
        if (!n || underlay?.mtu === undefined) continue;
        const net = nodes.find((i) => i.step === n.step)?.model.dockerNetworks.find((x) => x.id === o.id);
        const opt = Number(net?.options['com.docker.network.driver.mtu']);
        const mtu = on.vxlanMtu ?? (Number.isInteger(opt) && opt > 0 ? opt : DEFAULT_OVERLAY_MTU);
        const from =
          on.vxlanMtu !== undefined ? 'device' : Number.isInteger(opt) && opt > 0 ? 'option' : 'default';
        if (underlay.mtu >= mtu + VXLAN_OVERHEAD) continue;
        out.push(
          clusterFinding(
            'underlay-mtu-too-small',
            `${nodeName(cluster, n.key)} ${underlay.interface}: ${o.name}`,
            t('cfd.underlay-mtu', {
              iface: underlay.interface,
              node: nodeName(cluster, n.key),
              mtu: underlay.mtu,
              overlay: o.name,
              overlayMtu: mtu,
              from,
              needed: mtu + VXLAN_OVERHEAD,
            }),
            [...n.evidence.filter((e) => /ip-/.test(e.file)).slice(0, 1), ...on.evidence.slice(1, 2)],
          ),
        );
      }
    return out;
  },
};
