/**
 * An expert's audit of the answers on the real-engine captures (samples/engine-ufw-20.10 and
 * -28.5: Debian's Docker 20.10.24 and Docker 28.5.2, a default bridge and a user-defined network).
 * Every expectation is read from the raw outputs the engine and the kernel printed in the bundle
 * (`iptables-save`, `docker inspect`), with plain regexes here, never from dockernet's parsers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findingText } from '../src/analyses/findings/catalogue.js';
import { runFindings } from '../src/analyses/findings/index.js';
import { runQuestions } from '../src/analyses/run-questions.js';
import type { Answer } from '../src/analyses/types.js';
import { buildFirewall } from '../src/model/firewall.js';
import { nftRuleset } from '../src/parsers/nft-ruleset.js';
import { buildReport } from '../src/pipeline.js';
import { tracePacket } from '../src/reach/trace.js';
import type { Report, ReportStep } from '../src/report/types.js';

const root = join(import.meta.dirname, '..');
const engines = ['20.10', '28.5'] as const;
const reports = new Map<string, Report>();

beforeAll(async () => {
  for (const e of engines)
    reports.set(e, await buildReport([join(root, 'samples', `engine-ufw-${e}.tar.gz`)]));
});

function step(engine: string): ReportStep {
  return reports.get(engine)!.steps[0]!;
}
function raw(s: ReportStep, path: string): string[] {
  const f = s.files.find((x) => x.path === path);
  expect(f, path).toBeDefined();
  return f!.text.replace(/\n$/, '').split('\n');
}
function answer(s: ReportStep, id: string): Answer {
  return runQuestions({ meta: s.meta, model: s.model, commands: s.commands }).find((a) => a.id === id)!;
}
function v4(addr: string): number {
  return addr.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}
function inCidr(addr: string, cidr: string): boolean {
  const [net, len] = cidr.split('/');
  const size = 2 ** (32 - Number(len ?? 32));
  return Math.floor(v4(addr) / size) === Math.floor(v4(net!) / size);
}
/** The containers' IPv4 addresses as `docker inspect` printed them. */
function inspectedAddresses(s: ReportStep): { name: string; address: string }[] {
  // `docker inspect --format '{{json .}}'`: one JSON document per line.
  const inspect = raw(s, 'docker/docker-container-inspect.out').map((l) => JSON.parse(l));
  return inspect.flatMap(
    (c: { Name: string; NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }) =>
      Object.values(c.NetworkSettings.Networks)
        .filter((n) => n.IPAddress)
        .map((n) => ({ name: c.Name.replace(/^\//, ''), address: n.IPAddress })),
  );
}

describe.each(engines)('Docker %s: what a container sends out', (engine) => {
  it('is masqueraded on the default bridge and on a user-defined network alike, as the host MASQUERADE rules say', () => {
    const s = step(engine);
    const lines = raw(s, 'host/iptables-save.out');
    const a = answer(s, 'container-network');
    const paragraphs = a.answer.split('\n\n');
    const containers = inspectedAddresses(s);
    expect(containers.map((c) => c.name).sort()).toEqual(['orders', 'whoami']);
    for (const c of containers) {
      const idx = lines.findIndex((l) => {
        const m = /^-A POSTROUTING -s (\S+) .*-j MASQUERADE/.exec(l);
        return m !== null && inCidr(c.address, m[1]!);
      });
      const route = paragraphs.find(
        (p) => p.includes(`Its default route`) && p.includes(c.address.replace(/\.\d+$/, '.1')),
      );
      expect(route, c.name).toBeDefined();
      // Both engines write the rule for the default bridge and for appnet alike.
      expect(idx, `${c.name}: no MASQUERADE line in host/iptables-save.out`).toBeGreaterThanOrEqual(0);
      expect(route, c.name).toMatch(/masquerading/);
      expect(a.evidence).toContainEqual(
        expect.objectContaining({ file: 'host/iptables-save.out', line: idx + 1 }),
      );
    }
  });
});

describe('masquerading comes from the rule set', () => {
  it('without the MASQUERADE rules the answer says none, although the default bridge option says true', () => {
    const s = structuredClone(step('28.5'));
    for (const tb of s.model.namespaces[0]!.firewall!.tables)
      for (const ch of tb.chains) ch.rules = ch.rules.filter((r) => r.target.kind !== 'masquerade');
    expect(s.model.dockerNetworks.find((n) => n.name === 'bridge')!.options).toMatchObject({
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
    });
    expect(answer(s, 'container-network').answer).not.toMatch(/masquerading/);
  });
});

describe.each(engines)('Docker %s: IPv6 clients of a published port', (engine) => {
  it('meet the proxy on the host (INPUT), because no ip6tables DNAT exists for the port', () => {
    const s = step(engine);
    const v6rules = raw(s, 'host/ip6tables-save.out');
    const a = answer(s, 'proxy-dual-stack');
    // The real probes of the same run: from the LAN, IPv4 gets through Docker's DNAT (FORWARD)
    // while IPv6 to the same port times out in the host's INPUT (ufw6: deny incoming), which
    // lets IPv6 port 22 through.
    const probes: {
      from: { kind: string };
      to: { address: string; port: number; proto: string };
      result: string;
    }[] = JSON.parse(
      readFileSync(join(root, 'test', 'fixtures-reach', `ufw-${engine}-probes.json`), 'utf8'),
    ).probes;
    const outside = (address: string, port: number) =>
      probes.find((p) => p.from.kind === 'outside' && p.to.address === address && p.to.port === port)?.result;
    expect(outside('10.99.0.2', 60000)).toBe('connected');
    expect(outside('fd99::2', 60000)).toBe('timeout');
    expect(outside('fd99::2', 22)).toBe('connected');
    for (const port of [60000, 8080]) {
      expect(v6rules.some((l) => l.includes(`--dport ${port} `) && l.includes('-j DNAT'))).toBe(false);
      expect(a.answer).toMatch(
        new RegExp(`No ip6tables DNAT rule catches port ${port}\\b[^\\n]*\`\\[::\\]:${port}\`[^\\n]*INPUT`),
      );
    }
    // The proxy connects from the host's address on the container's bridge (docker inspect's Gateway).
    const whoami = raw(s, 'docker/docker-container-inspect.out')
      .map((l) => JSON.parse(l))
      .find((c) => c.Name === '/whoami');
    expect(a.answer).toContain(`(\`${whoami.NetworkSettings.Networks.bridge.Gateway}\`)`);
  });
});

describe.each(engines)("Docker %s: the embedded DNS in a container's namespace", (engine) => {
  it('is named as dockerd’s resolver behind the DNAT of 127.0.0.11:53, only where the engine put it', () => {
    const s = step(engine);
    const a = answer(s, 'container-processes');
    const paragraphs = a.answer.split('\n\n');
    // orders is on the user-defined network appnet: resolv.conf points at 127.0.0.11 and the
    // container's own nat table redirects port 53 to dockerd's sockets.
    expect(raw(s, 'containers/orders/resolv-conf.out')).toContain('nameserver 127.0.0.11');
    const sockets = raw(s, 'containers/orders/netstat.out')
      .map((l) => /^(tcp|udp)\s+\d+\s+\d+\s+127\.0\.0\.11:(\d+)\s.*\s(\d+)\/dockerd\s*$/.exec(l))
      .filter((m) => m !== null);
    expect(sockets.map((m) => m![1]).sort()).toEqual(['tcp', 'udp']);
    const nat = raw(s, 'containers/orders/iptables-save.out');
    const dns = paragraphs.find((p) => p.includes("Docker's embedded DNS server"));
    expect(dns).toBeDefined();
    for (const m of sockets) {
      const [, proto, port, pid] = m!;
      const rule = nat.findIndex(
        (l) =>
          l.includes(`-p ${proto} `) &&
          l.includes('--dport 53 ') &&
          l.endsWith(`--to-destination 127.0.0.11:${port}`),
      );
      expect(rule, `${proto} DNAT to ${port}`).toBeGreaterThanOrEqual(0);
      expect(dns).toContain(`\`${proto} 127.0.0.11:53 -> 127.0.0.11:${port}\``);
      expect(dns).toContain(`host PID ${pid}`);
      expect(a.evidence).toContainEqual(
        expect.objectContaining({ file: 'containers/orders/iptables-save.out', line: rule + 1 }),
      );
    }
    // whoami is on the default bridge: no embedded DNS there, and none said.
    expect(raw(s, 'containers/whoami/netstat.out').join('\n')).not.toContain('127.0.0.11');
    expect(paragraphs.filter((p) => p.includes("Docker's embedded DNS server"))).toHaveLength(1);
    expect(dns).toMatch(/^`127\.0\.0\.11:\d+` and `127\.0\.0\.11:\d+` belong to `dockerd`/);
  });
});

describe("swarm's 4789/udp on real nodes (Docker 20.10 step 4, the mixed 20.10/28.5 cluster)", () => {
  const bundles = [
    join(root, 'samples', 'engine-step4.tar.gz'),
    ...readdirSync(join(root, 'samples', 'cluster-mixed')).map((f) =>
      join(root, 'samples', 'cluster-mixed', f),
    ),
  ];
  it.each(bundles.map((b) => [basename(b), b]))(
    '%s: the kernel’s VXLAN socket, which no Docker option binds to one address; DOCKER-USER never sees it',
    async (_name, bundle) => {
      const s = (await buildReport([bundle])).steps[0]!;
      // netstat's own line: 0.0.0.0:4789 with no owning process (`-`): a kernel socket.
      const netstat = raw(s, 'host/netstat.out');
      const line = netstat.findIndex((l) =>
        /^udp\s+\d+\s+\d+\s+0\.0\.0\.0:4789\s+0\.0\.0\.0:\*\s+-\s*$/.test(l),
      );
      expect(line, 'kernel vxlan socket in host/netstat.out').toBeGreaterThanOrEqual(0);
      const f = s.analysis!.findings.find(
        (x) => x.kind === 'swarm-ports-exposed' && x.subject === 'udp/4789',
      );
      expect(f?.evidence).toContainEqual({ file: 'host/netstat.out', line: line + 1 });
      expect(f?.detail).toMatch(/kernel's VXLAN socket on 0\.0\.0\.0/);
      // DOCKER-USER is jumped to from FORWARD only: it cannot filter what is addressed to the host.
      const rules = raw(s, 'host/iptables-save.out');
      const jumps = rules.filter((l) => /^-A \S+ .*-j DOCKER-USER\b/.test(l)).map((l) => l.split(' ')[1]);
      expect(jumps.length).toBeGreaterThan(0);
      expect(new Set(jumps)).toEqual(new Set(['FORWARD']));
      const fix = findingText('swarm-ports-exposed').remediation;
      expect(fix).toMatch(/INPUT chain \(not `DOCKER-USER`/);
      expect(findingText('swarm-ports-exposed').notApplicable).not.toMatch(/data-path-addr/);
    },
  );
});

describe.each(engines)('Docker %s: a DOCKER-USER rule sees the container port', (engine) => {
  it('the ufw-docker rule on port 80 blocks the port published as 8080, and the advice says to match that way', () => {
    const s = step(engine);
    const rule = raw(s, 'host/iptables-save.out').find((l) => l.startsWith('-A ufw-user-forward '));
    expect(rule).toMatch(/-d 172\.20\.0\.2\/32 -p tcp -m tcp --dport 80 -j DROP$/);
    const orders = raw(s, 'docker/docker-container-inspect.out')
      .map((l) => JSON.parse(l))
      .find((c) => c.Name === '/orders');
    expect(orders.HostConfig.PortBindings['80/tcp'][0].HostPort).toBe('8080');
    const probes: { from: { kind: string }; to: { address: string; port: number }; result: string }[] =
      JSON.parse(
        readFileSync(join(root, 'test', 'fixtures-reach', `ufw-${engine}-probes.json`), 'utf8'),
      ).probes;
    const lan = (port: number) =>
      probes.find((p) => p.from.kind === 'outside' && p.to.address === '10.99.0.2' && p.to.port === port)
        ?.result;
    expect(lan(8080)).toBe('timeout');
    expect(lan(60000)).toBe('connected');
    const fix = findingText('published-port-bypasses-input').remediation;
    expect(fix).toContain('`-p 60000:8080`');
    expect(fix).toMatch(/-d 172\.17\.0\.2 -p tcp --dport 8080 -j DROP/);
    expect(fix).toContain('--ctorigdstport 60000');
  });
});

describe.each(engines)("Docker %s: the host's loopback in the reachability matrix", (engine) => {
  it("has no cell from a container: 127.0.0.1 there is the container's own loopback (real probes)", () => {
    const s = step(engine);
    // The real probes: a container's 127.0.0.1:80 answered from its own httpd (netstat inside it).
    const probes: {
      from: { kind: string; name?: string };
      to: { address: string; port: number };
      result: string;
    }[] = JSON.parse(
      readFileSync(join(root, 'test', 'fixtures-reach', `ufw-${engine}-probes.json`), 'utf8'),
    ).probes;
    const own = probes.filter((p) => p.from.kind === 'container' && p.to.address === '127.0.0.1');
    expect(own.length).toBeGreaterThan(0);
    for (const p of own) {
      const listens = raw(s, `containers/${p.from.name}/netstat.out`).some((l) =>
        new RegExp(
          `^tcp6?\\s+\\d+\\s+\\d+\\s+(0\\.0\\.0\\.0|::|127\\.0\\.0\\.1):${p.to.port}\\s.*LISTEN`,
        ).test(l),
      );
      expect(listens, `${p.from.name} listens on ${p.to.port} itself`).toBe(true);
      expect(p.result).toBe('connected');
    }
    // The host's docker-proxy listens on 127.0.0.1:8080 (wildcard), whoami's own httpd on 8080:
    // a cell "whoami -> host 127.0.0.1:8080: open" would be whoami talking to itself.
    expect(raw(s, 'host/netstat.out').some((l) => /0\.0\.0\.0:8080\s.*docker-proxy/.test(l))).toBe(true);
    expect(raw(s, 'containers/whoami/netstat.out').some((l) => /:::8080\s.*LISTEN/.test(l))).toBe(true);
    const r = s.analysis!.reach!;
    // The report's matrix names sources and destinations by their index.
    const loop = (k: number) => {
      const d = r.destinations[k]!;
      return d.namespace === 'host' && (d.address.startsWith('127.') || d.address === '::1');
    };
    const src = (k: number) => r.sources[k]!.id;
    const fromContainer = r.cells.filter(
      (c) => src(c.source).startsWith('container:') && loop(c.destination),
    );
    expect(fromContainer).toEqual([]);
    // The host and the LAN keep their cells for the same destinations.
    for (const id of ['host', 'outside:eth0'])
      expect(r.cells.filter((c) => src(c.source) === id && loop(c.destination)).length).toBeGreaterThan(0);
  });
});

describe("masquerading under Docker's nftables backend (a real docker-bridges ruleset)", () => {
  it('is read from the `masquerade` rule of table ip docker-bridges, not from the network option', async () => {
    const s = structuredClone((await buildReport([join(root, 'samples', 'engine-step3.tar.gz')])).steps[0]!);
    const text = readFileSync(
      join(root, 'test', 'fixtures', 'nft-ruleset', 'netns-docker-bridges-sets-maps.out'),
      'utf8',
    );
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /ip saddr 172\.17\.0\.0\/16 .* masquerade/.test(l));
    expect(line).toBeGreaterThanOrEqual(0);
    expect(
      lines
        .slice(0, line)
        .reverse()
        .find((l) => l.startsWith('table ')),
    ).toBe('table ip docker-bridges {');
    const parsed = nftRuleset.parse(text);
    const fw = buildFirewall([
      {
        run: {
          id: 'nft-ruleset',
          scope: 'host',
          command: 'nft list ruleset',
          exitCode: 0,
          durationMs: 1,
          stdout: 'host/nft-ruleset.out',
        },
        status: 'parsed',
        records: parsed.records,
        warnings: parsed.warnings,
      },
    ])!;
    s.model.namespaces.find((n) => n.id === 'host')!.firewall = fw;
    for (const n of s.model.dockerNetworks)
      delete n.options['com.docker.network.bridge.enable_ip_masquerade'];
    const a = answer(s, 'container-network');
    expect(a.answer).toMatch(/masquerading/);
    expect(a.evidence).toContainEqual({ file: 'host/nft-ruleset.out', line: line + 1 });
  });
});

describe('swarm ports from the LAN: the finding follows the packet through the host firewall', () => {
  it('cluster-mixed node3: 4789/udp is delivered from the LAN, dropped from 10.99.0.12 only by its INPUT rule', async () => {
    const dir = join(root, 'samples', 'cluster-mixed');
    const node3 = readdirSync(dir).find((f) => f.includes('node3'))!;
    const s = (await buildReport([join(dir, node3)])).steps[0]!;
    const rules = raw(s, 'host/iptables-save.out');
    // The raw rule: the only source it names, and its line.
    const line = rules.findIndex((l) => /^-A INPUT -s \S+ -p udp -m udp --dport 4789 -j DROP$/.test(l));
    expect(line).toBeGreaterThanOrEqual(0);
    const src = /-s (\S+?)(\/32)? /.exec(rules[line]!)![1]!;
    const f = s.analysis!.findings.find((x) => x.kind === 'swarm-ports-exposed' && x.subject === 'udp/4789');
    expect(f, 'still exposed: other LAN sources are delivered').toBeDefined();
    expect(f!.detail).toMatch(
      /From the LAN \(\S+ on eth0\) to [\d.]+:4789: delivered to the kernel's VXLAN socket/,
    );
    expect(f!.detail).toContain(
      `From ${src}, a source the host's rules name: dropped by rule 1 of filter INPUT (\`${rules[line]!.replace(/^-A INPUT /, '')}\`, host/iptables-save.out:${line + 1})`,
    );
    expect(f!.evidence).toContainEqual({ file: 'host/iptables-save.out', line: line + 1 });
    // The other swarm ports have no rule naming a source: one sentence, delivered.
    const gossip = s.analysis!.findings.find((x) => x.subject === 'udp/7946')!;
    expect(gossip.detail).not.toContain('a source the host');
  });

  it("a host whose INPUT drops them (the real ufw rule set of engine-ufw-28.5 on engine-step4's swarm node) raises none", async () => {
    const ufw = step('28.5');
    const v4 = raw(ufw, 'host/iptables-save.out');
    // ufw's rules name none of the swarm ports and its INPUT ends in a DROP policy: the real
    // probes of that run time out from the LAN on host ports ufw does not allow.
    expect(v4.some((l) => /--dports? (\S*,)?(2377|7946|4789)\b/.test(l))).toBe(false);
    expect(v4.some((l) => /^-A ufw-reject-input -j DROP$|^:ufw-user-input/.test(l))).toBe(true);
    expect(v4).toContain(':INPUT DROP [0:0]');
    const probes: {
      from: { kind: string };
      to: { address: string; port: number; proto: string };
      result: string;
    }[] = JSON.parse(
      readFileSync(join(root, 'test', 'fixtures-reach', 'ufw-28.5-probes.json'), 'utf8'),
    ).probes;
    const lan = (port: number, proto: string) =>
      probes.find(
        (p) =>
          p.from.kind === 'outside' &&
          p.to.address === '10.99.0.2' &&
          p.to.port === port &&
          p.to.proto === proto,
      )?.result;
    expect(lan(8081, 'tcp')).toBe('timeout');
    expect(lan(5354, 'udp')).toBe('timeout');
    const s = structuredClone((await buildReport([join(root, 'samples', 'engine-step4.tar.gz')])).steps[0]!);
    const before = runFindings({ meta: s.meta, model: s.model, commands: s.commands });
    expect(
      before
        .filter((f) => f.kind === 'swarm-ports-exposed')
        .map((f) => f.subject)
        .sort(),
    ).toEqual(['tcp/2377', 'tcp/7946', 'udp/4789', 'udp/7946']);
    s.model.namespaces.find((n) => n.id === 'host')!.firewall = structuredClone(
      ufw.model.namespaces.find((n) => n.id === 'host')!.firewall,
    );
    const after = runFindings({ meta: s.meta, model: s.model, commands: s.commands });
    expect(after.filter((f) => f.kind === 'swarm-ports-exposed')).toEqual([]);
  });
});

describe('a packet to the kernel’s VXLAN socket (engine-step4: 4789/udp, no process in netstat)', () => {
  it.each(['en', 'de'] as const)(
    'is delivered to the kernel’s socket, not to “a process” (%s)',
    async (lang) => {
      const s = (await buildReport([join(root, 'samples', 'engine-step4.tar.gz')])).steps[0]!;
      // netstat's `-` in the PID/Program column: no process owns the socket.
      const line = raw(s, 'host/netstat.out').findIndex((l) =>
        /^udp\s+\d+\s+\d+\s+0\.0\.0\.0:4789\s+0\.0\.0\.0:\*\s+-\s*$/.test(l),
      );
      expect(line).toBeGreaterThanOrEqual(0);
      const eth0 = raw(s, 'host/ip-addr.out').join('\n');
      const dst = /inet (\d+\.\d+\.\d+\.\d+)\/\d+ [^\n]*eth0/.exec(eth0)![1]!;
      const p = tracePacket(s.model, { from: { kind: 'outside' }, dst, proto: 'udp', dport: 4789 }, { lang });
      expect(p.verdict).toBe('delivered');
      expect(p.delivered?.pid).toBeUndefined();
      const sock = p.hops.at(-1)!;
      expect(sock.evidence).toContainEqual({ file: 'host/netstat.out', line: line + 1 });
      if (lang === 'en') {
        expect(p.reason).toBe(
          "delivered to the kernel's VXLAN socket (no process owns it: overlay traffic between swarm nodes) in host",
        );
        expect(sock.detail).not.toMatch(/a process/);
      } else {
        expect(p.reason).toMatch(/^zugestellt an den VXLAN-Socket des Kernels \(kein Prozess besitzt ihn/);
        expect(sock.detail).not.toMatch(/einen Prozess/);
      }
    },
  );
});

describe.each(engines)("Docker %s: the engine's firewall facts (docker-firewall)", (engine) => {
  it('backend, userland proxy and ip6tables as docker info, daemon.json, ps and the save outputs say', () => {
    const s = step(engine);
    const a = answer(s, 'docker-firewall');
    expect(a.status).toBe('answered');
    const fact = (label: string) => a.facts.find((f) => f.label === label)?.value;
    const info = JSON.parse(raw(s, 'docker/docker-info-json.out').join('\n'));
    const daemon = JSON.parse(raw(s, 'docker/docker-daemon-json.out').join('\n'));
    // Nobody set the three options: the answers come from what the engine did.
    for (const k of ['firewall-backend', 'userland-proxy', 'ip6tables']) expect(daemon[k]).toBeUndefined();
    // Backend: 28 reports it in docker info; 20.10 has no such field and only iptables.
    const backend: string | undefined = info.FirewallBackend?.Driver;
    if (backend) expect(a.answer).toContain(`\`docker info\` reports the firewall backend \`${backend}\``);
    else expect(a.answer).toMatch(/writes its rules with iptables, its only backend/);
    expect(engine === '28.5' ? backend : 'none').toBe(engine === '28.5' ? 'iptables' : 'none');
    const header = raw(s, 'host/iptables-save.out')[0]!;
    expect(header).toMatch(/^# Generated by iptables-save v[\d.]+ \(nf_tables\)/);
    expect(fact('Firewall backend')).toBe('iptables (iptables-nft)');
    expect(a.evidence).toContainEqual({ file: 'host/iptables-save.out', line: 1 });
    // Userland proxy: the docker-proxy processes in ps.
    const ps = raw(s, 'host/ps.out');
    const proxies = ps
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /\sdocker-proxy -proto /.test(l) || /\/docker-proxy -proto /.test(l));
    expect(proxies.length).toBeGreaterThan(0);
    expect(fact('Userland proxy')).toBe('on');
    expect(a.answer).toContain(`${proxies.length} \`docker-proxy\` processes run`);
    expect(a.evidence).toContainEqual({ file: 'host/ps.out', line: proxies[0]![1] + 1 });
    // ip6tables: Docker's chains in ip6tables-save (28: on by default; 20.10: off).
    const v6 = raw(s, 'host/ip6tables-save.out');
    const chain = v6.findIndex((l) => /^:DOCKER/.test(l));
    expect(fact('ip6tables')).toBe(chain >= 0 ? 'on' : 'off');
    expect(chain >= 0).toBe(engine === '28.5');
    if (chain >= 0) expect(a.evidence).toContainEqual({ file: 'host/ip6tables-save.out', line: chain + 1 });
    expect(a.answer).toContain(chain >= 0 ? 'ip6tables is on' : 'ip6tables is off');
  });
});

describe("daemon.json's userland-proxy and ip6tables (the 28.5 capture with its daemon.json edited)", () => {
  it('are read with their lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockernet-daemon-json-'));
    try {
      execFileSync('tar', ['xzf', join(root, 'samples', 'engine-ufw-28.5.tar.gz'), '-C', dir]);
      const top = join(dir, readdirSync(dir)[0]!);
      writeFileSync(
        join(top, 'docker', 'docker-daemon-json.out'),
        '{\n  "log-level": "info",\n  "userland-proxy": false,\n  "ip6tables": false\n}\n',
      );
      const s = (await buildReport([top])).steps[0]!;
      const a = answer(s, 'docker-firewall');
      expect(a.facts.find((f) => f.label === 'Userland proxy')?.value).toBe('off');
      expect(a.facts.find((f) => f.label === 'ip6tables')?.value).toBe('off');
      expect(a.answer).toContain('daemon.json `userland-proxy`');
      expect(a.evidence).toContainEqual({ file: 'docker/docker-daemon-json.out', line: 3 });
      expect(a.evidence).toContainEqual({ file: 'docker/docker-daemon-json.out', line: 4 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
