/**
 * The collector on a Docker-like host built with iproute2 only (test/scripts/netns-host.sh), in
 * fresh namespaces: run under dash, BusyBox sh and bash, with --no-ss, and as nobody. Checks the
 * manifest contract, the captured files, and that the run changed nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandsOf,
  ipAddrBlocks,
  type LoadedBundle,
  loadBundle,
  manifestProblems,
  output,
  sysClassNet,
} from './helpers/bundle.js';
import {
  collectorPath,
  runInSandbox,
  sandboxRequired,
  sandboxSupport,
  scriptsDir,
  skipLoudly,
  tail,
  which,
} from './helpers/netns.js';

describe('collector script, without a sandbox', () => {
  const shellcheck = which('shellcheck');
  it.skipIf(!shellcheck && process.env.CI !== 'true')('passes shellcheck -s sh', () => {
    const r = spawnSync(shellcheck!, ['-s', 'sh', collectorPath], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  if (!shellcheck) skipLoudly('shellcheck of the collector', 'shellcheck is not installed');

  it('is self-contained: sources nothing, needs no file of this repository', () => {
    const text = readFileSync(collectorPath, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).not.toMatch(/^\s*(\.|source)\s/m);
    expect(text).toMatch(/^LC_ALL=C$/m);
  });

  for (const shell of ['dash', 'busybox sh', 'bash']) {
    const [bin, ...pre] = shell.split(' ');
    it.skipIf(!which(bin!) && process.env.CI !== 'true')(
      `${shell}: --help, --version and a bad option`,
      () => {
        const help = spawnSync(bin!, [...pre, collectorPath, '--help'], { encoding: 'utf8' });
        expect(help.status).toBe(0);
        for (const opt of ['--step', '--output', '--no-containers', '--help', '--docker-exec-root']) {
          expect(help.stdout).toContain(opt);
        }
        const version = spawnSync(bin!, [...pre, collectorPath, '--version'], { encoding: 'utf8' });
        expect(version.stdout).toMatch(/^dockernet-collect \d+\.\d+\.\d+\n$/);
        const bad = spawnSync(bin!, [...pre, collectorPath, '--frobnicate'], { encoding: 'utf8' });
        expect(bad.status).toBe(2);
        expect(bad.stderr).toContain('unknown option: --frobnicate');
        const noValue = spawnSync(bin!, [...pre, collectorPath, '--step'], { encoding: 'utf8' });
        expect(noValue.status).toBe(2);
        // Checked before anything is captured.
        const noDir = spawnSync(bin!, [...pre, collectorPath, '-o', '/nonexistent/dir/b.tar.gz'], {
          encoding: 'utf8',
        });
        expect(noDir.status).toBe(1);
        expect(noDir.stderr).toContain('cannot write the bundle into /nonexistent/dir');
      },
    );
  }
});

const support = sandboxSupport(['dash', 'busybox', 'bash', 'setpriv', 'bridge']);
if (!support.ok)
  skipLoudly('collector tests in a network namespace (test/collector-netns.test.ts)', support.reason);

// Registered only when needed, so a CI run with a sandbox shows no skipped test.
if (!support.ok && sandboxRequired)
  describe('sandbox required', () => {
    it('can build the namespace sandbox', () => {
      expect.fail(`DOCKERNET_REQUIRE_SANDBOX=1 but: ${support.ok ? '' : support.reason}`);
    });
  });

const STEP = 'Step "odd" \\ label\twith tab \u0001 end';

describe.runIf(support.ok)('collector on a Docker-like host made with iproute2', () => {
  let dir: string;
  const bundles: Record<string, LoadedBundle> = {};
  let log = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dockernet-netns-'));
    const run = await runInSandbox(join(scriptsDir, 'netns-host.sh'), [dir], { timeoutMs: 280_000 });
    log = run.stderr;
    console.info(`netns scenario: ${run.ms} ms`);
    if (run.code !== 0) throw new Error(`netns-host.sh failed (exit ${run.code})\n${tail(run.stderr)}`);
    for (const name of ['dash', 'busybox', 'bash', 'noss', 'nonroot']) {
      bundles[name] = await loadBundle(join(dir, `bundle-${name}.tar.gz`));
    }
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const shell of ['dash', 'busybox', 'bash']) {
    describe(`under ${shell}`, () => {
      it('writes a manifest that keeps the format contract', () => {
        const b = bundles[shell]!;
        expect(manifestProblems(b)).toEqual([]);
        expect(b.manifest.hostname).toBe('dockernet-netns');
        expect(b.top).toMatch(/^dockernet-dockernet-netns-\d{8}T\d{6}Z$/);
        expect(b.manifest.user).toEqual({ uid: 0, name: 'root' });
      });

      it('escapes odd characters in the manifest (step, comment, scope names)', () => {
        const m = bundles[shell]!.manifest;
        expect(m.step).toBe(STEP);
        expect(m.comment).toBe('line one\nline two');
        expect(m.scopes['netns:odd "name" x']).toMatchObject({ kind: 'netns', name: 'odd "name" x' });
        expect(bundles[shell]!.files.get('manifest.json')).toContain('\\u0001');
      });

      it('captures the bridge, its veth ports and their peers in the namespaces', () => {
        const b = bundles[shell]!;
        const host = ipAddrBlocks(output(b, 'ip-addr'));
        const docker0 = host.find((i) => i.name === 'docker0');
        expect(docker0?.block).toContain('inet 172.17.0.1/16');
        const veths = host.filter((i) => i.name.startsWith('veth7f3a1b'));
        expect(veths.map((v) => v.name).sort()).toEqual(['veth7f3a1b1', 'veth7f3a1b2']);
        for (const v of veths) expect(v.block).toContain('master docker0');
        expect(output(b, 'brctl-show')).toMatch(/docker0\s+8000\.[0-9a-f]+\s+no\s+veth7f3a1b1/);
        expect(output(b, 'bridge-link')).toContain('master docker0');
        expect(output(b, 'ip-route-main')).toContain(
          '172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1',
        );
        expect(output(b, 'ip-route-local')).toContain('local 172.17.0.1 dev docker0');
        const links = JSON.parse(output(b, 'ip-j-link')) as {
          ifname: string;
          linkinfo?: { info_kind?: string };
        }[];
        expect(links.find((l) => l.ifname === 'docker0')?.linkinfo?.info_kind).toBe('bridge');

        // Each veth's peer is eth0 in c1/c2: iflink of the host end = ifindex of eth0 there.
        const sys = sysClassNet(output(b, 'sys-class-net'));
        for (const [ns, veth, ip] of [
          ['c1', 'veth7f3a1b1', '172.17.0.2/16'],
          ['c2', 'veth7f3a1b2', '172.17.0.3/16'],
        ] as const) {
          const inside = ipAddrBlocks(output(b, 'ip-addr', `netns:${ns}`));
          const eth0 = inside.find((i) => i.name === 'eth0');
          expect(eth0?.block).toContain(`inet ${ip}`);
          const hostEnd = sys.find((s) => s.name === veth)!;
          expect(hostEnd).toMatchObject({ master: 'docker0', role: 'port', operstate: 'up' });
          expect(Number(hostEnd.iflink)).toBe(eth0!.index);
          expect(eth0!.peer).toBe(`if${hostEnd.ifindex}`);
          expect(output(b, 'ip-route-main', `netns:${ns}`)).toContain('default via 172.17.0.1 dev eth0');
        }
        expect(sys.find((s) => s.name === 'docker0')).toMatchObject({ role: 'bridge', devtype: 'bridge' });
      });

      it('records a stale namespace file as stale and enters it not; bridge fdb in every namespace', () => {
        const b = bundles[shell]!;
        expect(b.manifest.scopes['netns:stale0']).toMatchObject({ kind: 'netns', stale: true });
        expect(b.manifest.scopes['netns:stale0']?.staleWhy).toMatch(
          /not a namespace: no nsfs mounted on it.*0 bytes/,
        );
        expect(b.manifest.scopes['netns:stale0']?.netnsInode).toBeUndefined();
        expect(b.manifest.commands.filter((c) => c.scope === 'netns:stale0')).toEqual([]);
        expect(output(b, 'bridge-fdb')).toMatch(/ dev veth7f3a1b1 .*master docker0/);
        expect(commandsOf(b, 'bridge-fdb', 'netns:c1')[0]?.exitCode).toBe(0);
        expect(output(b, 'bridge-link', 'netns:c1')).toBe('');
      });

      it('captures the listeners: 60000 on the host, 8080 inside c1', () => {
        const b = bundles[shell]!;
        expect(output(b, 'netstat')).toMatch(/tcp6?\s.*:60000\s.*LISTEN\s+\d+\/busybox/);
        expect(output(b, 'ss')).toMatch(/tcp\s+LISTEN.*:60000\b/);
        expect(output(b, 'netstat', 'netns:c1')).toMatch(/:8080\s.*LISTEN/);
        expect(output(b, 'ps')).toMatch(/busybox httpd -f -p 8080/);
      });

      it('records what failed or was skipped, with its stderr, and runs nothing else', () => {
        const b = bundles[shell]!;
        const docker = commandsOf(b, 'docker-version')[0]!;
        expect(docker.exitCode).toBe(1);
        expect(b.files.get(docker.stderr!)).toMatch(/Cannot connect to the Docker daemon/);
        expect(commandsOf(b, 'docker-engine')[0]?.skipped).toMatch(/engine did not answer/);
        expect(commandsOf(b, 'docker-ps')).toEqual([]);
        // Kernel module guard: on a kernel without module loading ss is safe, else it is skipped.
        const ss = commandsOf(b, 'ss')[0]!;
        expect(ss.exitCode === 0 || /modules|module/.test(ss.skipped ?? '')).toBe(true);
        expect(b.manifest.options).toMatchObject({ dockerExecRoot: '/run', dockerExecRootFrom: 'option' });
      });

      it('records firewall, sysctls, versions and tools', () => {
        const b = bundles[shell]!;
        expect(output(b, 'sysctl-net')).toMatch(/^net\.ipv4\.ip_forward = [01]$/m);
        expect(output(b, 'sysctl-net')).toMatch(/net\.ipv6\.bindv6only = [01]/);
        // Multi-digit values whole: dash and BusyBox `read` once got only the first byte of a
        // procfs sysctl file (the kernel answers a read at offset 1 with EOF).
        expect(output(b, 'sysctl-net')).toMatch(/^net\.ipv4\.ip_local_port_range = \d{4,5}\s+\d{4,5}$/m);
        expect(output(b, 'tools')).toMatch(/^ip \/\S+\/ip$/m);
        expect(output(b, 'tool-versions')).toMatch(/^ip: ip utility, iproute2/m);
        expect(commandsOf(b, 'iptables-save')[0]?.exitCode).toBe(0);
        expect(commandsOf(b, 'nft-ruleset').length).toBe(1);
        expect(output(b, 'uname')).toMatch(/^Linux /);
      });
    });
  }

  it('under BusyBox sh still runs the host tools (iproute2, procps), not the applets', () => {
    const b = bundles.busybox!;
    expect(output(b, 'tools')).toMatch(/^ip \/(usr\/)?s?bin\/ip$/m);
    expect(commandsOf(b, 'ip-d-link')[0]?.exitCode).toBe(0);
    expect(commandsOf(b, 'ps')[0]?.command).toBe('ps -e -ww -o pid,ppid,user,args');
  });

  it('durations are whole milliseconds; dash and bash measure below the second', () => {
    const ms = bundles
      .dash!.manifest.commands.filter((c) => c.skipped === undefined)
      .map((c) => c.durationMs);
    expect(ms.some((d) => d % 1000 !== 0)).toBe(true);
  });

  it('with --no-ss reads /proc/net instead and says why', () => {
    const b = bundles.noss!;
    expect(manifestProblems(b)).toEqual([]);
    expect(commandsOf(b, 'ss')[0]?.skipped).toMatch(/--no-ss/);
    // busybox httpd listens on [::]:60000 (0xEA60), state 0A = LISTEN.
    expect(output(b, 'proc-net-tcp6')).toMatch(/^\s*\d+: 0{32}:EA60 0{32}:0000 0A /m);
    expect(output(b, 'proc-net-tcp')).toContain('local_address');
    expect(Object.keys(b.manifest.scopes)).toEqual([]);
  });

  it('as nobody: completes, keeps the contract, records what it could not do', () => {
    const b = bundles.nonroot!;
    expect(manifestProblems(b)).toEqual([]);
    expect(b.manifest.user.uid).toBe(65534);
    expect(b.manifest.options.nsenter).toBe(false);
    expect(output(b, 'ip-addr')).toContain('docker0');
    const ipt = commandsOf(b, 'iptables-save')[0]!;
    expect(ipt.exitCode).not.toBe(0);
    expect(b.files.get(ipt.stderr!)).toMatch(/[Pp]ermission denied|must be root|Operation not permitted/);
    expect(commandsOf(b, 'docker-netns-ls')[0]?.skipped).toBeTruthy();
  });

  it('changes nothing: the namespace state is the same before and after the runs', () => {
    const before = readFileSync(join(dir, 'state-before.txt'), 'utf8');
    const after = readFileSync(join(dir, 'state-after.txt'), 'utf8');
    expect(before).toContain('docker0');
    expect(before).toContain('-- c1 inode');
    expect(after).toBe(before);
  });

  it('prints the bundle path and a one-line summary', () => {
    const text = readFileSync(join(dir, 'collect-dash.log'), 'utf8');
    expect(text).toMatch(
      /^dockernet-collect: \d+ commands \(\d+ ok, \d+ failed, \d+ timed out, \d+ not found, \d+ skipped\), 0 container namespaces, 3 docker namespaces, [\d.]+ s\nbundle: \/\S+\/bundle-dash\.tar\.gz \(\d+ KiB\)\n$/,
    );
    expect(log).toContain('done');
  });
});
