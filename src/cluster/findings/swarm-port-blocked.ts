/**
 * A swarm port of a node that another node cannot reach: the packet path (src/reach) from the
 * other node's address, arriving on this node's underlay interface, is dropped or rejected.
 *
 *   -A INPUT -p udp -m udp --dport 4789 -j DROP
 */
import { translator } from '../../i18n/index.js';
import { tracePacket } from '../../reach/index.js';
import { atAll } from '../evidence.js';
import { clusterFinding, nodeName } from './make.js';
import { SWARM_PORTS } from './swarm-ports.js';
import type { ClusterFinding, ClusterFindingFamily } from './types.js';

export const swarmPortBlocked: ClusterFindingFamily = {
  id: 'swarm-port-blocked',
  kinds: ['swarm-port-blocked'],
  run: ({ cluster, nodes, lang }) => {
    const t = translator(lang ?? 'en');
    const out: ClusterFinding[] = [];
    for (const i of nodes) {
      const self = cluster.nodes.find((n) => n.step === i.step);
      if (!self?.address || !self.underlay) continue;
      if (!i.model.namespaces.find((n) => n.id === 'host')?.firewall) continue;
      for (const p of SWARM_PORTS) {
        if (p.managersOnly && self.role !== 'manager') continue;
        for (const other of cluster.nodes) {
          if (other.key === self.key || !other.address) continue;
          const path = tracePacket(
            i.model,
            {
              from: { kind: 'outside', uplink: self.underlay.interface },
              src: other.address,
              dst: self.address,
              proto: p.proto,
              dport: p.port,
            },
            lang ? { lang } : {},
          );
          if (path.verdict !== 'dropped' && path.verdict !== 'rejected') continue;
          out.push(
            clusterFinding(
              'swarm-port-blocked',
              `${nodeName(cluster, self.key)} ${p.proto}/${p.port}`,
              t('cfd.swarm-port-blocked', {
                port: `${p.port}/${p.proto}`,
                what: t(`cfd.port.${p.what}`),
                other: nodeName(cluster, other.key),
                otherAddress: other.address,
                node: nodeName(cluster, self.key),
                address: self.address,
                verdict: path.verdict,
                reason: path.reason,
              }),
              atAll(
                i.step,
                path.hops.flatMap((h) => h.evidence),
              ).slice(-3),
            ),
          );
        }
      }
    }
    return out;
  },
};
