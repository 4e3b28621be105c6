/**
 * tracePacket: what the kernel does with the FIRST packet of a connection (conntrack NEW), from
 * the namespace that sends it to the socket that accepts it, over the model of one step.
 *
 *   dockernet trace bundle.tar.gz --from outside --to 10.99.0.2:60000/tcp
 *   host  nat PREROUTING   DNAT 10.99.0.2:60000 -> 172.17.0.2:8080 (rule 1 of nat DOCKER)
 *   host  route            table main: 172.17.0.0/16 dev docker0
 *   host  filter FORWARD   accepted by rule 1 of filter DOCKER
 *   ...   socket           delivered to httpd (pid 1094)
 *
 * Locally generated: route, OUTPUT hooks (raw, mangle, nat, filter), reroute after DNAT,
 * POSTROUTING, out of the chosen interface (or through lo back into INPUT). Received: raw,
 * mangle, nat PREROUTING, the martian check for 127/8, the routing decision, then INPUT and the
 * socket, or FORWARD (if forwarding is on) and POSTROUTING. Links: a veth goes to its peer's
 * namespace; a bridge forwards to the port behind which the next hop lives, through iptables
 * when bridge-nf-call-iptables is 1; macvlan children reach each other and the LAN, not their
 * parent's namespace. Pure: reads the model, returns JSON.
 */
import { type Lang, type Translator, translator } from '../i18n/index.js';
import type { FwHook } from '../model/firewall.js';
import type { Evidence, ModelInterface, ModelNamespace, ModelSocket, StepModel } from '../model/types.js';
import { contains, familyOf, plainAddress, sameAddress } from './addr.js';
import { type HookEnv, type PacketState, runHook } from './netfilter.js';
import { addressType, routeLookup } from './route.js';
import type { Hop, Packet, PacketPath, Verdict } from './types.js';

interface Final {
  verdict: Verdict;
  reason: string;
  delivered?: PacketPath['delivered'];
  exit?: PacketPath['exit'];
}

/**
 * Where an evaluator across hosts (src/cluster/reach.ts) continues a path beyond this one.
 * `bridgeMiss`: bridge `bridge` of `ns` has no local port behind which `nh` lives; return the
 * port the frame leaves by (a vxlan device: the other end is on another node) with the hop's
 * text and evidence, or a verdict that ends the path there; undefined keeps the default
 * (no-route). A frame sent out of that port ends the path `left-host` with `exit` set.
 */
export interface TraceHooks {
  bridgeMiss?: (
    ns: ModelNamespace,
    bridge: string,
    nh: string,
  ) =>
    | { port: string; detail: string; evidence: Evidence[] }
    | { verdict: Verdict; reason: string; detail: string; evidence: Evidence[] }
    | undefined;
}

/** Per-model indexes, built once: the matrix traces thousands of packets over one model. */
interface Index {
  ns: Map<string, ModelNamespace>;
  veth: Map<string, { namespace: string; ifname: string }>;
  uplinks: string[];
  /**
   * Every macvlan/ipvlan interface with its namespace, in the namespaces' order (the first match
   * is the one a walk over all namespaces gave): the big host's packets leaving the host each
   * walked 1,000 namespaces to find none.
   */
  macvlans: { ns: ModelNamespace; iface: ModelInterface }[];
}
const indexes = new WeakMap<StepModel, Index>();

function indexOf(model: StepModel): Index {
  let ix = indexes.get(model);
  if (ix) return ix;
  const veth = new Map<string, { namespace: string; ifname: string }>();
  for (const l of model.vethLinks) {
    veth.set(`${l.a.namespace}|${l.a.ifname}`, { namespace: l.b.namespace, ifname: l.b.ifname });
    veth.set(`${l.b.namespace}|${l.b.ifname}`, { namespace: l.a.namespace, ifname: l.a.ifname });
  }
  const host = model.namespaces.find((n) => n.id === 'host');
  const nsById = new Map(model.namespaces.map((n) => [n.id, n]));
  const macvlans: Index['macvlans'] = [];
  for (const ns of nsById.values())
    for (const iface of ns.interfaces)
      if (iface.kind === 'macvlan' || iface.kind === 'ipvlan') macvlans.push({ ns, iface });
  ix = { ns: nsById, veth, uplinks: host ? uplinksOf(host) : [], macvlans };
  indexes.set(model, ix);
  return ix;
}

/** The host's uplinks: the interfaces its default routes (main table) go out of. */
export function uplinksOf(host: ModelNamespace): string[] {
  const out: string[] = [];
  for (const r of host.routes)
    if (r.table === 'main' && r.dst === 'default' && r.dev && !out.includes(r.dev)) out.push(r.dev);
  return out;
}

