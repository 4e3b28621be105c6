/**
 * reachMatrix: who can reach what. Sources (outside through each uplink, the host, every running
 * container or namespace) x destinations (every listening TCP/UDP socket of every namespace at
 * each of its addresses, and every published port at the host's addresses), each cell the
 * verdict of tracePacket for that pair, grouped by Docker network.
 *
 *   outside:eth0 -> whoami tcp 172.17.0.2:8080   delivered  (path 3)
 *
 * Big hosts: when sources x destinations exceed `maxTraces`, one representative per group is
 * traced (sources grouped by their first Docker network; destinations by the network of their
 * namespace, protocol and port) and the cell says how many pairs it stands for. Docker writes the
 * same rules for every container of a network, so the representative's verdict is the group's,
 * except for rules an admin wrote for one container's address: `aggregated` says when this was done.
 */
import { type Lang, translator } from '../i18n/index.js';
import type { ModelNamespace, StepModel } from '../model/types.js';
import { familyOf, plainAddress } from './addr.js';
import { sourceNamespace, tracePacket, uplinksOf } from './trace.js';
import type { PacketPath, PacketSource, Verdict } from './types.js';

export interface ReachSource {
  id: string;
  from: PacketSource;
  /** Docker network (first one) of a container; `outside`, `host`, or the namespace id. */
  group: string;
  /** The sources this row stands for when aggregated. */
  members: string[];
}

export interface ReachDestination {
  id: string;
  namespace: string;
  address: string;
  port: number;
  proto: 'tcp' | 'udp';
  /** What listens, or `published -> container:port`. */
  label: string;
  group: string;
  members: string[];
}

export interface ReachCell {
  source: string;
  destination: string;
  verdict: Verdict;
  reason: string;
  /** Index into `paths`. */
  path: number;
  /** Number of source x destination pairs the cell stands for (aggregated matrices). */
  pairs: number;
}

/**
 * A matrix being filled: its traced paths, its cells (each names its path by index) and how many
 * cells (or source x destination pairs) had each verdict. Shared with the matrix across the
 * nodes of a swarm (src/cluster/reach-matrix.ts), whose cells stand for one pair each.
 */
export interface MatrixCells<P, C> {
  paths: P[];
  cells: C[];
  counts: Partial<Record<Verdict, number>>;
}

/** Keep a traced path and its cell; with `pairs` (aggregated matrices) the cell says how many it stands for. */
export function addCell<P extends { verdict: Verdict; reason: string }>(
  m: MatrixCells<P, Omit<ReachCell, 'pairs'> & { pairs?: number }>,
  source: string,
  destination: string,
  path: P,
  pairs?: number,
): void {
  m.paths.push(path);
  m.cells.push({
    source,
    destination,
    verdict: path.verdict,
    reason: path.reason,
    path: m.paths.length - 1,
    ...(pairs !== undefined ? { pairs } : {}),
  });
  m.counts[path.verdict] = (m.counts[path.verdict] ?? 0) + (pairs ?? 1);
}

export interface ReachMatrix {
  version: 1;
  sources: ReachSource[];
  destinations: ReachDestination[];
  cells: ReachCell[];
  paths: PacketPath[];
  counts: Partial<Record<Verdict, number>>;
  aggregated: boolean;
}

function networkOfNamespace(model: StepModel, ns: ModelNamespace): string {
  if (ns.id === 'host') return 'host';
  const c = model.containers.find((x) => x.namespace === ns.id);
  return c?.networks[0]?.network ?? ns.id;
}

export function reachSources(model: StepModel): ReachSource[] {
  const out: ReachSource[] = [];
  const host = model.namespaces.find((n) => n.id === 'host');
  if (host)
    for (const u of uplinksOf(host))
      out.push({
        id: `outside:${u}`,
        from: { kind: 'outside', uplink: u },
        group: 'outside',
        members: [`outside:${u}`],
      });
  if (host) out.push({ id: 'host', from: { kind: 'host' }, group: 'host', members: ['host'] });
  const seen = new Set<string>(['host']);
  for (const c of model.containers) {
    if (c.status !== undefined && c.status !== 'running') continue;
    const src = sourceNamespace(model, { kind: 'container', name: c.name });
    if ('error' in src || seen.has(src.ns.id)) continue;
    seen.add(src.ns.id);
    out.push({
      id: `container:${c.name}`,
      from: { kind: 'container', name: c.name },
      group: c.networks[0]?.network ?? c.networkMode ?? src.ns.id,
      members: [`container:${c.name}`],
    });
  }
  for (const ns of model.namespaces) {
    if (seen.has(ns.id)) continue;
    seen.add(ns.id);
    out.push({ id: ns.id, from: { kind: 'namespace', id: ns.id }, group: ns.id, members: [ns.id] });
  }
  return out;
}

