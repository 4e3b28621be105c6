/**
 * Ground truth of a real-engine scenario (test/scripts/engine-varied.sh writes OUT/truth/), as
 * relations to compare a report with. Everything comes from the engine (`docker inspect`,
 * `docker network inspect --verbose`) and the kernel (`ip -j` in every namespace, each namespace
 * named under the sandbox's /run/netns so that `ip -n NAME -j netns list-id` maps every
 * link_netnsid to a namespace), never from dockernet's own parsers. Pure: reads JSON and TSV.
 *
 * truth/ layout (one line samples):
 *   meta.json            { "engine": "28.5.2", "userlandProxy": true, "hostInode": 4026532176, ... }
 *   netns.tsv            host<TAB>4026532176<TAB>/run/netns/host        (one name per namespace)
 *   members.tsv          4026532387<TAB>container:sidecar               (who uses which namespace)
 *   stale.tsv            /run/dockernet/exec/netns/5ta1e0000000<TAB>regular empty file, 0 bytes ...
 *   ns/<name>/{link,addr,route4,route6,neigh,fdb,list-id}.json, ss.txt, inode
 *   docker-inspect.json, docker-network-inspect.json, docker-version.json, docker-info.json
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TruthNamespace {
  inode: number;
  /** The scenario's name for it: host, lan, c-<container>, d-<file under exec-root/netns>. */
  name: string;
  isHost: boolean;
  /** The container that created it (NetworkMode not container:... nor host). */
  owner?: string;
  /** Containers that joined it with --network container:<owner>. */
  sharers: string[];
  hostModeContainers: string[];
  noneModeContainers: string[];
  /** Files under <exec-root>/netns bound to it (Docker sandbox keys, ingress_sbox, 1-..., lb_...). */
  sandboxFiles: string[];
}

export interface LinkEnd {
  nsInode: number;
  ifname: string;
}

export interface TruthLink {
  kind: 'veth' | 'macvlan' | 'vxlan' | 'bridge-port';
  a: LinkEnd;
  /** veth: the peer; bridge-port: the bridge it is a port of. */
  b?: LinkEnd;
  /** macvlan (and vxlan when bound to a device): the lower device. */
  parent?: LinkEnd;
  vni?: number;
}

export interface TruthPublishedPort {
  proto: string;
  hostIp: string;
  hostPort: number;
  containerName: string;
  containerPort: number;
}

export interface TruthNetwork {
  name: string;
  id: string;
  driver: string;
  scope: string;
  subnets: string[];
  gateways: string[];
  /** The Linux bridge of a bridge network (com.docker.network.bridge.name, else br-<id12>). */
  bridge?: string;
  internal: boolean;
  enableIPv6: boolean;
  attachable: boolean;
  /** The parent of a macvlan/ipvlan network. */
  parent?: string;
}

export interface TruthDefaultRoute {
  nsInode: number;
  family: 'inet' | 'inet6';
  via?: string;
  dev?: string;
}

export interface TruthContainer {
  name: string;
  id: string;
  state: string;
  networkMode: string;
  pid: number;
  /** Its namespace's inode while it runs. */
  nsInode?: number;
  networks: { name: string; ipv4?: string; ipv6?: string }[];
}

export interface TruthStaleFile {
  path: string;
  description: string;
  /** The container whose SandboxKey still names it (Docker 20.10 keeps an exited container's). */
  leftBy?: string;
}

export interface Truth {
  engine: string;
  userlandProxy: boolean;
  hostInode: number;
  namespaces: TruthNamespace[];
  links: TruthLink[];
  publishedPorts: TruthPublishedPort[];
  networks: TruthNetwork[];
  defaultRoutes: TruthDefaultRoute[];
  containers: TruthContainer[];
  staleNetnsFiles: TruthStaleFile[];
}

// ---------------------------------------------------------------- the engine's and kernel's JSON

interface IpLink {
  ifindex: number;
  ifname: string;
  link_index?: number;
  link_netnsid?: number;
  master?: string;
  linkinfo?: { info_kind?: string; info_data?: { id?: number; link?: string } };
}
interface IpRoute {
  dst: string;
  gateway?: string;
  dev?: string;
  table?: string;
  type?: string;
}
interface NsId {
  nsid: number;
  name?: string;
}
interface Inspect {
  Id: string;
  Name: string;
  State: { Status: string; Pid: number };
  HostConfig: { NetworkMode: string };
  NetworkSettings: {
    SandboxKey?: string;
    Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks?: Record<string, { IPAddress?: string; GlobalIPv6Address?: string }> | null;
  };
}
interface NetInspect {
  Name: string;
  Id: string;
  Driver: string;
  Scope: string;
  Internal: boolean;
  EnableIPv6: boolean;
  Attachable: boolean;
  IPAM: { Config: { Subnet?: string; Gateway?: string }[] | null };
  Options: Record<string, string> | null;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function tsv(file: string): string[][] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
}

