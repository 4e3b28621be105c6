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
    for (const a of path.assumptions)
      if (!a.startsWith('first packet of a connection')) this.assumptions.add(`${nameOf(node)}: ${a}`);
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
  const ma = bld.modelOf(a);
  const mb = bld.modelOf(b);
  const hostA = ma?.namespaces.find((n) => n.id === 'host');
  if (!ma || !hostA)
    return { verdict: 'unknown', reason: `unknown, because ${nameOf(a)}'s host namespace is not captured` };
  if (!mb)
    return { verdict: 'unknown', reason: `unknown, because no bundle of ${nameOf(b)} (${vtep}) was given` };
  const src = sourceFor(hostA, vtep);
  const out = tracePacket(ma, {
    from: { kind: 'host' },
    ...(src ? { src } : {}),
    dst: vtep,
    proto: 'udp',
    dport: VXLAN_PORT,
  });
  bld.add(a, out, `${what}: `);
  if (out.verdict !== 'left-host') {
    const v: Verdict =
      out.verdict === 'rejected'
        ? 'dropped'
        : out.verdict === 'delivered' || out.verdict === 'no-listener'
          ? 'unknown'
          : out.verdict;
    const note =
      out.verdict === 'rejected'
        ? " (the error goes to the kernel's vxlan socket, not to the container: the connection times out)"
        : v === 'unknown' && out.verdict !== 'unknown'
          ? ` (the VTEP ${vtep} is ${nameOf(a)}'s own address)`
          : '';
    return {
      verdict: v,
      reason: `${nameOf(a)}: ${what}, udp/${VXLAN_PORT} to ${vtep}: ${out.reason}${note}`,
    };
  }
  const uplink = b.underlay?.interface;
  if (!uplink || !src)
    return {
      verdict: 'unknown',
      reason: `unknown, because ${nameOf(b)}'s underlay interface holding ${vtep} (or ${nameOf(a)}'s source address towards it) is not known`,
    };
  const inB = tracePacket(mb, {
    from: { kind: 'outside', uplink },
    src,
    dst: vtep,
    proto: 'udp',
    dport: VXLAN_PORT,
  });
  bld.add(b, inB, `${what}: `);
  if (inB.verdict === 'dropped' || inB.verdict === 'rejected')
    return {
      verdict: 'dropped',
      reason: `${nameOf(b)}: ${what}, udp/${VXLAN_PORT} from ${nameOf(a)} (${src}): ${inB.reason}${inB.verdict === 'rejected' ? ' (the ICMP error goes to the sending kernel, not to the container: the connection times out)' : ''}`,
    };
  if (inB.verdict !== 'delivered' && inB.verdict !== 'no-listener')
    return {
      verdict: inB.verdict,
      reason: `${nameOf(b)}: ${what}, udp/${VXLAN_PORT} from ${nameOf(a)}: ${inB.reason}`,
    };
  if (vni === undefined)
    return {
      verdict: 'unknown',
      reason: `unknown, because the VNI of ${nameOf(a)}'s vxlan device is not in the capture (which of ${nameOf(b)}'s devices takes it?)`,
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
        ? `its namespace for ${network?.name} has VNI ${theirs.kernelVni}, not ${vni}`
        : network && !network.nodes.includes(b.key)
          ? `${network.name} is not on ${nameOf(b)}`
          : `no overlay namespace of ${nameOf(b)} has a vxlan device with VNI ${vni ?? '?'}`;
    bld.hop(
      b,
      'host',
      'vxlan',
      `no vxlan device with VNI ${vni ?? '?'} on ${nameOf(b)}: the kernel drops the frame`,
      theirs?.evidence ?? [],
    );
    return {
      verdict: 'dropped',
      reason: `${nameOf(b)}: ${what} arrives, but VNI ${vni ?? '?'} matches no vxlan device there (${mismatch})`,
    };
  }
  if (inB.verdict === 'no-listener')
    bld.assumptions.add(
      `${nameOf(b)}: no socket on udp ${VXLAN_PORT} in the capture: the kernel's vxlan socket of ${hit.ns.id} ${hit.vx.name} taken as the receiver`,
    );
  bld.hop(
    b,
    hit.ns.id,
    'vxlan',
    `decapsulated by ${hit.vx.name} (VNI ${hit.vx.vni}) of ${hit.ns.id}: the kernel's vxlan socket on udp ${VXLAN_PORT} belongs to it`,
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
  const step = node.step ?? 0;
  if (!ns.neighbours)
    return {
      verdict: 'unknown',
      reason: `unknown, because the neighbour table of ${nameOf(node)} ${ns.id} was not captured`,
    };
  const nb = neighbourOn(ns, vx.name, addr);
  if (!nb?.lladdr) {
    bld.hop(
      node,
      ns.id,
      `${what}neighbour`,
      `no neighbour entry for ${addr} on ${vx.name}: nothing answers ARP`,
      at(step, vx.evidence),
    );
    return {
      verdict: 'no-route',
      reason: `${nameOf(node)}: no neighbour entry for ${addr} on ${vx.name} of ${ns.id} (the engine programs one per remote endpoint; none has this address)`,
    };
  }
  if (!ns.fdb)
    return {
      verdict: 'unknown',
      reason: `unknown, because the forwarding database of ${nameOf(node)} ${ns.id} was not captured`,
    };
  const fdb = fdbOn(ns, vx.name, nb.lladdr);
  if (!fdb) {
    bld.hop(
      node,
      ns.id,
      `${what}fdb`,
      `no forwarding entry for ${nb.lladdr} on ${vx.name}: no VTEP to send to`,
      at(step, nb.evidence),
    );
    return {
      verdict: 'no-route',
      reason: `${nameOf(node)}: no forwarding entry (bridge fdb) for ${nb.lladdr} (${addr}) on ${vx.name} of ${ns.id}: the kernel knows no node to send it to`,
    };
  }
  const to = nodeByAddress(cluster, fdb.dst);
  bld.hop(
    node,
    ns.id,
    `${what}vxlan`,
    `${addr} is ${nb.lladdr} (neighbour entry); ${nb.lladdr} is behind VTEP ${fdb.dst}${to ? ` (${nameOf(to)})` : ''} (fdb): encapsulated with VNI ${vx.vni ?? '?'}`,
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
function ipvsTarget(cluster: ClusterModel, to: ClusterTarget): string | undefined {
  const svc = cluster.services.find(
    (s) => s.vip !== undefined && sameAddress(s.vip.split('/')[0] ?? '', to.address),
  );
  if (svc)
    return `unknown, because ${to.address} is the VIP of service ${svc.name}: VIPs are load-balanced by IPVS, which is not modelled`;
  const node = nodeByAddress(cluster, to.address);
  if (node && cluster.ingress.some((p) => p.proto === to.proto && p.port === to.port))
    return `unknown, because ${to.proto}/${to.port} is published through the ingress routing mesh (IPVS), which is not modelled`;
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
  bld.assumptions.add('first packet of a connection: conntrack state NEW in every namespace it crosses');
  const ma = a ? bld.modelOf(a) : undefined;
  if (!a || !ma) return bld.end('unknown', `unknown, because no bundle of a node ${from.node} was given`);
  const ipvs = ipvsTarget(cluster, to);
  if (ipvs) return bld.end('unknown', ipvs);

  let exitMac: string | undefined;
  const pathA = tracePacket(
    ma,
    { from: { kind: 'container', name: from.container }, dst: to.address, proto: to.proto, dport: to.port },
    {
      bridgeMiss: (ns, br, nh) => {
        if (ns.role !== 'overlay') return undefined;
        const vx = vxlanPort(ns, br);
        if (!vx) return undefined;
        if (!ns.neighbours)
          return {
            verdict: 'unknown',
            reason: `unknown, because the neighbour table of ${ns.id} was not captured`,
            detail: `${nh} would be behind ${vx.name}: the neighbour table was not captured`,
            evidence: [vx.evidence],
          };
        const nb = neighbourOn(ns, vx.name, nh);
        if (!nb?.lladdr)
          return {
            verdict: 'no-route',
            reason: `no neighbour entry for ${nh} on ${vx.name} of ${ns.id}: no container on this network has that address, here or on another node`,
            detail: `no local port leads to ${nh}, and ${vx.name} has no neighbour entry for it: nothing answers ARP`,
            evidence: [vx.evidence],
          };
        exitMac = nb.lladdr;
        return {
          port: vx.name,
          detail: `${nh} is not on this node: ${vx.name} (VNI ${vx.vni ?? '?'}) answers ARP for it from the neighbour entry ${nb.lladdr}`,
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
    return bld.end(
      'unknown',
      `unknown, because overlay ${net.name} is encrypted: its VXLAN travels in IPsec ESP between the nodes, which is not modelled`,
    );
  if (!nsA.fdb)
    return bld.end(
      'unknown',
      `unknown, because the forwarding database of ${nameOf(a)} ${nsA.id} was not captured`,
    );
  const e = fdbOn(nsA, vxA.name, exitMac);
  if (!e) {
    bld.hop(a, nsA.id, 'fdb', `no forwarding entry for ${exitMac} on ${vxA.name}: no VTEP to send to`);
    return bld.end(
      'no-route',
      `${nameOf(a)}: no forwarding entry (bridge fdb) for ${exitMac} (${to.address}) on ${vxA.name} of ${nsA.id}: the kernel knows no node to send it to`,
    );
  }
  const b = nodeByAddress(cluster, e.dst);
  bld.tunnel.vtep = e.dst;
  if (b) bld.tunnel.toNode = nameOf(b);
  bld.hop(
    a,
    nsA.id,
    'vxlan',
    `${exitMac} is behind VTEP ${e.dst}${b ? ` (${nameOf(b)})` : ''}: encapsulated with VNI ${vxA.vni ?? '?'}, sent from the host namespace (the vxlan socket's)`,
    at(a.step ?? 0, e.evidence),
  );
  if (!b)
    return bld.end(
      'left-host',
      `${nameOf(a)}: sent over VXLAN to ${e.dst}, an address of no node in the cluster`,
    );
  if (b.key === a.key)
    return bld.end(
      'unknown',
      `unknown, because the fdb of ${nameOf(a)} names its own address ${e.dst} as the VTEP`,
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
  bld.assumptions.add(
    'the answer is allowed by conntrack (ESTABLISHED) inside the namespaces; its VXLAN packet back is a new udp/4789 flow between the hosts and is traced',
  );
  const back = lookupRemote(bld, cluster, b, there.ns, there.vx, inner.src, 'reply: ');
  if ('verdict' in back)
    return bld.end(
      back.verdict === 'unknown' ? 'unknown' : 'dropped',
      `the answer cannot come back: ${back.reason}`,
    );
  if (!back.to || back.to.key !== a.key)
    return bld.end(
      'dropped',
      `the answer cannot come back: ${nameOf(b)} sends it to VTEP ${back.vtep}${back.to ? ` (${nameOf(back.to)})` : ''}, not to ${nameOf(a)}`,
    );
  const home = crossTunnel(bld, b, a, back.vtep, there.vx.vni, overlay, 'reply VXLAN');
  if ('verdict' in home)
    return bld.end(
      home.verdict === 'unknown' ? 'unknown' : 'dropped',
      `the answer cannot come back: ${home.reason}`,
    );
  return endB();
}