function usable(a: string): boolean {
  return !a.startsWith('fe80:');
}

export function reachDestinations(model: StepModel, lang: Lang = 'en'): ReachDestination[] {
  const t = translator(lang);
  const out = new Map<string, ReachDestination>();
  const v6only = model.sysctls?.find((s) => s.key === 'net.ipv6.bindv6only')?.value === '1';
  const add = (ns: ModelNamespace, address: string, port: number, proto: 'tcp' | 'udp', label: string) => {
    // A loopback address means "this namespace" only from itself: kept for the host (ports
    // published on 127.0.0.1, and [::1], where `localhost` often resolves first: Docker 28
    // without docker-proxy DNATs it, and the kernel drops it).
    if ((address === '::1' || address.startsWith('127.')) && ns.id !== 'host') return;
    const id = `${ns.id} ${proto} ${address.includes(':') ? `[${address}]` : address}:${port}`;
    if (out.has(id)) return;
    out.set(id, {
      id,
      namespace: ns.id,
      address,
      port,
      proto,
      label,
      group: groupOf(ns),
      members: [id],
    });
  };
  // Both per namespace once: the big host's 1,000 wildcard listeners each listed the host's
  // ~1,000 interfaces' addresses, and each new destination searched the 1,000 containers.
  const groups = new Map<string, string>();
  const groupOf = (ns: ModelNamespace) => {
    let g = groups.get(ns.id);
    if (g === undefined) {
      g = networkOfNamespace(model, ns);
      groups.set(ns.id, g);
    }
    return g;
  };
  const addrsOf = new Map<ModelNamespace, Partial<Record<'inet' | 'inet6', string[]>>>();
  const addrs = (ns: ModelNamespace, fam: 'inet' | 'inet6'): string[] => {
    let byFam = addrsOf.get(ns);
    if (!byFam) {
      byFam = {};
      addrsOf.set(ns, byFam);
    }
    let list = byFam[fam];
    if (!list) {
      list = ns.interfaces.flatMap((i) =>
        i.addresses.filter((a) => a.family === fam && usable(a.address)).map((a) => a.address),
      );
      byFam[fam] = list;
    }
    // A copy: a caller may add to its targets.
    return list.slice();
  };
  for (const ns of model.namespaces) {
    for (const s of ns.sockets) {
      if (!s.listening || (s.transport !== 'tcp' && s.transport !== 'udp') || s.localPortNumber === undefined)
        continue;
      const a = plainAddress(s.localAddress);
      const label = `${s.program ?? '?'}${s.pid !== undefined ? ` (${s.pid})` : ''} ${s.proto} ${s.localAddress}:${s.localPort}`;
      let targets: string[];
      if (a === '*' || a === '') targets = [...addrs(ns, 'inet'), ...addrs(ns, 'inet6')];
      else if (a === '0.0.0.0') targets = addrs(ns, 'inet');
      else if (a === '::')
        targets = [...addrs(ns, 'inet6'), ...(v6only || ns.id !== 'host' ? [] : addrs(ns, 'inet'))];
      else targets = [a];
      if (a === '::' && ns.id !== 'host') targets.push(...addrs(ns, 'inet'));
      for (const t of targets) add(ns, t, s.localPortNumber, s.transport, label);
    }
  }
  const host = model.namespaces.find((n) => n.id === 'host');
  if (host)
    for (const p of model.publishedPorts) {
      if (p.proto !== 'tcp' && p.proto !== 'udp') continue;
      const fam = familyOf(p.hostIp === '' ? '0.0.0.0' : p.hostIp);
      const wildcard = p.hostIp === '0.0.0.0' || p.hostIp === '::' || p.hostIp === '';
      const label = t('tr.w.published', {
        to: `${p.container ?? p.containerIp ?? '?'}:${p.containerPort ?? '?'}`,
      });
      for (const t of wildcard ? addrs(host, fam) : [p.hostIp]) add(host, t, p.hostPort, p.proto, label);
    }
  return [...out.values()];
}

