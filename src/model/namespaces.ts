/**
 * One ModelNamespace per scope of the bundle (the host, each container, each Docker sandbox):
 * interfaces from `ip addr`, bridges from `brctl show` and `master`, routes by table, sockets
 * with their processes.
 */

import { parseScope } from '../bundle/manifest.js';
import { specFor } from '../bundle/specs.js';
import type { IpInterface } from '../parsers/ip-addr.js';
import type { IpRoute } from '../parsers/ip-route.js';
import type { NetstatSocket } from '../parsers/netstat.js';
import type { ParsedBundle, ParsedOutput } from '../parsers/parse-bundle.js';
import { maskSecrets } from '../report/mask-secrets.js';
import { evidenceOf, outputsOf } from './evidence.js';
import { FACET_SOURCES, facetOutputs } from './facets.js';
import { isLoopbackAddress, isWildcardAddress, networkOf } from './ip.js';
import { interfacesFromKernelFiles } from './kernel-files.js';
import { recordsOf } from './records.js';
import { portNumber } from './services.js';
import type {
  ModelBridge,
  ModelInterface,
  ModelNamespace,
  ModelProcess,
  ModelRoute,
  ModelSocket,
  NamespaceFacet,
} from './types.js';

/** Order within the interface sources: plain `ip addr` lines are the evidence, the rest enrich. */
const IP_ADDR_IDS = FACET_SOURCES.interfaces[0]!;

export function buildNamespaces(parsed: ParsedBundle): ModelNamespace[] {
  // A Set keeps the first-seen order; `includes` on an array was quadratic in the scopes.
  const scopes = [...new Set(parsed.outputs.map((o) => o.run.scope))];
  if (!scopes.includes('host')) scopes.unshift('host');
  // A scope the collector marked as the same namespace as another (sameAs) was not captured
  // again: it is an alias of that namespace, not a namespace of its own (see identity.ts).
  const meta = parsed.bundle.meta.scopes;
  return scopes
    .filter((scope) => !meta[scope]?.sameAs && !meta[scope]?.stale)
    .map((scope) => buildNamespace(parsed, scope));
}

function buildNamespace(parsed: ParsedBundle, scope: string): ModelNamespace {
  const { kind, name } = parseScope(scope);
  const outputs = parsed.outputs;
  const info = parsed.bundle.meta.scopes[scope];
  const nsName = kind === 'host' ? parsed.bundle.meta.hostname || 'host' : (info?.name ?? name);
  const ns: ModelNamespace = {
    id: kind === 'host' ? 'host' : scope,
    kind: kind === 'netns' ? 'sandbox' : kind,
    role: kind === 'host' ? 'host' : kind === 'container' ? 'container' : sandboxRole(nsName),
    name: nsName,
    sharers: [],
    scopes: [scope],
    interfaces: [],
    bridges: [],
    routes: [],
    sockets: [],
    processes: [],
    captured: [
      // outputsOf with no id filter: the scope's parsed outputs from an index, not a scan of all.
      ...new Set(outputsOf(outputs, scope, undefined).map((o) => o.run.id)),
    ],
    fedBy: {},
  };
  const feed = (facet: NamespaceFacet) => {
    const f = facetOutputs(outputs, scope, facet);
    if (f.ids.length) ns.fedBy[facet] = f.ids;
    return f.outputs;
  };
  const ifaceOutputs = feed('interfaces');
  ns.interfaces = ns.fedBy.interfaces?.includes('sys-class-net')
    ? interfacesFromKernelFiles(ifaceOutputs)
    : buildInterfaces(ifaceOutputs);
  ns.routes = buildRoutes(feed('routes'));
  const processOutputs = feed('processes');
  ns.processes = buildProcesses(
    processOutputs.filter((o) => o.run.id === 'ps'),
    processOutputs.filter((o) => o.run.id === 'pstree'),
  );
  if (kind === 'container') ns.container = info?.name ?? name;
  const inode = kind === 'host' ? (info?.netnsInode ?? parsed.bundle.meta.hostNetnsInode) : info?.netnsInode;
  if (inode !== undefined) ns.inode = inode;
  const key = info?.sandboxKey ?? info?.path;
  if (key) ns.sandboxKey = key;
  const bridgeOutputs = feed('bridges');
  ns.bridges = buildBridges(
    ns.interfaces,
    bridgeOutputs.filter((o) => o.run.id === 'brctl-show'),
  );
  addPortStates(
    ns.bridges,
    bridgeOutputs.filter((o) => o.run.id.startsWith('bridge-')),
  );
  for (const b of ns.bridges) {
    const iface = ns.interfaces.find((i) => i.name === b.name);
    if (iface) iface.kind = 'bridge';
  }
  ns.sockets = buildSockets(feed('sockets'), ns.processes);
  return ns;
}

