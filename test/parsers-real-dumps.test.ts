/**
 * The parsers added for real dumps (issue #11): bridge-link, iptables -S with its table,
 * iptables-list, ifconfig, ss wildcards, docker network inspect --verbose, docker ps --size,
 * docker info with only WARNING lines. Fixture pairs are in test/parsers.test.ts; here, the
 * properties that matter, checked against what the tools and the engine themselves say: live in a
 * throwaway namespace (bridge -j link, ip -j addr, iptables-save) and, for the engine captures,
 * the JSON Docker printed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../src/bundle/specs.js';
import type { Bundle } from '../src/bundle/types.js';
import type { BridgePort } from '../src/parsers/bridge-link.js';
import { bridgeLink } from '../src/parsers/bridge-link.js';
import { dockerInfo } from '../src/parsers/docker-info.js';
import { dockerNetworkInspect } from '../src/parsers/docker-network-inspect.js';
import { dockerPs } from '../src/parsers/docker-ps.js';
import { ifconfig } from '../src/parsers/ifconfig.js';
import { findParser } from '../src/parsers/index.js';
import { ipAddr } from '../src/parsers/ip-addr.js';
import { type IptablesListRule, iptablesList } from '../src/parsers/iptables-list.js';
import { type IptablesRecord, iptablesSave } from '../src/parsers/iptables-save.js';
import { parseBundle } from '../src/parsers/parse-bundle.js';
import { ss } from '../src/parsers/ss.js';
import { sandboxRequired, sandboxSupport, skipLoudly } from './helpers/netns.js';

const fx = (p: string) => readFileSync(join(import.meta.dirname, 'fixtures', p), 'utf8');

describe('bridge link vs ip addr', () => {
  it('ip-addr rejects real `bridge link` output instead of inventing interfaces', () => {
    for (const f of [
      'bridge-link/netns-host.out',
      'bridge-link/engine28-host.out',
      'bridge-link/netns-host-details.out',
    ]) {
      const r = ipAddr.parse(fx(f));
      expect(r.rejected, f).toMatch(/bridge link/);
      expect(r.records).toEqual([]);
    }
    // and still reads ip addr output
    expect(ipAddr.parse(fx('ip-addr/netns-host.out')).rejected).toBeUndefined();
  });

  it('bridge-link rejects ip addr output', () => {
    expect(bridgeLink.parse(fx('ip-addr/netns-host.out')).rejected).toMatch(/ip link/);
  });

  it('takes a peer index only from @ifN, never from a name resolved in the wrong namespace', () => {
    const ports = bridgeLink.parse(fx('bridge-link/engine28-host.out')).records;
    const byName = new Map(ports.map((p) => [p.name, p]));
    // vethf713a8b's peer is eth0 of a container: bridge printed the host's ifindex-4 name, uplink0.
    expect(byName.get('vethf713a8b')).toMatchObject({
      linkName: 'uplink0',
      master: 'docker0',
      state: 'forwarding',
    });
    expect(byName.get('vethf713a8b')?.peerIndex).toBeUndefined();
    expect(byName.get('veth7f79e85')).toMatchObject({ peerIndex: 12, master: 'docker_gwbridge' });
    const old = bridgeLink.parse(fx('bridge-link/variant-old-iproute2-state-null.out')).records;
    expect(old.map((p) => [p.name, p.operState, p.state, p.linkRef])).toEqual([
      ['vethb1e8d6f', 'UP', 'forwarding', '(null)'],
      ['veth4c0f2aa', 'UP', 'forwarding', '(null)'],
      ['vethe9a3f1b', 'LOWERLAYERDOWN', 'disabled', '(null)'],
      ['eth1', 'UP', 'blocking', undefined],
    ]);
  });
});

describe('iptables -S: the table comes from the command line, the spec or the chains', () => {
  const natS = fx('iptables-save/engine28-S-nat.out');
  const tables = (records: IptablesRecord[]) =>
    new Set(records.flatMap((r) => (r.kind === 'notice' ? [] : [r.table])));

  it('infers nat, raw and filter from the built-in chains', () => {
    expect(tables(iptablesSave.parse(natS).records)).toEqual(new Set(['nat']));
    expect(tables(iptablesSave.parse(fx('iptables-save/engine28-S-raw.out')).records)).toEqual(
      new Set(['raw']),
    );
    expect(tables(iptablesSave.parse(fx('iptables-save/netns-S-filter.out')).records)).toEqual(
      new Set(['filter']),
    );
  });

  it('never guesses filter when nothing tells: one chain, no table-specific target', () => {
    const r = iptablesSave.parse(fx('iptables-save/netns-S-filter-forward-counters.out'));
    expect(tables(r.records)).toEqual(new Set(['unknown']));
    expect(r.warnings[0]?.message).toMatch(/unknown/);
    // -S -v counters are read, not left in the spec
    const rule = r.records.find((x) => x.kind === 'rule');
    expect(rule).toMatchObject({
      counters: { packets: 0, bytes: 0 },
      spec: '-j DOCKER-USER',
      target: 'DOCKER-USER',
    });
  });

  it('takes the table from the command (`-t X` or no -t = filter) before the spec, and without a warning', () => {
    const forward = fx('iptables-save/netns-S-filter-forward-counters.out');
    const viaCommand = iptablesSave.parse(forward, { id: 'x', command: 'iptables -S FORWARD -v' });
    expect(tables(viaCommand.records)).toEqual(new Set(['filter']));
    expect(viaCommand.warnings).toEqual([]);
    const nat = iptablesSave.parse(forward, { id: 'x', command: ['iptables', '-t', 'nat', '-S'] });
    expect(tables(nat.records)).toEqual(new Set(['nat']));
    const spec = iptablesSave.parse(forward, { id: 'iptables-S-mangle', iptablesTable: 'mangle' });
    expect(tables(spec.records)).toEqual(new Set(['mangle']));
    // iptables-save output names its tables: the context does not override them.
    const save = iptablesSave.parse(fx('iptables-save/netns-docker28-chains.out'), {
      id: 'x',
      command: 'iptables -t raw -S',
    });
    expect(tables(save.records).has('raw')).toBe(
      tables(iptablesSave.parse(fx('iptables-save/netns-docker28-chains.out')).records).has('raw'),
    );
  });

  it('parse-bundle hands the command line and the spec table to the parser', () => {
    const run = (id: string, command: string) =>
      parseBundle({
        source: 'mem',
        kind: 'directory',
        hasManifest: true,
        files: [{ path: 'host/x.out', text: fx('iptables-save/netns-S-filter-forward-counters.out') }],
        commands: [{ id, scope: 'host', command, exitCode: 0, durationMs: 1, stdout: 'host/x.out' }],
      } as unknown as Bundle).outputs[0];
    const nat = run('iptables-S-nat', 'iptables -t nat -S FORWARD -v');
    expect(nat?.status).toBe('parsed');
    expect(tables(nat?.records as IptablesRecord[])).toEqual(new Set(['nat']));
    // the command line wins over the id's spec
    expect(tables(run('iptables-S', 'iptables -t raw -S -v')?.records as IptablesRecord[])).toEqual(
      new Set(['raw']),
    );
    // the spec wins over iptables' default when the command does not say (`iptables -S` = filter)
    expect(tables(run('iptables-S-mangle', 'iptables -S -v')?.records as IptablesRecord[])).toEqual(
      new Set(['mangle']),
    );
  });
});

describe('iptables-list reads the listing into iptables-save-shaped rules', () => {
  it('finds Docker 28.5 DNAT rules with their target, interface negation and port', () => {
    const r = iptablesList.parse(fx('iptables-list/engine28-nat-L-n-v-line-numbers.out'));
    const dnat = r.records.filter((x): x is IptablesListRule => x.kind === 'rule' && x.target === 'DNAT');
    // ground truth: the same engine's `iptables -t nat -S` (what iptables itself printed)
    const saved = fx('iptables-save/engine28-S-nat.out')
      .split('\n')
      .filter((l) => / -j DNAT /.test(l));
    expect(dnat).toHaveLength(saved.length);
    for (const rule of dnat) {
      const line = saved.find((l) => l.includes(`--dport ${rule.matches.dport} `));
      expect(line, `DNAT for ${rule.matches.dport}`).toBeDefined();
      expect(line).toContain(`--to-destination ${rule.targetArgs.toDestination}`);
      if (rule.matches.notIn) expect(line).toContain(`! -i ${rule.matches.notIn}`);
      if (rule.matches.destination) expect(line).toContain(`-d ${rule.matches.destination}`);
      expect(rule.table).toBe('nat');
      expect(rule.num).toBeGreaterThan(0);
    }
  });

  it('reads rounded counters, a blank opt column and a rule without a target', () => {
    const r = iptablesList.parse(fx('iptables-list/variant-old-abbreviated-counters-ip6-blank-opt.out'));
    const rules = r.records.filter((x): x is IptablesListRule => x.kind === 'rule');
    expect(rules[0]).toMatchObject({
      target: 'ACCEPT',
      matches: { in: 'lo' },
      counters: { packets: 123000, bytes: 100_000_000 },
      countersApprox: true,
      family: 'ipv6',
    });
    expect(rules.find((x) => x.target === undefined)).toMatchObject({
      matches: { out: 'docker0' },
      counters: { packets: 540, bytes: 45360 },
    });
  });

  it('rejects iptables-save output and error text', () => {
    expect(iptablesList.parse(fx('iptables-list/variant-rejected-iptables-save.out')).rejected).toMatch(
      /iptables-save/,
    );
    expect(
      iptablesList.parse(fx('iptables-list/variant-rejected-permission-denied.out')).rejected,
    ).toBeDefined();
  });
});

describe('ss: which wildcard `*` is', () => {
  it('reads Docker 28.5 `*:2377` as a dual-stack IPv6 listener next to 0.0.0.0 ones', () => {
    const r = ss.parse(fx('ss/engine28-host-tulpan-swarm.out')).records;
    expect(r.find((s) => s.localPort === '2377')).toMatchObject({
      proto: 'tcp6',
      localAddress: '::',
      v6only: false,
    });
    expect(r.find((s) => s.localPort === '60001')).toMatchObject({ proto: 'tcp', localAddress: '127.0.0.1' });
  });

  it('reads old ss `*:22` as the IPv4 wildcard', () => {
    const r = ss.parse(fx('ss/variant-old-ipv4-star-unkeyed-users.out'));
    expect(r.records.find((s) => s.localPort === '22')).toMatchObject({
      proto: 'tcp',
      localAddress: '0.0.0.0',
    });
    expect(r.warnings).toEqual([]);
  });

  it('says so when nothing tells', () => {
    expect(ss.parse(fx('ss/variant-star-only-ambiguous.out')).warnings[0]?.message).toMatch(/does not tell/);
  });
});

describe('docker outputs of current engines', () => {
  it('network inspect --verbose: services, VIPs and tasks as Docker printed them', () => {
    for (const f of ['engine28-verbose-overlay-services.out', 'engine20-verbose-overlay-services.out']) {
      const text = fx(`docker-network-inspect/${f}`);
      const truth = JSON.parse(text)[0] as {
        Services: Record<
          string,
          { VIP: string; Tasks: { Name: string; EndpointIP: string; Info: Record<string, string> }[] }
        >;
      };
      const [net] = dockerNetworkInspect.parse(text).records;
      expect(net?.services?.map((s) => s.name).sort()).toEqual(Object.keys(truth.Services).sort());
      for (const s of net?.services ?? []) {
        const t = truth.Services[s.name]!;
        expect(s.vip).toBe(t.VIP === '<nil>' ? undefined : t.VIP);
        expect(s.tasks.map((x) => [x.name, x.endpointIp, x.hostIp])).toEqual(
          t.Tasks.map((x) => [x.Name, x.EndpointIP, x.Info['Host IP']]),
        );
      }
      expect(net?.services?.find((s) => s.name === 'web')?.tasks).toHaveLength(2);
      expect(net?.peers?.[0]?.ip).toBe('10.99.0.2');
    }
  });

  it('network inspect of Docker 28.5: EnableIPv4 false and the gateway mode option are kept', () => {
    const nets = dockerNetworkInspect.parse(
      fx('docker-network-inspect/engine28-gateway-mode-routed-ipv6-only.out'),
    ).records;
    expect(
      nets.find((n) => n.name === 'routed')?.options['com.docker.network.bridge.gateway_mode_ipv4'],
    ).toBe('routed');
    expect(nets.find((n) => n.name === 'v6only')).toMatchObject({ enableIPv4: false, enableIPv6: true });
  });

  it('container inspect without top-level NetworkSettings.IPAddress (API 1.52) keeps every address', () => {
    const full = findParser('docker-container-inspect')!.parse(
      fx('docker-container-inspect/engine28-all-created-overlay.out'),
    );
    const stripped = findParser('docker-container-inspect')!.parse(
      fx('docker-container-inspect/variant-api152-no-top-level-ipaddress.out'),
    );
    const addrs = (r: typeof full) =>
      (r.records as { name: string; networks: { name: string; ipAddress?: string }[] }[]).map((c) => [
        c.name,
        c.networks.map((n) => `${n.name}=${n.ipAddress}`),
      ]);
    expect(addrs(stripped)).toEqual(addrs(full));
    expect(addrs(full).flatMap(([, n]) => n as string[])).toContain('bridge=172.17.0.2');
  });

  it('docker ps --size: SIZE does not shift NAMES or PORTS', () => {
    const r = dockerPs.parse(fx('docker-ps/engine28-a-size.out'));
    expect(r.warnings).toEqual([]);
    const byName = new Map(r.records.map((c) => [c.names[0], c]));
    expect(byName.get('stopped')).toMatchObject({
      status: 'Created',
      ports: [],
      size: '0B (virtual 1.98MB)',
    });
    const hostSide = (ip = '', port = 0) => `${ip.includes(':') ? `[${ip}]` : ip}:${port}`;
    expect(byName.get('web1')?.ports.map((p) => hostSide(p.hostIp, p.hostPort))).toEqual([
      '0.0.0.0:60000',
      '127.0.0.1:60001',
      '[::]:60000',
    ]);
  });

  it('docker info of only WARNING lines makes no engine record', () => {
    const r = dockerInfo.parse(fx('docker-info/variant-28-stdout-warnings-only.out'));
    expect(r.rejected).toBeUndefined();
    expect(r.records).toEqual([]);
    expect(r.warnings.filter((w) => w.message.startsWith('engine warning only'))).toHaveLength(3);
  });
});

describe('specs', () => {
  it('every id names a registered parser and a facet', () => {
    for (const [id, spec] of Object.entries(commandSpecs)) {
      expect(findParser(spec.parser), id).toBeDefined();
      expect(spec.facet, id).toBeTruthy();
    }
  });
});

// --- live: the tools' own JSON in a throwaway namespace is the ground truth ----------------------

const support = sandboxSupport(['bridge', 'ifconfig', 'busybox']);
if (!support.ok)
  skipLoudly('parsers vs bridge -j / ip -j in a namespace (test/parsers-real-dumps.test.ts)', support.reason);
if (!support.ok && sandboxRequired)
  describe('sandbox required', () => {
    it('can build the namespace sandbox', () => {
      expect.fail(`DOCKERNET_REQUIRE_SANDBOX=1 but: ${support.ok ? '' : support.reason}`);
    });
  });

const SETUP = `
set -e
[ -z "$(ip -o link show | grep -v ': lo:')" ] || { echo 'namespace not empty' >&2; exit 1; }
mount -t tmpfs tmpfs /run
ip link set lo up
ip netns add c1
ip link add br0 type bridge; ip addr add 172.20.0.1/16 dev br0; ip link set br0 up
ip link add br1 type bridge stp_state 1; ip link set br1 up
for i in 1 2 3; do ip -n c1 link add f$i type dummy 2>/dev/null || ip -n c1 link add f$i type veth peer name g$i; done
ip link add vA type veth peer name eth0 netns c1
ip link set vA master br0 up; ip -n c1 link set eth0 up
ip link add vB type veth peer name vBp; ip link set vB master br0 up
ip link add vC type veth peer name vCp; ip link set vC master br1 up; ip link set vCp up
bridge link set dev vA cost 7 priority 12
ip addr add 10.1.2.3/27 brd + dev vCp
ip addr add 10.1.2.9/27 dev vCp label vCp:1
ip addr add 2001:db8::5/64 dev vCp nodad
`;

function live(cmds: string): string {
  const r = spawnSync('unshare', ['--net', '--mount', '--fork', 'bash', '-c', `${SETUP}\n${cmds}`], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (r.status !== 0) throw new Error(`sandbox failed: ${r.stderr}`);
  return r.stdout;
}

describe.runIf(support.ok)('live in a namespace', () => {
  it('bridge-link matches `bridge -j -d link` port by port', () => {
    const out = live(`bridge -d link show; echo '---JSON---'; bridge -j -d link show`);
    const [text, json] = out.split('---JSON---\n') as [string, string];
    const truth = JSON.parse(json) as {
      ifindex: number;
      ifname: string;
      link?: string;
      master: string;
      state: string;
      priority: number;
      cost: number;
      hairpin?: boolean;
      flags: string[];
    }[];
    const got = bridgeLink.parse(text);
    expect(got.warnings).toEqual([]);
    expect(got.records).toHaveLength(truth.length);
    for (const t of truth) {
      const p = got.records.find((x: BridgePort) => x.index === t.ifindex);
      expect(p, t.ifname).toMatchObject({
        name: t.ifname,
        master: t.master,
        state: t.state,
        priority: t.priority,
        cost: t.cost,
        flags: t.flags,
      });
      expect(p?.linkRef).toBe(t.link);
      if (t.hairpin !== undefined) expect(p?.options?.hairpin).toBe(t.hairpin ? 'on' : 'off');
    }
    expect(got.records.find((p) => p.name === 'vA')).toMatchObject({ cost: 7, priority: 12 });
    // and ip-addr will not take it
    expect(ipAddr.parse(text).rejected).toBeDefined();
  });

  it('ifconfig (net-tools and BusyBox) matches `ip -j addr` interface by interface', () => {
    const out = live(`ifconfig -a; echo '---BB---'; busybox ifconfig -a; echo '---JSON---'; ip -j addr show`);
    const [nt, rest] = out.split('---BB---\n') as [string, string];
    const [bb, json] = rest.split('---JSON---\n') as [string, string];
    const truth = JSON.parse(json) as {
      ifname: string;
      mtu: number;
      address?: string;
      link_type: string;
      addr_info: { family: string; local: string; prefixlen: number; label?: string; broadcast?: string }[];
    }[];
    for (const [what, text] of [
      ['net-tools', nt],
      ['busybox', bb],
    ] as const) {
      const got = ifconfig.parse(text);
      expect(got.warnings, what).toEqual([]);
      expect(got.records.map((r) => r.name).sort(), what).toEqual(truth.map((t) => t.ifname).sort());
      for (const t of truth) {
        const r = got.records.find((x) => x.name === t.ifname)!;
        expect(r.mtu, `${what} ${t.ifname}`).toBe(t.mtu);
        if (t.link_type === 'ether') expect(r.mac, `${what} ${t.ifname}`).toBe(t.address);
        const want = t.addr_info
          .map((a) => `${a.local}/${a.prefixlen}${a.label ? ` ${a.label}` : ''}`)
          .sort();
        const have = r.addresses
          .map((a) => `${a.address}/${a.prefixLength}${a.label ? ` ${a.label}` : ''}`)
          .sort();
        expect(have, `${what} ${t.ifname}`).toEqual(want);
      }
    }
  });

  it('iptables -S in a namespace: table from the command, rules as iptables-save prints them', () => {
    const out = live(`
      iptables -t nat -N DOCKER
      iptables -t nat -A DOCKER ! -i br0 -p tcp -m tcp --dport 60000 -j DNAT --to-destination 172.20.0.2:80
      iptables -t nat -S DOCKER; echo '---SAVE---'; iptables-save -t nat`);
    const [sText, save] = out.split('---SAVE---\n') as [string, string];
    const s = iptablesSave.parse(sText, { id: 'iptables-S-nat', command: 'iptables -t nat -S DOCKER' });
    const fromSave = iptablesSave
      .parse(save)
      .records.filter((r) => r.kind === 'rule' && r.chain === 'DOCKER');
    const shape = (r: IptablesRecord) =>
      r.kind === 'rule'
        ? {
            table: r.table,
            chain: r.chain,
            spec: r.spec,
            target: r.target,
            matches: r.matches,
            targetArgs: r.targetArgs,
          }
        : r;
    expect(s.warnings).toEqual([]);
    expect(s.records.filter((r) => r.kind === 'rule').map(shape)).toEqual(fromSave.map(shape));
    expect(fromSave).toHaveLength(1);
  });
});