const MAX_HOPS = 24;

/**
 * The listening sockets of a namespace by transport and port, in capture order (the loop in
 * Tracer.socket keeps the first best match): a host with 20,000 sockets was scanned whole for
 * every traced packet.
 */
const listenerIndex = new WeakMap<ModelNamespace, { n: number; byKey: Map<string, ModelSocket[]> }>();

function listenersOf(ns: ModelNamespace, proto: string, port: number | undefined): ModelSocket[] {
  let ix = listenerIndex.get(ns);
  if (!ix || ix.n !== ns.sockets.length) {
    ix = { n: ns.sockets.length, byKey: new Map() };
    for (const s of ns.sockets) {
      if (!s.listening) continue;
      const k = `${s.transport} ${s.localPortNumber}`;
      const list = ix.byKey.get(k);
      if (list) list.push(s);
      else ix.byKey.set(k, [s]);
    }
    listenerIndex.set(ns, ix);
  }
  return ix.byKey.get(`${proto} ${port}`) ?? [];
}

class Tracer {
  readonly hops: Hop[] = [];
  readonly assumptions: Set<string>;
  private receives = 0;
  private relays = 0;

  constructor(
    private readonly model: StepModel,
    private readonly ix: Index,
    /** The language of the hops, reasons and assumptions (the JSON's text fields). */
    readonly t: Translator = translator('en'),
    private readonly hooks: TraceHooks = {},
  ) {
    this.assumptions = new Set([t('tr.a.first-packet')]);
  }

  hop(namespace: string, stage: string, detail: string, extra: Partial<Hop> = {}): void {
    this.hops.push({ namespace, stage, detail, evidence: [], ...extra });
  }

  sysctl(ns: ModelNamespace, key: string, fallback: string): string {
    if (ns.id === 'host') {
      if (!this.model.sysctls) {
        this.assumptions.add(this.t('tr.a.no-sysctls', { key, value: fallback }));
        return fallback;
      }
      const s = this.model.sysctls.find((x) => x.key === key);
      // A sysctl file that does not exist (br_netfilter not loaded) is off.
      if (s) return s.value ?? '0';
      this.assumptions.add(this.t('tr.a.sysctl-missing', { key, value: fallback }));
      return fallback;
    }
    // The collector reads sysctls only for the host; a namespace of its own starts with defaults.
    this.assumptions.add(this.t('tr.a.sysctl-ns', { ns: ns.id, key, value: fallback }));
    return fallback;
  }

  env(ns: ModelNamespace): HookEnv {
    const model = this.model;
    return {
      namespace: ns.id,
      addrType: (a) => addressType(ns, a),
      primaryAddress: (ifname, fam) => primaryAddress(ns, ifname, fam),
      externalSet: (name) => {
        // Docker 28.0's ipsets docker-ext-bridges-v4/-v6: the subnets of its non-internal bridges.
        const m = /^docker-ext-bridges-v([46])$/.exec(name);
        if (!m) return undefined;
        const fam = m[1] === '4' ? 'inet' : 'inet6';
        const elements = model.dockerNetworks
          .filter((n) => n.driver === 'bridge' && !n.internal)
          .flatMap((n) => n.subnets.map((s) => s.subnet))
          .filter((s) => familyOf(s) === fam);
        return {
          elements,
          assumption: this.t('tr.a.ipset', { name }),
        };
      },
      assume: (text) => this.assumptions.add(text),
      t: this.t,
    };
  }

  /** Run one hook; undefined means the packet goes on. */
  hook(ns: ModelNamespace, hook: FwHook, st: PacketState): Final | undefined {
    if (!ns.firewall) {
      return { verdict: 'unknown', reason: this.t('tr.r.no-firewall', { ns: ns.id }) };
    }
    const fam = st.family === 'ipv4' ? ['iptables-save', 'nft-ruleset'] : ['ip6tables-save', 'nft-ruleset'];
    if (!fam.some((c) => ns.firewall?.captured.includes(c)))
      return {
        verdict: 'unknown',
        reason: this.t('tr.r.no-firewall-family', { family: st.family, ns: ns.id }),
      };
    const r = runHook(ns.firewall, hook, st, this.env(ns));
    this.hops.push(...r.hops);
    if (r.kind === 'accept') return undefined;
    return {
      verdict: r.kind === 'drop' ? 'dropped' : r.kind === 'reject' ? 'rejected' : 'unknown',
      reason: r.reason,
    };
  }

