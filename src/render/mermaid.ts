/**
 * StepModel -> Mermaid flowchart source: the figure a teacher draws after `ip addr`, `brctl show`,
 * `ip route` and `netstat` of one step (the course's "Results summarized in a figure"). Left to
 * right: the LAN and its gateway; the host with its uplink (the interface of the default route),
 * what listens on it, the docker-proxy of each published port, each bridge with its Docker
 * network, its veth ends; then, inside the host, one box per container or Docker sandbox with its
 * interfaces and listening ports. Thick lines are veth pairs, dotted lines what the host routes,
 * arrows the published ports. For step 3:
 *
 *   LAN 192.168.178.0/24 --- 2: ens18 -.routed.- 3: docker0 (bridge) --- 5: veth9c996da@if4 === 4: eth0@if5
 *                              \-.tcp :60000.-> host :60000 docker-proxy --tcp 60000 → 8080--> :8080 node
 *
 * Node ids are generated (n1, n2 ... and g1, g2 ... in the order of the walk below, which
 * depends only on the model), never taken from data; every label goes through
 * mermaid-escape.ts. The same model always gives the same source, byte for byte.
 *
 * Mermaid has limits (500 edges, 50,000 characters; over the latter it draws an error picture),
 * and a figure with hundreds of boxes teaches nothing: a host over the budget (maxNodes,
 * maxChars, maxEdges) gets an aggregated figure with one node per bridge or network and its
 * container count, published ports kept visible.
 */
import { cidrContains, isLoopbackAddress, isWildcardAddress } from '../model/ip.js';
import type {
  ModelContainer,
  ModelDockerNetwork,
  ModelInterface,
  ModelNamespace,
  ModelPublishedPort,
  ModelRoute,
  ModelSocket,
  StepModel,
} from '../model/types.js';
import { label } from './mermaid-escape.js';

export interface StepDiagramOptions {
  /** Above this many nodes the figure is aggregated (default 120). */
  maxNodes?: number;
  /** Above this many characters of source the figure is aggregated (default 40,000; Mermaid's limit is 50,000). */
  maxChars?: number;
  /** Above this many edges the figure is aggregated (default 400; Mermaid's limit is 500). */
  maxEdges?: number;
}

export interface StepDiagram {
  source: string;
  nodeCount: number;
  edgeCount: number;
  aggregated: boolean;
}

export const DIAGRAM_BUDGET = { maxNodes: 120, maxChars: 40_000, maxEdges: 400 } as const;

/** Per-box caps in the detailed figure, so one busy namespace cannot flood it. */
const MAX_PORTS_PER_NAMESPACE = 6;
const MAX_HOST_SERVICES = 6;
const MAX_ADDRESSES = 3;

// ---------------------------------------------------------------------------------------------
// Output: nodes, groups (subgraphs), edges and classes, with generated ids.

// No stadium or flag: Mermaid draws them as rough.js paths of ~45 KB each.
type Shape = 'rect' | 'round' | 'hexagon' | 'subroutine';
const SHAPES: Record<Shape, readonly [string, string]> = {
  rect: ['[', ']'],
  round: ['(', ')'],
  hexagon: ['{{', '}}'],
  subroutine: ['[[', ']]'],
};

/** Line styles, explained in the legend. */
type EdgeKind = 'link' | 'veth' | 'routed' | 'publish' | 'client' | 'uncaptured' | 'invisible';
const EDGES: Record<EdgeKind, string> = {
  invisible: '~~~',
  link: '---',
  veth: '===',
  routed: '-.-',
  publish: '-->',
  client: '-.->',
  uncaptured: '-.-',
};

/** Classes: state (border) and kind (fill). Order here is the order of the classDef lines. */
const CLASS_DEFS: readonly [string, string][] = [
  ['host', 'fill:#fafafa,stroke:#616161,stroke-width:1px,color:#212121'],
  ['lan', 'fill:#eceff1,stroke:#455a64,stroke-width:1px,color:#263238'],
  ['iface', 'fill:#ffffff,color:#212121'],
  ['bridge', 'fill:#fff3e0,color:#212121'],
  ['port', 'fill:#fffde7,stroke:#f9a825,stroke-width:1px,color:#212121'],
  ['service', 'fill:#f5f5f5,stroke:#9e9e9e,stroke-width:1px,color:#212121'],
  ['container', 'fill:#e3f2fd,stroke:#1565c0,stroke-width:1px,color:#0d47a1'],
  ['sandbox', 'fill:#f3e5f5,stroke:#6a1b9a,stroke-width:1px,color:#4a148c'],
  ['overlay', 'fill:#ede7f6,stroke:#4527a0,stroke-width:2px,color:#311b92'],
  ['legend', 'fill:#ffffff,stroke:#bdbdbd,stroke-width:1px,color:#424242'],
  ['note', 'fill:#fffde7,stroke:#bdbdbd,stroke-width:1px,color:#424242'],
  ['up', 'stroke:#2e7d32,stroke-width:2px'],
  ['down', 'stroke:#c62828,stroke-width:2px,stroke-dasharray:5 3'],
  ['unknown', 'stroke:#757575,stroke-width:1px,stroke-dasharray:2 2'],
];
type ClassName =
  | 'host'
  | 'lan'
  | 'iface'
  | 'bridge'
  | 'port'
  | 'service'
  | 'container'
  | 'sandbox'
  | 'overlay'
  | 'legend'
  | 'note'
  | 'up'
  | 'down'
  | 'unknown';

