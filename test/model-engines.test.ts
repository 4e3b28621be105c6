/**
 * The model against the engine and the kernel, relation by relation, on a varied real host
 * (test/scripts/engine-varied.sh): Debian's Docker 20.10, Docker 28.5, and 28.5 with
 * "userland-proxy": false. The expected values come only from the truth files the scenario
 * wrote after the capture (docker inspect, docker network inspect, `ip -j` in every namespace
 * with link_netnsid resolved by the kernel's own nsid table: test/support/engine-truth.ts),
 * never from dockernet's parsers. Relations: which namespace each container is in and who
 * shares it, host- and none-mode containers, every veth / macvlan / vxlan link and bridge port
 * with both ends, every published port (v4 and v6) and its target, every network's driver,
 * subnets, bridge and flags, the default route of each namespace, stale namespace files.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelNamespace, StepModel } from '../src/model/types.js';
import { buildReport } from '../src/pipeline.js';
import { captureVaried, type EngineVersion, variedSupport } from './helpers/docker-engine.js';
import { sandboxRequired, skipLoudly } from './helpers/netns.js';
import { loadTruth, type Truth, truthCounts } from './support/engine-truth.js';

const CONFIGS: { engine: EngineVersion; userlandProxy: boolean }[] = [
  { engine: '20.10', userlandProxy: true },
  { engine: '28.5', userlandProxy: true },
  { engine: '28.5', userlandProxy: false },
];

const sorted = (xs: string[]) => [...xs].sort();
const bare = (ip: string) => ip.split('/')[0]!.replace(/^\[|\]$/g, '');

for (const cfg of CONFIGS) {
  const label = `Docker ${cfg.engine}, userland-proxy ${cfg.userlandProxy}`;
  const support = variedSupport(cfg.engine);
  if (!support.ok)
    skipLoudly(`the model on a varied real host, ${label} (test/model-engines.test.ts)`, support.reason);
  if (!support.ok && sandboxRequired)
    describe(`model on ${label}: sandbox required`, () => {
      it('can run this engine in a namespace sandbox', () => {
        expect.fail(`DOCKERNET_REQUIRE_SANDBOX=1 but: ${support.ok ? '' : support.reason}`);
      });
    });

  describe.runIf(support.ok)(`the model against the engine and the kernel, ${label}`, () => {
    let truth: Truth;
    let m: StepModel;
    let findings: { kind: string; subject: string; severity: string }[];
    let probes: {
      probes: { from: { kind: string }; to: { proto: string; port: number; via: string }; result: string }[];
    };
    /** Namespaces of the host under test (the scenario's `lan` namespace is the outside world). */
    let hostNamespaces: Truth['namespaces'];
    const nsByInode = (inode: number | undefined): ModelNamespace | undefined =>
      m.namespaces.find((n) => n.inode === inode);
    const counts: Record<string, number> = {};

    beforeAll(async () => {
      const run = await captureVaried(undefined, cfg);
      truth = loadTruth(run.truthDir);
      probes = JSON.parse(readFileSync(run.probes, 'utf8'));
      const report = await buildReport([run.bundle]);
      m = report.steps[0]!.model;
      findings = report.steps[0]!.analysis?.findings ?? [];
      hostNamespaces = truth.namespaces.filter((n) => n.name !== 'lan');
    }, 600_000);

    it('every namespace once, by inode, with its owner, sharers and host-mode containers', () => {
      expect(m.namespaces.find((n) => n.id === 'host')?.inode).toBe(truth.hostInode);
      const modelInodes = m.namespaces.map((n) => n.inode);
      expect(new Set(modelInodes).size, 'a namespace is one object').toBe(modelInodes.length);
      expect(sorted(modelInodes.map(String))).toEqual(sorted(hostNamespaces.map((n) => String(n.inode))));
      for (const t of hostNamespaces) {
        const n = nsByInode(t.inode)!;
        if (t.isHost) {
          expect(n.id).toBe('host');
          expect(sorted(n.hostModeContainers ?? []), 'host-mode containers').toEqual(
            sorted(t.hostModeContainers),
          );
          continue;
        }
        if (t.owner) {
          expect(n.container, `owner of ${t.name}`).toBe(t.owner);
          expect(n.id).toBe(`container:${t.owner}`);
        }
        expect(sorted(n.sharers), `sharers of ${t.name}`).toEqual(sorted(t.sharers));
        // Docker's files for it (its SandboxKey, ingress_sbox, 1-..., lb_...) are its aliases.
        for (const f of t.sandboxFiles) {
          const name = f.split('/').pop()!;
          expect(n.sandboxKey === f || n.scopes.includes(`netns:${name}`), `${f} is ${n.id}`).toBe(true);
        }
      }
      counts.namespaces = hostNamespaces.length;
      counts.sharers = hostNamespaces.reduce((k, t) => k + t.sharers.length, 0);
    });

    it('every container with its state, network mode and namespace; exited ones have none', () => {
      expect(sorted(m.containers.map((c) => c.name))).toEqual(sorted(truth.containers.map((c) => c.name)));
      for (const t of truth.containers) {
        const c = m.containers.find((x) => x.name === t.name)!;
        expect(c.status, t.name).toBe(t.state);
        expect(c.networkMode, t.name).toBe(t.networkMode);
        if (t.state === 'running') {
          expect(nsByInode(t.nsInode)?.id, `${t.name}'s namespace`).toBe(c.namespace);
        } else {
          expect(c.namespace, `${t.name} (${t.state}) has no namespace`).toBeUndefined();
        }
        const expectNetworking =
          t.networkMode === 'host'
            ? 'host'
            : t.networkMode === 'none'
              ? 'none'
              : t.networkMode.startsWith('container:')
                ? 'shared'
                : 'own';
        expect(c.networking, t.name).toBe(expectNetworking);
        for (const n of t.networks) {
          const att = c.networks.find((x) => x.network === n.name);
          expect(att, `${t.name} on ${n.name}`).toBeDefined();
          if (n.ipv4) expect(bare(att!.ipv4 ?? '')).toBe(n.ipv4);
          if (n.ipv6) expect(bare(att!.ipv6 ?? '')).toBe(n.ipv6);
        }
      }
      counts.containers = truth.containers.length;
    });

    it('every veth pair with both ends, across namespaces', () => {
      const key = (a: { ns?: string; ifname: string }, b: { ns?: string; ifname: string }) =>
        [`${a.ns}/${a.ifname}`, `${b.ns}/${b.ifname}`].sort().join(' <-> ');
      const inHost = (inode: number) => hostNamespaces.some((n) => n.inode === inode);
      const want = truth.links
        .filter((l) => l.kind === 'veth' && inHost(l.a.nsInode) && l.b && inHost(l.b.nsInode))
        .map((l) =>
          key(
            { ns: nsByInode(l.a.nsInode)?.id, ifname: l.a.ifname },
            { ns: nsByInode(l.b!.nsInode)?.id, ifname: l.b!.ifname },
          ),
        );
      const got = m.vethLinks.map((l) =>
        key({ ns: l.a.namespace, ifname: l.a.ifname }, { ns: l.b.namespace, ifname: l.b.ifname }),
      );
      expect(sorted(got)).toEqual(sorted(want));
      expect(m.ambiguousVeths ?? []).toEqual([]);
      counts.veth = want.length;
    });

    it('every macvlan child with its parent, every vxlan with its VNI, every bridge port', () => {
      const mac = truth.links.filter((l) => l.kind === 'macvlan');
      for (const l of mac) {
        const got = m.links.find(
          (x) =>
            x.kind === 'macvlan' &&
            x.child.namespace === nsByInode(l.a.nsInode)?.id &&
            x.child.ifname === l.a.ifname,
        );
        expect(got, `macvlan ${l.a.ifname}`).toBeDefined();
        expect(got!.parent).toMatchObject({
          namespace: nsByInode(l.parent!.nsInode)?.id,
          ifname: l.parent!.ifname,
        });
      }
      expect(m.links.filter((x) => x.kind === 'macvlan')).toHaveLength(mac.length);
      const vx = truth.links.filter((l) => l.kind === 'vxlan' && nsByInode(l.a.nsInode));
      for (const l of vx) {
        const got = m.links.find(
          (x) =>
            x.kind === 'vxlan' &&
            x.child.namespace === nsByInode(l.a.nsInode)?.id &&
            x.child.ifname === l.a.ifname,
        );
        expect(got?.vni, `vxlan ${l.a.ifname}`).toBe(l.vni);
      }
      expect(m.links.filter((x) => x.kind === 'vxlan')).toHaveLength(vx.length);
      const ports = truth.links.filter((l) => l.kind === 'bridge-port' && nsByInode(l.a.nsInode));
      for (const l of ports) {
        const ns = nsByInode(l.a.nsInode)!;
        expect(
          ns.bridges.find((b) => b.name === l.b!.ifname)?.ports,
          `${l.a.ifname} on ${l.b!.ifname}`,
        ).toContain(l.a.ifname);
      }
      const modelPorts = m.namespaces.flatMap((n) =>
        n.bridges.flatMap((b) => b.ports.map((p) => `${n.id} ${b.name} ${p}`)),
      );
      expect(modelPorts).toHaveLength(ports.length);
      counts.macvlan = mac.length;
      counts.vxlan = vx.length;
      counts.bridgePorts = ports.length;
    });

    it('every published port, IPv4 and IPv6, with its target container and port', () => {
      const norm = (ip: string, v6: boolean) => (ip === '' ? (v6 ? '::' : '0.0.0.0') : bare(ip));
      const want = truth.publishedPorts.map(
        (p) =>
          `${p.proto} ${norm(p.hostIp, p.hostIp.includes(':'))}:${p.hostPort} -> ${p.containerName}:${p.containerPort}`,
      );
      const got = m.publishedPorts.map(
        (p) =>
          `${p.proto} ${norm(p.hostIp, p.hostIp.includes(':'))}:${p.hostPort} -> ${p.container}:${p.containerPort}`,
      );
      expect(sorted([...new Set(got)])).toEqual(sorted([...new Set(want)]));
      // With the userland proxy off, no port claims docker-proxy; with it on, every port has one.
      const proxied = m.publishedPorts.filter((p) => p.sources.includes('docker-proxy')).length;
      if (cfg.userlandProxy) expect(proxied).toBe(m.publishedPorts.length);
      else expect(proxied).toBe(0);
      expect(m.docker.userlandProxy).toBe(cfg.userlandProxy);
      counts.publishedPorts = want.length;
    });

    it("every network's driver, subnets, gateways, bridge, parent and flags", () => {
      expect(sorted(m.dockerNetworks.map((n) => n.name))).toEqual(sorted(truth.networks.map((n) => n.name)));
      for (const t of truth.networks) {
        const n = m.dockerNetworks.find((x) => x.name === t.name)!;
        expect(n.id, t.name).toBe(t.id);
        expect(n.driver, t.name).toBe(t.driver);
        expect(sorted(n.subnets.map((s) => s.subnet)), t.name).toEqual(sorted(t.subnets));
        expect(sorted(n.subnets.flatMap((s) => (s.gateway ? [bare(s.gateway)] : []))), t.name).toEqual(
          sorted(t.gateways.map(bare)),
        );
        expect(n.bridge, t.name).toBe(t.bridge);
        expect(n.parent, t.name).toBe(t.parent);
        expect({ internal: n.internal, ipv6: n.enableIPv6, attachable: n.attachable }, t.name).toEqual({
          internal: t.internal,
          ipv6: t.enableIPv6,
          attachable: t.attachable,
        });
        // A network's Linux bridge exists on the host when the network has endpoints there.
        if (t.bridge && n.endpoints.length > 0)
          expect(m.namespaces.find((x) => x.id === 'host')?.interfaces.some((i) => i.name === t.bridge)).toBe(
            true,
          );
      }
      counts.networks = truth.networks.length;
    });

    it('the default route of each namespace', () => {
      const want = truth.defaultRoutes
        .filter((r) => nsByInode(r.nsInode))
        .map((r) => `${nsByInode(r.nsInode)!.id} ${r.family} via ${r.via ?? '-'} dev ${r.dev ?? '-'}`);
      const got = m.namespaces.flatMap((n) =>
        n.routes
          .filter((r) => r.dst === 'default' && r.table === 'main' && r.type === 'unicast')
          .map((r) => `${n.id} ${r.family} via ${r.via ?? '-'} dev ${r.dev ?? '-'}`),
      );
      expect(sorted([...new Set(got)])).toEqual(sorted([...new Set(want)]));
      counts.defaultRoutes = want.length;
    });

    it('stale namespace files are named as such, not as empty sandboxes', () => {
      expect(sorted(m.staleNamespaces.map((s) => s.path ?? ''))).toEqual(
        sorted(truth.staleNetnsFiles.map((s) => s.path)),
      );
      for (const s of m.staleNamespaces)
        expect(
          m.namespaces.some((n) => n.scopes.includes(`netns:${s.name}`)),
          s.name,
        ).toBe(false);
      counts.staleNetnsFiles = truth.staleNetnsFiles.length;
    });

    it('findings stay quiet where they do not apply: macvlan on its LAN, a 127.0.0.1 port, host-only swarm', () => {
      const mac = m.dockerNetworks.find((n) => n.driver === 'macvlan')!;
      expect(mac.subnets[0]?.subnet).toBeDefined();
      expect(findings.filter((f) => f.kind === 'subnet-overlaps-route').map((f) => f.subject)).toEqual([]);
      const loopbackPorts = m.publishedPorts
        .filter((p) => p.hostIp === '127.0.0.1')
        .map((p) => `${p.proto}/${p.hostPort}`);
      expect(loopbackPorts.length).toBeGreaterThan(0);
      for (const f of findings.filter((x) => x.kind === 'published-on-all-addresses'))
        expect(loopbackPorts, f.subject).not.toContain(f.subject);
      // The stale file left in <exec-root>/netns is a finding of its own, once per file.
      expect(findings.filter((f) => f.kind === 'stale-namespace-file')).toHaveLength(
        truth.staleNetnsFiles.length,
      );
      // HIGH findings on this host are the ones its setup earns, and each port said to bypass the
      // host firewall is one that a real probe from the LAN reached.
      const high = findings.filter((f) => f.severity === 'high');
      expect(high.map((f) => f.kind)).toEqual(expect.arrayContaining(['published-port-bypasses-input']));
      // Swarm ports: raised only for a port a real LAN probe reached (this host's INPUT drops
      // everything but 22, so the probes to 2377, 7946 and 4789 time out and none is raised).
      for (const [proto, port] of [
        ['tcp', 2377],
        ['tcp', 7946],
        ['udp', 7946],
        ['udp', 4789],
      ] as const) {
        const lan = probes.probes.filter(
          (p) =>
            p.from.kind === 'outside' && p.to.proto === proto && p.to.port === port && p.to.via === 'socket',
        );
        if (!lan.length) continue;
        const raised = findings.some(
          (f) => f.kind === 'swarm-ports-exposed' && f.subject === `${proto}/${port}`,
        );
        expect(raised, `${proto}/${port}`).toBe(lan.some((p) => p.result === 'connected'));
      }
      const earned = ['published-port-bypasses-input', 'swarm-ports-exposed', 'loopback-published-reachable'];
      for (const f of high) expect(earned, `${f.kind} ${f.subject}`).toContain(f.kind);
      for (const f of high.filter((x) => x.kind === 'published-port-bypasses-input')) {
        const [proto, port] = f.subject.split('/');
        const reached = probes.probes.some(
          (p) =>
            p.from.kind === 'outside' &&
            p.to.proto === proto &&
            p.to.port === Number(port) &&
            p.to.via === 'published' &&
            p.result === 'connected',
        );
        expect(reached, `${f.subject}: a LAN probe got through`).toBe(true);
      }
      console.info(
        `model vs truth, ${label}: ${JSON.stringify(counts)} (truth: ${JSON.stringify(truthCounts(truth))})`,
      );
    });
  });
}