/**
 * The records of the interface sources as one type: `ip addr`, `ip -j` (its link records) and
 * `ifconfig` (which prints no ifindex: 0 stands for unknown).
 */
function interfaceRecords(o: ParsedOutput): IpInterface[] {
  return [
    ...recordsOf(o, 'ip-addr'),
    ...recordsOf(o, 'ip-json').filter((r): r is IpInterface => 'addresses' in r && 'flags' in r),
    ...recordsOf(o, 'ifconfig').map((r) => ({ ...r, index: r.index ?? 0 })),
  ];
}

/** `ip route`, `ip -j route` and /proc/net/route give the same route record. */
function routeRecords(o: ParsedOutput): IpRoute[] {
  return [
    ...recordsOf(o, 'ip-route'),
    ...recordsOf(o, 'ip-json').filter((r): r is IpRoute => 'dst' in r),
    ...recordsOf(o, 'proc-net-route'),
  ];
}

/** netstat, ss and the /proc/net socket tables share netstat's record shape. */
function socketRecords(o: ParsedOutput): NetstatSocket[] {
  return [
    ...recordsOf(o, 'netstat'),
    ...recordsOf(o, 'ss'),
    ...recordsOf(o, 'proc-net-tcp', 'proc-net-udp', 'proc-net-raw', 'proc-net-sockets'),
  ];
}

/** Docker names its own namespace files: see NamespaceRole. */
export function sandboxRole(name: string): ModelNamespace['role'] {
  if (name === 'ingress_sbox') return 'ingress';
  if (/^lb_/.test(name)) return 'load-balancer';
  if (/^\d+-[0-9a-z]{6,}$/.test(name)) return 'overlay';
  return 'sandbox';
}

/** What `ip -d` (details lines) or `ip -j -d` (linkinfo) says about a link's kind. */
function linkDetails(r: IpInterface): Pick<ModelInterface, 'vni' | 'linkMode' | 'vlanId'> {
  const out: Pick<ModelInterface, 'vni' | 'linkMode' | 'vlanId'> = {};
  const text = (r.details ?? []).join(' ');
  const vni = /\bvxlan id (\d+)/.exec(text)?.[1] ?? r.linkInfo?.id;
  if (vni !== undefined && (r.kind === 'vxlan' || /\bvxlan id/.test(text))) out.vni = Number(vni);
  const mode = /\b(?:macvlan|macvtap|ipvlan) mode (\w+)/.exec(text)?.[1] ?? r.linkInfo?.mode;
  if (mode !== undefined && /^(macvlan|macvtap|ipvlan)$/.test(r.kind ?? '')) out.linkMode = mode;
  else if (/\b(?:macvlan|macvtap|ipvlan) mode (\w+)/.test(text)) out.linkMode = mode;
  const vlan =
    /\bvlan protocol \S+ id (\d+)/.exec(text)?.[1] ?? (r.kind === 'vlan' ? r.linkInfo?.id : undefined);
  if (vlan !== undefined) out.vlanId = Number(vlan);
  return out;
}

function buildInterfaces(outputs: ParsedOutput[]): ModelInterface[] {
  const byName = new Map<string, ModelInterface>();
  // Plain `ip addr` first: its lines are what the course shows; `ip -d` adds the kind.
  const ordered = [...outputs].sort(
    (a, b) => IP_ADDR_IDS.indexOf(a.run.id as never) - IP_ADDR_IDS.indexOf(b.run.id as never),
  );
  for (const o of ordered) {
    for (const r of interfaceRecords(o)) {
      const existing = byName.get(r.name);
      if (existing) {
        if (r.kind && (existing.kind === 'ethernet' || existing.kind === 'veth'))
          existing.kind = normaliseKind(r.kind);
        if (existing.addresses.length === 0 && r.addresses.length > 0) existing.addresses = addressesOf(r);
        if (existing.linkNetnsid === undefined && r.linkNetnsid !== undefined)
          existing.linkNetnsid = r.linkNetnsid;
        Object.assign(existing, { ...linkDetails(r), ...existing });
        continue;
      }
      byName.set(r.name, toModelInterface(r, o));
    }
  }
  return [...byName.values()].sort((a, b) => a.ifindex - b.ifindex);
}

function normaliseKind(kind: string): string {
  return kind === 'bridge_slave' ? 'ethernet' : kind;
}

