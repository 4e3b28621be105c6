/**
 * The ingress path (routing mesh) of each published service port, node by node. On every node
 * of the swarm the port is published: the host's nat `DOCKER-INGRESS` chain DNATs it to the
 * ingress sandbox on docker_gwbridge, the sandbox's mangle PREROUTING marks it, and IPVS in the
 * sandbox balances it to the tasks over the ingress overlay.
 *
 *   -A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080
 *   -A PREROUTING -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x100/0xffffffff   (in ingress_sbox)
 *
 * Ports come from the nodes' DNAT rules (what the kernel does) and from the services' `Ports`
 * (what the engine says); a node without the rule for a port the others have is where the
 * path breaks. IPVS is only recorded where the kernel has it (`/proc/net/ip_vs`).
 */
import type { FwRule } from '../model/firewall-types.js';
import type { ModelNamespace } from '../model/types.js';
import { at } from './evidence.js';
import type { ClusterStage, NodeInput } from './input.js';
import { nodeKeyOf } from './nodes.js';
import { publishedPortOf } from './services.js';
import type { IngressHop, IngressPath } from './types.js';

type Proto = 'tcp' | 'udp';

const portOf = (r: FwRule): { proto?: Proto; port?: number } => {
  const proto = r.matches.find((m) => m.kind === 'proto' && !m.negate);
  const dport = r.matches.find((m) => m.kind === 'port' && m.dir === 'dport' && !m.negate);
  const p = proto?.kind === 'proto' ? proto.proto : undefined;
  const range = dport?.kind === 'port' && dport.ranges.length === 1 ? dport.ranges[0] : undefined;
  return {
    ...(p === 'tcp' || p === 'udp' ? { proto: p } : {}),
    ...(range && range[0] === range[1] ? { port: range[0] } : {}),
  };
};

function chainRules(ns: ModelNamespace | undefined, table: string, chain: string): FwRule[] {
  return (ns?.firewall?.tables ?? [])
    .filter((t) => t.name === table && (t.family === 'ipv4' || t.family === 'inet'))
    .flatMap((t) => t.chains.filter((c) => c.name === chain).flatMap((c) => c.rules));
}

/** The DNAT rules of DOCKER-INGRESS on a node, by `proto/port`. */
function ingressDnats(i: NodeInput): Map<string, FwRule> {
  const host = i.model.namespaces.find((n) => n.id === 'host');
  const out = new Map<string, FwRule>();
  for (const r of chainRules(host, 'nat', 'DOCKER-INGRESS')) {
    const { proto, port } = portOf(r);
    if (r.target.kind === 'dnat' && proto && port) out.set(`${proto}/${port}`, r);
  }
  return out;
}

function hopOf(i: NodeInput, proto: Proto, port: number): IngressHop {
  const node = nodeKeyOf(i);
  const dnat = ingressDnats(i).get(`${proto}/${port}`);
  const sbox = i.model.namespaces.find((n) => n.role === 'ingress');
  const hop: IngressHop = {
    node,
    ingressSandbox: !!sbox,
    ipvs: sbox?.captured.some((c) => c === 'ipvsadm' || c === 'proc-net-ip-vs') ? 'captured' : 'not-captured',
    evidence: [],
  };
  if (dnat?.target.kind === 'dnat') {
    hop.dnatTo = dnat.target.to;
    hop.evidence.push(...at(i.step, dnat.evidence));
  }
  const mark = chainRules(sbox, 'mangle', 'PREROUTING').find((r) => {
    const x = portOf(r);
    return x.port === port && (x.proto ?? proto) === proto;
  });
  if (mark) {
    hop.mark = mark.target.kind === 'continue' && mark.target.setMark ? mark.target.setMark : mark.text;
    hop.evidence.push(...at(i.step, mark.evidence));
  }
  return hop;
}

export const ingress: ClusterStage = {
  id: 'ingress',
  build(inputs, model) {
    const ports = new Map<string, { proto: Proto; port: number; service?: string }>();
    for (const i of inputs)
      for (const [k, r] of ingressDnats(i)) {
        const { proto, port } = portOf(r);
        if (proto && port && !ports.has(k)) ports.set(k, { proto, port });
      }
    for (const s of model.services)
      for (const text of s.ports) {
        const p = publishedPortOf(text);
        if (!p) continue;
        const k = `${p.proto}/${p.port}`;
        const seen = ports.get(k);
        if (seen) seen.service ??= s.name;
        else ports.set(k, { proto: p.proto, port: p.port, service: s.name });
      }
    model.ingress = [...ports.values()]
      .sort((a, b) => a.port - b.port || a.proto.localeCompare(b.proto))
      .map((p): IngressPath => ({ ...p, hops: inputs.map((i) => hopOf(i, p.proto, p.port)) }));
  },
};
