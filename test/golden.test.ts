/**
 * Golden reports: the Report JSON of each sample set, minus the raw file texts (they are the
 * samples themselves). Rewrite with `npm run golden` after a deliberate change and review the
 * diff like code: it shows exactly what a change does to the model and the report.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { stepDiagram } from '../src/render/mermaid/index.js';
import type { Report } from '../src/report/types.js';

const root = join(import.meta.dirname, '..');
const update = process.env.DOCKERNET_UPDATE_GOLDEN === '1';

const sets: Record<string, string[]> = {
  slides: [1, 2, 3, 4].map((n) => `samples/slides-step${n}`),
  engine: [2, 3, 4].map((n) => `samples/engine-step${n}.tar.gz`),
};

function stable(report: Report): unknown {
  return {
    ...report,
    generator: { ...report.generator, version: '(any)' },
    steps: report.steps.map((s) => ({
      ...s,
      source: relative(root, s.source),
      files: s.files.map(({ text, ...rest }) => ({
        ...rest,
        lines: text === '' ? 0 : text.split('\n').length,
      })),
    })),
  };
}

describe('golden reports', () => {
  for (const [name, inputs] of Object.entries(sets)) {
    it(`${name} matches test/golden/${name}.report.json`, async () => {
      const report = await buildReport(
        inputs.map((i) => join(root, i)),
        { generatedAt: '2000-01-01T00:00:00.000Z' },
      );
      const actual = JSON.parse(JSON.stringify(stable(report)));
      const path = join(root, 'test', 'golden', `${name}.report.json`);
      if (update) writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(path), `missing ${path}: run npm run golden`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    });
  }

  // The Mermaid source of each step's figure: a layout change shows as a reviewable diff.
  for (const [name, inputs] of Object.entries(sets)) {
    it(`${name}: each step's figure matches test/golden/${name}.step-N.mmd`, async () => {
      const report = await buildReport(inputs.map((i) => join(root, i)));
      for (const s of report.steps) {
        const actual = `${stepDiagram(s.model).source}\n`;
        const path = join(root, 'test', 'golden', `${name}.step-${s.index}.mmd`);
        if (update) writeFileSync(path, actual);
        expect(existsSync(path), `missing ${path}: run npm run golden`).toBe(true);
        expect(actual).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