function addressesOf(r: IpInterface): ModelInterface['addresses'] {
  return r.addresses.map((a) => {
    const m: ModelInterface['addresses'][number] = {
      family: a.family,
      address: a.address,
      prefixLength: a.prefixLength,
      cidr: `${a.address}/${a.prefixLength}`,
      network: networkOf(a.address, a.prefixLength),
    };
    if (a.scope !== undefined) m.scope = a.scope;
    if (a.broadcast !== undefined) m.broadcast = a.broadcast;
    return m;
  });
}

function toModelInterface(r: IpInterface, o: ParsedOutput): ModelInterface {
  const flags = r.flags;
  let kind = 'ethernet';
  if (flags.includes('LOOPBACK') || r.linkType === 'loopback') kind = 'loopback';
  else if (r.kind) kind = normaliseKind(r.kind);
  else if (r.peerIndex !== undefined) kind = 'veth';
  else if (r.linkRef === 'NONE' || (r.linkType && !['ether', 'loopback'].includes(r.linkType)))
    kind = 'tunnel';
  const m: ModelInterface = {
    ifindex: r.index,
    name: r.name,
    kind,
    flags,
    adminUp: flags.includes('UP'),
    lowerUp: flags.includes('LOWER_UP'),
    noCarrier: flags.includes('NO-CARRIER'),
    addresses: addressesOf(r),
    ...linkDetails(r),
    evidence: evidenceOf(o, r.line),
  };
  if (r.peerIndex !== undefined) m.peerIfindex = r.peerIndex;
  if (r.linkNetnsid !== undefined) m.linkNetnsid = r.linkNetnsid;
  if (r.parent !== undefined) m.parent = r.parent;
  if (r.state !== undefined) m.state = r.state;
  if (r.mtu !== undefined) m.mtu = r.mtu;
  if (r.mac !== undefined) m.mac = r.mac;
  if (r.master !== undefined) m.master = r.master;
  return m;
}

/**
 * `bridge link` (and `bridge -d link`): the STP state and options of each port. The `@name`
 * that `bridge` prints for a veth is resolved in the wrong namespace, so only names are used.
 */
function addPortStates(bridges: ModelBridge[], outputs: ParsedOutput[]): void {
  for (const o of outputs) {
    for (const r of recordsOf(o, 'bridge-link')) {
      const b = r.master ? bridges.find((x) => x.name === r.master) : undefined;
      if (!b) continue;
      if (!b.ports.includes(r.name)) b.ports.push(r.name);
      b.portStates = b.portStates ?? {};
      const cur = b.portStates[r.name] ?? {};
      b.portStates[r.name] = cur;
      if (r.state && !cur.state) cur.state = r.state;
      if (r.options?.hairpin) cur.hairpin = r.options.hairpin;
      if (r.options?.isolated) cur.isolated = r.options.isolated;
      b.evidence.push(evidenceOf(o, r.line));
    }
  }
}

function buildBridges(interfaces: ModelInterface[], brctl: ParsedOutput[]): ModelBridge[] {
  const bridges = new Map<string, ModelBridge>();
  const get = (name: string): ModelBridge => {
    let b = bridges.get(name);
    if (!b) {
      b = { name, ports: [], hasInterface: interfaces.some((i) => i.name === name), evidence: [] };
      bridges.set(name, b);
    }
    return b;
  };
  for (const o of brctl) {
    for (const r of recordsOf(o, 'brctl-show')) {
      const b = get(r.bridge);
      b.bridgeId = r.bridgeId;
      b.stp = r.stp;
      for (const p of r.interfaces) if (!b.ports.includes(p)) b.ports.push(p);
      b.evidence.push(evidenceOf(o, r.line));
    }
  }
  for (const i of interfaces) {
    if (i.kind === 'bridge') get(i.name).evidence.push(i.evidence);
    if (i.master) {
      // `master` also names bonds and VRFs; only treat it as a bridge port when the master is
      // a bridge by brctl or by its own kind (or unknown: then it is most likely a bridge).
      const masterIface = interfaces.find((x) => x.name === i.master);
      if (masterIface && masterIface.kind !== 'bridge' && masterIface.kind !== 'ethernet') continue;
      const b = get(i.master);
      if (!b.ports.includes(i.name)) b.ports.push(i.name);
      b.evidence.push(i.evidence);
    }
  }
  return [...bridges.values()];
}