export interface ReachOptions {
  /** Above this many source x destination pairs, trace one representative per group. */
  maxTraces?: number;
  /**
   * Above this many cells after grouping (a host with hundreds of distinct ports), destinations
   * are grouped coarser: per network, protocol and family, every port together. Each traced path
   * costs time and memory (a 1,000-container host with a real firewall gave 126,568 cells, 16.6 s
   * and 1.5 GB before this); the matrix says `aggregated` and each cell how many pairs it stands for.
   */
  maxCells?: number;
  /** The language of the paths' and cells' text (reasons, hops, labels); English by default. */
  lang?: Lang;
}

export function reachMatrix(model: StepModel, opts: ReachOptions = {}): ReachMatrix {
  let sources = reachSources(model);
  let destinations = reachDestinations(model, opts.lang);
  const max = opts.maxTraces ?? 5000;
  const aggregated = sources.length * destinations.length > max;
  if (aggregated) {
    sources = groupBy(
      sources,
      (s) => s.group,
      (s, members) => ({ ...s, id: `${s.group === 'outside' ? s.id : `group:${s.group}`}`, members }),
    );
    destinations = groupBy(
      destinations,
      // The host's wildcard sockets stand at every host address: one per port and address class.
      (d) =>
        d.namespace === 'host'
          ? `host ${d.proto} ${d.port} ${d.address.startsWith('127.') || d.address === '::1' ? 'loopback-' : ''}${familyOf(d.address)}`
          : `${d.group} ${d.proto} ${d.port} ${familyOf(d.address)}`,
      (d, members) =>
        members.length > 1 ? { ...d, id: `group:${d.group} ${d.proto}/${d.port}`, members } : d,
    );
    if (sources.length * destinations.length > (opts.maxCells ?? 20_000))
      destinations = groupBy(
        destinations,
        (d) =>
          `${d.namespace === 'host' ? 'host' : d.group} ${d.proto} ${d.address.startsWith('127.') || d.address === '::1' ? 'loopback-' : ''}${familyOf(d.address)}`,
        (d, members) =>
          members.length > 1
            ? { ...d, id: `group:${d.group} ${d.proto} (${members.length} sockets)`, members }
            : d,
      );
  }
  // The host's 127.0.0.1 and ::1 are the host's only from the host's own namespace (and, as a
  // forged destination, from the LAN). A container or namespace of its own that sends to
  // 127.0.0.1 reaches its own loopback: the host's docker-proxy on 127.0.0.1:8080 is out of its
  // reach, whatever its own socket on 8080 answers. Such a pair gets no cell rather than one that
  // says "open" for the host's socket (the real probes, test/reach-probes.test.ts, count these
  // as "own loopback").
  const ownNamespace = new Map(
    sources.map((s) => {
      if (s.from.kind === 'outside' || s.from.kind === 'host') return [s.id, false];
      const src = sourceNamespace(model, s.from);
      return [s.id, 'error' in src ? false : src.ns.id !== 'host'];
    }),
  );
  const loopback = (a: string) => a.startsWith('127.') || a === '::1';
  const acc: MatrixCells<PacketPath, ReachCell> = { paths: [], cells: [], counts: {} };
  for (const s of sources)
    for (const d of destinations) {
      if (d.namespace === 'host' && loopback(d.address) && ownNamespace.get(s.id)) continue;
      const path = tracePacket(
        model,
        { from: s.from, dst: d.address, proto: d.proto, dport: d.port },
        opts.lang ? { lang: opts.lang } : {},
      );
      addCell(acc, s.id, d.id, path, s.members.length * d.members.length);
    }
  const { paths, cells, counts } = acc;
  return { version: 1, sources, destinations, cells, paths, counts, aggregated };
}

function groupBy<T extends { members: string[] }>(
  items: T[],
  key: (t: T) => string,
  make: (first: T, members: string[]) => T,
): T[] {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  return [...groups.values()].map((g) =>
    make(
      g[0] as T,
      g.flatMap((x) => x.members),
    ),
  );
}