  /** A packet generated by a process of `ns`. */
  send(ns: ModelNamespace, st: PacketState, srcGiven: boolean): Final {
    const r = routeLookup(ns, st.dst, { ...(srcGiven ? { src: st.src } : {}), mark: st.mark, t: this.t });
    if (r.type === 'unknown') return { verdict: 'unknown', reason: this.t('tr.r.unknown', { why: r.why }) };
    if (r.type !== 'local' && r.type !== 'unicast') {
      this.hop(ns.id, 'route', r.why, { evidence: r.route ? [r.route.evidence] : [] });
      return { verdict: 'no-route', reason: this.t('tr.r.no-route', { dst: st.dst, ns: ns.id, why: r.why }) };
    }
    if (!srcGiven) {
      const src =
        r.type === 'local'
          ? r.prefsrc && familyOf(r.prefsrc) === familyOf(st.dst)
            ? st.dst
            : st.dst
          : (r.prefsrc ?? primaryAddress(ns, r.dev, familyOf(st.dst)));
      if (!src) return { verdict: 'unknown', reason: this.t('tr.r.no-source', { dev: r.dev ?? '' }) };
      st.src = src;
    }
    st.outIf = r.type === 'local' ? 'lo' : r.dev;
    st.inIf = undefined;
    this.hop(
      ns.id,
      'route',
      r.type === 'local'
        ? this.t('tr.h.send-local', { why: r.why, src: st.src })
        : this.t('tr.h.send-out', { dev: r.dev ?? '', nh: r.nextHop ?? '', why: r.why, src: st.src }),
      {
        evidence: r.route ? [r.route.evidence] : [],
      },
    );
    const dstBefore = st.dst;
    const out = this.hook(ns, 'output', st);
    if (out) return out;
    st.natDecidedDst = true;
    let route = r;
    if (st.dst !== dstBefore) {
      const r2 = routeLookup(ns, st.dst, { src: st.src, mark: st.mark, t: this.t });
      if (r2.type === 'unknown')
        return { verdict: 'unknown', reason: this.t('tr.r.unknown', { why: r2.why }) };
      if (r2.type !== 'local' && r2.type !== 'unicast') {
        this.hop(ns.id, 'route', this.t('tr.h.rerouted', { why: r2.why }));
        return { verdict: 'no-route', reason: this.t('tr.r.no-route-dnat', { dst: st.dst }) };
      }
      route = r2;
      st.outIf = r2.type === 'local' ? 'lo' : r2.dev;
      this.hop(ns.id, 'route', this.t('tr.h.rerouted', { why: r2.why }), {
        evidence: r2.route ? [r2.route.evidence] : [],
      });
    }
    if (route.type !== 'local' && st.family === 'ipv6' && sameAddress(st.src, '::1')) {
      // IPv6 has no route_localnet: ::1 never leaves lo (RFC 4291 2.5.3). Docker 28 without the
      // userland proxy DNATs [::1]:port to the container all the same; the SYN goes out (its
      // source MASQUERADEd), but the reply, translated back to ::1, arrives on the bridge and
      // the kernel drops it (without MASQUERADE the container's kernel drops the SYN itself).
      // Probed: host -> [::1]:8080 times out on Docker 28.5 with userland-proxy false.
      this.hop(ns.id, 'route', this.t('tr.h.v6-loopback', { dst: st.dst, dev: route.dev ?? '' }));
      return {
        verdict: 'dropped',
        reason: this.t('tr.r.v6-loopback', { dst: st.dst, dev: route.dev ?? '' }),
      };
    }
    const post = this.hook(ns, 'postrouting', st);
    if (post) return post;
    st.natDecidedSrc = true;
    if (route.type === 'local') {
      // Looped back: PREROUTING sees it on lo (NAT already decided in OUTPUT), then INPUT.
      st.inIf = 'lo';
      st.outIf = undefined;
      const pre = this.hook(ns, 'prerouting', st);
      if (pre) return pre;
      return this.input(ns, st);
    }
    return this.transmit(ns, route.dev ?? '', route.nextHop ?? st.dst, st);
  }

