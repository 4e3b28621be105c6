/**
 * The collector on a real three-node swarm cluster (test/scripts/engine-cluster.sh: three dockerd
 * in their own namespaces joined by a switch namespace; node1 manager, node2 and node3 workers;
 * an attachable overlay `ov` with c1, c2, c3 on node1..3; a 3-replica service `web` publishing
 * 8080) on Debian's 20.10, on 28.5, and mixed (a 20.10 manager with 28.5 workers).
 *
 * First the overlay itself: a real probe from c1 (node1) to c2 (node2) must have got through
 * (the scenario fails without it). Then each node's bundle: the swarm captures ran and exited 0,
 * and the overlay namespaces' forwarding databases name the OTHER nodes' underlay addresses as
 * VTEPs, exactly the peers the engine itself lists (`docker network inspect --verbose`, Peers).
 * The truth comes from the engines and the kernel (truth/), never from dockernet's parsers.
 *
 * Kernel limit: no IPVS here. The routing mesh (ingress_sbox, lb_*) is made but forwards nothing,
 * so no probe goes through a published port or a service VIP, and `ipvsadm` is never run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { commandsOf, type LoadedBundle, loadBundle, manifestProblems, output } from './helpers/bundle.js';
import {
  CLUSTER_ENGINES,
  type ClusterRun,
  captureCluster,
  clusterEngines,
  describeClusterEngines,
} from './helpers/docker-cluster.js';

interface Peer {
  Name: string;
  IP: string;
}
interface VerboseNetwork {
  Name: string;
  Id: string;
  Driver: string;
  Peers?: Peer[] | null;
  Services?: Record<
    string,
    { VIP: string; Tasks: { Name: string; EndpointIP: string; Info?: Record<string, string> }[] }
  >;
}
interface FdbEntry {
  mac: string;
  ifname?: string;
  dst?: string;
  flags?: string[];
}

/** `dst` addresses of a `bridge fdb show` text: the remote VTEPs of a vxlan device. */
const fdbDsts = (text: string) =>
  [...text.matchAll(/^\S+ dev (\S+) dst (\S+) /gm)]
    .filter((m) => m[1]!.startsWith('vxlan'))
    .map((m) => m[2]!);
const uniqSorted = (xs: string[]) => [...new Set(xs)].sort();

