/**
 * The topology read from one StepModel, as both layouts need it: indexes built once per figure
 * (`Lookup`: veth peers, bridge ports, namespaces by address), the uplinks and default routes,
 * listening sockets grouped per program and port, published ports merged across address
 * families, and the words a node says about each (`2: ens18`, `host :60000` / `docker-proxy`).
 *
 *   `ip route`: default via 192.168.178.1 dev ens18  -> uplink ens18, gateway 192.168.178.1
 *   docker-proxy on 0.0.0.0:60000 and [::]:60000     -> one published port `host :60000`
 *
 * Separate because it holds what the figure shows, not how it is laid out or written: the
 * detailed and the aggregated figure read the same facts through it, in the same words.
 */

import { cidrContains, isWildcardAddress } from '../../model/ip.js';
import type {
  ModelContainer,
  ModelDockerNetwork,
  ModelInterface,
  ModelNamespace,
  ModelPublishedPort,
  ModelRoute,
  ModelSocket,
  StepModel,
} from '../../model/types.js';
import { fw } from './words.js';

/** Addresses listed per interface; the rest are counted (`+2 more IPv4`). */
export const MAX_ADDRESSES = 3;

export type State = 'up' | 'down' | 'unknown';

export function stateOf(i: ModelInterface | undefined): State {
  if (!i) return 'unknown';
  if (i.state === 'UP') return 'up';
  if (i.state === 'DOWN' || i.state === 'LOWERLAYERDOWN' || !i.adminUp || i.noCarrier) return 'down';
  return i.lowerUp ? 'up' : 'unknown';
}

export function stateText(i: ModelInterface | undefined): string {
  const s = stateOf(i);
  if (s === 'up') return 'UP';
  if (s === 'down')
    return i?.noCarrier ? fw('fig.down-no-carrier') : i?.adminUp === false ? fw('fig.down-admin') : 'DOWN';
  return i?.state ? fw('fig.state', { state: i.state }) : fw('fig.state-not-captured');
}

/** `ip addr` names a veth end `name@ifN`; the figure uses the same words as the course. */
export function ifaceTitle(i: ModelInterface): string {
  const peer = i.peerIfindex !== undefined ? `@if${i.peerIfindex}` : i.parent ? `@${i.parent}` : '';
  return `${i.ifindex}: ${i.name}${peer}`;
}

export function addressLines(i: ModelInterface): string[] {
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

export function defaultRoutes(ns: ModelNamespace | undefined): ModelRoute[] {
  const all = (ns?.routes ?? []).filter(isDefaultRoute);
  // IPv4 first: the course reads only IPv4, and its gateway is the one a teacher draws.
  return [...all.filter((r) => r.family === 'inet'), ...all.filter((r) => r.family !== 'inet')];
}

export function routeDev(r: ModelRoute): string | undefined {
  return r.dev ?? r.nexthops?.find((h) => h.dev)?.dev;
}

export function routeVia(r: ModelRoute): string | undefined {
  return r.via ?? r.nexthops?.find((h) => h.via)?.via;
}

export function bareAddress(a: string | undefined): string | undefined {
  return a?.split('/')[0];
}

function hasAddress(i: ModelInterface, addr: string | undefined): boolean {
  const bare = bareAddress(addr);
  return bare !== undefined && i.addresses.some((a) => a.address === bare);
}

export function networkContaining(
  nets: ModelDockerNetwork[],
  address: string,
): ModelDockerNetwork | undefined {
  return nets.find((n) => n.subnets.some((s) => cidrContains(s.subnet, address)));
}

/** `:8080`, `127.0.0.11:53`, `[::1]:631` */
function bindText(s: { localAddress: string; localPort: string; localPortNumber?: number }): string {
  const port = s.localPortNumber !== undefined ? String(s.localPortNumber) : s.localPort;
  if (isWildcardAddress(s.localAddress)) return `:${port}`;
  const addr = s.localAddress.includes(':') ? `[${s.localAddress}]` : s.localAddress;
  return `${addr}:${port}`;
}

export interface Listener {
  key: string;
  transport: string;
  port?: number;
  text: string;
  sockets: ModelSocket[];
}

/** Listening sockets grouped so tcp and tcp6 of one program on one port make one line. */
export function listeners(ns: ModelNamespace, exclude?: (s: ModelSocket) => boolean): Listener[] {
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
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return cmp(a.name, b.name);
}

export function isDrawnNetwork(n: ModelDockerNetwork): boolean {
  return n.driver !== 'host' && n.driver !== 'null' && n.name !== 'host' && n.name !== 'none';
}

/** Published ports merged by (proto, host port, container target): docker-proxy runs once per family. */
export interface Publish {
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
  return fw('fig.published-inspect');
}

export function publishes(model: StepModel): Publish[] {
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
export function hostPortLines(p: Publish): string[] {
  const specific = p.hostIps
    .filter((ip) => !isWildcardAddress(ip))
    .map((ip) => (ip.includes(':') ? `[${ip}]` : ip));
  const port = `:${p.hostPort}${p.proto === 'tcp' ? '' : `/${p.proto}`}`;
  if (specific.length === 1 && p.hostIps.length === 1)
    return [fw('fig.host-port', { port: `${specific[0]}${port}` }), p.forwarder];
  const lines = [fw('fig.host-port', { port }), p.forwarder];
  if (specific.length > 0) lines.push(fw('fig.on', { addrs: specific.join(', ') }));
  return lines;
}

export function publishLabel(p: Publish): string[] {
  const to = p.containerPort !== undefined ? `${p.containerPort}` : '?';
  return [`${p.proto} ${p.hostPort} → ${to}`];
}

/** Key of an interface in a namespace, for the maps of both layouts. */
export const k = (ns: string, ifname: string) => `${ns}\u0000${ifname}`;

export function hostBridgeNames(host: ModelNamespace | undefined): Set<string> {
  const names = new Set<string>();
  for (const br of host?.bridges ?? []) names.add(br.name);
  for (const i of host?.interfaces ?? []) if (i.kind === 'bridge') names.add(i.name);
  return names;
}

/** Indexes over one model, built once per figure: big hosts have thousands of interfaces. */
export class Lookup {
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
export function sandboxNamespaceOf(
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
export function uplinksOf(lk: Lookup, uplinkName: string | undefined): ModelInterface[] {
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
