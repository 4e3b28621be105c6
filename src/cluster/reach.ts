/**
 * Reachability across the nodes of a swarm: the first packet from a container on node A to an
 * overlay address, followed over the VXLAN tunnel to the node that holds it (docs/reachability.md,
 * "Across nodes"). Each piece is the single-host evaluator (src/reach) on the node it happens on:
 *
 *   node1 container:c1       route, OUTPUT, POSTROUTING, veth into the overlay namespace
 *   node1 netns:1-<id>       bridge br0: no local port for 10.60.0.6; the neighbour table
 *                            (`10.60.0.6 dev vxlan0 lladdr 02:42:0a:3c:00:06 PERMANENT`) puts it
 *                            behind vxlan0; bridge FORWARD; the fdb entry
 *                            (`02:42:0a:3c:00:06 dev vxlan0 dst 10.99.0.13`) names the VTEP
 *   node1 host               the encapsulated udp/4789 packet (the vxlan socket lives in the
 *                            namespace that made the device: the host), locally generated:
 *                            route to the VTEP, OUTPUT, POSTROUTING, out of eth0
 *   node3 host               received on eth0: PREROUTING, INPUT, the kernel's vxlan socket on
 *                            udp 4789 (listed with no process); the overlay namespace whose vxlan
 *                            device has the packet's VNI takes it
 *   node3 netns:1-<id>       vxlan0 -> br0 -> veth
 *   node3 container:c3       PREROUTING, INPUT, the socket
 *   then the reply's tunnel  node3 host -> node1 host, udp/4789 again: a new flow for both hosts'
 *                            conntrack (the vxlan source port is a hash of the inner flow), so
 *                            a rule that drops it there breaks the connection as surely
 *
 * What is not modelled says `unknown` with the reason: encrypted overlays (ESP), service VIPs
 * and ingress published ports (IPVS). Pure: reads the models, returns JSON.
 */

import { type Lang, type Translator, translator } from '../i18n/index.js';
import type { ModelInterface, ModelNamespace, StepModel } from '../model/types.js';
import { sameAddress } from '../reach/addr.js';
import { routeLookup } from '../reach/route.js';
import { containerByRef, primaryAddress, traceArrival, tracePacket } from '../reach/trace.js';
import type { Hop, PacketPath, Verdict } from '../reach/types.js';
import { at } from './evidence.js';
import { nodeByAddress } from './nodes.js';
import type { ClusterEvidence, ClusterModel, ClusterNode, ClusterOverlay } from './types.js';

export const VXLAN_PORT = 4789;

export interface ClusterHop extends Omit<Hop, 'evidence'> {
  /** The node the hop happens on (its hostname). */
  node: string;
  evidence: ClusterEvidence[];
}

export interface ClusterTarget {
  address: string;
  port: number;
  proto: 'tcp' | 'udp';
}

export interface ClusterPath {
  from: { node: string; container: string };
  to: ClusterTarget;
  verdict: Verdict;
  /** Why, in one sentence, naming the node: "node3: dropped by rule 1 of filter INPUT ...". */
  reason: string;
  delivered?: { node: string; namespace: string; socket: string; pid?: number; program?: string };
  /** The VXLAN leg, when the packet crossed (or was to cross) to another node. */
  tunnel?: {
    network?: string;
    vni?: number;
    mac?: string;
    fromNode: string;
    toNode?: string;
    vtep?: string;
  };
  hops: ClusterHop[];
  assumptions: string[];
}

/** The models of the nodes: `models[k]` is the bundle of report step k + 1 (as buildClusterModel). */
export interface ClusterReachInput {
  cluster: ClusterModel;
  models: StepModel[];
  /** The language of the single-host paths' text (src/reach/trace.ts); English by default. */
  lang?: Lang;
}

