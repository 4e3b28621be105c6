/**
 * reachMatrix and compareWithProbes: the matrix of the real Docker 20.10 bundle, the aggregated
 * matrix of the 1,000-container synthetic host (bench/generate.ts) within budget, and the probe
 * comparison on a hand-made probes.json (test/fixtures-reach/probes-small.json).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle, writeBundle } from '../bench/generate.js';
import { DEFAULT_LIMITS } from '../src/bundle/limits.js';
import { readBundle } from '../src/bundle/read.js';
import { buildStepModel } from '../src/model/build-step.js';
import { buildFirewall } from '../src/model/firewall.js';
import type { StepModel } from '../src/model/types.js';
import { iptablesSave } from '../src/parsers/iptables-save.js';
import { parseBundle } from '../src/parsers/parse-bundle.js';
import { formatMatrix } from '../src/reach/format.js';
import { reachMatrix } from '../src/reach/matrix.js';
import { compareWithProbes, type ProbeFile } from '../src/reach/probes.js';

const root = join(import.meta.dirname, '..');
let sample: StepModel;
beforeAll(async () => {
  sample = buildStepModel(
    parseBundle(await readBundle(join(root, 'samples', 'engine-step3.tar.gz'), DEFAULT_LIMITS)),
  );
});

describe('reachMatrix on the real Docker 20.10 bundle', () => {
  it('has the uplink, the host and the container as sources, sockets and published ports as destinations', () => {
    const m = reachMatrix(sample);
    expect(m.aggregated).toBe(false);
    expect(m.sources.map((s) => s.id)).toEqual(['outside:eth0', 'host', 'container:whoami']);
    const ids = m.destinations.map((d) => d.id);
    expect(ids).toContain('host tcp 10.99.0.2:60000');
    expect(ids).toContain('container:whoami tcp 172.17.0.2:8080');
    // The host's own loopback is a destination of the host (what `localhost` reaches), not a container's.
    expect(ids).toContain('host tcp [::1]:60000');
    expect(ids.filter((i) => i.startsWith('container:') && / (127\.|\[::1\])/.test(i))).toEqual([]);
    // Every pair has a cell, except the host's loopback from a container: there 127.0.0.1 and
    // ::1 are the container's own loopback, not the host's.
    const hostLoopback = m.destinations.filter(
      (d) => d.namespace === 'host' && (d.address.startsWith('127.') || d.address === '::1'),
    ).length;
    expect(hostLoopback).toBeGreaterThan(0);
    expect(m.cells).toHaveLength(m.sources.length * m.destinations.length - hostLoopback);
    expect(
      m.cells.some((c) => c.source === 'container:whoami' && / (127\.|\[::1\])/.test(c.destination)),
    ).toBe(false);
    const cell = m.cells.find(
      (c) => c.source === 'outside:eth0' && c.destination === 'host tcp 10.99.0.2:60000',
    );
    expect(cell?.verdict).toBe('delivered');
    expect(m.paths[cell?.path ?? -1]?.delivered?.namespace).toBe('container:whoami');
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(formatMatrix(m)).toContain('== bridge');
  });
});

describe('reachMatrix on a 1,000-container host', () => {
  let dir: string;
  let model: StepModel;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dockernet-reach-'));
    const g = generateBundle({ containers: 1000, networks: 10, sockets: 1500, routes: 50, processes: 1500 });
    model = buildStepModel(
      parseBundle(await readBundle(await writeBundle(g, join(dir, 'h.tar.gz')), DEFAULT_LIMITS)),
    );
    // The generator captures no firewall: give the host Docker 20.10's real rules and the
    // containers an empty rule set, so every path walks real chains.
    const text = readFileSync(
      join(root, 'test', 'fixtures', 'iptables-save', 'engine-step3-host.out'),
      'utf8',
    );
    const r = iptablesSave.parse(text);
    const fw = buildFirewall([
      {
        run: { id: 'iptables-save', scope: 'host', command: 'iptables-save', exitCode: 0, durationMs: 1 },
        status: 'parsed',
        records: r.records,
        warnings: [],
      },
    ]);
    for (const ns of model.namespaces)
      ns.firewall = ns.id === 'host' && fw ? fw : { tables: [], captured: ['iptables-save'], notes: [] };
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The time budget (issue 12: <= 3 s) is measured by `npm run bench` (section b), not here: a
  // wall-clock limit in a test fails on a loaded machine (5.2 s seen at load 8, 0.96 s alone).
  // What keeps it within budget is the bounded work checked below: aggregated sources and paths.
  it('aggregates by network, so its work stays bounded', () => {
    const m = reachMatrix(model);
    expect(m.aggregated).toBe(true);
    expect(m.sources.length).toBeLessThan(20);
    const pairs = m.cells.reduce((n, c) => n + c.pairs, 0);
    expect(pairs).toBeGreaterThan(1000 * 1000);
    expect(m.paths.length).toBe(m.cells.length);
    expect(m.paths.length).toBeLessThan(20_000);
  }, 60_000);
});

describe('compareWithProbes', () => {
  it('sorts a hand-made probes.json into agreements, disagreements and unknown cells', () => {
    const file = JSON.parse(
      readFileSync(join(root, 'test', 'fixtures-reach', 'probes-small.json'), 'utf8'),
    ) as ProbeFile;
    const r = compareWithProbes(sample, file);
    expect(r.engine).toContain('20.10');
    expect(r.agreements.map((a) => a.verdict)).toEqual(['delivered', 'no-listener']);
    // Conclusive: udp 60001 answered the host (wrongly, on purpose), so its silence to the LAN
    // is a real silence, where the evaluator expects ICMP port unreachable.
    expect(r.disagreements.map((d) => [d.verdict, d.probe.result])).toEqual([
      ['delivered', 'timeout'],
      ['no-listener', 'timeout'],
      ['no-listener', 'connected'],
    ]);
    expect(r.unknown).toHaveLength(1);
    expect(r.unknown[0]?.reason).toContain('no container ghost');
    // No UDP reply from a service that answered nobody: inconclusive, never an agreement.
    expect(r.inconclusive.map((c) => c.probe.to.port)).toEqual([60000]);
    expect(r.inconclusive[0]?.why).toMatch(/answered no probe/);
  });
});
