/**
 * docs/report-schema.json describes report.json, the stable interface for scripts: the reports of
 * every sample set validate against it, and broken reports do not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, type Report } from '../src/report/types.js';
import { type Schema, validate } from './support/json-schema.js';

const root = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'docs', 'report-schema.json'), 'utf8')) as Schema & {
  $defs: Record<string, unknown>;
};

const sets: Record<string, string[]> = {
  slides: [1, 2, 3, 4].map((n) => `samples/slides-step${n}`),
  engine: [2, 3, 4].map((n) => `samples/engine-step${n}.tar.gz`),
};

/** As scripts see it: the JSON text, parsed. */
const asJson = (r: Report) => JSON.parse(JSON.stringify(r)) as Record<string, unknown> & Report;

describe('docs/report-schema.json', () => {
  const reports: Record<string, Report> = {};
  beforeAll(async () => {
    for (const [name, inputs] of Object.entries(sets))
      reports[name] = asJson(await buildReport(inputs.map((i) => join(root, i))));
  });

  it('is a draft 2020-12 schema for this report version', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      properties: { schema: { const: REPORT_SCHEMA }, schemaVersion: { const: REPORT_SCHEMA_VERSION } },
      additionalProperties: false,
    });
    expect(schema.$defs['ReportStep']).toMatchObject({ additionalProperties: false });
  });

  for (const name of Object.keys(sets)) {
    it(`the ${name} report validates`, () => {
      const report = reports[name]!;
      expect(report.steps.length).toBeGreaterThan(0);
      expect(validate(schema, report)).toEqual([]);
    });
  }

  it('a report with analyses, a diff, containers and published ports is covered', () => {
    const steps = [...reports['slides']!.steps, ...reports['engine']!.steps];
    expect(steps.some((s) => s.analysis?.diff && s.analysis.diff.changes.length > 0)).toBe(true);
    expect(steps.some((s) => s.model.publishedPorts.length > 0 && s.model.containers.length > 0)).toBe(true);
    expect(steps.some((s) => s.model.vethLinks.length > 0)).toBe(true);
    // The reachability matrix with delivered and unknown cells, and a finding pointing at a path.
    expect(steps.every((s) => s.analysis?.reach !== undefined)).toBe(true);
    const cells = steps.flatMap((s) => s.analysis!.reach!.cells);
    expect(cells.some((c) => c.verdict === 'delivered')).toBe(true);
    expect(cells.some((c) => c.verdict === 'unknown')).toBe(true);
    expect(steps.some((s) => s.analysis!.findings.some((f) => f.path !== undefined))).toBe(true);
  });

  it('rejects broken reports', () => {
    const base = reports['slides']!;
    // Untyped on purpose: the mutations make the report not a Report any more.
    // biome-ignore lint/suspicious/noExplicitAny: see above
    type Loose = Record<string, any>;
    const broken = (mutate: (r: Loose) => void) => {
      const r = structuredClone(base) as unknown as Loose;
      mutate(r);
      return validate(schema, r);
    };
    expect(broken((r) => (r['schema'] = 'something-else'))).not.toEqual([]);
    expect(broken((r) => (r['schemaVersion'] = 2))).not.toEqual([]);
    expect(broken((r) => delete r['title'])).toContainEqual({
      path: '',
      message: 'missing required property "title"',
    });
    expect(broken((r) => (r['extra'] = 1))).toContainEqual({ path: '/extra', message: 'not allowed' });
    expect(broken((r) => (r['steps'][0]['surprise'] = true))).toContainEqual({
      path: '/steps/0/surprise',
      message: 'not allowed',
    });
    expect(broken((r) => (r['steps'][0]['index'] = '1'))).not.toEqual([]);
    expect(broken((r) => (r['steps'][1]['commands'][0]['status'] = 'fine'))).not.toEqual([]);
    expect(
      broken((r) => delete r['steps'][0]['model']['namespaces'][0]['interfaces'][0]['evidence']),
    ).not.toEqual([]);
    expect(broken((r) => (r['steps'][0]['analysis']['findings'][0]['severity'] = 'critical'))).not.toEqual(
      [],
    );
    expect(broken((r) => (r['steps'] = {}))).not.toEqual([]);
    expect(broken((r) => (r['steps'][2]['analysis']['reach']['cells'][0]['verdict'] = 'open'))).not.toEqual(
      [],
    );
    expect(broken((r) => delete r['steps'][2]['analysis']['reach']['hops'])).not.toEqual([]);
    expect(broken((r) => (r['steps'][2]['analysis']['reach']['paths'][0]['hops'] = [{}]))).not.toEqual([]);
  });

  it('the validator itself handles anyOf, integer and nullable types', () => {
    const s: Schema = { anyOf: [{ type: 'integer' }, { type: ['string', 'null'] }] };
    expect(validate(s, 3)).toEqual([]);
    expect(validate(s, null)).toEqual([]);
    expect(validate(s, 'x')).toEqual([]);
    expect(validate(s, 1.5)).not.toEqual([]);
    expect(validate(s, {})).not.toEqual([]);
  });
});