class Builder {
  private body: string[] = [];
  private edgeLines: string[] = [];
  private edgeKeys = new Set<string>();
  private classes = new Map<ClassName, string[]>();
  private depth = 1;
  nodes = 0;
  edges = 0;
  private groups = 0;

  node(lines: readonly string[], shape: Shape, ...classes: ClassName[]): string {
    const id = `n${++this.nodes}`;
    const [open, close] = SHAPES[shape];
    this.body.push(`${'  '.repeat(this.depth)}${id}${open}${label(lines)}${close}`);
    for (const c of classes) this.tag(id, c);
    return id;
  }

  group(title: readonly string[], cls: ClassName, fill: () => void, direction?: 'LR' | 'TB'): string {
    const id = `g${++this.groups}`;
    const pad = '  '.repeat(this.depth);
    // Titles do not wrap: shorter than node lines.
    this.body.push(`${pad}subgraph ${id}[${label(title, 40)}]`);
    this.depth++;
    if (direction) this.body.push(`${'  '.repeat(this.depth)}direction ${direction}`);
    fill();
    this.depth--;
    this.body.push(`${pad}end`);
    this.tag(id, cls);
    return id;
  }

  edge(a: string, b: string, kind: EdgeKind, text?: readonly string[]): void {
    const key = [a, b].sort().join(' ');
    if (a === b || this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges++;
    const lbl = text && text.length > 0 ? `|${label(text)}|` : '';
    this.edgeLines.push(`  ${a} ${EDGES[kind]}${lbl} ${b}`);
  }

  tag(id: string, cls: ClassName): void {
    const ids = this.classes.get(cls) ?? [];
    ids.push(id);
    this.classes.set(cls, ids);
  }

  source(direction: 'LR' | 'TB'): string {
    const out = [`flowchart ${direction}`, ...this.body, ...this.edgeLines];
    for (const [name, style] of CLASS_DEFS) {
      const ids = this.classes.get(name as ClassName);
      if (!ids || ids.length === 0) continue;
      out.push(`  classDef ${name} ${style}`);
      // Mermaid accepts long id lists; chunks keep lines readable in the .mmd file.
      for (let i = 0; i < ids.length; i += 40) out.push(`  class ${ids.slice(i, i + 40).join(',')} ${name}`);
    }
    return `${out.join('\n')}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the model.

type State = 'up' | 'down' | 'unknown';

function stateOf(i: ModelInterface | undefined): State {
  if (!i) return 'unknown';
  if (i.state === 'UP') return 'up';
  if (i.state === 'DOWN' || i.state === 'LOWERLAYERDOWN' || !i.adminUp || i.noCarrier) return 'down';
  return i.lowerUp ? 'up' : 'unknown';
}

function stateText(i: ModelInterface | undefined): string {
  const s = stateOf(i);
  if (s === 'up') return 'UP';
  if (s === 'down')
    return i?.noCarrier ? 'DOWN (no carrier)' : i?.adminUp === false ? 'DOWN (admin down)' : 'DOWN';
  return i?.state ? `state ${i.state}` : 'state not captured';
}

/** `ip addr` names a veth end `name@ifN`; the figure uses the same words as the course. */
function ifaceTitle(i: ModelInterface): string {
  const peer = i.peerIfindex !== undefined ? `@if${i.peerIfindex}` : i.parent ? `@${i.parent}` : '';
  return `${i.ifindex}: ${i.name}${peer}`;
}

function addressLines(i: ModelInterface): string[] {
  const v4 = i.addresses.filter((a) => a.family === 'inet').map((a) => a.cidr);
  const v6 = i.addresses.filter(
    (a) => a.family === 'inet6' && a.scope !== 'link' && !a.address.startsWith('fe80'),
  );
  const lines = v4.slice(0, MAX_ADDRESSES);
  if (v4.length > MAX_ADDRESSES) lines.push(`+${v4.length - MAX_ADDRESSES} more IPv4`);
  if (v6.length > 0) {
    if (v4.length === 0 && v6.length === 1) lines.push(v6[0]!.cidr);
    else lines.push(`+${v6.length} IPv6 address${v6.length > 1 ? 'es' : ''}`);
  }
  return lines;
}

function isDefaultRoute(r: ModelRoute): boolean {
  return (
    (r.dst === 'default' || r.dst === '0.0.0.0/0' || r.dst === '::/0') &&
    (r.type === 'unicast' || r.type === '' || r.type === undefined) &&
    r.table === 'main'
  );
}

function defaultRoutes(ns: ModelNamespace | undefined): ModelRoute[] {
  const all = (ns?.routes ?? []).filter(isDefaultRoute);
  // IPv4 first: the course reads only IPv4, and its gateway is the one a teacher draws.
  return [...all.filter((r) => r.family === 'inet'), ...all.filter((r) => r.family !== 'inet')];
}

function routeDev(r: ModelRoute): string | undefined {
  return r.dev ?? r.nexthops?.find((h) => h.dev)?.dev;
}

function routeVia(r: ModelRoute): string | undefined {
  return r.via ?? r.nexthops?.find((h) => h.via)?.via;
}

function bareAddress(a: string | undefined): string | undefined {
  return a?.split('/')[0];
}

function hasAddress(i: ModelInterface, addr: string | undefined): boolean {
  const bare = bareAddress(addr);
  return bare !== undefined && i.addresses.some((a) => a.address === bare);
}

function networkContaining(nets: ModelDockerNetwork[], address: string): ModelDockerNetwork | undefined {
  return nets.find((n) => n.subnets.some((s) => cidrContains(s.subnet, address)));
}

/** `:8080`, `127.0.0.11:53`, `[::1]:631` */
function bindText(s: { localAddress: string; localPort: string; localPortNumber?: number }): string {
  const port = s.localPortNumber !== undefined ? String(s.localPortNumber) : s.localPort;
  if (isWildcardAddress(s.localAddress)) return `:${port}`;
  const addr = s.localAddress.includes(':') ? `[${s.localAddress}]` : s.localAddress;
  return `${addr}:${port}`;
}

interface Listener {
  key: string;
  transport: string;
  port?: number;
  text: string;
  sockets: ModelSocket[];
}

/** Listening sockets grouped so tcp and tcp6 of one program on one port make one line. */
function listeners(ns: ModelNamespace, exclude?: (s: ModelSocket) => boolean): Listener[] {
  const out = new Map<string, Listener>();
  for (const s of ns.sockets) {
    if (!s.listening || s.family === 'unix' || s.family === 'other' || exclude?.(s)) continue;
    const where = bindText(s);
    const transport = s.transport === 'tcp' ? '' : `${s.transport} `;
    const prog = s.program ? ` ${s.program}` : '';
    const text = `${transport}${where}${prog}`;
    const key = `${s.transport}|${where}|${s.program ?? ''}`;
    const l = out.get(key);
    if (l) l.sockets.push(s);
    else {
      const item: Listener = { key, transport: s.transport, text, sockets: [s] };
      if (s.localPortNumber !== undefined) item.port = s.localPortNumber;
      out.set(key, item);
    }
  }
  return [...out.values()].sort(
    (a, b) => (a.port ?? 1e6) - (b.port ?? 1e6) || cmp(a.transport, b.transport) || cmp(a.text, b.text),
  );
}

/** Code-unit order, not localeCompare: the same source on every machine and locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return cmp(a.name, b.name);
}

function isDrawnNetwork(n: ModelDockerNetwork): boolean {
  return n.driver !== 'host' && n.driver !== 'null' && n.name !== 'host' && n.name !== 'none';
}

/** Published ports merged by (proto, host port, container target): docker-proxy runs once per family. */
interface Publish {
  /** Node of the container side, once drawn. */
  target?: string;
  proto: string;
  hostPort: number;
  hostIps: string[];
  containerIp?: string;
  containerPort?: number;
  container?: string;
  /** What forwards it: docker-proxy, else the kernel by DNAT (userland proxy off), as far as seen. */
  forwarder: string;
}

function forwarderOf(p: ModelPublishedPort): string {
  const sources: readonly string[] = p.sources ?? [];
  if (sources.includes('docker-proxy') || p.pid !== undefined) return 'docker-proxy';
  if (sources.includes('iptables-dnat')) return 'DNAT (iptables)';
  return 'published (docker inspect)';
}

function publishes(model: StepModel): Publish[] {
  const out = new Map<string, Publish>();
  for (const p of model.publishedPorts) {
    const key = [p.proto, p.hostPort, p.containerIp ?? '', p.containerPort ?? '', p.container ?? ''].join(
      '|',
    );
    const hit = out.get(key);
    if (hit) {
      if (!hit.hostIps.includes(p.hostIp)) hit.hostIps.push(p.hostIp);
      if (forwarderOf(p) === 'docker-proxy') hit.forwarder = 'docker-proxy';
      continue;
    }
    const item: Publish = {
      proto: p.proto,
      hostPort: p.hostPort,
      hostIps: [p.hostIp],
      forwarder: forwarderOf(p),
    };
    copyTarget(item, p);
    out.set(key, item);
  }
  return [...out.values()].sort((a, b) => a.hostPort - b.hostPort || cmp(a.proto, b.proto));
}

function copyTarget(to: Publish, p: ModelPublishedPort): void {
  if (p.containerIp !== undefined) to.containerIp = p.containerIp;
  if (p.containerPort !== undefined) to.containerPort = p.containerPort;
  if (p.container !== undefined) to.container = p.container;
}

/** `host :60000`, `host 127.0.0.1:8080`, `host [::1]:8080/udp`, with what forwards it under it. */
function hostPortLines(p: Publish): string[] {
  const specific = p.hostIps
    .filter((ip) => !isWildcardAddress(ip))
    .map((ip) => (ip.includes(':') ? `[${ip}]` : ip));
  const port = `:${p.hostPort}${p.proto === 'tcp' ? '' : `/${p.proto}`}`;
  if (specific.length === 1 && p.hostIps.length === 1) return [`host ${specific[0]}${port}`, p.forwarder];
  const lines = [`host ${port}`, p.forwarder];
  if (specific.length > 0) lines.push(`on ${specific.join(', ')}`);
  return lines;
}

function publishLabel(p: Publish): string[] {
  const to = p.containerPort !== undefined ? `${p.containerPort}` : '?';
  return [`${p.proto} ${p.hostPort} → ${to}`];
}

/** One box, so it takes one slot beside the LAN instead of a row across the figure. */
const LEGEND_LINES = [
  'Legend',
  'green border: UP',
  'red dashed border: DOWN',
  'grey dotted border: state unknown',
  'blue: container',
  'purple: Docker sandbox',
  'thick line: veth pair',
  'line: bridge port, link',
  'dotted line: routed by the host',
  'or a veth not captured',
  'arrow: published port',
];

function legend(b: Builder): void {
  b.node(LEGEND_LINES, 'rect', 'legend');
}

// ---------------------------------------------------------------------------------------------
// The detailed figure. Edges are written in the direction of the picture (LAN -> uplink ->
// bridge -> veth -> container), which is what makes dagre rank them left to right.

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
}

const k = (ns: string, ifname: string) => `${ns}\u0000${ifname}`;

function hostBridgeNames(host: ModelNamespace | undefined): Set<string> {
  const names = new Set<string>();
  for (const br of host?.bridges ?? []) names.add(br.name);
  for (const i of host?.interfaces ?? []) if (i.kind === 'bridge') names.add(i.name);
  return names;
}

/** Indexes over one model, built once per figure: big hosts have thousands of interfaces. */
class Lookup {
  readonly host: ModelNamespace | undefined;
  private peers = new Map<string, { namespace: string; ifname: string }>();
  private namespaces = new Map<string, ModelNamespace>();
  private containers = new Map<string, ModelContainer>();
  private ifaces = new Map<string, ModelInterface>();
  private ports = new Map<string, string[]>();
  /** Namespace id of each container/sandbox address. */
  private byAddress = new Map<string, string>();

  constructor(readonly model: StepModel) {
    for (const l of model.vethLinks) {
      this.peers.set(k(l.a.namespace, l.a.ifname), l.b);
      this.peers.set(k(l.b.namespace, l.b.ifname), l.a);
    }
    for (const n of model.namespaces) if (!this.namespaces.has(n.id)) this.namespaces.set(n.id, n);
    for (const c of model.containers) if (!this.containers.has(c.name)) this.containers.set(c.name, c);
    this.host = model.namespaces.find((n) => n.kind === 'host');
    for (const n of model.namespaces) {
      for (const i of n.interfaces)
        if (!this.ifaces.has(k(n.id, i.name))) this.ifaces.set(k(n.id, i.name), i);
    }
    const seen = new Set<string>();
    const addPort = (bridge: string, port: string) => {
      if (seen.has(k(bridge, port))) return;
      seen.add(k(bridge, port));
      this.ports.set(bridge, [...(this.ports.get(bridge) ?? []), port]);
    };
    for (const br of this.host?.bridges ?? []) for (const p of br.ports) addPort(br.name, p);
    for (const i of this.host?.interfaces ?? []) if (i.master !== undefined) addPort(i.master, i.name);
    for (const n of model.namespaces) {
      if (n.kind === 'host') continue;
      for (const i of n.interfaces)
        for (const a of i.addresses) if (!this.byAddress.has(a.address)) this.byAddress.set(a.address, n.id);
    }
  }

  peer(ns: string, ifname: string): { namespace: string; ifname: string } | undefined {
    return this.peers.get(k(ns, ifname));
  }

  namespace(id: string | undefined): ModelNamespace | undefined {
    return id === undefined ? undefined : this.namespaces.get(id);
  }

  container(name: string | undefined): ModelContainer | undefined {
    return name === undefined ? undefined : this.containers.get(name);
  }

  iface(ns: string, name: string): ModelInterface | undefined {
    return this.ifaces.get(k(ns, name));
  }

  /** Ports of a host bridge: `brctl show` order, then interfaces naming it as master. */
  bridgePorts(name: string): string[] {
    return this.ports.get(name) ?? [];
  }

  namespaceOfAddress(address: string | undefined): string | undefined {
    const bare = bareAddress(address);
    return bare === undefined ? undefined : this.byAddress.get(bare);
  }
}

/** A sandbox endpoint (ingress-sbox) whose namespace was captured: matched by address, else by name. */
function sandboxNamespaceOf(
  model: StepModel,
  key: string,
  ipv4: string | undefined,
): ModelNamespace | undefined {
  const sandboxes = model.namespaces.filter((n) => n.kind === 'sandbox');
  const bare = bareAddress(ipv4);
  const byAddr = bare ? sandboxes.find((n) => n.interfaces.some((i) => hasAddress(i, bare))) : undefined;
  if (byAddr) return byAddr;
  const norm = (s: string) => s.replace(/_/g, '-');
  return sandboxes.find((n) => norm(n.name) === norm(key) || norm(n.id.replace(/^netns:/, '')) === norm(key));
}

/** Host interfaces that are neither bridges nor bridge ports nor veth ends: ens18, eth1, bond0 ... */
function uplinksOf(lk: Lookup, uplinkName: string | undefined): ModelInterface[] {
  const host = lk.host;
  if (!host) return [];
  const bridges = hostBridgeNames(host);
  const list = host.interfaces.filter(
    (i) =>
      i.kind !== 'loopback' &&
      !bridges.has(i.name) &&
      !(i.master !== undefined && bridges.has(i.master)) &&
      // The default route's interface is the uplink whatever it is (a lab's veth, a VPN tunnel).
      (i.name === uplinkName ||
        (i.kind !== 'veth' && i.peerIfindex === undefined && lk.peer(host.id, i.name) === undefined)),
  );
  return [...list.filter((i) => i.name === uplinkName), ...list.filter((i) => i.name !== uplinkName)];
}

function kindNote(i: ModelInterface): string[] {
  return ['ethernet', 'physical', 'veth', 'bridge', 'loopback'].includes(i.kind) ? [] : [`(${i.kind})`];
}

function detailed(lk: Lookup, direction: 'LR' | 'TB'): { source: string; b: Builder } {
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
    const lines = [v4 ? `LAN ${v4.network}` : `network of ${i.name}`, ...(via ? [`gateway ${via}`] : [])];
    lans.push({ ifname: i.name, node: b.node(lines, 'hexagon', 'lan'), isDefault: route !== undefined });
  }
  if (defaults[0] && uplinkName && !uplinks.some((i) => i.name === uplinkName) && !bridgeUplink) {
    // The default route leaves through an interface that was not captured.
    const via = routeVia(defaults[0]);
    b.node(
      [`default route via ${uplinkName}`, ...(via ? [`gateway ${via}`] : []), 'interface not captured'],
      'hexagon',
      'lan',
    );
  }

  // 2. The host, and everything that lives on it.
  b.group([`host ${model.hostname || host?.name || ''}`.trim()], 'host', () => {
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
        if (others.length > MAX_HOST_SERVICES) lines.push(`+${others.length - MAX_HOST_SERVICES} more`);
        const id = b.node(['listening on the host', ...lines], 'rect', 'service');
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
      if (n.ingress) lines.push('swarm routing mesh');
      else if (n.scope === 'swarm') lines.push('swarm scope');
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
        ...(peerMissing ? ['peer not captured'] : []),
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
    for (const ns of containerNs) drawNamespace(s, ns, landing.get(ns.id) ?? []);
    for (const c of [...model.containers].sort(byName)) {
      const captured = lk.namespace(c.namespace) !== undefined || byContainer.has(c.name);
      // Exited and created containers have no namespace: nothing to draw (the tables list them).
      const live = c.status === undefined || /^(running|paused|restarting)$/.test(c.status);
      if (!captured && live && c.networking !== 'host') drawDockerOnlyContainer(s, c, ports);
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
          [`${p.containerIp ?? '?'}:${p.containerPort ?? '?'}`, 'container not captured'],
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
    if (up) b.edge(lan.node, up, 'link', lan.isDefault ? ['default route'] : undefined);
  }
  for (const l of model.vethLinks) {
    let [x, y] = [l.a, l.b];
    const isPortEnd = (e: typeof x) => lk.iface(e.namespace, e.ifname)?.master !== undefined;
    if (y.namespace === hostId || (x.namespace !== hostId && isPortEnd(y) && !isPortEnd(x))) [x, y] = [y, x];
    const a = s.ifaceNode.get(k(x.namespace, x.ifname));
    const c = s.ifaceNode.get(k(y.namespace, y.ifname));
    if (a && c) b.edge(a, c, 'veth');
  }
  legend(b);
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
        .map((x) => (x.gateway ? `gateway ${x.gateway}` : `subnet ${x.subnet}`))
        .slice(0, MAX_ADDRESSES),
    );
  lines.push(i ? stateText(i) : 'interface not captured');
  if (net) lines.push(`Docker network ${net.name}`);
  const br = host?.bridges.find((x) => x.name === name);
  const portNames = lk.bridgePorts(name);
  if (portNames.length === 0 && (br || i)) lines.push('no ports');
  const id = b.node(lines, 'subroutine', 'bridge', stateOf(i));
  if (i) s.ifaceNode.set(k(hostId, name), id);
  if (net) s.netNode.set(net.name, id);
  // Routed to and from the LAN by the host; Docker's internal networks are not.
  if (name === s.uplinkName) s.uplink = id;
  const routed = i?.addresses.some((a) => a.family === 'inet') && !net?.internal;
  if (routed && s.uplink && s.uplink !== id) b.edge(s.uplink, id, 'routed', ['routed']);
  for (const p of portNames) {
    const pi = lk.iface(hostId, p);
    const peerMissing = pi?.peerIfindex !== undefined && !lk.peer(hostId, p);
    const plines = pi
      ? [ifaceTitle(pi), ...addressLines(pi), ...kindNote(pi), ...(peerMissing ? ['peer not captured'] : [])]
      : [p, 'not in ip addr'];
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
  const title =
    ns.kind === 'container'
      ? `container ${ns.container ?? ns.name}${ns.sharers.length ? ` + ${ns.sharers.join(', ')}` : ''}`
      : carried[0]
        ? `${carried[0].name} overlay: namespace ${ns.name}`
        : `Docker sandbox ${ns.name}`;
  b.group([title], cls, () => {
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
    // Listening sockets; the targets of published ports first, so the cap never hides them.
    const wanted = ports.filter((p) => !p.target);
    const all = listeners(ns);
    const matches = (l: Listener, p: Publish) => l.port === p.containerPort && l.transport === p.proto;
    const shown = all.filter((l) => wanted.some((p) => matches(l, p)));
    for (const l of all) if (shown.length < MAX_PORTS_PER_NAMESPACE && !shown.includes(l)) shown.push(l);
    const nodeOf = new Map<Listener, string>();
    for (const l of all) if (shown.includes(l)) nodeOf.set(l, b.node([l.text], 'round', 'port'));
    if (all.length > shown.length) b.node([`+${all.length - shown.length} more listening`], 'round', 'port');
    for (const p of wanted) {
      const l = all.find((x) => matches(x, p));
      p.target =
        (l && nodeOf.get(l)) ??
        b.node([`:${p.containerPort ?? '?'}`, 'not seen listening'], 'round', 'port', 'unknown');
    }
    if (ns.interfaces.length > 0 && ns.interfaces.every((i) => i.kind === 'loopback'))
      b.node(['loopback only'], 'rect', cls);
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
  b.group([`container ${c.name}`], 'container', () => {
    for (const n of c.networks) {
      if (n.network === 'host') {
        later.push([
          'host',
          b.node(['host network mode', "uses the host's interfaces"], 'rect', 'container', 'unknown'),
        ]);
        continue;
      }
      if (n.network === 'none') {
        b.node(['network none', 'loopback only'], 'rect', 'container', 'unknown');
        continue;
      }
      const lines = [
        `on ${n.network}`,
        ...(n.ipv4 ? [n.ipv4] : []),
        ...(n.ipv6 ? [n.ipv6] : []),
        'interfaces not captured',
      ];
      const id = b.node(lines, 'rect', 'container', 'unknown');
      const net = s.nets.find((x) => x.name === n.network);
      if (net) later.push([net, id]);
    }
    if (c.networks.length === 0) {
      const mode = c.networkMode;
      const lines = mode?.startsWith('container:')
        ? ['network mode', `shares ${mode}`]
        : mode === 'host'
          ? ['host network mode', "uses the host's interfaces"]
          : mode === 'none'
            ? ['network none', 'loopback only']
            : ['no network captured'];
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
      if (!ep.sandbox || sandboxNamespaceOf(model, ep.key, ep.ipv4)) continue;
      const list = byKey.get(ep.key) ?? [];
      list.push(ep.ipv4 ? { net: n, ipv4: ep.ipv4, name: ep.name } : { net: n, name: ep.name });
      byKey.set(ep.key, list);
    }
  }
  for (const key of [...byKey.keys()].sort()) {
    const later: [ModelDockerNetwork, string][] = [];
    b.group([`Docker sandbox ${key}`], 'sandbox', () => {
      for (const ep of byKey.get(key)!) {
        const lines = [`endpoint on ${ep.net.name}`, ...(ep.ipv4 ? [ep.ipv4] : []), ep.name];
        later.push([ep.net, b.node(lines, 'rect', 'sandbox', 'unknown')]);
      }
    });
    for (const [net, id] of later) attach(s, net, id);
  }
}

// ---------------------------------------------------------------------------------------------
// The aggregated figure: one node per bridge or network with its container count, in a grid,
// published ports kept. Caps scale with maxNodes; `shrink` halves them until the text fits.

interface NetSummary {
  /** Bridge name, or the network name for overlay and other drivers. */
  name: string;
  network?: string;
  lines: string[];
  state: State;
  containers: number;
  driver: string;
}

const GRID_COLUMNS = 5;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarise(lk: Lookup): NetSummary[] {
  const { model, host } = lk;
  const nets = model.dockerNetworks.filter(isDrawnNetwork);
  const onNetwork = new Map<string, Set<string>>();
  for (const c of model.containers) {
    for (const n of c.networks) onNetwork.set(n.network, (onNetwork.get(n.network) ?? new Set()).add(c.name));
  }
  /** Containers on a network by Docker's word, or behind a veth on its bridge. */
  const countOn = (netName: string | undefined, bridge: string | undefined): number => {
    const names = new Set(netName ? onNetwork.get(netName) : undefined);
    for (const p of bridge && host ? lk.bridgePorts(bridge) : []) {
      const peer = lk.peer(host!.id, p);
      const ns = lk.namespace(peer?.namespace);
      if (ns?.kind === 'container') names.add(ns.container ?? ns.name);
    }
    return names.size;
  };
  const out: NetSummary[] = [];
  const seen = new Set<string>();
  for (const name of [...hostBridgeNames(host)].sort()) {
    const i = host ? lk.iface(host.id, name) : undefined;
    const net = nets.find((n) => n.bridge === name);
    const containers = countOn(net?.name, name);
    const addr = i ? addressLines(i)[0] : undefined;
    const item: NetSummary = {
      name,
      lines: [
        net ? `Docker network ${net.name}` : `bridge ${name}`,
        [addr, i ? stateText(i) : 'not captured'].filter(Boolean).join(' '),
        `${plural(containers, 'container')} on ${name}`,
      ],
      state: stateOf(i),
      containers,
      driver: 'bridge',
    };
    if (net) {
      item.network = net.name;
      seen.add(net.name);
    }
    out.push(item);
  }
  for (const n of [...nets].sort(byName)) {
    if (seen.has(n.name)) continue;
    const containers = countOn(n.name, undefined);
    const where = n.bridge ?? n.name;
    out.push({
      name: where,
      network: n.name,
      lines: [
        `Docker network ${n.name} (${n.driver || '?'})`,
        ...n.subnets.map((x) => x.subnet).slice(0, 1),
        `${plural(containers, 'container')} on ${where}`,
      ],
      state: 'unknown',
      containers,
      driver: n.driver,
    });
  }
  return out;
}

/** The Docker network a published port leads to: by the container's address, else its first network. */
function publishNetwork(lk: Lookup, p: Publish): string | undefined {
  return (
    (p.containerIp ? networkContaining(lk.model.dockerNetworks, p.containerIp)?.name : undefined) ??
    lk.container(p.container)?.networks[0]?.network
  );
}

function aggregated(
  lk: Lookup,
  summaries: NetSummary[],
  direction: 'LR' | 'TB',
  maxNodes: number,
  shrink: number,
): { source: string; b: Builder } {
  const b = new Builder();
  const { model, host } = lk;
  const defaults = defaultRoutes(host);
  const uplinkName = defaults[0] ? routeDev(defaults[0]) : undefined;
  const uplinks = uplinksOf(lk, uplinkName).slice(0, Math.max(1, Math.floor(4 / shrink)));
  const ports = publishes(model);
  const room = Math.max(6, Math.floor((maxNodes - uplinks.length - 8) / shrink));
  const netCap = Math.max(3, Math.ceil(room * 0.6));
  const portCap = Math.max(1, room - netCap);
  // Keep the busiest networks; show them in name order.
  const kept = new Set(
    [...summaries].sort((a, c) => c.containers - a.containers || cmp(a.name, c.name)).slice(0, netCap),
  );
  const shown = summaries.filter((x) => kept.has(x));
  const hidden = summaries.filter((x) => !kept.has(x));
  const totalContainers = new Set(model.containers.map((c) => c.name)).size;

  const up = uplinks[0];
  const v4 = up?.addresses.find((a) => a.family === 'inet');
  const via = defaults[0] ? routeVia(defaults[0]) : undefined;
  const lan =
    up && (v4 || via)
      ? b.node([v4 ? `LAN ${v4.network}` : 'LAN', ...(via ? [`gateway ${via}`] : [])], 'hexagon', 'lan')
      : undefined;
  const netNode = new Map<string, string>();
  const portNodes: [Publish, string][] = [];
  const portGroups: [string, Publish[], string][] = [];
  let uplinkId: string | undefined;
  let grid: string | undefined;
  b.group([`host ${model.hostname || host?.name || ''}`.trim()], 'host', () => {
    for (const i of uplinks) {
      const id = b.node([ifaceTitle(i), ...addressLines(i).slice(0, 1)], 'rect', 'iface', stateOf(i));
      uplinkId ??= id;
    }
    if (ports.length <= portCap) {
      for (const p of ports) portNodes.push([p, b.node(hostPortLines(p), 'round', 'port')]);
    } else {
      // Too many to draw one by one: one node per target network listing its ports, so every
      // network with published ports keeps them visible and the figure one edge pair per network.
      const byNet = new Map<string, Publish[]>();
      for (const p of ports) {
        const net = publishNetwork(lk, p) ?? '';
        byNet.set(net, [...(byNet.get(net) ?? []), p]);
      }
      const groups = [...byNet.entries()].slice(0, portCap);
      for (const [net, list] of groups) {
        const shown = list.slice(0, 3).map((p) => `:${p.hostPort}${p.proto === 'tcp' ? '' : `/${p.proto}`}`);
        const more = list.length > 3 ? ` +${list.length - 3}` : '';
        const id = b.node(
          [`host ${shown.join(' ')}${more}`, `${plural(list.length, 'published port')}`],
          'round',
          'port',
        );
        portGroups.push([net, list, id]);
      }
      const rest = [...byNet.values()].slice(portCap).reduce((t, l) => t + l.length, 0);
      if (rest > 0) b.node([`+${rest} more published ports`], 'round', 'port');
    }
    const title = `${plural(summaries.length, 'Docker network')}, ${plural(totalContainers, 'container')} (summarised)`;
    grid = b.group(
      [title],
      'host',
      () => {
        const ids: string[] = [];
        for (const n of shown) {
          const bridge = n.driver === 'bridge';
          const id = b.node(
            n.lines,
            bridge ? 'subroutine' : 'hexagon',
            bridge ? 'bridge' : 'overlay',
            n.state,
          );
          if (n.network) netNode.set(n.network, id);
          ids.push(id);
        }
        if (hidden.length > 0) {
          const count = hidden.reduce((t, x) => t + x.containers, 0);
          ids.push(
            b.node(
              [`+${plural(hidden.length, 'more network')}`, `with ${plural(count, 'container')}`],
              'subroutine',
              'bridge',
              'unknown',
            ),
          );
        }
        // Rows of GRID_COLUMNS: invisible links rank the nodes of a row left to right.
        for (let i = 0; i < ids.length; i++)
          if (i % GRID_COLUMNS !== 0) b.edge(ids[i - 1]!, ids[i]!, 'invisible');
      },
      'LR',
    );
  });
  if (lan && uplinkId) b.edge(lan, uplinkId, 'link', ['default route']);
  if (uplinkId && grid) b.edge(uplinkId, grid, 'routed', ['routed']);
  for (const [net, list, id] of portGroups) {
    if (uplinkId) b.edge(uplinkId, id, 'client', [plural(list.length, 'port')]);
    const first = list[0]!;
    const to = `${first.container ?? first.containerIp ?? '?'}:${first.containerPort ?? '?'}`;
    const target = (net ? netNode.get(net) : undefined) ?? grid;
    if (target) b.edge(id, target, 'publish', [list.length > 1 ? `→ ${to} …` : `→ ${to}`]);
  }
  for (const [p, id] of portNodes) {
    if (uplinkId) b.edge(uplinkId, id, 'client', [`${p.proto} :${p.hostPort}`]);
    const net = publishNetwork(lk, p);
    const target = (net ? netNode.get(net) : undefined) ?? grid;
    const text = `${p.proto} ${p.hostPort} → ${p.container ?? p.containerIp ?? '?'}:${p.containerPort ?? '?'}`;
    if (target) b.edge(id, target, 'publish', [text]);
  }
  legend(b);
  return { source: b.source(direction), b };
}

// ---------------------------------------------------------------------------------------------

/** A lower bound of the detailed figure's node count: every non-loopback interface is a node. */
function detailedNodesAtLeast(model: StepModel): number {
  let n = model.publishedPorts.length > 0 ? 1 : 0;
  for (const ns of model.namespaces) for (const i of ns.interfaces) if (i.kind !== 'loopback') n++;
  return n;
}

/** The last resort, when even the smallest summary does not fit the budget: say so in one box. */
function tooLarge(lk: Lookup, direction: 'LR' | 'TB'): { source: string; b: Builder } {
  const b = new Builder();
  const m = lk.model;
  b.group(['host'], 'host', () => {
    b.node(
      [
        'too large to draw',
        `${m.namespaces.length} namespaces, ${m.containers.length} containers`,
        `${m.dockerNetworks.length} Docker networks, ${m.publishedPorts.length} published ports`,
        'see the tables of the report',
      ],
      'rect',
      'note',
    );
  });
  return { source: b.source(direction), b };
}

/**
 * The topology figure of one step. The detailed figure when it fits the budget, else the
 * aggregated one (caps halved until it fits), else one box saying it is too large: never a source
 * Mermaid would refuse or draw as an error.
 */
export function stepDiagram(model: StepModel, opts: StepDiagramOptions = {}): StepDiagram {
  const maxNodes = opts.maxNodes ?? DIAGRAM_BUDGET.maxNodes;
  const maxChars = opts.maxChars ?? DIAGRAM_BUDGET.maxChars;
  const maxEdges = opts.maxEdges ?? DIAGRAM_BUDGET.maxEdges;
  const fits = (r: { source: string; b: Builder }) =>
    r.b.nodes <= maxNodes && r.source.length <= maxChars && r.b.edges <= maxEdges;
  const result = (r: { source: string; b: Builder }, aggregated: boolean): StepDiagram => ({
    source: r.source,
    nodeCount: r.b.nodes,
    edgeCount: r.b.edges,
    aggregated,
  });
  const lk = new Lookup(model);
  // Drawing thousands of interfaces only to throw them away costs seconds: skip when hopeless.
  if (detailedNodesAtLeast(model) <= maxNodes) {
    const full = detailed(lk, 'LR');
    if (fits(full)) return result(full, false);
  }
  const summaries = summarise(lk);
  for (let shrink = 1; shrink <= 64; shrink *= 2) {
    const agg = aggregated(lk, summaries, 'LR', maxNodes, shrink);
    if (fits(agg)) return result(agg, true);
  }
  return result(tooLarge(lk, 'LR'), true);
}
