/**
 * report.json is made in buffers of about a megabyte that are written one after the other
 * (src/render/json.ts, output-data.ts), so that no second copy of the whole file exists; its bytes
 * must be exactly those of `JSON.stringify(report, null, 2)` and a newline, on real reports (the
 * slide samples, a generated host of 60 containers in German) and on values that JSON treats
 * specially; and every kind of output data is written byte for byte.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBundle, writeBundle } from '../bench/generate.js';
import { buildReport } from '../src/pipeline.js';
import { reportJson as jsonBuffers } from '../src/render/json.js';
import { outputBytes, writeOutputFile } from '../src/render/output-data.js';

/** The file's bytes as the CLI writes them (its buffers one after the other). */
function reportJson(v: unknown): Buffer {
  const path = join(dir, 'report.json');
  writeOutputFile(path, jsonBuffers(v));
  return readFileSync(path);
}

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'dockernet-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expected(v: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');
}

describe('report.json bytes', () => {
  it('equal JSON.stringify(report, null, 2) on the four slide samples', async () => {
    const report = await buildReport([1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`)));
    const bytes = reportJson(report);
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(bytes.equals(expected(report))).toBe(true);
  });

  it('equal it on a generated host of 60 containers, in German (text beyond ASCII)', async () => {
    const gen = generateBundle({
      containers: 60,
      networks: 4,
      sockets: 1200,
      routes: 300,
      processes: 300,
      seed: 3,
    });
    const file = await writeBundle(gen, join(dir, 'host.tar.gz'));
    const report = await buildReport([file], { lang: 'de' });
    const text = `${JSON.stringify(report, null, 2)}\n`;
    expect(text).toMatch(/[äöüß]/);
    // More than one buffer of json.ts: the seams between them are in the comparison.
    expect(jsonBuffers(report).length).toBeGreaterThan(1);
    expect(reportJson(report).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('leave out what JSON leaves out, write null where JSON does, and hand a toJSON value over whole', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: [1, { h: 'x\ny' }] } } } } } } };
    const cases: unknown[] = [
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
      [undefined, () => 1, Symbol('s'), 2],
      {
        when: new Date(Date.UTC(2026, 11, 7)),
        none: { toJSON: () => undefined },
        list: [{ toJSON: () => undefined }],
      },
      { empty: {}, list: [], nested: [[], {}, [[]]], nothing: null },
      { 'quote"key': 'é → ✓ \u2028', ünï: [0, -0, 1.5e300, Number.NaN, Number.POSITIVE_INFINITY] },
      deep,
      [[[[[[[['eight levels']]]]]]]],
      { only: undefined },
      'a string',
      42,
      null,
      [],
      {},
    ];
    for (const c of cases) expect(reportJson(c).toString('utf8')).toBe(expected(c).toString('utf8'));
    expect(reportJson(undefined).toString()).toBe('null\n');
  });

  it('writes a text, bytes and a list of buffers byte for byte, and outputBytes agrees', () => {
    const text = `${'a'.repeat(1 << 20)}\u{1F600}é ü\n`;
    const whole = Buffer.from(text, 'utf8');
    // The list split inside the emoji's four bytes: written as they are, never re-encoded.
    const at = whole.indexOf(0xf0) + 2;
    const cases: [string, string | Buffer | Buffer[]][] = [
      ['text', text],
      ['bytes', whole],
      ['list', [whole.subarray(0, at), whole.subarray(at), Buffer.alloc(0)]],
    ];
    for (const [name, data] of cases) {
      const path = join(dir, `${name}.out`);
      writeOutputFile(path, data);
      expect(readFileSync(path).equals(whole), name).toBe(true);
      expect(Buffer.from(outputBytes(data)).equals(whole), name).toBe(true);
    }
  });
});
