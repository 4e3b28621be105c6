/**
 * Swarm ports bound to every address, raised only where a packet from the LAN is delivered to
 * them: the packet-path evaluator (src/reach) follows one from the uplink's neighbour, and one
 * from each source address the host's rules single out for the port, through the host's
 * firewall (published container ports are judged by their packet paths in paths.ts).
 *
 *   tcp6   0   0 :::2377   :::*   LISTEN   880/dockerd
 *   -A INPUT -s 10.99.0.12/32 -p udp -m udp --dport 4789 -j DROP    (from 10.99.0.12 only)
 */
import type { Translator } from '../../i18n/index.js';
import type { FwRule } from '../../model/firewall.js';
import type { Evidence, StepModel } from '../../model/types.js';
import { tracePacket } from '../../reach/index.js';
import { outsideAddress, uplinksOf } from '../../reach/trace.js';
import type { PacketPath } from '../../reach/types.js';
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
      const lan = lanPaths(input.model, s.transport, s.port, input.lang);
      const delivered = lan.some((r) => r.path.verdict === 'delivered');
      const decided = lan.some((r) => r.path.verdict !== 'unknown');
      // Not raised when every traced packet is stopped (dropped, rejected, no listener): the
      // port is bound to every address but the host's firewall keeps the LAN out. Raised when
      // one is delivered, or when the evaluator could not decide any (no uplink in the capture,
      // a rule it cannot evaluate): then the detail says so.
      if (lan.length && !delivered && decided) continue;
      // 4789 without an owning process is the kernel's VXLAN socket: the kernel keys it by port
      // and family only (vxlan_sock_add has no local address) and binds it to every address,
      // whatever `--data-path-addr` says (that only picks the source of what the node sends). So
      // no Docker option narrows it; only the host's INPUT rules limit who can send to it.
      const kernelVxlan = s.port === 4789 && hits.every((h) => h.pid === undefined);
      out.push(
        finding(
          'swarm-ports-exposed',
          `${s.transport}/${s.port}`,
          [
            t(kernelVxlan ? 'fd.swarm-ports-exposed.vxlan' : 'fd.swarm-ports-exposed', {
              port: s.port,
              transport: s.transport,
              what: t(s.what),
              addrs: hits.map((h) => (h.localAddress.includes(':') ? `[${h.localAddress}]` : h.localAddress)),
            }),
            // No rule set captured at all: nothing to say about the LAN beyond the bind (the
            // paths would all read "unknown, no firewall capture").
            !lan.length ? t('fd.swarm.lan-none') : hostNs(input.model)?.firewall ? lanText(t, lan) : '',
          ]
            .filter(Boolean)
            .join(' '),
          evidenceList(
            hits.map((h) => h.evidence),
            lan.map((r) => decisive(r.path)?.evidence[0]),
          ),
          s.port === 4789 ? 'high' : undefined,
        ),
      );
    }
    return out;
  },
};

interface LanPath {
  uplink: string;
  src: string;
  /** A source a rule of the host singles out (else the uplink's gateway or neighbour). */
  singled: boolean;
  path: PacketPath;
}

/**
 * A packet from the LAN to the port on each address of the host's uplinks: from the default
 * neighbour, then from each source a rule of the host names for this port (`-s 10.99.0.12/32
 * -p udp --dport 4789 -j DROP`), kept only where its verdict differs from the default's.
 */
function lanPaths(
  model: StepModel,
  proto: 'tcp' | 'udp',
  port: number,
  lang: Parameters<typeof tr>[0]['lang'],
) {
  const host = hostNs(model);
  if (!host) return [];
  const out: LanPath[] = [];
  for (const uplink of uplinksOf(host)) {
    const iface = host.interfaces.find((i) => i.name === uplink);
    for (const family of ['inet', 'inet6'] as const) {
      const dst = iface?.addresses.find((a) => a.family === family && a.scope !== 'link')?.address;
      const from = outsideAddress(host, uplink, family);
      if (!dst || !from) continue;
      const trace = (src: string) =>
        tracePacket(
          model,
          { from: { kind: 'outside', uplink }, src, dst, proto, dport: port },
          lang ? { lang } : {},
        );
      const base = trace(from);
      out.push({ uplink, src: from, singled: false, path: base });
      for (const src of singledOut(model, family, proto, port)) {
        if (src === from) continue;
        const p = trace(src);
        if (p.verdict !== base.verdict || decisive(p)?.rule?.text !== decisive(base)?.rule?.text)
          out.push({ uplink, src, singled: true, path: p });
      }
    }
  }
  return out;
}

/** Source addresses (one per CIDR) of the host's rules that can match this port. */
function singledOut(model: StepModel, family: 'inet' | 'inet6', proto: string, port: number): string[] {
  const fam = family === 'inet' ? 'ipv4' : 'ipv6';
  const rules: FwRule[] = (hostNs(model)?.firewall?.tables ?? [])
    .filter((tb) => tb.family === fam || tb.family === 'inet')
    .flatMap((tb) => tb.chains.flatMap((c) => c.rules));
  const out = new Set<string>();
  for (const r of rules) {
    if (r.matches.some((m) => m.kind === 'proto' && !m.negate && m.proto !== proto)) continue;
    const ports = r.matches.filter((m) => m.kind === 'port' && m.dir === 'dport');
    if (
      ports.some((m) => m.kind === 'port' && m.negate === m.ranges.some(([a, b]) => port >= a && port <= b))
    )
      continue;
    for (const m of r.matches)
      if (m.kind === 'addr' && m.dir === 'src' && !m.negate)
        for (const c of m.cidrs) {
          const a = representative(c, family);
          if (a) out.add(a);
        }
  }
  return [...out].slice(0, 16);
}

/** An address inside `cidr`: itself for a host route, the first host of an IPv4 network. */
function representative(cidr: string, family: 'inet' | 'inet6'): string | undefined {
  const [addr, len] = cidr.split('/');
  if (!addr || addr.includes(':') !== (family === 'inet6')) return undefined;
  const bits = len === undefined ? (family === 'inet' ? 32 : 128) : Number(len);
  if (family === 'inet6') return bits === 128 ? addr : undefined;
  if (bits >= 31) return addr;
  const n = addr.split('.').reduce((v, o) => v * 256 + Number(o), 0);
  const first = Math.floor(n / 2 ** (32 - bits)) * 2 ** (32 - bits) + 1;
  return [24, 16, 8, 0].map((sh) => Math.floor(first / 2 ** sh) % 256).join('.');
}

/** The hop that decided: the rule of a drop or reject, else the last hop. */
function decisive(p: PacketPath) {
  return [...p.hops].reverse().find((h) => h.rule) ?? p.hops.at(-1);
}

function lanText(t: Translator, lan: LanPath[]): string {
  return lan
    .map((r) => {
      const h = decisive(r.path);
      const ev: Evidence | undefined = h?.evidence[0];
      const args = {
        src: r.src,
        uplink: r.uplink,
        dst: r.path.packet.dst,
        port: r.path.packet.dport,
        verdict: r.path.verdict,
        reason: r.path.reason,
        rule: h?.rule?.text ?? '',
        at: ev ? `${ev.file}:${ev.line ?? ''}`.replace(/:$/, '') : '',
      };
      return t(r.singled ? 'fd.swarm.lan-src' : 'fd.swarm.lan', args);
    })
    .join(' ');
}
