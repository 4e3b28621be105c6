/**
 * Ports open to every network: published container ports and the swarm ports.
 *
 *   /usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 60000 -container-ip 172.17.0.2 -container-port 8080
 *   tcp6   0   0 :::2377   :::*   LISTEN   880/dockerd
 */
import type { FindingFamily } from '../types.js';
import { evidenceList, hostNs, isWildcardAddress } from '../util.js';
import { finding } from './make.js';

const SWARM: { port: number; transport: 'tcp' | 'udp'; what: string }[] = [
  { port: 2377, transport: 'tcp', what: 'swarm cluster management (managers)' },
  { port: 7946, transport: 'tcp', what: 'swarm gossip' },
  { port: 7946, transport: 'udp', what: 'swarm gossip' },
  { port: 4789, transport: 'udp', what: 'VXLAN overlay data' },
];

export const ports: FindingFamily = {
  id: 'ports',
  kinds: ['published-on-all-addresses', 'swarm-ports-exposed'],
  run: ({ model }) => {
    const out = [];
    const groups = new Map<string, typeof model.publishedPorts>();
    for (const p of model.publishedPorts.filter((x) => isWildcardAddress(x.hostIp))) {
      const k = `${p.proto}/${p.hostPort}`;
      groups.set(k, [...(groups.get(k) ?? []), p]);
    }
    for (const [k, ps] of groups) {
      const p = ps[0]!;
      out.push(
        finding(
          'published-on-all-addresses',
          k,
          `Host port ${p.hostPort}/${p.proto} on ${[...new Set(ps.map((x) => x.hostIp || '0.0.0.0'))].join(' and ')} is forwarded to ${
            p.container ? `container ${p.container} ` : ''
          }${p.containerIp ?? '?'}:${p.containerPort ?? '?'}.`,
          evidenceList(ps.flatMap((x) => x.evidence)),
        ),
      );
    }
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
