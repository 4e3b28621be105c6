/** Step diffs on the slides: what each step added, removed and changed, with stable keys. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSteps } from '../src/analyses/analyze.js';
import { diffSteps } from '../src/analyses/diff.js';
import type { DiffChange, StepAnalysis } from '../src/analyses/types.js';
import { buildReport } from '../src/pipeline.js';
import type { Report } from '../src/report/types.js';

const root = join(import.meta.dirname, '..');
let report: Report;
let analyses: StepAnalysis[];

const has = (changes: DiffChange[], category: string, change: string, key: string) =>
  changes.some((c) => c.category === category && c.change === change && c.key === key);

beforeAll(async () => {
  report = await buildReport([1, 2, 3, 4].map((n) => join(root, `samples/slides-step${n}`)));
  analyses = analyzeSteps(report.steps.map((s) => ({ meta: s.meta, model: s.model, commands: s.commands })));
});

describe('step diffs on the slides', () => {
  it('step 1 has no diff; each later step names the previous one', () => {
    expect(analyses[0]!.diff).toBeUndefined();
    expect(analyses[1]!.diff!.from).toBe(report.steps[0]!.meta.step);
    expect(analyses[3]!.diff!.from).toBe(report.steps[2]!.meta.step);
  });

  it('step 2: docker0, its route and the default networks appear', () => {
    const c = analyses[1]!.diff!.changes;
    expect(has(c, 'interface', 'added', 'host/docker0')).toBe(true);
    expect(has(c, 'bridge', 'added', 'host/docker0')).toBe(true);
    expect(has(c, 'address', 'added', 'host/docker0/172.17.0.1/16')).toBe(true);
    expect(has(c, 'route', 'added', 'host/main/inet/unicast 172.17.0.0/16 dev docker0')).toBe(true);
    for (const n of ['bridge', 'host', 'none'])
      expect(has(c, 'docker-network', 'added', `network/${n}`)).toBe(true);
    expect(c.some((x) => x.category === 'process' && x.change === 'added' && /dockerd/.test(x.key))).toBe(
      true,
    );
    // PIDs changed across the reboot; the same sshd is no change.
    expect(c.some((x) => x.category === 'process' && /sshd/.test(x.key))).toBe(false);
  });

  it('step 3: the veth, docker0 UP, linkdown gone, the container and its published port', () => {
    const c = analyses[2]!.diff!.changes;
    expect(has(c, 'interface', 'added', 'host/veth9c996da')).toBe(true);
    expect(has(c, 'bridge-port', 'added', 'host/docker0/veth9c996da')).toBe(true);
    expect(has(c, 'veth', 'added', 'veth/container:whoami-port60000/eth0<->host/veth9c996da')).toBe(true);
    const d0 = c.find((x) => x.category === 'interface' && x.key === 'host/docker0')!;
    expect(d0.change).toBe('changed');
    expect(d0.summary).toMatch(/state DOWN -> UP/);
    const route = c.find((x) => x.key === 'host/main/inet/unicast 172.17.0.0/16 dev docker0')!;
    expect(route.summary).toMatch(/flags linkdown -> none/);
    expect(has(c, 'container', 'added', 'container/whoami-port60000')).toBe(true);
    expect(has(c, 'published-port', 'added', 'port/tcp/0.0.0.0:60000')).toBe(true);
    expect(has(c, 'socket', 'added', 'host/tcp6/:::60000')).toBe(true);
    for (const x of c.filter((y) => y.change !== 'removed')) expect(x.evidence, x.key).toBeDefined();
  });

  it('step 4: docker_gwbridge, ingress and the sandboxes appear; the container processes are not "removed"', () => {
    const c = analyses[3]!.diff!.changes;
    expect(has(c, 'interface', 'added', 'host/docker_gwbridge')).toBe(true);
    expect(has(c, 'bridge', 'added', 'host/docker_gwbridge')).toBe(true);
    expect(has(c, 'docker-network', 'added', 'network/docker_gwbridge')).toBe(true);
    expect(has(c, 'docker-network', 'added', 'network/ingress')).toBe(true);
    expect(has(c, 'interface', 'added', 'netns:ingress_sbox/eth0')).toBe(true);
    expect(has(c, 'socket', 'added', 'host/tcp6/:::2377')).toBe(true);
    // The slides' container has no `ps` in step 4: not a reason to report its processes gone.
    expect(
      c.some((x) => x.category === 'process' && x.change === 'removed' && /container:/.test(x.key)),
    ).toBe(false);
  });

  it('a step against itself has no change', () => {
    const m = report.steps[3]!.model;
    expect(diffSteps(m, m, 'same').changes).toEqual([]);
  });
});
