/**
 * The collector end to end on a real Docker engine (Debian docker.io), isolated in fresh
 * namespaces by test/scripts/engine-steps.sh: the slides' steps 2-4 (engine alone; one container
 * publishing 60000 -> 8080; swarm init), a bundle per step, checked against what the engine and
 * the kernel said at that moment (truth/<step>/), and a before/after snapshot of the namespace
 * around each run (the collector changes nothing).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import {
  commandsOf,
  ipAddrBlocks,
  type LoadedBundle,
  loadBundle,
  manifestProblems,
  output,
  sysClassNet,
} from './helpers/bundle.js';
import { captureEngineSteps, type EngineSteps, engineSupport } from './helpers/docker-engine.js';
import { sandboxRequired, skipLoudly } from './helpers/netns.js';

const support = engineSupport();
if (!support.ok)
  skipLoudly('collector tests on a real Docker engine (test/collector-docker.test.ts)', support.reason);

// Registered only when needed, so a CI run with a sandbox shows no skipped test.
if (!support.ok && sandboxRequired)
  describe('engine sandbox required', () => {
    it('can run dockerd in a namespace sandbox', () => {
      expect.fail(`DOCKERNET_REQUIRE_SANDBOX=1 but: ${support.ok ? '' : support.reason}`);
    });
  });

interface NetworkInspect {
  Name: string;
  Id: string;
  Driver: string;
  Scope: string;
  IPAM: { Config: { Subnet?: string; Gateway?: string }[] | null };
  Containers: Record<string, { Name: string; IPv4Address: string }> | null;
}
interface IpJLink {
  ifindex: number;
  ifname: string;
  master?: string;
  link_index?: number;
}

describe.runIf(support.ok)('collector on a real Docker engine, steps 2-4', () => {
  let dir: string;
  let steps: EngineSteps;
  const b: Record<'step2' | 'step3' | 'step4' | 'step3Procfs', LoadedBundle> = {} as never;
  const truth = (step: string, file: string) => readFileSync(join(dir, 'truth', step, file), 'utf8');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dockernet-engine-'));
    steps = await captureEngineSteps(dir);
    console.info(`engine scenario: ${steps.ms} ms`);
    for (const k of ['step2', 'step3', 'step4', 'step3Procfs'] as const) b[k] = await loadBundle(steps[k]);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every bundle keeps the format contract', () => {
    for (const k of ['step2', 'step3', 'step4', 'step3Procfs'] as const) {
      expect(manifestProblems(b[k]), k).toEqual([]);
      expect(b[k].manifest.hostname).toBe('dockernet-lab');
    }
    expect(b.step3.manifest.step).toBe('Step 3: one container publishing port 60000');
    // Inside the sandbox, everything answered: no failure other than the documented skips.
    for (const k of ['step3', 'step4'] as const) {
      const failed = b[k].manifest.commands.filter((c) => c.exitCode !== 0 && c.skipped === undefined);
      expect(failed.map((c) => `${c.scope} ${c.command}`)).toEqual([]);
    }
  });

  it('step 2: docker0 holds 172.17.0.1/16, has no port, and the three default networks exist', () => {
    const host = ipAddrBlocks(output(b.step2, 'ip-addr'));
    const docker0 = host.find((i) => i.name === 'docker0');
    expect(docker0?.block).toContain('inet 172.17.0.1/16');
    expect(docker0?.block).toMatch(/NO-CARRIER.*state DOWN/);
    expect(output(b.step2, 'ip-route-main')).toMatch(/172\.17\.0\.0\/16 dev docker0 .*linkdown/);
    expect(output(b.step2, 'brctl-show')).toMatch(/^docker0\s+8000\.\w+\s+no\s*$/m);
    const nets = JSON.parse(output(b.step2, 'docker-network-inspect')) as NetworkInspect[];
    expect(nets.map((n) => n.Name).sort()).toEqual(['bridge', 'host', 'none']);
    expect(nets.find((n) => n.Name === 'bridge')?.IPAM.Config?.[0]).toMatchObject({
      Subnet: '172.17.0.0/16',
    });
    expect(output(b.step2, 'docker-version')).toMatch(/Server:[\s\S]*Version:\s+20\.10/);
    expect(output(b.step2, 'docker-ps').trim().split('\n')).toHaveLength(1);
    expect(commandsOf(b.step2, 'docker-netns-ls')[0]?.skipped).toMatch(/no folder/);
    expect(Object.keys(b.step2.manifest.scopes)).toEqual([]);
  });

  it('step 3: the container veth is a port of docker0 and its peer is eth0 in the container capture', () => {
    const scope = 'container:whoami';
    const s = b.step3.manifest.scopes[scope];
    expect(s).toMatchObject({ kind: 'container', name: 'whoami', method: 'nsenter', networkMode: 'default' });
    const inspect = JSON.parse(truth('step3', 'container-whoami-inspect.json'))[0];
    expect(s?.id).toBe(inspect.Id);
    expect(s?.pid).toBe(inspect.State.Pid);

    const host = ipAddrBlocks(output(b.step3, 'ip-addr'));
    const veth = host.find((i) => i.name.startsWith('veth'));
    expect(veth?.block).toContain('master docker0');
    const inside = ipAddrBlocks(output(b.step3, 'ip-addr', scope));
    const eth0 = inside.find((i) => i.name === 'eth0');
    expect(eth0?.block).toContain('inet 172.17.0.2/16');
    // veth9c996da@if4 <-> eth0@if5: each names the other's ifindex.
    expect(veth!.peer).toBe(`if${eth0!.index}`);
    expect(eth0!.peer).toBe(`if${veth!.index}`);
    // The container's own sysfs says the same.
    const sysInside = sysClassNet(output(b.step3, 'sys-class-net', scope));
    expect(Number(sysInside.find((x) => x.name === 'eth0')?.iflink)).toBe(veth!.index);
    expect(output(b.step3, 'ip-route-main', scope)).toContain('default via 172.17.0.1 dev eth0');
    expect(output(b.step3, 'brctl-show')).toMatch(
      new RegExp(`^docker0\\s+8000\\.\\w+\\s+no\\s+${veth!.name}$`, 'm'),
    );
    // Agrees with the kernel's own JSON at that moment.
    const links = JSON.parse(truth('step3', 'host-ip-j-link.json')) as IpJLink[];
    expect(links.find((l) => l.ifname === veth!.name)).toMatchObject({
      master: 'docker0',
      ifindex: veth!.index,
    });
    const inContainer = JSON.parse(truth('step3', 'container-whoami-ip-j-addr.json')) as IpJLink[];
    expect(inContainer.find((l) => l.ifname === 'eth0')?.ifindex).toBe(eth0!.index);
  });

  it('step 3: the published port: docker-proxy on 60000, httpd on 8080 inside, DNAT rule', () => {
    expect(output(b.step3, 'netstat')).toMatch(/tcp6?\s.*:60000\s.*LISTEN\s+\d+\/docker-proxy/);
    expect(output(b.step3, 'ss')).toMatch(/LISTEN.*:60000\b.*docker-proxy/);
    expect(output(b.step3, 'netstat', 'container:whoami')).toMatch(/:8080\s.*LISTEN/);
    expect(output(b.step3, 'ps')).toMatch(
      /docker-proxy -proto tcp -host-ip \S+ -host-port 60000 -container-ip 172\.17\.0\.2 -container-port 8080/,
    );
    expect(output(b.step3, 'iptables-save')).toMatch(
      /-A DOCKER ! -i docker0 -p tcp -m tcp --dport 60000 -j DNAT --to-destination 172\.17\.0\.2:8080/,
    );
    expect(output(b.step3, 'docker-ps')).toMatch(/0\.0\.0\.0:60000->8080\/tcp/);
  });

  it('step 3: docker inspect keeps the networking fields and no secret', () => {
    const lines = output(b.step3, 'docker-container-inspect').trim().split('\n');
    expect(lines).toHaveLength(1);
    const c = JSON.parse(lines[0]!);
    expect(c.Name).toBe('/whoami');
    expect(c.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '', HostPort: '60000' }] });
    expect(c.NetworkSettings.Networks.bridge).toMatchObject({
      IPAddress: '172.17.0.2',
      Gateway: '172.17.0.1',
    });
    expect(c.Config.LabelKeys).toEqual([]);
    // The Compose labels' values only (none here: an empty object).
    expect(c.Config.ComposeLabels).toEqual({});
    const all = [...b.step3.files.values()].join('\n');
    expect(all).not.toMatch(/"Env"|PATH=\/usr\/local\/sbin/);
    const ps = JSON.parse(output(b.step3, 'docker-ps-json').trim());
    expect(ps).toMatchObject({ Names: 'whoami', Image: 'local/busybox' });
    expect(ps).not.toHaveProperty('Labels');
  });

  it('step 3: the container processes as it sees them (httpd is PID 1) and through docker top', () => {
    expect(output(b.step3, 'ps', 'container:whoami')).toMatch(/^\s+1\s+0 root\s+httpd -f -p 8080 -h \/www$/m);
    expect(output(b.step3, 'docker-top', 'container:whoami')).toMatch(/httpd -f -p 8080/);
  });

  it('step 3 without nsenter: /proc/PID/net fallbacks, exec root found from dockerd', () => {
    const p = b.step3Procfs;
    expect(p.manifest.options).toMatchObject({ nsenter: false, dockerExecRoot: '/run/dockernet/exec' });
    expect(String(p.manifest.options.dockerExecRootFrom)).toMatch(/^command line of dockerd/);
    const scope = 'container:whoami';
    expect(p.manifest.scopes[scope]?.method).toBe('procfs');
    expect(commandsOf(p, 'ip-addr', scope)[0]?.skipped).toMatch(/--no-nsenter/);
    // 8080 = 0x1F90, state 0A = LISTEN; busybox httpd binds [::].
    expect(output(p, 'proc-net-tcp6', scope)).toMatch(/:1F90 0+:0000 0A /);
    expect(output(p, 'proc-net-fib-trie', scope)).toContain('172.17.0.2');
    expect(output(p, 'proc-net-dev', scope)).toMatch(/^\s*eth0:/m);
    expect(
      sysClassNet(output(p, 'sys-class-net', scope))
        .map((x) => x.name)
        .sort(),
    ).toEqual(['eth0', 'lo']);
  });

  it('step 4: docker_gwbridge and the ingress overlay exist, the node is a swarm manager', () => {
    const nets = JSON.parse(output(b.step4, 'docker-network-inspect')) as NetworkInspect[];
    const byName = Object.fromEntries(nets.map((n) => [n.Name, n]));
    expect(Object.keys(byName).sort()).toEqual(['bridge', 'docker_gwbridge', 'host', 'ingress', 'none']);
    expect(byName.docker_gwbridge).toMatchObject({ Driver: 'bridge', Scope: 'local' });
    expect(byName.ingress).toMatchObject({ Driver: 'overlay', Scope: 'swarm' });
    expect(Object.values(byName.ingress!.Containers ?? {}).map((c) => c.Name)).toContain('ingress-endpoint');
    const truthNets = JSON.parse(truth('step4', 'docker-network-inspect.json')) as NetworkInspect[];
    expect(nets.map((n) => n.Id).sort()).toEqual(truthNets.map((n) => n.Id).sort());
    const swarm = JSON.parse(output(b.step4, 'docker-swarm'));
    expect(swarm).toMatchObject({ LocalNodeState: 'active', ControlAvailable: true, NodeAddr: '10.99.0.2' });
    expect(output(b.step4, 'docker-node-ls')).toMatch(/Ready\s+Active\s+Leader/);
    const host = ipAddrBlocks(output(b.step4, 'ip-addr'));
    const gw = host.find((i) => i.name === 'docker_gwbridge');
    const gwSubnet = byName.docker_gwbridge!.IPAM.Config?.[0]?.Gateway;
    expect(gw?.block).toContain(`inet ${gwSubnet}/`);
  });

  it('step 4: the ingress_sbox namespace is captured and linked to docker_gwbridge and the overlay', () => {
    const scopes = b.step4.manifest.scopes;
    expect(scopes['netns:ingress_sbox']).toMatchObject({
      kind: 'netns',
      path: '/run/dockernet/exec/netns/ingress_sbox',
    });
    const overlay = Object.keys(scopes).find((k) => /^netns:1-/.test(k));
    expect(overlay).toBeDefined();
    // The container's sandbox file is the container's namespace: listed once, not captured twice.
    const sandboxKey = scopes['container:whoami']?.sandboxKey;
    const alias = Object.entries(scopes).find(([, s]) => s.path === sandboxKey);
    expect(alias?.[1].sameAs).toBe('container:whoami');

    const sbox = ipAddrBlocks(output(b.step4, 'ip-addr', 'netns:ingress_sbox'));
    const truthSbox = JSON.parse(truth('step4', 'netns-ingress_sbox-ip-j-addr.json')) as {
      ifname: string;
      addr_info: { local: string }[];
    }[];
    for (const l of truthSbox) {
      const found = sbox.find((i) => i.name === l.ifname);
      expect(found, l.ifname).toBeDefined();
      for (const a of l.addr_info) expect(found!.block).toContain(a.local);
    }
    // One of its interfaces has its peer on docker_gwbridge in the host.
    const hostSys = sysClassNet(output(b.step4, 'sys-class-net'));
    const gwPorts = hostSys.filter((x) => x.master === 'docker_gwbridge');
    expect(gwPorts.length).toBeGreaterThan(0);
    expect(sbox.some((i) => gwPorts.some((p) => i.peer === `if${p.ifindex}`))).toBe(true);
    // The overlay namespace holds the ingress bridge and its vxlan.
    expect(output(b.step4, 'ip-d-link', overlay!)).toMatch(/vxlan id \d+/);
  });

  it('dockernet report: the model of each step matches what the engine and the kernel said', async () => {
    const report = await buildReport([steps.step2, steps.step3, steps.step4]);
    const [m2, m3, m4] = report.steps.map((s) => s.model);
    const host = (m: typeof m2) => m!.namespaces.find((n) => n.id === 'host')!;
    const truthNets = (step: string) =>
      JSON.parse(truth(step, 'docker-network-inspect.json')) as NetworkInspect[];

    // Step 2: docker0 is the bridge of the default network, with the engine's subnet, and no port.
    const bridgeNet = truthNets('step2').find((n) => n.Name === 'bridge')!;
    const subnet = bridgeNet.IPAM.Config?.[0]?.Subnet;
    const docker0 = host(m2).interfaces.find((i) => i.name === 'docker0');
    expect(docker0?.kind).toBe('bridge');
    expect(docker0?.addresses.map((a) => a.network)).toContain(subnet);
    expect(host(m2).bridges.find((b) => b.name === 'docker0')?.ports).toEqual([]);
    expect(m2!.dockerNetworks.find((n) => n.name === 'bridge')?.bridge).toBe('docker0');
    expect(m2!.dockerNetworks.map((n) => n.name).sort()).toEqual(
      truthNets('step2')
        .map((n) => n.Name)
        .sort(),
    );

    // Step 3: the container's veth pair, matched across namespaces as the kernel links them.
    const links = JSON.parse(truth('step3', 'host-ip-j-link.json')) as IpJLink[];
    const hostVeth = links.find((l) => l.master === 'docker0')!;
    const pair = m3!.vethLinks.find((l) => l.a.ifname === hostVeth.ifname || l.b.ifname === hostVeth.ifname);
    expect(pair).toBeDefined();
    const inner = pair!.a.namespace === 'host' ? pair!.b : pair!.a;
    expect(inner).toMatchObject({
      namespace: 'container:whoami',
      ifname: 'eth0',
      ifindex: hostVeth.link_index,
    });
    expect(host(m3).bridges.find((b) => b.name === 'docker0')?.ports).toEqual([hostVeth.ifname]);
    const c = truthNets('step3').find((n) => n.Name === 'bridge')!.Containers!;
    const ip = Object.values(c)[0]!.IPv4Address.split('/')[0];
    expect(m3!.publishedPorts.find((p) => p.hostIp === '0.0.0.0')).toMatchObject({
      hostPort: 60000,
      containerIp: ip,
      containerPort: 8080,
      container: 'whoami',
    });
    const inContainer = m3!.namespaces.find((n) => n.id === 'container:whoami')!;
    expect(inContainer.sockets.some((s) => s.listening && s.localPortNumber === 8080)).toBe(true);

    // Step 4: docker_gwbridge with a port whose peer is eth1 of ingress_sbox; ingress overlay.
    const gw = host(m4).bridges.find((b) => b.name === 'docker_gwbridge');
    expect(gw?.ports).toHaveLength(1);
    const gwLink = m4!.vethLinks.find((l) => l.a.ifname === gw!.ports[0] || l.b.ifname === gw!.ports[0]);
    expect([gwLink?.a.namespace, gwLink?.b.namespace]).toContain('netns:ingress_sbox');
    const ingress = m4!.dockerNetworks.find((n) => n.name === 'ingress');
    const truthIngress = truthNets('step4').find((n) => n.Name === 'ingress')!;
    expect(ingress).toMatchObject({ driver: 'overlay', scope: 'swarm', ingress: true });
    expect(ingress?.subnets[0]?.subnet).toBe(truthIngress.IPAM.Config?.[0]?.Subnet);
    expect(ingress?.endpoints.find((e) => e.key === 'ingress-sbox')?.sandbox).toBe(true);
    // Every captured command is accounted for in the report, none crashed a parser.
    for (const s of report.steps) expect(s.commands.filter((x) => x.status === 'error')).toEqual([]);
  });

  it('changes nothing: the namespace state is the same before and after each collector run', () => {
    for (const step of ['step2', 'step3', 'step4']) {
      const before = readFileSync(join(dir, `state-${step}-before.txt`), 'utf8');
      const after = readFileSync(join(dir, `state-${step}-after.txt`), 'utf8');
      expect(before).toContain('== firewall');
      expect(after, step).toBe(before);
    }
    expect(readFileSync(join(dir, 'state-step4-before.txt'), 'utf8')).toContain('-- ingress_sbox inode');
  });
});