  /** A packet arriving on `ifname` of `ns`: a new conntrack entry in this namespace. */
  receive(ns: ModelNamespace, ifname: string, st: PacketState): Final {
    if (++this.receives > MAX_HOPS) return { verdict: 'unknown', reason: this.t('tr.r.loop') };
    st.inIf = ifname;
    st.outIf = undefined;
    st.natDst = false;
    st.natSrc = false;
    st.natDecidedDst = false;
    st.natDecidedSrc = false;
    if (
      st.family === 'ipv6' &&
      ifname !== 'lo' &&
      (sameAddress(st.src, '::1') || sameAddress(st.dst, '::1'))
    ) {
      // ip6_rcv_core, before netfilter: ::1 as source or destination on a non-loopback interface (RFC 4291 2.5.3).
      this.hop(ns.id, 'route', this.t('tr.h.v6-martian', { ifname }));
      return { verdict: 'dropped', reason: this.t('tr.r.martian', { addr: '::1', ifname }) };
    }
    const pre = this.hook(ns, 'prerouting', st);
    if (pre) return pre;
    if (st.family === 'ipv4' && contains('127.0.0.0/8', st.dst) && ifname !== 'lo') {
      if (this.sysctl(ns, 'net.ipv4.conf.all.route_localnet', '0') !== '1') {
        this.hop(ns.id, 'route', this.t('tr.h.martian', { dst: st.dst, ifname }));
        return { verdict: 'dropped', reason: this.t('tr.r.martian', { addr: st.dst, ifname }) };
      }
    }
    const r = routeLookup(ns, st.dst, { src: st.src, iif: ifname, mark: st.mark, t: this.t });
    if (r.type === 'unknown') return { verdict: 'unknown', reason: this.t('tr.r.unknown', { why: r.why }) };
    this.hop(ns.id, 'route', r.type === 'local' ? this.t('tr.h.local', { why: r.why }) : r.why, {
      evidence: r.route ? [r.route.evidence] : r.rule ? [r.rule.evidence] : [],
    });
    if (r.type === 'local') return this.input(ns, st);
    if (r.type === 'broadcast') return { verdict: 'unknown', reason: this.t('tr.r.broadcast') };
    if (r.type !== 'unicast')
      return { verdict: 'no-route', reason: this.t('tr.r.no-route', { dst: st.dst, ns: ns.id, why: r.why }) };
    const key = st.family === 'ipv4' ? 'net.ipv4.ip_forward' : 'net.ipv6.conf.all.forwarding';
    if (this.sysctl(ns, key, '0') !== '1') {
      this.hop(ns.id, 'forward', this.t('tr.h.no-forward', { key }));
      return { verdict: 'dropped', reason: this.t('tr.r.no-forward', { ns: ns.id, key }) };
    }
    st.outIf = r.dev;
    const fwd = this.hook(ns, 'forward', st);
    if (fwd) return fwd;
    const post = this.hook(ns, 'postrouting', st);
    if (post) return post;
    return this.transmit(ns, r.dev ?? '', r.nextHop ?? st.dst, st);
  }

  input(ns: ModelNamespace, st: PacketState): Final {
    const inp = this.hook(ns, 'input', st);
    if (inp) return inp;
    return this.socket(ns, st);
  }

  /** Out of `dev` towards the next hop `nh`. */
  transmit(ns: ModelNamespace, dev: string, nh: string, st: PacketState): Final {
    const iface = ns.interfaces.find((i) => i.name === dev);
    if (!iface)
      return {
        verdict: 'unknown',
        reason: this.t('tr.r.no-iface', { dev, ns: ns.id }),
      };
    if (isBridge(ns, iface)) return this.bridgeOut(ns, iface.name, undefined, nh, st);
    const peer = this.ix.veth.get(`${ns.id}|${dev}`);
    if (peer) {
      const pns = this.ix.ns.get(peer.namespace);
      const pif = pns?.interfaces.find((i) => i.name === peer.ifname);
      if (!pns || !pif) return { verdict: 'unknown', reason: this.t('tr.r.no-peer', { dev }) };
      this.hop(ns.id, 'veth', this.t('tr.h.veth', { dev, ns: pns.id, peer: pif.name }), {
        evidence: [iface.evidence, pif.evidence],
      });
      if (pif.master) {
        const br = pns.interfaces.find((i) => i.name === pif.master);
        if (br && isBridge(pns, br)) return this.bridgeIn(pns, br.name, pif.name, nh, st);
      }
      return this.receive(pns, pif.name, st);
    }
    if (iface.kind === 'macvlan' || iface.kind === 'ipvlan') {
      const sib = this.macvlanSibling(ns, iface, nh);
      if (sib) {
        this.hop(
          ns.id,
          iface.kind,
          this.t('tr.h.macvlan-sibling', { dev, ns: sib.ns.id, peer: sib.iface.name }),
          {
            evidence: [iface.evidence, sib.iface.evidence],
          },
        );
        return this.receive(sib.ns, sib.iface.name, st);
      }
    }
    // A parent interface: its own namespace cannot reach its macvlan children.
    const child = this.macvlanChildOf(ns, dev, nh);
    if (child) {
      this.hop(ns.id, 'macvlan', this.t('tr.h.macvlan-child', { nh, dev, ns: child.ns.id }), {
        evidence: [child.iface.evidence],
      });
      return {
        verdict: 'dropped',
        reason: this.t('tr.r.macvlan-child', { ns: ns.id, child: child.ns.id, dev }),
      };
    }
    if (ns.id === 'host' || iface.kind === 'macvlan' || iface.kind === 'ipvlan') {
      this.hop(ns.id, 'out', this.t('tr.h.leaves', { dev, nh }), {
        evidence: [iface.evidence],
      });
      return { verdict: 'left-host', reason: this.t('tr.r.left-host', { dev, nh }) };
    }
    return {
      verdict: 'unknown',
      reason: this.t('tr.r.other-end', { ns: ns.id, dev }),
    };
  }

