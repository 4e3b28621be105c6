/**
 * The engines' own view of a cluster (test/scripts/engine-cluster.sh writes it after the
 * capture: docker info, docker node ls, docker network inspect --verbose, docker service
 * inspect/ps, `ip -d -j link` and `bridge -j fdb` in every overlay namespace), turned into the
 * relations the cluster report must show. Read with JSON.parse only: nothing here comes from
 * dockernet's parsers. Each relation is a sorted list of strings so that a test can compare it
 * with the model's and print the difference.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterModel } from '../../src/cluster/types.js';

// biome-ignore lint/suspicious/noExplicitAny: the engines' JSON, read as it is
type Json = Record<string, any>;

// biome-ignore lint/suspicious/noExplicitAny: the engines' JSON, read as it is
const json = (f: string): any => JSON.parse(readFileSync(f, 'utf8'));
const jsonLines = (f: string): Json[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const bare = (ip: string) => ip.split('/')[0]!;
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** Every relation compared, in the order the tests report them. */
export const CLUSTER_RELATIONS: (keyof ClusterRelations)[] = [
  'nodes',
  'overlays',
  'kernelVnis',
  'tunnels',
  'peers',
  'containers',
  'vips',
  'tasks',
];

export interface ClusterRelations {
  /** `hostname|role|managerStatus|status|availability|engine|address` */
  nodes: string[];
  /** `network id|name|subnets|vni` */
  overlays: string[];
  /** `network id|hostname|kernel VNI` of every overlay namespace's vxlan device */
  kernelVnis: string[];
  /** `network id|from address|to address`: a node's fdb names the other as VTEP */
  tunnels: string[];
  /** `network id|hostname|peer addresses` */
  peers: string[];
  /** `network id|hostname|container|ipv4` */
  containers: string[];
  /** `service|network id|vip` */
  vips: string[];
  /** `service.slot|hostname` */
  tasks: string[];
}

export function truthRelations(truthDir: string): ClusterRelations {
  const nodeDirs = readdirSync(truthDir)
    .filter((f) => /^node\d+$/.test(f))
    .sort();
  const info = new Map(nodeDirs.map((n) => [n, json(join(truthDir, n, 'docker-info.json'))]));
  const hostOf = (n: string) => info.get(n)!.Name as string;
  const addrOf = new Map<string, string>();
  for (const [, i] of info) addrOf.set(i.Swarm.NodeID, i.Swarm.NodeAddr);
  const manager = nodeDirs.find((n) => existsSync(join(truthDir, n, 'node-ls.json')))!;
  const nodes = jsonLines(join(truthDir, manager, 'node-ls.json')).map((r) =>
    [
      r.Hostname,
      r.ManagerStatus ? 'manager' : 'worker',
      r.ManagerStatus ?? '',
      r.Status,
      r.Availability,
      r.EngineVersion,
      addrOf.get(r.ID) ?? '',
    ].join('|'),
  );
  const overlays: string[] = [];
  const kernelVnis: string[] = [];
  const tunnels: string[] = [];
  const peers: string[] = [];
  const containers: string[] = [];
  for (const n of nodeDirs) {
    const nets = (json(join(truthDir, n, 'network-inspect-verbose.json')) as Json[]).filter(
      (x) => x.Driver === 'overlay',
    );
    const self = info.get(n)!.Swarm.NodeAddr as string;
    for (const x of nets) {
      overlays.push(
        [
          x.Id,
          x.Name,
          (x.IPAM.Config ?? []).map((c: Json) => c.Subnet).join(','),
          x.Options['com.docker.network.driver.overlay.vxlanid_list'],
        ].join('|'),
      );
      peers.push([x.Id, hostOf(n), sorted((x.Peers ?? []).map((p: Json) => p.IP)).join(',')].join('|'));
      for (const [key, c] of Object.entries(x.Containers ?? {}) as [string, Json][]) {
        if (key === 'ingress-sbox' || key.startsWith('lb-')) continue;
        containers.push([x.Id, hostOf(n), c.Name, bare(c.IPv4Address)].join('|'));
      }
    }
    const nsDir = join(truthDir, n, 'ns');
    for (const ns of existsSync(nsDir) ? readdirSync(nsDir).filter((f) => /^1-/.test(f)) : []) {
      const net = nets.find((x) => x.Id.startsWith(ns.slice(2)));
      if (!net) continue;
      for (const l of json(join(nsDir, ns, 'link.json')) as Json[])
        if (l.linkinfo?.info_kind === 'vxlan')
          kernelVnis.push([net.Id, hostOf(n), l.linkinfo.info_data.id].join('|'));
      for (const e of json(join(nsDir, ns, 'fdb.json')) as Json[])
        if (e.dst && e.dst !== self) tunnels.push([net.Id, self, e.dst].join('|'));
    }
  }
  const vips: string[] = [];
  const tasks: string[] = [];
  if (existsSync(join(truthDir, manager, 'service-inspect.json')))
    for (const s of json(join(truthDir, manager, 'service-inspect.json')) as Json[])
      for (const v of s.Endpoint?.VirtualIPs ?? [])
        vips.push([s.Spec.Name, v.NetworkID, bare(v.Addr)].join('|'));
  if (existsSync(join(truthDir, manager, 'service-ps.json')))
    for (const t of jsonLines(join(truthDir, manager, 'service-ps.json')))
      if (t.DesiredState === 'Running') tasks.push(`${t.Name}|${t.Node}`);
  return {
    nodes: sorted(nodes),
    overlays: sorted(overlays),
    kernelVnis: sorted(kernelVnis),
    tunnels: sorted(tunnels),
    peers: sorted(peers),
    containers: sorted(containers),
    vips: sorted(vips),
    tasks: sorted(tasks),
  };
}

