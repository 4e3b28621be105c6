/**
 * The reachability matrix on a worker thread (src/analyses/reach-offload.ts): the CLI's analysis
 * (analyzeStepsAsync, the matrix of a big step traced on another thread while the questions and
 * the other findings run) must give exactly what the in-process analysis gives, on the slides'
 * four steps, the engine samples and a generated host with a real Docker firewall; a matrix that
 * throws gives the same analysis-error on either thread; the findings run in two halves are the
 * findings run at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBundle, writeBundle } from '../bench/generate.js';
import { analyzeSteps, analyzeStepsAsync } from '../src/analyses/analyze.js';
import { findingsBeforeReach, runFindings } from '../src/analyses/findings/index.js';
import { stepReach } from '../src/analyses/reach.js';
import { ReachOffload, reachHere, wantsOffload } from '../src/analyses/reach-offload.js';
import type { AnalysisInput } from '../src/analyses/types.js';
import type { StepModel } from '../src/model/types.js';
import { readBundles, reportFromBundles, reportFromBundlesAsync } from '../src/pipeline.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'dockernet-offload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inputs(paths: string[], lang?: 'de'): Promise<AnalysisInput[]> {
  const report = reportFromBundles(await readBundles(paths), lang ? { lang } : {});
  return report.steps.map((s) => ({
    meta: s.meta,
    model: s.model,
    commands: s.commands,
    ...(lang ? { lang } : {}),
  }));
}

describe('the reachability matrix on a worker thread', () => {
  it('gives the same analyses as in-process: the slides (German too) and the engine samples', async () => {
    const sets = [
      await inputs([1, 2, 3, 4].map((n) => join(root, `samples/slides-step${n}`))),
      await inputs(
        [1, 2, 3, 4].map((n) => join(root, `samples/slides-step${n}`)),
        'de',
      ),
      await inputs([2, 3, 4].map((n) => join(root, `samples/engine-step${n}.tar.gz`))),
    ];
    for (const steps of sets) {
      const here = analyzeSteps(steps);
      const via = new ReachOffload();
      const there = await analyzeStepsAsync(steps, { offload: 'always', via });
      await via.close();
      // Every step's matrix came from the worker thread, and the worker did trace packets.
      expect(via.answered).toBe(steps.length);
      expect(there.some((a) => (a.reach?.cells.length ?? 0) > 0)).toBe(true);
      expect(there).toEqual(here);
    }
  }, 60_000);

  it('gives the same report for a generated host with a Docker firewall (CLI path, auto mode)', async () => {
    const gen = generateBundle({
      containers: 120,
      networks: 6,
      sockets: 2400,
      routes: 600,
      processes: 480,
      seed: 3,
    });
    const file = await writeBundle(gen, join(dir, 'host.tar.gz'));
    const bundles = await readBundles([file]);
    const opts = { generatedAt: '2026-01-01T00:00:00.000Z' };
    const here = reportFromBundles(bundles, opts);
    expect(wantsOffload(here.steps[0]!.model)).toBe(true);
    const there = await reportFromBundlesAsync(await readBundles([file]), opts);
    const counts = here.steps[0]!.analysis!.reach!.counts;
    expect(Object.keys(counts).length).toBeGreaterThan(1); // verdicts, not only "unknown"
    expect(JSON.stringify(there)).toBe(JSON.stringify(here));
    // In auto mode a step this big goes to the worker thread (no silent fallback).
    const via = new ReachOffload();
    const s = here.steps[0]!;
    const [a] = await analyzeStepsAsync([{ meta: s.meta, model: s.model, commands: s.commands }], { via });
    await via.close();
    expect(via.answered).toBe(1);
    expect(JSON.stringify(a!.reach)).toBe(JSON.stringify(s.analysis!.reach));
  }, 120_000);

  it('small steps stay in-process; a matrix that throws is the same error on the worker', async () => {
    const [step] = await inputs([join(root, 'samples/slides-step1')]);
    expect(wantsOffload(step!.model)).toBe(false);
    expect(wantsOffload(step!.model, 'always')).toBe(true);
    // A model the evaluator cannot read (namespaces without interface lists): stepReach throws.
    const broken = {
      ...step!.model,
      namespaces: step!.model.namespaces.map((ns) => ({ ...ns, interfaces: null })),
    } as unknown as StepModel;
    expect(() => stepReach(broken)).toThrow();
    const offload = new ReachOffload();
    try {
      const there = await offload.reach(broken, 'en');
      expect(offload.answered).toBe(1);
      expect('error' in there).toBe(true);
      expect(there).toEqual(reachHere(broken, 'en'));
      // The worker still answers after an error.
      expect(await offload.reach(step!.model, 'en')).toEqual(reachHere(step!.model, 'en'));
      expect(offload.answered).toBe(2);
    } finally {
      await offload.close();
    }
    const here = analyzeSteps([{ ...step!, model: broken }]);
    const there = await analyzeStepsAsync([{ ...step!, model: broken }], { offload: 'always' });
    expect(there).toEqual(here);
    expect(there[0]!.findings.some((f) => f.kind === 'analysis-error' && f.subject === 'reachability')).toBe(
      true,
    );
  }, 60_000);

  it('findings in two halves (before and after the matrix) are the findings run at once', async () => {
    const steps = await inputs([1, 2, 3, 4].map((n) => join(root, `samples/slides-step${n}`)));
    let compared = 0;
    for (const s of steps) {
      const withReach = { ...s, reach: stepReach(s.model) };
      const once = runFindings(withReach);
      expect(findingsBeforeReach(s)(withReach)).toEqual(once);
      compared += once.length;
    }
    expect(compared).toBeGreaterThan(0);
  }, 60_000);
});