  /** A frame entering bridge `br` of `ns` from port `port`. */
  bridgeIn(ns: ModelNamespace, br: string, port: string, nh: string, st: PacketState): Final {
    const brIf = ns.interfaces.find((i) => i.name === br);
    if (brIf?.addresses.some((a) => sameAddress(a.address, nh)) || addressType(ns, nh) === 'LOCAL') {
      this.hop(ns.id, `bridge ${br}`, this.t('tr.h.bridge-own', { nh, ns: ns.id }), {
        evidence: brIf ? [brIf.evidence] : [],
      });
      return this.receive(ns, br, st);
    }
    return this.bridgeOut(ns, br, port, nh, st);
  }

  /** Bridge `br` forwards the frame to the port behind which `nh` lives. */
  bridgeOut(
    ns: ModelNamespace,
    br: string,
    fromPort: string | undefined,
    nh: string,
    st: PacketState,
  ): Final {
    const found = this.portTo(ns, br, nh, fromPort);
    const away = found ? undefined : this.hooks.bridgeMiss?.(ns, br, nh);
    if (away && 'verdict' in away) {
      this.hop(ns.id, `bridge ${br}`, away.detail, { evidence: away.evidence });
      return { verdict: away.verdict, reason: away.reason };
    }
    const target = found ?? (away ? { port: away.port } : undefined);
    if (away) this.hop(ns.id, `bridge ${br}`, away.detail, { evidence: away.evidence });
    if (!target) {
      this.hop(ns.id, `bridge ${br}`, this.t('tr.h.no-port', { br, nh }));
      return { verdict: 'no-route', reason: this.t('tr.r.no-port', { nh, br, ns: ns.id }) };
    }
    if (fromPort !== undefined) {
      // Bridged between two ports: br_netfilter hands the frame to iptables when asked to.
      const key =
        st.family === 'ipv4' ? 'net.bridge.bridge-nf-call-iptables' : 'net.bridge.bridge-nf-call-ip6tables';
      const nf = this.sysctl(ns, key, '1') === '1';
      this.hop(
        ns.id,
        `bridge ${br}`,
        this.t('tr.h.bridged', { from: fromPort, to: target.port, key, nf: nf ? 'on' : 'off' }),
      );
      if (nf) {
        st.inIf = br;
        st.outIf = undefined;
        st.natDst = false;
        st.natSrc = false;
        st.natDecidedDst = false;
        st.natDecidedSrc = false;
        st.bridged = { physIn: fromPort, physOut: target.port };
        const pre = this.hook(ns, 'prerouting', st);
        if (pre) return pre;
        st.outIf = br;
        const fwd = this.hook(ns, 'forward', st);
        if (fwd) return fwd;
        const post = this.hook(ns, 'postrouting', st);
        if (post) return post;
        st.bridged = undefined;
      }
    } else {
      this.hop(ns.id, `bridge ${br}`, this.t('tr.h.bridge-out', { port: target.port, nh }));
    }
    if (!found) {
      // Out of a port whose other end is on another host (bridgeMiss): the caller goes on.
      return {
        verdict: 'left-host',
        reason: this.t('tr.r.left-port', { port: target.port, ns: ns.id, nh }),
        exit: {
          namespace: ns.id,
          ifname: target.port,
          packet: { src: st.src, dst: st.dst, sport: st.sport, dport: st.dport },
        },
      };
    }
    this.hop(
      ns.id,
      'veth',
      this.t('tr.h.veth', { dev: found.port, ns: found.ns.id, peer: found.iface.name }),
      {
        evidence: [found.iface.evidence],
      },
    );
    return this.receive(found.ns, found.iface.name, st);
  }

  portTo(ns: ModelNamespace, br: string, nh: string, exclude?: string) {
    for (const p of ns.interfaces) {
      if (p.master !== br || p.name === exclude) continue;
      const peer = this.ix.veth.get(`${ns.id}|${p.name}`);
      if (!peer) continue;
      const pns = this.ix.ns.get(peer.namespace);
      const pif = pns?.interfaces.find((i) => i.name === peer.ifname);
      if (pns && pif?.addresses.some((a) => sameAddress(a.address, nh)))
        return { port: p.name, ns: pns, iface: pif };
    }
    return undefined;
  }