/** The same relations, read from dockernet's cluster model. */
export function modelRelations(m: ClusterModel): ClusterRelations {
  const node = (k: string) => m.nodes.find((n) => n.key === k);
  const host = (k: string) => node(k)?.hostname ?? k;
  return {
    nodes: sorted(
      m.nodes.map((n) =>
        [
          n.hostname,
          n.role,
          n.managerStatus ?? '',
          n.status,
          n.availability,
          n.engineVersion,
          n.address,
        ].join('|'),
      ),
    ),
    overlays: sorted(m.overlays.map((o) => [o.id, o.name, o.subnets.join(','), o.vnis.join(',')].join('|'))),
    kernelVnis: sorted(
      m.overlays.flatMap((o) =>
        o.onNode
          .filter((x) => x.kernelVni !== undefined)
          .map((x) => [o.id, host(x.node), x.kernelVni].join('|')),
      ),
    ),
    tunnels: sorted(
      m.tunnels.flatMap((t) => [
        ...(t.a.fdb ? [[t.network, t.a.vtep, t.b.vtep].join('|')] : []),
        ...(t.b.fdb ? [[t.network, t.b.vtep, t.a.vtep].join('|')] : []),
      ]),
    ),
    peers: sorted(
      m.overlays.flatMap((o) =>
        o.onNode.map((x) => [o.id, host(x.node), sorted(x.peers ?? []).join(',')].join('|')),
      ),
    ),
    containers: sorted(
      m.overlays.flatMap((o) => o.containers.map((c) => [o.id, host(c.node), c.name, c.ipv4].join('|'))),
    ),
    vips: sorted(m.services.filter((s) => s.vip).map((s) => [s.name, s.network, s.vip].join('|'))),
    tasks: sorted(
      m.services.flatMap((s) =>
        s.tasks.map((t) => `${t.name.split('.').slice(0, 2).join('.')}|${t.node ? host(t.node) : '?'}`),
      ),
    ),
  };
}

/** A swarm port the scenario's story blocks on one node from another address (truth/cluster.json `story`). */
export interface StoryBlock {
  node: string;
  from: string;
  proto: 'tcp' | 'udp';
  port: number;
  /** The rule as the scenario ran it (`-I INPUT -s 10.99.0.12 -p udp --dport 4789 -j DROP`). */
  rule: string;
}

const SWARM_PORT_NUMBERS = [2377, 7946, 4789];

/**
 * The host rules of the scenario's story that drop a swarm port from one address: what the
 * `swarm-port-blocked` finding must name. Read from what the scenario says it ran, as written.
 */
export function storyBlocks(truthDir: string): StoryBlock[] {
  const story: { node: string; namespace: string; rule: string }[] =
    json(join(truthDir, 'cluster.json')).story ?? [];
  const out: StoryBlock[] = [];
  for (const s of story) {
    const m = /^-I INPUT -s (\S+) -p (tcp|udp) --dport (\d+) -j DROP$/.exec(s.rule);
    if (s.namespace !== 'host' || !m || !SWARM_PORT_NUMBERS.includes(Number(m[3]))) continue;
    out.push({ node: s.node, from: m[1]!, proto: m[2] as 'tcp' | 'udp', port: Number(m[3]), rule: s.rule });
  }
  return out;
}
