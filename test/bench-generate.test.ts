/**
 * The benchmark's synthetic bundles (bench/generate.ts) must read like real captures: a small
 * host of 20 containers over 3 bridge networks parses with zero warnings and models completely.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBundle, writeBundle } from '../bench/generate.js';
import { DEFAULT_LIMITS } from '../src/bundle/limits.js';
import { readBundle } from '../src/bundle/read.js';
import { buildStepModel } from '../src/model/build-step.js';
import { parseBundle } from '../src/parsers/parse-bundle.js';

const dir = mkdtempSync(join(tmpdir(), 'dockernet-bench-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = { containers: 20, networks: 3, sockets: 300, routes: 40, processes: 150, seed: 3 };

describe('bench/generate.ts', () => {
  for (const form of ['dir', 'tar.gz'] as const) {
    it(`20 containers over 3 networks (${form}) parse cleanly and model completely`, async () => {
      const out = await writeBundle(generateBundle(opts), join(dir, form === 'dir' ? 'b' : 'b.tar.gz'));
      const bundle = await readBundle(out, DEFAULT_LIMITS);
      expect(bundle.warnings).toEqual([]);
      const parsed = parseBundle(bundle);
      for (const o of parsed.outputs) {
        expect(o.status, o.run.stdout).toBe('parsed');
        expect(o.warnings, o.run.stdout).toEqual([]);
      }
      const model = buildStepModel(parsed);
      const host = model.namespaces.find((n) => n.id === 'host')!;
      expect(model.containers).toHaveLength(20);
      expect(host.bridges.length).toBeGreaterThanOrEqual(3);
      expect(model.vethLinks).toHaveLength(20);
      // every container's eth0 pairs with a host veth on its network's bridge
      for (const c of model.containers) {
        const link = model.vethLinks.find(
          (l) => l.b.namespace === c.namespace || l.a.namespace === c.namespace,
        );
        expect(link, c.name).toBeDefined();
      }
      expect(host.sockets).toHaveLength(300);
      expect(host.routes.filter((r) => r.table === 'main')).toHaveLength(40);
      expect(host.processes).toHaveLength(150);
      expect(model.publishedPorts.length).toBeGreaterThan(0);
    });
  }

  it('is deterministic for a seed', () => {
    const a = generateBundle(opts)
      .files.map((f) => f.text)
      .join('\0');
    const b = generateBundle(opts)
      .files.map((f) => f.text)
      .join('\0');
    expect(a).toBe(b);
  });
});