  macvlanSibling(ns: ModelNamespace, iface: ModelInterface, nh: string) {
    for (const { ns: other, iface: i } of this.ix.macvlans)
      if (other.id !== ns.id && i.addresses.some((a) => sameAddress(a.address, nh)) && sameParent(iface, i))
        return { ns: other, iface: i };
    return undefined;
  }

  macvlanChildOf(ns: ModelNamespace, dev: string, nh: string) {
    if (ns.id !== 'host') return undefined;
    for (const { ns: other, iface: i } of this.ix.macvlans)
      if (
        other.id !== ns.id &&
        i.addresses.some((a) => sameAddress(a.address, nh)) &&
        parentName(this.model, i) === dev
      )
        return { ns: other, iface: i };
    return undefined;
  }

  socket(ns: ModelNamespace, st: PacketState): Final {
    const sockCaptured = ns.captured.some((c) => /^(ss|netstat|proc-net-(tcp|udp))/.test(c));
    if (!sockCaptured) return { verdict: 'unknown', reason: this.t('tr.r.no-sockets', { ns: ns.id }) };
    const v6only = this.sysctl(ns, 'net.ipv6.bindv6only', '0') === '1';
    let best: ModelSocket | undefined;
    let bestScore = 0;
    for (const s of listenersOf(ns, st.proto, st.dport)) {
      const dev = /%(.+)$/.exec(s.localAddress)?.[1];
      if (dev && dev !== st.inIf && !(dev === 'lo' && st.inIf === 'lo')) continue;
      const a = plainAddress(s.localAddress);
      let score = 0;
      if (a !== '*' && a !== '' && a !== '0.0.0.0' && a !== '::' && sameAddress(a, st.dst)) score = 3;
      else if (st.family === 'ipv4' && (a === '0.0.0.0' || a === '*' || a === '')) score = 2;
      else if (st.family === 'ipv6' && (a === '::' || a === '*')) score = 2;
      // An IPv6 wildcard socket takes IPv4 too (v4-mapped) unless bindv6only.
      else if (st.family === 'ipv4' && a === '::' && !v6only) score = 1;
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    if (!best) {
      this.hop(
        ns.id,
        'socket',
        this.t('tr.h.no-listener', { proto: st.proto, addr: st.dst, port: st.dport }),
      );
      return {
        verdict: 'no-listener',
        reason: this.t('tr.r.no-listener', { proto: st.proto, addr: st.dst, port: st.dport, ns: ns.id }),
      };
    }
    // No owning process (netstat's `-`, ss without users:): a socket of the kernel itself, such
    // as the VXLAN socket of the overlays on 4789/udp, or one whose process the capture could
    // not see. Never "a process": none owns it.
    const who =
      best.program === undefined && best.pid === undefined
        ? this.t('tr.w.no-owner', {
            vxlan: best.transport === 'udp' && best.localPortNumber === 4789 ? 'yes' : 'no',
          })
        : this.t('tr.w.who', {
            program: best.program ?? '',
            pid: best.pid !== undefined ? String(best.pid) : '',
          });
    const socket = `${best.proto} ${best.localAddress}:${best.localPort}`;
    this.hop(ns.id, 'socket', this.t('tr.h.accepted', { socket, who }), {
      evidence: [best.evidence],
    });
    const delivered: NonNullable<PacketPath['delivered']> = {
      namespace: ns.id,
      socket: `${best.proto} ${best.localAddress}:${best.localPort}`,
    };
    if (best.pid !== undefined) delivered.pid = best.pid;
    if (best.program !== undefined) delivered.program = best.program;
    // docker-proxy: the userland proxy opens a new connection from the host to the container.
    const relay = this.proxyTarget(ns, best, st);
    if (relay && this.relays++ < 2) {
      this.hop(ns.id, 'docker-proxy', this.t('tr.h.proxy', { to: `${relay.ip}:${relay.port}` }), {
        evidence: relay.evidence,
      });
      const fresh: PacketState = {
        family: familyOf(relay.ip) === 'inet' ? 'ipv4' : 'ipv6',
        proto: st.proto,
        src: '',
        dst: relay.ip,
        sport: 40001,
        dport: relay.port,
        mark: 0,
      };
      const r = this.send(ns, fresh, false);
      return r;
    }
    return { verdict: 'delivered', reason: this.t('tr.r.delivered', { who, ns: ns.id }), delivered };
  }

  proxyTarget(ns: ModelNamespace, s: ModelSocket, st: PacketState) {
    if (ns.id !== 'host' || !(s.program === 'docker-proxy' || /docker-proxy/.test(s.processCommand ?? '')))
      return undefined;
    const p =
      this.model.publishedPorts.find((x) => x.pid !== undefined && x.pid === s.pid && x.containerIp) ??
      this.model.publishedPorts.find((x) => x.proto === st.proto && x.hostPort === st.dport && x.containerIp);
    if (!p?.containerIp || p.containerPort === undefined) return undefined;
    return { ip: p.containerIp, port: p.containerPort, evidence: p.evidence };
  }
}

function isBridge(ns: ModelNamespace, i: ModelInterface): boolean {
  return i.kind === 'bridge' || ns.bridges.some((b) => b.name === i.name);
}

function parentName(model: StepModel, i: ModelInterface): string | undefined {
  if (i.parent && !/^if\d+$/.test(i.parent)) return i.parent;
  // In its own namespace a macvlan child shows `eth0@if2`: ifindex 2 of the host.
  const idx = i.peerIfindex ?? (i.parent ? Number(i.parent.slice(2)) : undefined);
  const host = model.namespaces.find((n) => n.id === 'host');
  return host?.interfaces.find((h) => h.ifindex === idx)?.name;
}

function sameParent(a: ModelInterface, b: ModelInterface): boolean {
  const pa = a.parent ?? String(a.peerIfindex);
  const pb = b.parent ?? String(b.peerIfindex);
  return pa === pb;
}

export function primaryAddress(
  ns: ModelNamespace,
  ifname: string | undefined,
  fam: 'inet' | 'inet6',
): string | undefined {
  const i = ns.interfaces.find((x) => x.name === ifname);
  const addrs = (i?.addresses ?? []).filter((a) => a.family === fam);
  return (addrs.find((a) => a.scope !== 'link' && !a.address.startsWith('fe80:')) ?? addrs[0])?.address;
}

/** Where a source sends from: its namespace, and the interface a packet from outside arrives on. */
/**
 * The container a user or a probe names, as docker resolves a reference: the exact name first,
 * then a unique id prefix. A name always wins, because short names are often hex too: `db` is a
 * prefix of one id in 256, and taking that container instead of the one named `db` traced every
 * packet from the wrong namespace (seen in CI on a fresh engine).
 */
export function containerByRef<C extends { name: string; id?: string }>(
  containers: readonly C[],
  ref: string,
): C | undefined {
  const named = containers.find((x) => x.name === ref);
  if (named || !/^[0-9a-f]+$/.test(ref)) return named;
  const byId = containers.filter((x) => x.id?.startsWith(ref));
  return byId.length === 1 ? byId[0] : undefined;
}

export function sourceNamespace(
  model: StepModel,
  from: Packet['from'],
  t: Translator = translator('en'),
): { ns: ModelNamespace; uplink?: string } | { error: string } {
  const ix = indexOf(model);
  const host = ix.ns.get('host');
  switch (from.kind) {
    case 'host':
      return host ? { ns: host } : { error: t('tr.w.no-host-ns') };
    case 'outside': {
      if (!host) return { error: t('tr.w.no-host-ns') };
      const uplink = from.uplink ?? ix.uplinks[0];
      if (!uplink) return { error: t('tr.w.no-uplink') };
      if (!host.interfaces.some((i) => i.name === uplink))
        return { error: t('tr.w.no-uplink-iface', { uplink }) };
      return { ns: host, uplink };
    }
    case 'namespace': {
      const ns = ix.ns.get(from.id);
      return ns ? { ns } : { error: t('tr.w.no-ns', { ns: from.id }) };
    }
    case 'container': {
      const c = containerByRef(model.containers, from.name);
      if (c?.networkMode === 'host' && host) return { ns: host };
      const id = c?.namespace ?? `container:${from.name}`;
      const ns = ix.ns.get(id);
      if (ns) return { ns };
      return {
        error: c ? t('tr.w.container-ns', { name: from.name }) : t('tr.w.no-container', { name: from.name }),
      };
    }
  }
}

/** A neighbour on the uplink's network to send from (the gateway when it is there). */
/** The address a packet from the LAN comes from when none is given: the gateway, else a neighbour. */
export function outsideAddress(
  host: ModelNamespace,
  uplink: string,
  family: 'inet' | 'inet6',
): string | undefined {
  const gw = host.routes.find(
    (r) => r.table === 'main' && r.dst === 'default' && r.dev === uplink && r.family === family,
  )?.via;
  if (gw) return gw;
  const iface = host.interfaces.find((i) => i.name === uplink);
  const a = iface?.addresses.find((x) => x.family === family && x.scope !== 'link');
  if (!a) return undefined;
  if (family === 'inet') {
    const base = a.network.split('/')[0]?.split('.').map(Number) ?? [];
    const cand = [...base.slice(0, 3), (base[3] ?? 0) + 1].join('.');
    return cand === a.address ? [...base.slice(0, 3), (base[3] ?? 0) + 2].join('.') : cand;
  }
  return a.network.replace(/::?\/\d+$/, '::1').replace(/\/\d+$/, '');
}

/** The hooks of a caller that follows a packet further (src/cluster/reach.ts), and the language. */
export interface TraceOptions extends TraceHooks {
  /** The language of the path's text (reason, hop details, assumptions); English by default. */
  lang?: Lang;
}

export function tracePacket(model: StepModel, packet: Packet, opts: TraceOptions = {}): PacketPath {
  const { lang, ...hooks } = opts;
  const t = translator(lang ?? 'en');
  const tracer = new Tracer(model, indexOf(model), t, hooks);
  const family = familyOf(packet.dst) === 'inet' ? 'ipv4' : 'ipv6';
  const st: PacketState = {
    family,
    proto: packet.proto,
    src: packet.src ?? '',
    dst: plainAddress(packet.dst),
    sport: packet.sport ?? 40000,
    dport: packet.dport,
    mark: 0,
  };
  const finish = (f: Final): PacketPath => pathOf(packet, tracer, f);
  const src = sourceNamespace(model, packet.from, t);
  if ('error' in src) return finish({ verdict: 'unknown', reason: t('tr.r.unknown', { why: src.error }) });
  if (src.uplink !== undefined) {
    const fam = family === 'ipv4' ? 'inet' : 'inet6';
    const from = packet.src ?? outsideAddress(src.ns, src.uplink, fam);
    if (!from)
      return finish({
        verdict: 'unknown',
        reason: t('tr.r.no-network', { uplink: src.uplink, family: fam }),
      });
    st.src = from;
    if (!packet.src) tracer.assumptions.add(t('tr.a.outside-src', { src: from, uplink: src.uplink }));
    tracer.hop('outside', 'arrive', t('tr.h.arrive', { src: from, uplink: src.uplink }));
    // Frames to a macvlan child never enter the parent's namespace.
    const child = new Tracer(model, indexOf(model), t).macvlanChildOf(src.ns, src.uplink, st.dst);
    if (child) {
      tracer.hop(
        'outside',
        'macvlan',
        t('tr.h.macvlan-straight', { dst: st.dst, uplink: src.uplink, ns: child.ns.id }),
      );
      return finish(tracer.receive(child.ns, child.iface.name, st));
    }
    return finish(tracer.receive(src.ns, src.uplink, st));
  }
  return finish(tracer.send(src.ns, st, packet.src !== undefined));
}

/**
 * A packet (`src` given) arriving on interface `ifname` of namespace `namespace` from another
 * host: a VXLAN frame decapsulated by an overlay's vxlan device, which is a port of the overlay's
 * bridge. Traced from there as any received frame (src/cluster/reach.ts).
 */
export function traceArrival(
  model: StepModel,
  at: { namespace: string; ifname: string },
  packet: Packet & { src: string },
  opts: TraceOptions = {},
): PacketPath {
  const { lang, ...hooks } = opts;
  const t = translator(lang ?? 'en');
  const ix = indexOf(model);
  const tracer = new Tracer(model, ix, t, hooks);
  const st: PacketState = {
    family: familyOf(packet.dst) === 'inet' ? 'ipv4' : 'ipv6',
    proto: packet.proto,
    src: packet.src,
    dst: plainAddress(packet.dst),
    sport: packet.sport ?? 40000,
    dport: packet.dport,
    mark: 0,
  };
  const ns = ix.ns.get(at.namespace);
  const iface = ns?.interfaces.find((i) => i.name === at.ifname);
  const f: Final = !ns
    ? { verdict: 'unknown', reason: t('tr.r.unknown', { why: t('tr.w.no-ns', { ns: at.namespace }) }) }
    : iface?.master
      ? tracer.bridgeIn(ns, iface.master, iface.name, st.dst, st)
      : tracer.receive(ns, at.ifname, st);
  return pathOf(packet, tracer, f);
}

/** The path a tracer walked, ended by its final verdict. */
function pathOf(packet: Packet, tracer: Tracer, f: Final): PacketPath {
  const path: PacketPath = {
    packet,
    verdict: f.verdict,
    reason: f.reason,
    hops: tracer.hops,
    assumptions: [...tracer.assumptions],
  };
  if (f.delivered) path.delivered = f.delivered;
  if (f.exit) path.exit = f.exit;
  return path;
}