const strip = (name: string) => name.replace(/^\//, '');

export function loadTruth(dir: string): Truth {
  const meta = readJson<{ engine: string; userlandProxy: boolean; hostInode: number }>(
    join(dir, 'meta.json'),
  );
  const nsRows = tsv(join(dir, 'netns.tsv')).map(([name, inode]) => ({ name: name!, inode: Number(inode) }));
  const members = tsv(join(dir, 'members.tsv')).map(([inode, who]) => ({ inode: Number(inode), who: who! }));
  const inspect = readJson<Inspect[]>(join(dir, 'docker-inspect.json'));
  const nets = readJson<NetInspect[]>(join(dir, 'docker-network-inspect.json'));
  const nsDir = (name: string) => join(dir, 'ns', name);

  // Containers, and their namespace by inode.
  const inodeOf = new Map<string, number>();
  for (const m of members) if (m.who.startsWith('container:')) inodeOf.set(m.who.slice(10), m.inode);
  // As docker resolves a reference: the exact name or id first, then an id prefix (a short name
  // such as `db` is hex too).
  const byRef = (ref: string) =>
    inspect.find((c) => c.Id === ref || strip(c.Name) === ref) ?? inspect.find((c) => c.Id.startsWith(ref));
  const containers: TruthContainer[] = inspect.map((c) => ({
    name: strip(c.Name),
    id: c.Id,
    state: c.State.Status,
    networkMode: c.HostConfig.NetworkMode,
    pid: c.State.Pid,
    ...(inodeOf.has(strip(c.Name)) ? { nsInode: inodeOf.get(strip(c.Name)) } : {}),
    networks: Object.entries(c.NetworkSettings.Networks ?? {}).map(([name, n]) => ({
      name,
      ...(n.IPAddress ? { ipv4: n.IPAddress } : {}),
      ...(n.GlobalIPv6Address ? { ipv6: n.GlobalIPv6Address } : {}),
    })),
  }));

  const namespaces: TruthNamespace[] = nsRows.map(({ name, inode }) => {
    const here = members.filter((m) => m.inode === inode);
    const ns: TruthNamespace = {
      inode,
      name,
      isHost: inode === meta.hostInode,
      sharers: [],
      hostModeContainers: [],
      noneModeContainers: [],
      sandboxFiles: here.filter((m) => m.who.startsWith('file:')).map((m) => m.who.slice(5)),
    };
    for (const m of here) {
      if (!m.who.startsWith('container:')) continue;
      const c = containers.find((x) => x.name === m.who.slice(10));
      if (!c) continue;
      if (c.networkMode === 'host') ns.hostModeContainers.push(c.name);
      else if (c.networkMode.startsWith('container:')) ns.sharers.push(c.name);
      else {
        ns.owner = c.name;
        if (c.networkMode === 'none') ns.noneModeContainers.push(c.name);
      }
    }
    // A sharer's namespace belongs to the container it names, even if that one is listed later.
    for (const s of ns.sharers) {
      const target = byRef(containers.find((c) => c.name === s)!.networkMode.slice('container:'.length));
      if (target && !ns.owner) ns.owner = strip(target.Name);
    }
    return ns;
  });

  // Links, from each namespace's `ip -j -d link`; link_netnsid resolved by the kernel's own
  // nsid -> name table of that namespace.
  const linksOf = new Map<string, IpLink[]>();
  for (const { name } of nsRows) linksOf.set(name, readJson<IpLink[]>(join(nsDir(name), 'link.json')));
  const inodeByName = new Map(nsRows.map((r) => [r.name, r.inode]));
  const peerNs = (name: string, nsid: number | undefined): string | undefined => {
    if (nsid === undefined) return name;
    const ids = readJson<NsId[]>(join(nsDir(name), 'list-id.json'));
    return ids.find((i) => i.nsid === nsid)?.name;
  };
  const end = (ns: string, ifname: string): LinkEnd => ({ nsInode: inodeByName.get(ns)!, ifname });
  const links: TruthLink[] = [];
  const seenVeth = new Set<string>();
  for (const { name } of nsRows) {
    const mine = linksOf.get(name)!;
    for (const l of mine) {
      const kind = l.linkinfo?.info_kind;
      const otherNs = l.link_index !== undefined ? peerNs(name, l.link_netnsid) : undefined;
      const other =
        otherNs !== undefined ? linksOf.get(otherNs)?.find((x) => x.ifindex === l.link_index) : undefined;
      if (kind === 'veth' && otherNs && other) {
        const key = [`${inodeByName.get(name)}/${l.ifname}`, `${inodeByName.get(otherNs)}/${other.ifname}`]
          .sort()
          .join(' ');
        if (!seenVeth.has(key)) {
          seenVeth.add(key);
          links.push({ kind: 'veth', a: end(name, l.ifname), b: end(otherNs, other.ifname) });
        }
      } else if (kind === 'macvlan' && otherNs && other) {
        links.push({ kind: 'macvlan', a: end(name, l.ifname), parent: end(otherNs, other.ifname) });
      } else if (kind === 'vxlan') {
        links.push({
          kind: 'vxlan',
          a: end(name, l.ifname),
          ...(l.linkinfo?.info_data?.id !== undefined ? { vni: l.linkinfo.info_data.id } : {}),
          ...(otherNs && other ? { parent: end(otherNs, other.ifname) } : {}),
        });
      }
      if (l.master && mine.find((x) => x.ifname === l.master)?.linkinfo?.info_kind === 'bridge') {
        links.push({ kind: 'bridge-port', a: end(name, l.ifname), b: end(name, l.master) });
      }
    }
  }

  const publishedPorts: TruthPublishedPort[] = [];
  for (const c of inspect) {
    for (const [key, binds] of Object.entries(c.NetworkSettings.Ports ?? {})) {
      const [port, proto = 'tcp'] = key.split('/');
      for (const b of binds ?? []) {
        publishedPorts.push({
          proto,
          hostIp: b.HostIp,
          hostPort: Number(b.HostPort),
          containerName: strip(c.Name),
          containerPort: Number(port),
        });
      }
    }
  }

  const networks: TruthNetwork[] = nets.map((n) => {
    const cfg = n.IPAM.Config ?? [];
    const opts = n.Options ?? {};
    return {
      name: n.Name,
      id: n.Id,
      driver: n.Driver,
      scope: n.Scope,
      subnets: cfg.flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
      gateways: cfg.flatMap((c) => (c.Gateway ? [c.Gateway] : [])),
      ...(n.Driver === 'bridge'
        ? { bridge: opts['com.docker.network.bridge.name'] ?? `br-${n.Id.slice(0, 12)}` }
        : {}),
      internal: n.Internal,
      enableIPv6: n.EnableIPv6,
      attachable: n.Attachable,
      ...(opts.parent ? { parent: opts.parent } : {}),
    };
  });

  const defaultRoutes: TruthDefaultRoute[] = [];
  for (const { name, inode } of nsRows) {
    for (const [file, family] of [
      ['route4.json', 'inet'],
      ['route6.json', 'inet6'],
    ] as const) {
      for (const r of readJson<IpRoute[]>(join(nsDir(name), file))) {
        if (r.dst !== 'default' || (r.table !== undefined && r.table !== 'main')) continue;
        if (r.type !== undefined && r.type !== 'unicast') continue;
        // (`ip route show table all` without -4 also lists IPv6 routes: the gateway decides.)
        const fam = r.gateway ? (r.gateway.includes(':') ? 'inet6' : 'inet') : family;
        if (fam !== family) continue;
        defaultRoutes.push({
          nsInode: inode,
          family,
          ...(r.gateway ? { via: r.gateway } : {}),
          ...(r.dev ? { dev: r.dev } : {}),
        });
      }
    }
  }

  const staleNetnsFiles = tsv(join(dir, 'stale.tsv')).map(([path, description]): TruthStaleFile => {
    const by = inspect.find((c) => c.NetworkSettings.SandboxKey === path);
    return { path: path!, description: description ?? '', ...(by ? { leftBy: strip(by.Name) } : {}) };
  });

  return {
    engine: meta.engine,
    userlandProxy: meta.userlandProxy,
    hostInode: meta.hostInode,
    namespaces,
    links,
    publishedPorts,
    networks,
    defaultRoutes,
    containers,
    staleNetnsFiles,
  };
}

/** Counts per relation, for logs and the closing note. */
export function truthCounts(t: Truth): Record<string, number> {
  const kinds = (k: TruthLink['kind']) => t.links.filter((l) => l.kind === k).length;
  return {
    namespaces: t.namespaces.length,
    containers: t.containers.length,
    veth: kinds('veth'),
    macvlan: kinds('macvlan'),
    vxlan: kinds('vxlan'),
    bridgePorts: kinds('bridge-port'),
    publishedPorts: t.publishedPorts.length,
    networks: t.networks.length,
    defaultRoutes: t.defaultRoutes.length,
    staleNetnsFiles: t.staleNetnsFiles.length,
  };
}