/** A node by hostname, key, node id (or a unique prefix of it), or address. */
export function findNode(cluster: ClusterModel, ref: string): ClusterNode | undefined {
  const exact = cluster.nodes.find(
    (n) => n.hostname === ref || n.key === ref || n.nodeId === ref || n.address === ref,
  );
  if (exact) return exact;
  const byPrefix = cluster.nodes.filter((n) => n.nodeId?.startsWith(ref));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

/** The nodes (with a bundle) that have a container of this name. */
export function nodesWithContainer(input: ClusterReachInput, name: string): ClusterNode[] {
  return input.cluster.nodes.filter((n) => {
    const m = n.step !== undefined ? input.models[n.step - 1] : undefined;
    return m !== undefined && containerByRef(m.containers, name) !== undefined;
  });
}

const nameOf = (n: ClusterNode) => n.hostname || n.address || n.key;

function vxlanPort(ns: ModelNamespace, bridge?: string): ModelInterface | undefined {
  return ns.interfaces.find(
    (i) => (i.kind === 'vxlan' || i.vni !== undefined) && (bridge === undefined || i.master === bridge),
  );
}

/** The neighbour entry Docker programmed for a remote endpoint on the vxlan device. */
function neighbourOn(ns: ModelNamespace, dev: string, addr: string) {
  return ns.neighbours?.find((n) => n.dev === dev && n.lladdr && sameAddress(n.address, addr));
}

function fdbOn(ns: ModelNamespace, dev: string, mac: string) {
  const m = mac.toLowerCase();
  return ns.fdb?.find((e) => e.dev === dev && e.mac.toLowerCase() === m);
}

/** The overlay a node's namespace belongs to. */
function overlayOf(cluster: ClusterModel, node: string, nsId: string): ClusterOverlay | undefined {
  return cluster.overlays.find((o) => o.onNode.some((x) => x.node === node && x.namespace === nsId));
}

/** Where a VXLAN packet is sent from: the route's preferred source, else its device's address. */
function sourceFor(host: ModelNamespace, dst: string): string | undefined {
  const r = routeLookup(host, dst, {});
  if (r.type !== 'unicast') return undefined;
  return r.prefsrc ?? primaryAddress(host, r.dev, 'inet');
}

class Builder {
  readonly hops: ClusterHop[] = [];
  readonly assumptions = new Set<string>();
  tunnel?: ClusterPath['tunnel'];

  constructor(
    private readonly input: ClusterReachInput,
    readonly from: ClusterPath['from'],
    readonly to: ClusterTarget,
  ) {}

  /** For tracePacket and traceArrival: the language of their text. */
  get lang(): { lang?: Lang } {
    return this.input.lang ? { lang: this.input.lang } : {};
  }

  /** The words of the cross-node path (`ct.*` in the catalogs), in the input's language. */
  get t(): Translator {
    return translator(this.input.lang ?? 'en');
  }

  /** Append a single-host path's hops, on the node of report step `step`. */
  add(node: ClusterNode, path: PacketPath, stagePrefix = ''): void {
    for (const h of path.hops)
      this.hops.push({
        ...h,
        stage: `${stagePrefix}${h.stage}`,
        node: nameOf(node),
        evidence: h.evidence.flatMap((e) => at(node.step ?? 0, e)),
      });
    // The first-packet assumption is said once for the whole path (traceCluster).
    const first = this.t('tr.a.first-packet');
    for (const a of path.assumptions) if (a !== first) this.assumptions.add(`${nameOf(node)}: ${a}`);
  }

  hop(node: ClusterNode, namespace: string, stage: string, detail: string, evidence: ClusterEvidence[] = []) {
    this.hops.push({ node: nameOf(node), namespace, stage, detail, evidence });
  }

  end(verdict: Verdict, reason: string, delivered?: ClusterPath['delivered']): ClusterPath {
    const p: ClusterPath = {
      from: this.from,
      to: this.to,
      verdict,
      reason,
      hops: this.hops,
      assumptions: [...this.assumptions],
    };
    if (delivered) p.delivered = delivered;
    if (this.tunnel) p.tunnel = this.tunnel;
    return p;
  }

  modelOf(n: ClusterNode): StepModel | undefined {
    return n.step !== undefined ? this.input.models[n.step - 1] : undefined;
  }
}

/**
 * The encapsulated packet from node `a` to VTEP `vtep` (node `b`), both hosts' halves: `a`
 * sends it (OUTPUT, POSTROUTING, out of the underlay), `b` receives it (PREROUTING, INPUT) on the
 * kernel's vxlan socket, handed to the overlay namespace whose vxlan device has `vni`.
 * Returns that namespace and device, or how it ended.
 */
function crossTunnel(
  bld: Builder,
  a: ClusterNode,
  b: ClusterNode,
  vtep: string,
  vni: number | undefined,
  network: ClusterOverlay | undefined,
  what: string,
): { ns: ModelNamespace; vx: ModelInterface } | { verdict: Verdict; reason: string } {
  const t = bld.t;
  // `what` is the stage prefix ('VXLAN', 'reply VXLAN'); the text says which way in words.
  const dir = what.startsWith('reply') ? 'reply' : 'out';
  const ma = bld.modelOf(a);
  const mb = bld.modelOf(b);
  const hostA = ma?.namespaces.find((n) => n.id === 'host');
  if (!ma || !hostA)
    return {
      verdict: 'unknown',
      reason: t('tr.r.unknown', { why: t('ct.w.no-host-ns', { node: nameOf(a) }) }),
    };
  if (!mb)
    return {
      verdict: 'unknown',
      reason: t('tr.r.unknown', { why: t('ct.w.no-bundle', { node: nameOf(b), vtep }) }),
    };
  const src = sourceFor(hostA, vtep);
  const out = tracePacket(
    ma,
    {
      from: { kind: 'host' },
      ...(src ? { src } : {}),
      dst: vtep,
      proto: 'udp',
      dport: VXLAN_PORT,
    },
    bld.lang,
  );
  bld.add(a, out, `${what}: `);
  if (out.verdict !== 'left-host') {
    const v: Verdict =
      out.verdict === 'rejected'
        ? 'dropped'
        : out.verdict === 'delivered' || out.verdict === 'no-listener'
          ? 'unknown'
          : out.verdict;
    const note =
      out.verdict === 'rejected' ? 'rejected' : v === 'unknown' && out.verdict !== 'unknown' ? 'own' : '';
    return {
      verdict: v,
      reason: t('ct.r.send', { node: nameOf(a), dir, port: VXLAN_PORT, vtep, reason: out.reason, note }),
    };
  }
  const uplink = b.underlay?.interface;
  if (!uplink || !src)
    return {
      verdict: 'unknown',
      reason: t('tr.r.unknown', { why: t('ct.w.no-underlay', { node: nameOf(b), vtep, from: nameOf(a) }) }),
    };
  const inB = tracePacket(
    mb,
    {
      from: { kind: 'outside', uplink },
      src,
      dst: vtep,
      proto: 'udp',
      dport: VXLAN_PORT,
    },
    bld.lang,
  );
  bld.add(b, inB, `${what}: `);
  if (inB.verdict === 'dropped' || inB.verdict === 'rejected')
    return {
      verdict: 'dropped',
      reason: t('ct.r.receive-dropped', {
        node: nameOf(b),
        dir,
        port: VXLAN_PORT,
        from: nameOf(a),
        src,
        reason: inB.reason,
        rejected: inB.verdict === 'rejected' ? 'yes' : '',
      }),
    };
  if (inB.verdict !== 'delivered' && inB.verdict !== 'no-listener')
    return {
      verdict: inB.verdict,
      reason: t('ct.r.receive', {
        node: nameOf(b),
        dir,
        port: VXLAN_PORT,
        from: nameOf(a),
        reason: inB.reason,
      }),
    };
  if (vni === undefined)
    return {
      verdict: 'unknown',
      reason: t('tr.r.unknown', { why: t('ct.w.no-vni', { node: nameOf(a), other: nameOf(b) }) }),
    };
  // The kernel's vxlan socket: listed without a process (or not at all). The receiver is the
  // vxlan device with the packet's VNI, in whichever namespace it was moved to.
  const candidates = mb.namespaces.filter((n) => n.role === 'overlay');
  let hit: { ns: ModelNamespace; vx: ModelInterface } | undefined;
  for (const ns of candidates) {
    const vx = vxlanPort(ns);
    if (vx && vx.vni === vni) hit = { ns, vx };
  }
  if (!hit) {
    const theirs = network?.onNode.find((x) => x.node === b.key);
    const mismatch =
      theirs?.kernelVni !== undefined
        ? t('ct.w.vni-other', { network: network?.name ?? '', kernel: theirs.kernelVni, vni: vni ?? '?' })
        : network && !network.nodes.includes(b.key)
          ? t('ct.w.not-on', { network: network.name, node: nameOf(b) })
          : t('ct.w.no-vni-device', { node: nameOf(b), vni: vni ?? '?' });
    bld.hop(
      b,
      'host',
      'vxlan',
      t('ct.h.no-vni-device', { vni: vni ?? '?', node: nameOf(b) }),
      theirs?.evidence ?? [],
    );
    return {
      verdict: 'dropped',
      reason: t('ct.r.vni-mismatch', { node: nameOf(b), dir, vni: vni ?? '?', mismatch }),
    };
  }
  if (inB.verdict === 'no-listener')
    bld.assumptions.add(
      t('ct.a.vxlan-socket', { node: nameOf(b), port: VXLAN_PORT, ns: hit.ns.id, dev: hit.vx.name }),
    );
  bld.hop(
    b,
    hit.ns.id,
    'vxlan',
    t('ct.h.decapsulated', { dev: hit.vx.name, vni: hit.vx.vni ?? '?', ns: hit.ns.id, port: VXLAN_PORT }),
    at(b.step ?? 0, hit.vx.evidence),
  );
  return hit;
}

/**
 * The overlay's next hop for `addr` behind the vxlan device of `ns` on node `node`: the MAC
 * from the neighbour table, then the VTEP from the fdb, then the node with that address.
 */
function lookupRemote(
  bld: Builder,
  cluster: ClusterModel,
  node: ClusterNode,
  ns: ModelNamespace,
  vx: ModelInterface,
  addr: string,
  what: string,
): { mac: string; vtep: string; to: ClusterNode | undefined } | { verdict: Verdict; reason: string } {
  const t = bld.t;
  const step = node.step ?? 0;
  if (!ns.neighbours)
    return {
      verdict: 'unknown',
      reason: t('tr.r.unknown', { why: t('ct.w.no-neigh', { where: `${nameOf(node)} ${ns.id}` }) }),
    };
  const nb = neighbourOn(ns, vx.name, addr);
  if (!nb?.lladdr) {
    bld.hop(
      node,
      ns.id,
      `${what}neighbour`,
      t('ct.h.no-neigh', { addr, dev: vx.name }),
      at(step, vx.evidence),
    );
    return {
      verdict: 'no-route',
      reason: t('ct.r.no-neigh', { node: nameOf(node), addr, dev: vx.name, ns: ns.id }),
    };
  }
  if (!ns.fdb)
    return {
      verdict: 'unknown',
      reason: t('tr.r.unknown', { why: t('ct.w.no-fdb', { where: `${nameOf(node)} ${ns.id}` }) }),
    };
  const fdb = fdbOn(ns, vx.name, nb.lladdr);
  if (!fdb) {
    bld.hop(
      node,
      ns.id,
      `${what}fdb`,
      t('ct.h.no-fdb', { mac: nb.lladdr, dev: vx.name }),
      at(step, nb.evidence),
    );
    return {
      verdict: 'no-route',
      reason: t('ct.r.no-fdb', { node: nameOf(node), mac: nb.lladdr, addr, dev: vx.name, ns: ns.id }),
    };
  }
  const to = nodeByAddress(cluster, fdb.dst);
  bld.hop(
    node,
    ns.id,
    `${what}vxlan`,
    t('ct.h.remote', {
      addr,
      mac: nb.lladdr,
      vtep: fdb.dst,
      node: to ? nameOf(to) : '',
      vni: vx.vni ?? '?',
    }),
    [...at(step, nb.evidence), ...at(step, fdb.evidence)],
  );
  return { mac: nb.lladdr, vtep: fdb.dst, to };
}

/** `node3 container:c3`: the node and the namespace where a single-host path ended. */
function endedIn(node: ClusterNode, path: PacketPath): string {
  const ns = path.hops.at(-1)?.namespace;
  return ns ? `${nameOf(node)} ${ns}` : nameOf(node);
}

/** Is the address a service VIP, or a published port of the ingress routing mesh? (IPVS) */
function ipvsTarget(cluster: ClusterModel, to: ClusterTarget, t: Translator): string | undefined {
  const svc = cluster.services.find(
    (s) => s.vip !== undefined && sameAddress(s.vip.split('/')[0] ?? '', to.address),
  );
  if (svc) return t('tr.r.unknown', { why: t('ct.w.vip', { addr: to.address, service: svc.name }) });
  const node = nodeByAddress(cluster, to.address);
  if (node && cluster.ingress.some((p) => p.proto === to.proto && p.port === to.port))
    return t('tr.r.unknown', { why: t('ct.w.ingress', { port: `${to.proto}/${to.port}` }) });
  return undefined;
}

/** The first packet from container `from.container` on node `from.node` to `to`, across nodes. */
export function traceCluster(
  input: ClusterReachInput,
  from: { node: string; container: string },
  to: ClusterTarget,
): ClusterPath {
  const { cluster } = input;
  const a = findNode(cluster, from.node);
  const bld = new Builder(input, { node: a ? nameOf(a) : from.node, container: from.container }, to);
  const t = bld.t;
  bld.assumptions.add(t('ct.a.first-packet'));
  const ma = a ? bld.modelOf(a) : undefined;
  if (!a || !ma)
    return bld.end('unknown', t('tr.r.unknown', { why: t('ct.w.no-node-bundle', { node: from.node }) }));
  const ipvs = ipvsTarget(cluster, to, t);
  if (ipvs) return bld.end('unknown', ipvs);

  let exitMac: string | undefined;
  const pathA = tracePacket(
    ma,
    { from: { kind: 'container', name: from.container }, dst: to.address, proto: to.proto, dport: to.port },
    {
      ...bld.lang,
      bridgeMiss: (ns, br, nh) => {
        if (ns.role !== 'overlay') return undefined;
        const vx = vxlanPort(ns, br);
        if (!vx) return undefined;
        if (!ns.neighbours)
          return {
            verdict: 'unknown',
            reason: t('tr.r.unknown', { why: t('ct.w.no-neigh', { where: ns.id }) }),
            detail: t('ct.h.no-neigh-table', { nh, dev: vx.name }),
            evidence: [vx.evidence],
          };
        const nb = neighbourOn(ns, vx.name, nh);
        if (!nb?.lladdr)
          return {
            verdict: 'no-route',
            reason: t('ct.r.no-neigh-here', { nh, dev: vx.name, ns: ns.id }),
            detail: t('ct.h.no-neigh-here', { nh, dev: vx.name }),
            evidence: [vx.evidence],
          };
        exitMac = nb.lladdr;
        return {
          port: vx.name,
          detail: t('ct.h.not-here', { nh, dev: vx.name, vni: vx.vni ?? '?', mac: nb.lladdr }),
          evidence: [nb.evidence],
        };
      },
    },
  );
  bld.add(a, pathA);
  if (!pathA.exit || exitMac === undefined) {
    const d = pathA.delivered;
    return bld.end(
      pathA.verdict,
      `${endedIn(a, pathA)}: ${pathA.reason}`,
      d ? { node: nameOf(a), ...d } : undefined,
    );
  }
  const nsA = ma.namespaces.find((n) => n.id === pathA.exit?.namespace)!;
  const vxA = nsA.interfaces.find((i) => i.name === pathA.exit?.ifname)!;
  const overlay = overlayOf(cluster, a.key, nsA.id);
  const inner = pathA.exit.packet;
  bld.tunnel = {
    fromNode: nameOf(a),
    mac: exitMac,
    ...(overlay ? { network: overlay.name } : {}),
    ...(vxA.vni !== undefined ? { vni: vxA.vni } : {}),
  };
  const net = overlay ? ma.dockerNetworks.find((n) => n.id === overlay.id) : undefined;
  if (net && Object.keys(net.options).some((k) => k === 'encrypted' || k.endsWith('.encrypted')))
    return bld.end('unknown', t('tr.r.unknown', { why: t('ct.w.encrypted', { network: net.name }) }));
  if (!nsA.fdb)
    return bld.end(
      'unknown',
      t('tr.r.unknown', { why: t('ct.w.no-fdb', { where: `${nameOf(a)} ${nsA.id}` }) }),
    );
  const e = fdbOn(nsA, vxA.name, exitMac);
  if (!e) {
    bld.hop(a, nsA.id, 'fdb', t('ct.h.no-fdb', { mac: exitMac, dev: vxA.name }));
    return bld.end(
      'no-route',
      t('ct.r.no-fdb', { node: nameOf(a), mac: exitMac, addr: to.address, dev: vxA.name, ns: nsA.id }),
    );
  }
  const b = nodeByAddress(cluster, e.dst);
  bld.tunnel.vtep = e.dst;
  if (b) bld.tunnel.toNode = nameOf(b);
  bld.hop(
    a,
    nsA.id,
    'vxlan',
    t('ct.h.encapsulated', { mac: exitMac, vtep: e.dst, node: b ? nameOf(b) : '', vni: vxA.vni ?? '?' }),
    at(a.step ?? 0, e.evidence),
  );
  if (!b) return bld.end('left-host', t('ct.r.no-node', { node: nameOf(a), vtep: e.dst }));
  if (b.key === a.key)
    return bld.end(
      'unknown',
      t('tr.r.unknown', { why: t('ct.w.own-vtep', { node: nameOf(a), vtep: e.dst }) }),
    );
  const there = crossTunnel(bld, a, b, e.dst, vxA.vni, overlay, 'VXLAN');
  if ('verdict' in there) return bld.end(there.verdict, there.reason);
  const mb = bld.modelOf(b)!;
  const pathB = traceArrival(
    mb,
    { namespace: there.ns.id, ifname: there.vx.name },
    {
      from: { kind: 'namespace', id: there.ns.id },
      src: inner.src,
      dst: inner.dst,
      proto: to.proto,
      dport: inner.dport,
      sport: inner.sport,
    },
    bld.lang,
  );
  bld.add(b, pathB);
  const answered =
    pathB.verdict === 'delivered' || pathB.verdict === 'no-listener' || pathB.verdict === 'rejected';
  const endB = (): ClusterPath =>
    bld.end(
      pathB.verdict,
      `${endedIn(b, pathB)}: ${pathB.reason}`,
      pathB.delivered ? { node: nameOf(b), ...pathB.delivered } : undefined,
    );
  if (!answered) return endB();
  // The answer (SYN-ACK, RST, ICMP) goes back through the tunnel the other way: node b's
  // overlay namespace finds the source's MAC and VTEP, and b -> a udp/4789 is a new flow.
  bld.assumptions.add(t('ct.a.answer'));
  const back = lookupRemote(bld, cluster, b, there.ns, there.vx, inner.src, 'reply: ');
  if ('verdict' in back)
    return bld.end(
      back.verdict === 'unknown' ? 'unknown' : 'dropped',
      t('ct.r.no-answer', { reason: back.reason }),
    );
  if (!back.to || back.to.key !== a.key)
    return bld.end(
      'dropped',
      t('ct.r.answer-elsewhere', {
        node: nameOf(b),
        vtep: back.vtep,
        to: back.to ? nameOf(back.to) : '',
        from: nameOf(a),
      }),
    );
  const home = crossTunnel(bld, b, a, back.vtep, there.vx.vni, overlay, 'reply VXLAN');
  if ('verdict' in home)
    return bld.end(
      home.verdict === 'unknown' ? 'unknown' : 'dropped',
      t('ct.r.no-answer', { reason: home.reason }),
    );
  return endB();
}