function buildRoutes(outputs: ParsedOutput[]): ModelRoute[] {
  const routes: ModelRoute[] = [];
  const seen = new Set<string>();
  // Specific tables first, so that `table all` only adds what they lack.
  const ordered = [...outputs].sort(
    (a, b) => Number(a.run.id.endsWith('-all')) - Number(b.run.id.endsWith('-all')),
  );
  for (const o of ordered) {
    const defaultTable = specFor(o.run.id)?.routeTable ?? 'main';
    for (const r of routeRecords(o)) {
      const table = r.table ?? (r.type === 'local' || r.type === 'broadcast' ? 'local' : defaultTable);
      const key = [table, r.family, r.type, r.dst, r.dev, r.via, r.src].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const m: ModelRoute = {
        table,
        family: r.family,
        type: r.type,
        dst: r.dst,
        flags: r.flags,
        evidence: evidenceOf(o, r.line),
      };
      if (r.via !== undefined) m.via = r.via;
      if (r.dev !== undefined) m.dev = r.dev;
      if (r.proto !== undefined) m.proto = r.proto;
      if (r.scope !== undefined) m.scope = r.scope;
      if (r.src !== undefined) m.src = r.src;
      if (r.metric !== undefined) m.metric = r.metric;
      if (r.nexthops !== undefined) m.nexthops = r.nexthops;
      routes.push(m);
    }
  }
  return routes;
}

function buildProcesses(ps: ParsedOutput[], pstree: ParsedOutput[]): ModelProcess[] {
  const byPid = new Map<number, ModelProcess>();
  for (const o of ps) {
    for (const r of recordsOf(o, 'ps')) {
      if (byPid.has(r.pid)) continue;
      const p: ModelProcess = {
        pid: r.pid,
        user: r.user,
        name: r.name,
        command: maskSecrets(r.command).text,
        evidence: evidenceOf(o, r.line),
      };
      if (r.ppid !== undefined) p.ppid = r.ppid;
      byPid.set(r.pid, p);
    }
  }
  // BusyBox ps has no PPID column; pstree -p supplies the parent.
  for (const o of pstree) {
    for (const r of recordsOf(o, 'pstree')) {
      if (r.thread) continue;
      const p = byPid.get(r.pid);
      if (p) {
        if (p.ppid === undefined && r.parentPid !== undefined) p.ppid = r.parentPid;
      } else {
        const q: ModelProcess = {
          pid: r.pid,
          user: '',
          name: r.name,
          command: r.name,
          evidence: evidenceOf(o, r.line),
        };
        if (r.parentPid !== undefined) q.ppid = r.parentPid;
        byPid.set(r.pid, q);
      }
    }
  }
  return [...byPid.values()].sort((a, b) => a.pid - b.pid);
}

function buildSockets(outputs: ParsedOutput[], processes: ModelProcess[]): ModelSocket[] {
  const sockets: ModelSocket[] = [];
  const seen = new Set<string>();
  // pid -> first process with it (what `find` returned), instead of a scan per socket.
  const byPid = new Map<number, ModelProcess>();
  for (const p of processes) if (!byPid.has(p.pid)) byPid.set(p.pid, p);
  for (const o of outputs) {
    for (const r of socketRecords(o)) {
      if (r.proto.startsWith('unix')) continue;
      const key = [
        r.proto,
        r.localAddress,
        r.localPort,
        r.foreignAddress,
        r.foreignPort,
        r.state,
        r.pid,
      ].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const transport = r.proto.replace(/6$/, '');
      const localAddress = r.localAddress ?? '';
      const s: ModelSocket = {
        proto: r.proto,
        transport,
        family: r.proto.endsWith('6') ? 'inet6' : /^(tcp|udp|raw|udpl)/.test(r.proto) ? 'inet' : 'other',
        localAddress,
        localPort: r.localPort ?? '',
        foreignAddress: r.foreignAddress ?? '',
        foreignPort: r.foreignPort ?? '',
        // A UDP socket has no LISTEN state; one not connected to a peer is effectively listening.
        listening:
          r.state === 'LISTEN' || (transport === 'udp' && (r.foreignPort === '*' || r.foreignPort === '0')),
        wildcard: isWildcardAddress(localAddress),
        loopback: isLoopbackAddress(localAddress),
        evidence: evidenceOf(o, r.line),
      };
      const n = portNumber(s.localPort);
      if (n !== undefined) s.localPortNumber = n;
      if (r.state !== undefined) s.state = r.state;
      if (r.pid !== undefined) s.pid = r.pid;
      if (r.program !== undefined) s.program = r.program;
      const proc = r.pid !== undefined ? byPid.get(r.pid) : undefined;
      if (proc) s.processCommand = proc.command;
      sockets.push(s);
    }
  }
  return sockets;
}
