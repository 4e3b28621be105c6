/**
 * The detailed figure: every interface, bridge, veth pair, container and sandbox namespace,
 * listener and published port of one step, the picture a teacher draws from `ip addr`, `brctl
 * show`, `ip route` and `netstat`. Edges are written in the direction of the picture (LAN ->
 * uplink -> bridge -> veth -> container), which is what makes dagre rank them left to right:
 *
 *   n6("5: veth9c996da@if4")
 *   n6 === n7
 *
 * Separate because it is the biggest of the layouts and the one most often changed (a new kind of
 * namespace or link); it shares only the topology (topology.ts) and the writer (flowchart.ts)
 * with the aggregated figure.
 */

import { isLoopbackAddress, isWildcardAddress } from '../../model/ip.js';
import type {
  ModelContainer,
  ModelDockerNetwork,
  ModelInterface,
  ModelNamespace,
  StepModel,
} from '../../model/types.js';
import { Builder, type ClassName, type EdgeKind, legend } from './flowchart.js';
import {
  addressLines,
  bareAddress,
  byName,
  cmp,
  defaultRoutes,
  hostBridgeNames,
  hostPortLines,
  ifaceTitle,
  isDrawnNetwork,
  k,
  type Listener,
  type Lookup,
  listeners,
  MAX_ADDRESSES,
  networkContaining,
  type Publish,
  publishes,
  publishLabel,
  routeDev,
  routeVia,
  sandboxNamespaceOf,
  stateOf,
  stateText,
  uplinksOf,
} from './topology.js';
import { fw } from './words.js';

/** Per-box caps in the detailed figure, so one busy namespace cannot flood it. */
const MAX_PORTS_PER_NAMESPACE = 6;
const MAX_HOST_SERVICES = 6;

interface Scene {
  model: StepModel;
  lk: Lookup;
  host: ModelNamespace | undefined;
  hostId: string;
  b: Builder;
  /** Drawn Docker networks (not host/none), by name. */
  nets: ModelDockerNetwork[];
  /** `${namespace id}\0${ifname}` -> node id */
  ifaceNode: Map<string, string>;
  /** Docker network name -> node id (its bridge, or its own node for overlay and other drivers). */
  netNode: Map<string, string>;
  /** Node of the interface carrying the default route, else of the first uplink. */
  uplink?: string;
  /** Bridge ports whose veth peer was not captured, by Docker network name. */
  unpaired: Map<string, string[]>;
  /** Endpoints known without their veth (namespace not captured), by Docker network name. */
  pending: Map<string, string[]>;
  /** The interface of the default route (a bridge on hosts whose uplink is enslaved to one). */
  uplinkName?: string;
  /** Namespace interfaces to tie to a Docker network by address once every node exists. */
  loose: { i: ModelInterface; ns: string; kind?: EdgeKind }[];
  /** Overlay networks whose VXLAN interface is drawn (then VXLAN leaves from that interface). */
  vxlanDrawn: Set<string>;
  /**
   * The compact figure, for a host just over the node budget: a namespace draws only the
   * listeners published ports lead to, and its title counts the others (`· +3 listening`; the
   * tables list them).
   */
  compact: boolean;
}

function kindNote(i: ModelInterface): string[] {
  return ['ethernet', 'physical', 'veth', 'bridge', 'loopback'].includes(i.kind) ? [] : [`(${i.kind})`];
}

