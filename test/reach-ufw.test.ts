/**
 * ufw on a Docker host, real rule sets and real probes (issue #12): test/scripts/engine-ufw.sh
 * enables Debian's ufw (default deny incoming, allow 22/tcp, limit 2222/tcp) before a real
 * engine, publishes whoami's 8080 as 60000 and orders' 80 as 8080, and adds the ufw-docker rule
 * `-I DOCKER-USER -j ufw-user-forward` with `ufw route deny ... to <orders> port 80`; the
 * collector captures it and probe.mjs sends real packets from the LAN, the host and each
 * container to every socket and published port.
 *
 * Two parts: the committed captures (samples/engine-ufw-<engine>.tar.gz with
 * test/fixtures-reach/ufw-<engine>-probes.json, fast, everywhere), and the scenario run live in
 * the sandbox (Docker 28.5; skipped loudly without root/unshare/engine/ufw, failing under
 * DOCKERNET_REQUIRE_SANDBOX=1 or CI). Each: every probe agrees with the evaluator, and the ufw
 * story holds cell by cell, the famous one first: ufw denies incoming, yet the LAN reaches the
 * published port, because Docker's DNAT sends it through FORWARD, not INPUT.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../src/model/types.js';
import { buildReport } from '../src/pipeline.js';
import { compareWithProbes, type ProbeFile, type ProbeReport } from '../src/reach/probes.js';
import { tracePacket } from '../src/reach/trace.js';
import type { PacketPath } from '../src/reach/types.js';
import { docker28Root, variedSupport } from './helpers/docker-engine.js';
import { runInSandbox, sandboxRequired, scriptsDir, skipLoudly, tail } from './helpers/netns.js';

const root = join(import.meta.dirname, '..');
const hostfw = process.env.DOCKERNET_HOSTFW ?? '/opt/dockernet/hostfw/root';

interface Capture {
  model: StepModel;
  probes: ProbeFile;
  report: ProbeReport;
}

async function load(bundle: string, probesFile: string): Promise<Capture> {
  const rep = await buildReport([bundle]);
  const step = rep.steps[0];
  if (!step) throw new Error(`no step in ${bundle}`);
  const probes = JSON.parse(readFileSync(probesFile, 'utf8')) as ProbeFile;
  return { model: step.model, probes, report: compareWithProbes(step.model, probes) };
}

const lan = (model: StepModel, dst: string, dport: number, proto: 'tcp' | 'udp' = 'tcp'): PacketPath =>
  tracePacket(model, { from: { kind: 'outside', uplink: 'eth0' }, dst, proto, dport });
const said = (p: PacketPath) => `${p.verdict}: ${p.reason}; ${p.hops.map((h) => h.stage).join(' > ')}`;

/** The ufw story on one capture; `get` is called inside each test (after beforeAll). */
function story(label: string, get: () => Capture): void {
  it(`${label}: every probe agrees with the evaluator; none unknown, none inconclusive`, () => {
    const { report: r, probes } = get();
    const text = (c: (typeof r.disagreements)[number]) =>
      `${JSON.stringify(c.probe.from)} -> ${c.probe.to.address}:${c.probe.to.port}/${c.probe.to.proto}: probe ${c.probe.result}, evaluator ${c.verdict}: ${c.reason}`;
    console.info(
      `ufw ${label}: ${probes.probes.length} probes; ${r.agreements.length} agree, ${r.disagreements.length} disagree, ${r.unknown.length} unknown, ${r.inconclusive.length} inconclusive`,
    );
    expect(r.disagreements.map(text)).toEqual([]);
    expect(r.unknown.map(text)).toEqual([]);
    expect(r.inconclusive.map(text)).toEqual([]);
    expect(r.agreements.length).toBe(probes.probes.length);
    expect(r.agreements.length).toBeGreaterThan(120);
  });

  /** The probe of this LAN cell, which must exist. */
  const probed = (c: Capture, address: string, port: number, proto = 'tcp') => {
    const p = c.probes.probes.find(
      (x) =>
        x.from.kind === 'outside' && x.to.address === address && x.to.port === port && x.to.proto === proto,
    );
    if (!p) throw new Error(`no probe outside -> ${address}:${port}/${proto}`);
    return p.result;
  };

  it(`${label}: ufw denies incoming, yet the LAN reaches the published port 60000 (through FORWARD, never INPUT)`, () => {
    const c = get();
    const p = lan(c.model, '10.99.0.2', 60000);
    expect(p.verdict, said(p)).toBe('delivered');
    expect(p.delivered?.namespace).toBe('container:whoami');
    expect(p.hops.some((h) => h.stage === 'filter FORWARD')).toBe(true);
    expect(p.hops.some((h) => /INPUT/.test(h.stage))).toBe(false);
    expect(probed(c, '10.99.0.2', 60000)).toBe('connected');
    // The published UDP port too (whoami echoes).
    expect(lan(c.model, '10.99.0.2', 5353, 'udp').verdict).toBe('delivered');
    expect(probed(c, '10.99.0.2', 5353, 'udp')).toBe('connected');
  });

  it(`${label}: a host port ufw does not allow is dropped (8081, and UDP 5354), after ufw's chains`, () => {
    const c = get();
    for (const [port, proto] of [
      [8081, 'tcp'],
      [5354, 'udp'],
    ] as const) {
      const p = lan(c.model, '10.99.0.2', port, proto);
      expect(p.verdict, said(p)).toBe('dropped');
      expect(p.reason).toBe('dropped by the policy DROP of filter INPUT');
      // The packet went through ufw's chains (before-input, not-local, user-input, after-*).
      const trail = p.hops.find((h) => h.stage === 'filter INPUT')?.trail?.join(' ') ?? '';
      expect(trail).toMatch(/ufw-before-input/);
      expect(trail).toMatch(/ufw-not-local/);
      expect(trail).toMatch(/ufw-user-input/);
      expect(probed(c, '10.99.0.2', port, proto)).toBe('timeout');
    }
  });

  it(`${label}: ufw-allowed 22 is delivered; ufw limit 2222 too, assuming the source is no flood (said)`, () => {
    const c = get();
    const ssh = lan(c.model, '10.99.0.2', 22);
    expect(ssh.verdict, said(ssh)).toBe('delivered');
    expect(ssh.hops.find((h) => h.stage === 'filter INPUT')?.rule?.chain).toBe('ufw-user-input');
    expect(probed(c, '10.99.0.2', 22)).toBe('connected');
    const limited = lan(c.model, '10.99.0.2', 2222);
    expect(limited.verdict, said(limited)).toBe('delivered');
    expect(limited.hops.find((h) => h.stage === 'filter INPUT')?.rule?.chain).toBe('ufw-user-limit-accept');
    expect(limited.assumptions.join('\n')).toMatch(
      /-m recent --update --name DEFAULT --hitcount 6 --seconds 30: assumed this source sent fewer than 6 new connections in 30 s.*rule 3 of filter ufw-user-input/,
    );
    expect(probed(c, '10.99.0.2', 2222)).toBe('connected');
  });

  it(`${label}: the ufw-docker jump: DOCKER-USER -> ufw-user-forward drops the LAN to orders' published 8080`, () => {
    const c = get();
    const p = lan(c.model, '10.99.0.2', 8080);
    expect(p.verdict, said(p)).toBe('dropped');
    expect(p.reason).toBe('dropped by rule 1 of filter ufw-user-forward');
    const fwd = p.hops.find((h) => h.stage === 'filter FORWARD');
    expect(fwd?.trail?.join(' ')).toMatch(/DOCKER-USER#1 -> ufw-user-forward/);
    expect(probed(c, '10.99.0.2', 8080)).toBe('timeout');
    // Over IPv6 the published ports are docker-proxy on [::], a local socket: ufw6's INPUT drops them.
    const v6 = lan(c.model, 'fd99::2', 60000);
    expect(v6.verdict, said(v6)).toBe('dropped');
    expect(v6.reason).toMatch(/INPUT/);
    expect(probed(c, 'fd99::2', 60000)).toBe('timeout');
  });

  it(`${label}: IPv6 ufw rules with -m rt (routing header) do not make plain packets unknown`, () => {
    const c = get();
    const p = lan(c.model, 'fd99::2', 22);
    expect(p.verdict, said(p)).toBe('delivered');
    expect(p.hops.find((h) => h.stage === 'filter INPUT')?.trail?.join(' ')).toMatch(/ufw6-before-input/);
  });
}

// ---------------------------------------------------------------- the committed captures

for (const engine of ['28.5', '20.10'] as const) {
  describe(`ufw on Docker ${engine}, committed capture`, () => {
    let cap: Capture;
    beforeAll(async () => {
      cap = await load(
        join(root, 'samples', `engine-ufw-${engine}.tar.gz`),
        join(root, 'test', 'fixtures-reach', `ufw-${engine}-probes.json`),
      );
      expect(cap.probes.engine).toMatch(new RegExp(`^${engine.replace('.', '\\.')}`));
    });
    story(`Docker ${engine} (committed)`, () => cap);
  });
}

// ------------------------------------------- the rate matches, on the real ufw rule set, edited

describe('ufw rate matches: assumed where the rule decides, unknown where history decides', () => {
  let base: StepModel;
  beforeAll(async () => {
    const c = await load(
      join(root, 'samples', 'engine-ufw-28.5.tar.gz'),
      join(root, 'test', 'fixtures-reach', 'ufw-28.5-probes.json'),
    );
    base = c.model;
  });
  /** A copy of the model and the host's IPv4 filter chain of that name. */
  const edit = (chain: string) => {
    const m = JSON.parse(JSON.stringify(base)) as StepModel;
    const c = m.namespaces
      .find((n) => n.id === 'host')
      ?.firewall?.tables.find((t) => t.family === 'ipv4' && t.name === 'filter')
      ?.chains.find((x) => x.name === chain);
    if (!c) throw new Error(`no ${chain}`);
    return { m, c };
  };

  it('reads the real rules typed: -m limit, -m recent --set/--update, -m rt', () => {
    const { c } = edit('ufw-user-input');
    expect(c.rules[1]?.matches).toContainEqual({
      kind: 'recent',
      mode: 'set',
      list: 'DEFAULT',
      negate: false,
    });
    expect(c.rules[2]?.matches).toContainEqual({
      kind: 'recent',
      mode: 'update',
      list: 'DEFAULT',
      seconds: 30,
      hitcount: 6,
      negate: false,
    });
    expect(edit('ufw-not-local').c.rules[3]?.matches).toContainEqual({
      kind: 'limit',
      rate: '3/min',
      burst: 10,
    });
  });

  it('-m limit on a deciding rule: matches, and the path says it assumed the limit not exceeded', () => {
    const { m, c } = edit('ufw-user-input');
    const ssh = c.rules.find((r) => r.text.includes('--dport 22 '));
    if (!ssh) throw new Error('no ssh rule');
    ssh.matches.push({ kind: 'limit', rate: '3/min', burst: 10 });
    const p = lan(m, '10.99.0.2', 22);
    expect(p.verdict, said(p)).toBe('delivered');
    expect(p.assumptions).toContain(
      `-m limit --limit 3/min --limit-burst 10: assumed not exceeded (a first packet, not a flood), so it matches (rule ${ssh.index} of filter ufw-user-input)`,
    );
    // ufw's LOG rules carry limits too, but decide nothing: not said on the unedited path.
    expect(lan(base, '10.99.0.2', 8081).assumptions.join('\n')).not.toMatch(/-m limit/);
  });

  it('-m recent without --hitcount depends on earlier packets: unknown, because of that rule', () => {
    const { m, c } = edit('ufw-user-input');
    const upd = c.rules[2];
    const rm = upd?.matches.find((x) => x.kind === 'recent');
    if (!upd || rm?.kind !== 'recent') throw new Error('no --update rule');
    delete rm.hitcount;
    const p = lan(m, '10.99.0.2', 2222);
    expect(p.verdict, said(p)).toBe('unknown');
    expect(p.reason).toBe(
      'unknown, because of rule 3 of filter ufw-user-input (-m recent --update --name DEFAULT (depends on earlier packets))',
    );
    // Other ports never reach that rule's recent match: their verdicts stand.
    expect(lan(m, '10.99.0.2', 22).verdict).toBe('delivered');
  });
});

// ---------------------------------------------------------------- the scenario, live

const support = (() => {
  const s = variedSupport('28.5');
  if (!s.ok) return s;
  if (!existsSync(join(hostfw, 'usr', 'sbin', 'ufw')))
    return { ok: false as const, reason: `no ufw unpacked in ${hostfw} (sh scripts/fetch-hostfw.sh)` };
  if (!existsSync('/usr/bin/python3')) return { ok: false as const, reason: 'ufw needs /usr/bin/python3' };
  return s;
})();
if (!support.ok)
  skipLoudly('ufw on a real Docker 28.5 with real probes (test/reach-ufw.test.ts)', support.reason);
if (!support.ok && sandboxRequired)
  describe('ufw on Docker 28.5, live: sandbox required', () => {
    it('can run ufw and the engine in a namespace sandbox', () => {
      expect.fail(`DOCKERNET_REQUIRE_SANDBOX=1 but: ${support.ok ? '' : support.reason}`);
    });
  });

describe.runIf(support.ok)('ufw on Docker 28.5, run live in the sandbox', () => {
  let cap: Capture;
  const dir = mkdtempSync(join(tmpdir(), 'dockernet-ufw-'));
  beforeAll(async () => {
    const run = await runInSandbox(join(scriptsDir, 'engine-ufw.sh'), [dir], {
      timeoutMs: 150_000,
      env: {
        ...process.env,
        DOCKERNET_ENGINE: '28.5',
        DOCKERNET_DOCKER28: docker28Root,
        DOCKERNET_HOSTFW: hostfw,
      },
    });
    if (run.code !== 0 || !existsSync(join(dir, 'probes.json')))
      throw new Error(
        `engine-ufw.sh failed (exit ${run.code}, signal ${run.signal})\n${tail(run.stderr, 60)}`,
      );
    console.info(
      `ufw scenario: ${Math.round(run.ms / 1000)} s; ${readFileSync(join(dir, 'timings.txt'), 'utf8').replace(/\n/g, ', ')}`,
    );
    cap = await load(join(dir, 'ufw.tar.gz'), join(dir, 'probes.json'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  story('Docker 28.5 (live)', () => cap);
});