describeClusterEngines(
  CLUSTER_ENGINES,
  {
    skip: (label) => `three-node swarm cluster on ${label} (test/cluster-engine.test.ts)`,
    required: (label) => `cluster on ${label}: sandbox required`,
    describe: (label) => `collector on a three-node swarm, ${label}`,
  },
  (engine, label) => {
    let run: ClusterRun;
    const bundles = new Map<string, LoadedBundle>();
    const truthOf = (node: string, file: string) => readFileSync(join(run.truthDir, node, file), 'utf8');
    const verbose = (node: string) =>
      JSON.parse(truthOf(node, 'network-inspect-verbose.json')) as VerboseNetwork[];
    const nodes = () => run.meta.nodes;

    beforeAll(async () => {
      run = await captureCluster(undefined, { engine });
      console.info(
        `cluster scenario ${label}: ${run.ms} ms${run.reused ? ' (reused)' : ''}; ` +
          readFileSync(join(run.dir, 'timings.txt'), 'utf8').trim().replace(/\n/g, ', '),
      );
      for (const [node, file] of Object.entries(run.bundles)) bundles.set(node, await loadBundle(file));
    }, 420_000);

    it('got a real probe through the overlay from c1 on node1 to c2 on node2 (and between every pair)', () => {
      const c1c2 = run.meta.probes.filter((p) => p.from === 'c1' && p.to === 'c2');
      expect(c1c2.map((p) => `${p.kind} ${p.result}`).sort()).toEqual(['dns ok', 'http ok', 'ping ok']);
      // c2's overlay address really is on node2's overlay: the engine says so.
      const c2 = JSON.parse(truthOf('node2', 'container-inspect.json')) as {
        Name: string;
        NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
      }[];
      const c2ip = c2.find((c) => c.Name === '/c2')?.NetworkSettings.Networks[run.meta.overlay.name]
        ?.IPAddress;
      expect(c1c2[0]!.address).toBe(c2ip);
      expect(run.meta.probes.filter((p) => p.result !== 'ok')).toEqual([]);
      expect(new Set(run.meta.probes.map((p) => `${p.from}>${p.to}`)).size).toBe(6);
    });

    it('made one manager and two workers on the engines asked for, all Ready', () => {
      const want = clusterEngines(engine);
      expect(nodes().map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
      nodes().forEach((n, i) => {
        const v = JSON.parse(truthOf(n.name, 'docker-version.json')) as { Server: { Version: string } };
        expect(v.Server.Version, n.name).toMatch(new RegExp(`^${want[i]!.replace('.', '\\.')}\\.`));
      });
      const ls = truthOf('node1', 'node-ls.json')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { Hostname: string; Status: string; ManagerStatus: string });
      expect(ls.map((n) => `${n.Hostname} ${n.Status} ${n.ManagerStatus || 'worker'}`).sort()).toEqual([
        'node1 Ready Leader',
        'node2 Ready worker',
        'node3 Ready worker',
      ]);
    });

    it('wrote one bundle per node, named by host and time, that keeps the bundle contract', () => {
      expect(Object.keys(run.bundles).sort()).toEqual(['node1', 'node2', 'node3']);
      for (const [node, b] of bundles) {
        expect(b.manifest.hostname, node).toBe(node);
        expect(manifestProblems(b), node).toEqual([]);
        const failed = b.manifest.commands.filter((c) => c.exitCode !== 0 && c.skipped === undefined);
        expect(
          failed.map((c) => `${c.scope} ${c.command}`),
          node,
        ).toEqual([]);
      }
    });

    it("captured each node's swarm state with exit 0: node ls and service ls on the manager only", () => {
      for (const n of nodes()) {
        const b = bundles.get(n.name)!;
        const swarm = JSON.parse(output(b, 'docker-swarm')) as {
          NodeAddr: string;
          LocalNodeState: string;
          ControlAvailable: boolean;
        };
        expect(swarm, n.name).toMatchObject({
          NodeAddr: n.underlay,
          LocalNodeState: 'active',
          ControlAvailable: n.role === 'manager',
        });
        for (const id of ['docker-node-ls', 'docker-service-ls']) {
          const ran = commandsOf(b, id);
          if (n.role === 'manager')
            expect(
              ran.map((c) => c.exitCode),
              `${n.name} ${id}`,
            ).toEqual([0]);
          else expect(ran, `${n.name} ${id}: a worker has no cluster view`).toEqual([]);
        }
        expect(commandsOf(b, 'docker-network-inspect-verbose').map((c) => c.exitCode)).toEqual([0]);
      }
      const ls = output(bundles.get('node1')!, 'docker-node-ls');
      for (const n of nodes()) expect(ls).toMatch(new RegExp(`\\b${n.name}\\s+Ready\\s+Active`));
    });

    it("recorded the manager's nodes and services as the engine lists them, never a container spec", () => {
      const b = bundles.get('node1')!;
      type Node = {
        ID: string;
        Description: { Hostname: string; Engine: { EngineVersion: string } };
        Spec: { Role: string; Availability: string };
        Status: { State: string; Addr: string };
      };
      const lines = (t: string) =>
        t
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
      const got = lines(output(b, 'docker-node-inspect')) as Node[];
      const want = JSON.parse(truthOf('node1', 'node-inspect.json')) as Node[];
      const brief = (n: Node) =>
        `${n.Description.Hostname} ${n.Spec.Role} ${n.Spec.Availability} ${n.Status.State} ${n.Status.Addr} ${n.Description.Engine.EngineVersion}`;
      expect(got.map(brief).sort()).toEqual(want.map(brief).sort());
      // Each node's address is its underlay address.
      for (const n of nodes())
        expect(got.find((g) => g.Description.Hostname === n.name)?.Status.Addr).toBe(n.underlay);

      type Service = {
        ID: string;
        Spec: { Name: string; TaskTemplate?: { ContainerSpec?: unknown } };
        Endpoint: { VirtualIPs?: { NetworkID: string; Addr: string }[]; Ports?: { PublishedPort: number }[] };
      };
      const services = lines(output(b, 'docker-service-inspect')) as Service[];
      const truthServices = JSON.parse(truthOf('node1', 'service-inspect.json')) as Service[];
      expect(services.map((x) => x.Spec.Name)).toEqual(['web']);
      expect(services[0]!.Spec.TaskTemplate?.ContainerSpec).toBeUndefined();
      expect(services[0]!.Endpoint.VirtualIPs).toEqual(truthServices[0]!.Endpoint.VirtualIPs);
      expect(services[0]!.Endpoint.Ports?.map((p) => p.PublishedPort)).toEqual([8080]);
      const tasks = lines(output(b, 'docker-service-ps')) as {
        Name: string;
        Node: string;
        DesiredState: string;
      }[];
      const truthTasks = lines(truthOf('node1', 'service-ps.json')) as typeof tasks;
      expect(tasks.map((t) => `${t.Name} ${t.Node} ${t.DesiredState}`).sort()).toEqual(
        truthTasks.map((t) => `${t.Name} ${t.Node} ${t.DesiredState}`).sort(),
      );
      for (const n of nodes().filter((x) => x.role === 'worker'))
        for (const id of ['docker-node-inspect', 'docker-service-inspect', 'docker-service-ps'])
          expect(commandsOf(bundles.get(n.name)!, id), `${n.name} ${id}`).toEqual([]);
    });

    it('says in the routing mesh namespaces that this kernel has no IPVS (ipvsadm skipped with the reason)', () => {
      for (const n of nodes()) {
        const b = bundles.get(n.name)!;
        const mesh = Object.keys(b.manifest.scopes).filter((k) => /^netns:(ingress_sbox|lb_)/.test(k));
        expect(mesh.length, n.name).toBeGreaterThanOrEqual(2);
        for (const scope of mesh) {
          const ipvs = commandsOf(b, 'ipvsadm', scope);
          expect(
            ipvs.map((c) => c.skipped ?? `ran: ${c.exitCode}`),
            `${n.name} ${scope}`,
          ).toEqual([expect.stringContaining('IPVS is not loaded')]);
        }
      }
    });

    it("recorded each overlay's peers as the engine lists them (docker network inspect --verbose)", () => {
      for (const n of nodes()) {
        const got = JSON.parse(
          output(bundles.get(n.name)!, 'docker-network-inspect-verbose'),
        ) as VerboseNetwork[];
        const want = verbose(n.name);
        expect(got.map((x) => x.Name).sort(), n.name).toEqual(want.map((x) => x.Name).sort());
        expect(
          got.map((x) => x.Name),
          n.name,
        ).toContain(run.meta.overlay.name);
        for (const w of want) {
          const g = got.find((x) => x.Id === w.Id)!;
          expect(uniqSorted((g.Peers ?? []).map((p) => p.IP)), `${n.name} ${w.Name}`).toEqual(
            uniqSorted((w.Peers ?? []).map((p) => p.IP)),
          );
        }
      }
    });

    it("finds the OTHER nodes' underlay addresses as VTEPs in every overlay namespace's fdb", () => {
      let checked = 0;
      for (const n of nodes()) {
        const b = bundles.get(n.name)!;
        const others = nodes()
          .filter((o) => o.name !== n.name)
          .map((o) => o.underlay)
          .sort();
        for (const net of verbose(n.name).filter((x) => x.Driver === 'overlay')) {
          // Docker's namespace of an overlay on this node: <exec-root>/netns/1-<first 10 of its id>.
          const scope = `netns:1-${net.Id.slice(0, 10)}`;
          expect(b.manifest.scopes[scope], `${n.name}: ${scope} (${net.Name}) captured`).toBeDefined();
          const fdb = output(b, 'bridge-fdb', scope);
          const dsts = uniqSorted(fdbDsts(fdb));
          // The engine's own view: every peer but this node.
          const peers = uniqSorted((net.Peers ?? []).map((p) => p.IP).filter((ip) => ip !== n.underlay));
          expect(peers, `${n.name} ${net.Name}: the engine's peers`).toEqual(others);
          expect(dsts, `${n.name} ${net.Name}: VTEPs in the captured fdb`).toEqual(peers);
          // And the kernel's, read after the capture.
          const kernel = JSON.parse(truthOf(n.name, `ns/1-${net.Id.slice(0, 10)}/fdb.json`)) as FdbEntry[];
          expect(dsts, `${n.name} ${net.Name}: the kernel's fdb`).toEqual(
            uniqSorted(kernel.filter((e) => e.dst && e.ifname?.startsWith('vxlan')).map((e) => e.dst!)),
          );
          checked++;
        }
      }
      // ingress and ov on each of the three nodes.
      expect(checked).toBe(6);
    });

    it("leads each remote container's overlay address to its own node: ip neigh (MAC), then fdb (VTEP)", () => {
      for (const n of nodes()) {
        const b = bundles.get(n.name)!;
        const ov = verbose(n.name).find((x) => x.Name === run.meta.overlay.name)!;
        const scope = `netns:1-${ov.Id.slice(0, 10)}`;
        const neigh = output(b, 'ip-neigh', scope);
        const fdb = output(b, 'bridge-fdb', scope);
        for (const o of nodes().filter((x) => x.name !== n.name)) {
          const mac = new RegExp(
            `^${o.containerOverlayIp.replace(/\./g, '\\.')} dev vxlan\\S* lladdr (\\S+)`,
            'm',
          ).exec(neigh)?.[1];
          expect(mac, `${n.name}: neighbour ${o.container} ${o.containerOverlayIp}`).toBeDefined();
          const dst = new RegExp(`^${mac} dev vxlan\\S* dst (\\S+) `, 'm').exec(fdb)?.[1];
          expect(dst, `${n.name}: ${o.container} (${mac}) is behind ${o.name}'s VTEP`).toBe(o.underlay);
        }
      }
    });
  },
);
