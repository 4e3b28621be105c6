/**
 * Swarm ports open to every network (published container ports are judged by their packet
 * paths in paths.ts).
 *
 *   tcp6   0   0 :::2377   :::*   LISTEN   880/dockerd
 */
import type { FindingFamily } from '../types.js';
import { evidenceList, hostNs } from '../util.js';
import { finding } from './make.js';

const SWARM: { port: number; transport: 'tcp' | 'udp'; what: string }[] = [
  { port: 2377, transport: 'tcp', what: 'swarm cluster management (managers)' },
  { port: 7946, transport: 'tcp', what: 'swarm gossip' },
  { port: 7946, transport: 'udp', what: 'swarm gossip' },
  { port: 4789, transport: 'udp', what: 'VXLAN overlay data' },
];

export const ports: FindingFamily = {
  id: 'ports',
  kinds: ['swarm-ports-exposed'],
  run: ({ model }) => {
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
          `${s.port}/${s.transport} (${s.what}) is bound to ${hits.map((h) => (h.localAddress.includes(':') ? `[${h.localAddress}]` : h.localAddress)).join(' and ')}, every address of the host.`,
          evidenceList(hits.map((h) => h.evidence)),
          s.port === 4789 ? 'high' : undefined,
        ),
      );
    }
    return out;
  },
};
