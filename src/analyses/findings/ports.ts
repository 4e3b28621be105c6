/**
 * Swarm ports open to every network (published container ports are judged by their packet
 * paths in paths.ts).
 *
 *   tcp6   0   0 :::2377   :::*   LISTEN   880/dockerd
 */
import type { FindingFamily } from '../types.js';
import { evidenceList, hostNs, tr } from '../util.js';
import { finding } from './make.js';

/** `what`: the port's role, a message id. */
const SWARM: {
  port: number;
  transport: 'tcp' | 'udp';
  what: 'fd.swarm.manage' | 'fd.swarm.gossip' | 'fd.swarm.vxlan';
}[] = [
  { port: 2377, transport: 'tcp', what: 'fd.swarm.manage' },
  { port: 7946, transport: 'tcp', what: 'fd.swarm.gossip' },
  { port: 7946, transport: 'udp', what: 'fd.swarm.gossip' },
  { port: 4789, transport: 'udp', what: 'fd.swarm.vxlan' },
];

export const ports: FindingFamily = {
  id: 'ports',
  kinds: ['swarm-ports-exposed'],
  run: (input) => {
    const { model } = input;
    const t = tr(input);
    const out = [];
    const socks = hostNs(model)?.sockets ?? [];
    for (const s of SWARM) {
      const hits = socks.filter(
        (x) =>
          x.localPortNumber === s.port &&
          x.transport === s.transport &&
          x.wildcard &&
          (x.listening || x.transport === 'udp'),
      );
      if (!hits.length) continue;
      out.push(
        finding(
          'swarm-ports-exposed',
          `${s.transport}/${s.port}`,
          t('fd.swarm-ports-exposed', {
            port: s.port,
            transport: s.transport,
            what: t(s.what),
            addrs: hits.map((h) => (h.localAddress.includes(':') ? `[${h.localAddress}]` : h.localAddress)),
          }),
          evidenceList(hits.map((h) => h.evidence)),
          s.port === 4789 ? 'high' : undefined,
        ),
      );
    }
    return out;
  },
};
