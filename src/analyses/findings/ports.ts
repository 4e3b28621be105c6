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
      // 4789 without an owning process is the kernel's VXLAN socket: the kernel keys it by port
      // and family only (vxlan_sock_add has no local address) and binds it to every address,
      // whatever `--data-path-addr` says (that only picks the source of what the node sends). So
      // no Docker option narrows it; only the host's INPUT rules limit who can send to it.
      const kernelVxlan = s.port === 4789 && hits.every((h) => h.pid === undefined);
      out.push(
        finding(
          'swarm-ports-exposed',
          `${s.transport}/${s.port}`,
          t(kernelVxlan ? 'fd.swarm-ports-exposed.vxlan' : 'fd.swarm-ports-exposed', {
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
