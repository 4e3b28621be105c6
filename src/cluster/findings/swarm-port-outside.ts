/**
 * A swarm port of a node that a packet from outside the cluster reaches through its firewall:
 * the packet path (src/reach) from an address of no node (a documentation address, RFC 5737)
 * on the node's underlay interface is delivered to the engine's socket.
 */
import { translator } from '../../i18n/index.js';
import { tracePacket } from '../../reach/index.js';
import { atAll } from '../evidence.js';
import type { ClusterEvidence } from '../types.js';
import { clusterFinding, nodeName } from './make.js';
import { SWARM_PORTS } from './swarm-ports.js';
import type { ClusterFinding, ClusterFindingFamily } from './types.js';

/** TEST-NET-3: never a node of the cluster. */
export const OUTSIDE_SOURCE = '203.0.113.7';

export const swarmPortOutside: ClusterFindingFamily = {
  id: 'swarm-port-outside',
  kinds: ['swarm-port-reachable-from-outside'],
  run: ({ cluster, nodes, lang }) => {
    const t = translator(lang ?? 'en');
    const out: ClusterFinding[] = [];
    for (const i of nodes) {
      const self = cluster.nodes.find((n) => n.step === i.step);
      if (!self?.address || !self.underlay || self.address.includes(':')) continue;
      if (!i.model.namespaces.find((n) => n.id === 'host')?.firewall) continue;
      // One finding per node, naming every port that gets through (four findings a node said the
      // same thing four times).
      const open: { what: string; reason: string; evidence: ClusterEvidence[]; vxlan: boolean }[] = [];
      for (const p of SWARM_PORTS) {
        if (p.managersOnly && self.role !== 'manager') continue;
        const path = tracePacket(
          i.model,
          {
            from: { kind: 'outside', uplink: self.underlay.interface },
            src: OUTSIDE_SOURCE,
            dst: self.address,
            proto: p.proto,
            dport: p.port,
          },
          lang ? { lang } : {},
        );
        if (path.verdict !== 'delivered') continue;
        open.push({
          what: `${p.port}/${p.proto} (${t(`cfd.port.${p.what}`)})`,
          reason: path.reason,
          evidence: atAll(
            i.step,
            path.hops.flatMap((h) => h.evidence),
          ).slice(-2),
          vxlan: p.port === 4789,
        });
      }
      if (!open.length) continue;
      out.push(
        clusterFinding(
          'swarm-port-reachable-from-outside',
          `${nodeName(cluster, self.key)} ${self.address}`,
          t('cfd.swarm-port-outside', {
            source: OUTSIDE_SOURCE,
            node: nodeName(cluster, self.key),
            address: self.address,
            open: open.map((o) => `${o.what}, ${o.reason}`).join('; '),
          }),
          open.flatMap((o) => o.evidence),
          open.some((o) => o.vxlan) ? 'high' : undefined,
        ),
      );
    }
    return out;
  },
};