export function detailed(
  lk: Lookup,
  direction: 'LR' | 'TB',
  compact = false,
): { source: string; b: Builder } {
  const b = new Builder();
  const model = lk.model;
  const host = lk.host;
  const hostId = host?.id ?? 'host';
  const nets = model.dockerNetworks.filter(isDrawnNetwork).sort(byName);
  const s: Scene = {
    model,
    lk,
    host,
    hostId,
    b,
    nets,
    ifaceNode: new Map(),
    netNode: new Map(),
    unpaired: new Map(),
    pending: new Map(),
    loose: [],
    vxlanDrawn: new Set(),
    compact,
  };
  const bridges = hostBridgeNames(host);
  const ports = publishes(model);
  const defaults = defaultRoutes(host);
  const uplinkName = defaults[0] ? routeDev(defaults[0]) : undefined;
  if (uplinkName !== undefined) s.uplinkName = uplinkName;
  const uplinks = uplinksOf(lk, uplinkName);
  const bridgeUplink =
    uplinkName !== undefined && bridges.has(uplinkName) ? lk.iface(hostId, uplinkName) : undefined;
  const containerNs = model.namespaces.filter((n) => n.kind === 'container').sort(byName);
  const sandboxNs = model.namespaces.filter((n) => n.kind === 'sandbox').sort(byName);

  // 1. Outside the host: the LAN of each uplink, with the default gateway.
  const lans: { ifname: string; node: string; isDefault: boolean }[] = [];
  for (const i of bridgeUplink ? [bridgeUplink, ...uplinks] : uplinks) {
    const v4 = i.addresses.find((a) => a.family === 'inet');
    const route = defaults.find((r) => routeDev(r) === i.name);
    if (!v4 && !route) continue;
    const via = route ? routeVia(route) : undefined;
    const lines = [
      v4 ? `LAN ${v4.network}` : fw('fig.network-of', { name: i.name }),
      ...(via ? [fw('fig.gateway', { via })] : []),
    ];
    lans.push({ ifname: i.name, node: b.node(lines, 'hexagon', 'lan'), isDefault: route !== undefined });
  }
  if (defaults[0] && uplinkName && !uplinks.some((i) => i.name === uplinkName) && !bridgeUplink) {
    // The default route leaves through an interface that was not captured.
    const via = routeVia(defaults[0]);
    b.node(
      [
        fw('fig.default-route-via', { name: uplinkName }),
        ...(via ? [fw('fig.gateway', { via })] : []),
        fw('fig.interface-not-captured'),
      ],
      'hexagon',
      'lan',
    );
  }

  let projects: string[] = [];
  // 2. The host, and everything that lives on it.
  b.group([fw('fig.host', { name: model.hostname || host?.name || '' }).trim()], 'host', () => {
    for (const i of uplinks) {
      const st = stateOf(i);
      const lines = [
        ifaceTitle(i),
        ...addressLines(i),
        ...(st === 'up' ? [] : [stateText(i)]),
        ...kindNote(i),
      ];
      const id = b.node(lines, 'rect', 'iface', st);
      s.ifaceNode.set(k(hostId, i.name), id);
      if (i.name === uplinkName) s.uplink = id;
    }
    // A bridge carrying the default route is the uplink: drawn first, the other bridges route to it.
    if (bridgeUplink) drawBridge(s, bridgeUplink.name);
    s.uplink ??= s.ifaceNode.get(k(hostId, uplinks[0]?.name ?? ''));
    if (host) {
      const others = listeners(host, (x) => x.program === 'docker-proxy' && ports.length > 0);
      if (others.length > 0) {
        const lines = others.slice(0, MAX_HOST_SERVICES).map((l) => l.text);
        if (others.length > MAX_HOST_SERVICES)
          lines.push(fw('fig.more', { n: others.length - MAX_HOST_SERVICES }));
        const id = b.node([fw('fig.listening-on-host'), ...lines], 'rect', 'service');
        // Placed next to the uplink, without a line: these are not a path of the figure.
        if (s.uplink) b.edge(s.uplink, id, 'invisible');
      }
    }
    const portNodes = ports.map((p) => b.node(hostPortLines(p), 'round', 'port'));
    // Overlay and other non-bridge Docker networks: their namespace is on this host.
    for (const n of nets.filter((x) => x.driver !== 'bridge')) {
      const lines = [
        `${n.name} (${n.driver || 'network'} network)`,
        ...n.subnets.map((x) => x.subnet).slice(0, MAX_ADDRESSES),
      ];
      if (n.ingress) lines.push(fw('fig.routing-mesh'));
      else if (n.scope === 'swarm') lines.push(fw('fig.swarm-scope'));
      s.netNode.set(n.name, b.node(lines, 'hexagon', 'overlay'));
    }
    const drawn: string[] = bridgeUplink ? [bridgeUplink.name] : [];
    for (const i of host?.interfaces ?? []) if (bridges.has(i.name)) drawn.push(i.name);
    for (const br of host?.bridges ?? []) if (!drawn.includes(br.name)) drawn.push(br.name);
    for (const n of nets)
      if (n.driver === 'bridge' && n.bridge && !drawn.includes(n.bridge)) drawn.push(n.bridge);
    for (const name of drawn) if (name !== bridgeUplink?.name) drawBridge(s, name);
    // Veth ends and other interfaces that belong to no bridge (orphans, vxlan, tunnels).
    for (const i of host?.interfaces ?? []) {
      if (i.kind === 'loopback' || bridges.has(i.name) || s.ifaceNode.has(k(hostId, i.name))) continue;
      const peerMissing = i.peerIfindex !== undefined && !lk.peer(hostId, i.name);
      const lines = [
        ifaceTitle(i),
        ...addressLines(i),
        ...kindNote(i),
        ...(peerMissing ? [fw('fig.peer-not-captured')] : []),
      ];
      s.ifaceNode.set(k(hostId, i.name), b.node(lines, 'round', 'iface', stateOf(i)));
    }
    // Where each published port lands: by container name, else by the container's address.
    const byContainer = new Map(containerNs.map((n) => [n.container ?? n.name, n.id]));
    const landing = new Map<string, Publish[]>();
    for (const p of ports) {
      const c = lk.container(p.container);
      const nsId =
        (lk.namespace(c?.namespace) ? c?.namespace : undefined) ??
        (p.container !== undefined ? byContainer.get(p.container) : undefined) ??
        lk.namespaceOfAddress(p.containerIp);
      if (nsId !== undefined) landing.set(nsId, [...(landing.get(nsId) ?? []), p]);
    }
    // Namespaces in the order of the bridge ports they hang off: fewer crossing lines.
    const seat = new Map<string, number>();
    for (const br of drawn) {
      for (const p of lk.bridgePorts(br)) {
        const peer = lk.peer(hostId, p);
        if (peer && !seat.has(peer.namespace)) seat.set(peer.namespace, seat.size);
      }
    }
    const bySeat = (a: ModelNamespace, c: ModelNamespace) =>
      (seat.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (seat.get(c.id) ?? Number.MAX_SAFE_INTEGER) ||
      byName(a, c);
    containerNs.sort(bySeat);
    sandboxNs.sort(bySeat);
    // Containers of a Compose project are drawn together in one box named after the project,
    // after the others (so a host without Compose draws exactly as before).
    const projectOf = (name: string | undefined) => lk.container(name)?.compose?.project;
    const dockerOnly = [...model.containers].sort(byName).filter((c) => {
      const captured = lk.namespace(c.namespace) !== undefined || byContainer.has(c.name);
      // Exited and created containers have no namespace: nothing to draw (the tables list them).
      const live = c.status === undefined || /^(running|paused|restarting)$/.test(c.status);
      return !captured && live && c.networking !== 'host';
    });
    for (const ns of containerNs)
      if (!projectOf(ns.container ?? ns.name)) drawNamespace(s, ns, landing.get(ns.id) ?? []);
    for (const c of dockerOnly) if (!c.compose) drawDockerOnlyContainer(s, c, ports);
    projects = [
      ...new Set([
        ...containerNs.flatMap((ns) => projectOf(ns.container ?? ns.name) ?? []),
        ...dockerOnly.flatMap((c) => c.compose?.project ?? []),
      ]),
    ].sort(cmp);
    for (const project of projects) {
      b.group([fw('fig.compose-project', { name: project })], 'compose', () => {
        for (const ns of containerNs)
          if (projectOf(ns.container ?? ns.name) === project) drawNamespace(s, ns, landing.get(ns.id) ?? []);
        for (const c of dockerOnly) if (c.compose?.project === project) drawDockerOnlyContainer(s, c, ports);
      });
    }
    for (const ns of sandboxNs) drawNamespace(s, ns, landing.get(ns.id) ?? []);
    drawDockerOnlySandboxes(s);

    for (const [idx, p] of ports.entries()) {
      const from = portNodes[idx]!;
      const onUplink = p.hostIps.some((ip) => isWildcardAddress(ip) || !isLoopbackAddress(ip));
      if (s.uplink && onUplink) b.edge(s.uplink, from, 'client', [`${p.proto} :${p.hostPort}`]);
      const target =
        p.target ??
        b.node(
          [`${p.containerIp ?? '?'}:${p.containerPort ?? '?'}`, fw('fig.container-not-captured')],
          'round',
          'port',
          'unknown',
        );
      b.edge(from, target, 'publish', publishLabel(p));
    }
  });

  // 3. Edges that need every node: interfaces whose veth peer is not drawn, tied to the network
  // their address is in; VXLAN; LAN; veth pairs (drawn from the bridge side); endpoints whose veth
  // was not captured: to the one unpaired port of their bridge when that pairing is the only
  // possible one, else to the bridge itself.
  for (const { i, ns, kind } of s.loose) {
    const peer = lk.peer(ns, i.name);
    if (kind === undefined && peer && s.ifaceNode.has(k(peer.namespace, peer.ifname))) continue;
    attachByAddress(s, i, s.ifaceNode.get(k(ns, i.name))!, kind);
  }
  // Docker's overlay driver carries overlay networks in VXLAN over the host's own network.
  for (const n of nets) {
    const id = s.netNode.get(n.name);
    if (n.driver === 'overlay' && id && s.uplink && !s.vxlanDrawn.has(n.name))
      b.edge(s.uplink, id, 'routed', ['VXLAN']);
  }
  for (const [net, nodes] of s.pending) {
    const free = s.unpaired.get(net) ?? [];
    const bridge = s.netNode.get(net)!;
    for (const n of nodes)
      b.edge(nodes.length === 1 && free.length === 1 ? free[0]! : bridge, n, 'uncaptured');
  }
  for (const lan of lans) {
    const up = s.ifaceNode.get(k(hostId, lan.ifname));
    if (up) b.edge(lan.node, up, 'link', lan.isDefault ? [fw('fig.default-route')] : undefined);
  }
  for (const l of model.vethLinks) {
    let [x, y] = [l.a, l.b];
    const isPortEnd = (e: typeof x) => lk.iface(e.namespace, e.ifname)?.master !== undefined;
    if (y.namespace === hostId || (x.namespace !== hostId && isPortEnd(y) && !isPortEnd(x))) [x, y] = [y, x];
    const a = s.ifaceNode.get(k(x.namespace, x.ifname));
    const c = s.ifaceNode.get(k(y.namespace, y.ifname));
    if (a && c) b.edge(a, c, 'veth');
  }
  legend(b, projects.length > 0);
  return { source: b.source(direction), b };
}

function drawBridge(s: Scene, name: string): void {
  const { b, host, hostId, lk } = s;
  const i = lk.iface(hostId, name);
  const net = s.nets.find((n) => n.bridge === name);
  const lines = [`${i ? `${i.ifindex}: ` : ''}${name} (bridge)`];
  if (i) lines.push(...addressLines(i));
  else if (net)
    lines.push(
      ...net.subnets
        .map((x) =>
          x.gateway ? fw('fig.gateway', { via: x.gateway }) : fw('fig.subnet', { subnet: x.subnet }),
        )
        .slice(0, MAX_ADDRESSES),
    );
  lines.push(i ? stateText(i) : fw('fig.interface-not-captured'));
  if (net) lines.push(fw('fig.docker-network', { name: net.name }));
  const br = host?.bridges.find((x) => x.name === name);
  const portNames = lk.bridgePorts(name);
  if (portNames.length === 0 && (br || i)) lines.push(fw('fig.no-ports'));
  const id = b.node(lines, 'subroutine', 'bridge', stateOf(i));
  if (i) s.ifaceNode.set(k(hostId, name), id);
  if (net) s.netNode.set(net.name, id);
  // Routed to and from the LAN by the host; Docker's internal networks are not.
  if (name === s.uplinkName) s.uplink = id;
  const routed = i?.addresses.some((a) => a.family === 'inet') && !net?.internal;
  if (routed && s.uplink && s.uplink !== id) b.edge(s.uplink, id, 'routed', [fw('fig.routed')]);
  for (const p of portNames) {
    const pi = lk.iface(hostId, p);
    const peerMissing = pi?.peerIfindex !== undefined && !lk.peer(hostId, p);
    const plines = pi
      ? [
          ifaceTitle(pi),
          ...addressLines(pi),
          ...kindNote(pi),
          ...(peerMissing ? [fw('fig.peer-not-captured')] : []),
        ]
      : [p, fw('fig.not-in-ip-addr')];
    const pid = b.node(plines, 'round', 'iface', stateOf(pi));
    s.ifaceNode.set(k(hostId, p), pid);
    b.edge(id, pid, 'link');
    if (net && peerMissing) s.unpaired.set(net.name, [...(s.unpaired.get(net.name) ?? []), pid]);
  }
}

/** A container or sandbox namespace; `ports` are the published ports that land in it. */
function drawNamespace(s: Scene, ns: ModelNamespace, ports: Publish[]): void {
  const { b } = s;
  const cls: ClassName = ns.kind === 'container' ? 'container' : 'sandbox';
  const bridgesHere = new Set(ns.bridges.map((x) => x.name));
  for (const i of ns.interfaces) if (i.kind === 'bridge') bridgesHere.add(i.name);
  const isBridge = (name: string) => bridgesHere.has(name);
  // The namespace of an overlay network (`1-<id>`: br0, vxlan0, a veth per sandbox) says so.
  const carried = [...bridgesHere].flatMap((name) =>
    (s.lk.iface(ns.id, name)?.addresses ?? []).flatMap((a) => {
      const net = networkContaining(s.nets, a.address);
      return net && net.driver !== 'bridge' ? [net] : [];
    }),
  );
  const service =
    ns.kind === 'container' ? s.lk.container(ns.container ?? ns.name)?.compose?.service : undefined;
  const title =
    ns.kind === 'container'
      ? fw('fig.container', {
          name: `${ns.container ?? ns.name}${ns.sharers.length ? ` + ${ns.sharers.join(', ')}` : ''}`,
          service: service ?? '',
        })
      : carried[0]
        ? fw('fig.overlay-namespace', { name: carried[0].name, ns: ns.name })
        : fw('fig.sandbox', { name: ns.name });
  // Listening sockets; the targets of published ports first, so the cap never hides them.
  const wanted = ports.filter((p) => !p.target);
  const all = listeners(ns);
  const matches = (l: Listener, p: Publish) => l.port === p.containerPort && l.transport === p.proto;
  const shown = all.filter((l) => wanted.some((p) => matches(l, p)));
  const cap = s.compact ? 0 : MAX_PORTS_PER_NAMESPACE;
  for (const l of all) if (shown.length < cap && !shown.includes(l)) shown.push(l);
  const hidden = all.length - shown.length;
  // One line: Mermaid reserves no room for a second title line, and nodes would cover it.
  b.group([s.compact && hidden > 0 ? `${title} · +${hidden} listening` : title], cls, () => {
    for (const i of ns.interfaces) {
      if (i.kind === 'loopback') continue;
      const st = stateOf(i);
      const lines = [
        `${ifaceTitle(i)}${isBridge(i.name) ? ' (bridge)' : ''}`,
        ...addressLines(i),
        ...(st === 'up' ? [] : [stateText(i)]),
        ...kindNote(i),
      ];
      const id = b.node(
        lines,
        isBridge(i.name) ? 'subroutine' : 'rect',
        isBridge(i.name) ? 'bridge' : cls,
        st,
      );
      s.ifaceNode.set(k(ns.id, i.name), id);
      // The tunnel endpoint of an overlay: VXLAN leaves the host through its uplink from here.
      if (i.kind === 'vxlan' && carried[0] && s.uplink) {
        b.edge(s.uplink, id, 'routed', ['VXLAN']);
        for (const n of carried) s.vxlanDrawn.add(n.name);
      }
    }
    for (const i of ns.interfaces) {
      const bid = i.master && isBridge(i.master) ? s.ifaceNode.get(k(ns.id, i.master)) : undefined;
      const pid = s.ifaceNode.get(k(ns.id, i.name));
      if (bid && pid) b.edge(bid, pid, 'link');
    }
    for (const br of ns.bridges) {
      const bid = s.ifaceNode.get(k(ns.id, br.name));
      for (const p of br.ports) {
        const pid = s.ifaceNode.get(k(ns.id, p));
        if (bid && pid) b.edge(bid, pid, 'link');
      }
    }
    const nodeOf = new Map<Listener, string>();
    for (const l of all) if (shown.includes(l)) nodeOf.set(l, b.node([l.text], 'round', 'port'));
    if (hidden > 0 && !s.compact) b.node([fw('fig.more-listening', { n: hidden })], 'round', 'port');
    for (const p of wanted) {
      const l = all.find((x) => matches(x, p));
      p.target =
        (l && nodeOf.get(l)) ??
        b.node([`:${p.containerPort ?? '?'}`, fw('fig.not-seen-listening')], 'round', 'port', 'unknown');
    }
    if (ns.interfaces.length > 0 && ns.interfaces.every((i) => i.kind === 'loopback'))
      b.node([fw('fig.loopback-only')], 'rect', cls);
  });
  // Interfaces whose veth peer is not drawn (checked once every namespace is), and a bridge that
  // carries an overlay network (the overlay's br0): tied to the network their address is in.
  for (const i of ns.interfaces) {
    if (i.kind === 'loopback' || (i.master && isBridge(i.master))) continue;
    s.loose.push(isBridge(i.name) ? { i, ns: ns.id, kind: 'link' } : { i, ns: ns.id });
  }
}

function attachByAddress(s: Scene, i: ModelInterface, id: string, kind?: EdgeKind): void {
  for (const a of i.addresses) {
    const net = networkContaining(s.nets, a.address);
    if (net) attach(s, net, id, kind);
  }
}

/** Tie a node to a Docker network: an overlay directly, a bridge network through its veth (later). */
function attach(s: Scene, net: ModelDockerNetwork, id: string, kind?: EdgeKind): void {
  const nid = s.netNode.get(net.name);
  if (!nid) return;
  if (kind || net.driver !== 'bridge') s.b.edge(nid, id, kind ?? 'link');
  else s.pending.set(net.name, [...(s.pending.get(net.name) ?? []), id]);
}

/** A container Docker knows (network inspect) whose namespace was not captured. */
function drawDockerOnlyContainer(s: Scene, c: ModelContainer, ports: Publish[]): void {
  const { b } = s;
  const later: [ModelDockerNetwork | 'host', string][] = [];
  b.group([fw('fig.container', { name: c.name, service: '' })], 'container', () => {
    for (const n of c.networks) {
      if (n.network === 'host') {
        later.push([
          'host',
          b.node([fw('fig.host-mode'), fw('fig.uses-host-interfaces')], 'rect', 'container', 'unknown'),
        ]);
        continue;
      }
      if (n.network === 'none') {
        b.node([fw('fig.network-none'), fw('fig.loopback-only')], 'rect', 'container', 'unknown');
        continue;
      }
      const lines = [
        fw('fig.on', { addrs: n.network }),
        ...(n.ipv4 ? [n.ipv4] : []),
        ...(n.ipv6 ? [n.ipv6] : []),
        fw('fig.interfaces-not-captured'),
      ];
      const id = b.node(lines, 'rect', 'container', 'unknown');
      const net = s.nets.find((x) => x.name === n.network);
      if (net) later.push([net, id]);
    }
    if (c.networks.length === 0) {
      const mode = c.networkMode;
      const lines = mode?.startsWith('container:')
        ? [fw('fig.network-mode'), fw('fig.shares', { mode })]
        : mode === 'host'
          ? [fw('fig.host-mode'), fw('fig.uses-host-interfaces')]
          : mode === 'none'
            ? [fw('fig.network-none'), fw('fig.loopback-only')]
            : [fw('fig.no-network-captured')];
      const id = b.node(lines, 'rect', 'container', 'unknown');
      if (mode === 'host') later.push(['host', id]);
    }
    for (const p of ports) {
      const mine =
        p.container === c.name ||
        c.networks.some((n) => p.containerIp && bareAddress(n.ipv4) === p.containerIp);
      if (mine && !p.target) p.target = b.node([`:${p.containerPort ?? '?'}`], 'round', 'port', 'unknown');
    }
  });
  for (const [net, id] of later) {
    if (net !== 'host') attach(s, net, id);
    else if (s.uplink) b.edge(s.uplink, id, 'uncaptured');
  }
}

/** Docker's own sandboxes (ingress-sbox) known only from network inspect. */
function drawDockerOnlySandboxes(s: Scene): void {
  const { b, model } = s;
  const byKey = new Map<string, { net: ModelDockerNetwork; ipv4?: string; name: string }[]>();
  for (const n of s.nets) {
    for (const ep of n.endpoints) {
      // A hidden endpoint the model placed (a container's gateway leg, ingress-sbox's legs) is
      // drawn with its namespace; only those nobody captured get a box of their own.
      if (!ep.sandbox || ep.namespace || ep.container || sandboxNamespaceOf(model, ep.key, ep.ipv4)) continue;
      const list = byKey.get(ep.key) ?? [];
      list.push(ep.ipv4 ? { net: n, ipv4: ep.ipv4, name: ep.name } : { net: n, name: ep.name });
      byKey.set(ep.key, list);
    }
  }
  for (const key of [...byKey.keys()].sort()) {
    const later: [ModelDockerNetwork, string][] = [];
    b.group([fw('fig.sandbox', { name: key })], 'sandbox', () => {
      for (const ep of byKey.get(key)!) {
        const lines = [`endpoint on ${ep.net.name}`, ...(ep.ipv4 ? [ep.ipv4] : []), ep.name];
        later.push([ep.net, b.node(lines, 'rect', 'sandbox', 'unknown')]);
      }
    });
    for (const [net, id] of later) attach(s, net, id);
  }
}

/** A lower bound of the detailed figure's node count: every non-loopback interface is a node. */
export function detailedNodesAtLeast(model: StepModel): number {
  let n = model.publishedPorts.length > 0 ? 1 : 0;
  for (const ns of model.namespaces) for (const i of ns.interfaces) if (i.kind !== 'loopback') n++;
  return n;
}
