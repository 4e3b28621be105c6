/**
 * Fuzz: the four slide samples, mutated by a seeded PRNG (truncate, cut, shuffle and duplicate
 * lines, flip bytes, re-encode as Latin-1, control characters, very long tokens, drop or corrupt
 * the manifest), through read, parse, model and report in-process (HTML for every 20th case).
 * No exception may escape, every file must be in the report, every command must have a status.
 * A failure names its seed: replay it with FUZZ_SEED=<seed> npx vitest run test/fuzz.test.ts
 * (FUZZ_SLOW=1 also prints the slow seeds and stages: a parser gone quadratic shows there).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../src/bundle/read.js';
import { hasCode } from '../src/i18n/coded.js';
import { buildStepModel } from '../src/model/build-step.js';
import { parseBundle } from '../src/parsers/parse-bundle.js';
import { renderHtml } from '../src/render/html.js';
import { assembleReport } from '../src/report/assemble.js';
import { mulberry32 } from './support/random.js';
import { makeTar } from './support/tar.js';

const root = join(import.meta.dirname, '..');
const CASES = 2_000;
const HTML_EVERY = 20;
const STATUSES = ['parsed', 'rejected', 'failed', 'unparsed', 'missing', 'skipped', 'error'];

type Files = Map<string, Buffer>;

function readTree(dir: string, rel = ''): Files {
  const out: Files = new Map();
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, p)).isDirectory()) for (const [k, v] of readTree(dir, p)) out.set(k, v);
    else out.set(p, readFileSync(join(dir, p)));
  }
  return out;
}

const samples = [1, 2, 3, 4].map((n) => readTree(join(root, 'samples', `slides-step${n}`)));

interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
}

function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  };
}

const lines = (b: Buffer) => b.toString('utf8').split('\n');
const CONTROL = ['\u0000', '\u0007', '\u001b[31m', '\r', '\u0008', '\u007f', '\u2028', '\ufeff', '\t\t\t'];

/** Content mutations: buffer in, buffer out. */
const mutations: Record<string, (b: Buffer, r: Rng) => Buffer> = {
  truncate: (b, r) => b.subarray(0, r.int(b.length + 1)),
  cutMiddle: (b, r) => {
    const from = r.int(b.length + 1);
    const to = from + r.int(b.length - from + 1);
    return Buffer.concat([b.subarray(0, from), b.subarray(to)]);
  },
  shuffleLines: (b, r) => {
    const ls = lines(b);
    for (let i = ls.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
    }
    return Buffer.from(ls.join('\n'));
  },
  duplicateLines: (b, r) => {
    const ls = lines(b);
    const out: string[] = [];
    for (const l of ls) {
      out.push(l);
      if (r.next() < 0.3) for (let k = r.int(4); k >= 0; k--) out.push(l);
    }
    return Buffer.from(out.join('\n'));
  },
  flipBytes: (b, r) => {
    const out = Buffer.from(b);
    const n = 1 + r.int(Math.max(1, Math.floor(out.length / 50)));
    for (let k = 0; k < n && out.length > 0; k++) out[r.int(out.length)] = r.int(256);
    return out;
  },
  latin1: (b) => Buffer.from(b.toString('utf8').replace(/ /g, '\u00a0').replace(/e/g, '\u00e9'), 'latin1'),
  utf16: (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  controlChars: (b, r) => {
    const s = b.toString('utf8');
    let out = '';
    for (let i = 0; i < s.length; i++) {
      out += s[i];
      if (r.next() < 0.02) out += r.pick(CONTROL);
    }
    return Buffer.from(out);
  },
  longToken: (b, r) => {
    const s = b.toString('utf8');
    const at = r.int(s.length + 1);
    const token = r
      .pick(['x', '9', ':', '/', 'a.b-', '"', '{', '[', ' ', 'TOKEN=', '-p', '<'])
      .repeat(1 + r.int(200_000));
    return Buffer.from(s.slice(0, at) + token + s.slice(at));
  },
  swapColumns: (b, r) =>
    Buffer.from(
      lines(b)
        .map((l) => {
          const cols = l.split(/(\s+)/);
          if (cols.length < 3) return l;
          const i = r.int(cols.length);
          const j = r.int(cols.length);
          [cols[i], cols[j]] = [cols[j]!, cols[i]!];
          return cols.join('');
        })
        .join('\n'),
    ),
  empty: () => Buffer.alloc(0),
};

/** Manifest mutations: the JSON as text or as a value. */
const manifestMutations: Record<string, (text: string, r: Rng) => string | undefined> = {
  drop: () => undefined,
  corruptJson: (t, r) => {
    const at = r.int(t.length);
    return t.slice(0, at) + r.pick(['', '}', '{', ',', '"', ']', '\\']) + t.slice(at + r.int(3));
  },
  truncateJson: (t, r) => t.slice(0, r.int(t.length)),
  wrongShape: (t, r) => {
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(t) as Record<string, unknown>;
    } catch {
      return t; // already corrupted by an earlier mutation
    }
    if (m === null || typeof m !== 'object') return t;
    const odd = [null, 1, 'x', [], {}, -1, 1e308, true, '../x', '/etc/passwd', '__proto__'];
    const commands = Array.isArray(m.commands) ? (m.commands as unknown[]) : [];
    for (const c of commands) {
      if (c !== null && typeof c === 'object' && r.next() < 0.2)
        (c as Record<string, unknown>)[
          r.pick(['id', 'scope', 'command', 'exitCode', 'durationMs', 'stdout', 'stderr'])
        ] = r.pick(odd);
    }
    if (r.next() < 0.2) m[r.pick(['commands', 'scopes', 'hostname', 'step', 'user'])] = r.pick(odd);
    if (r.next() < 0.3) commands.reverse();
    return JSON.stringify(m);
  },
};

interface FuzzCase {
  seed: number;
  sample: number;
  steps: string[];
  files: Files;
}

function makeCase(seed: number): FuzzCase {
  const r = makeRng(seed);
  const sample = seed % samples.length;
  const files: Files = new Map(samples[sample]!);
  const steps: string[] = [];
  const contentPaths = [...files.keys()].filter((p) => p !== 'manifest.json');
  const n = 1 + r.int(3);
  for (let k = 0; k < n; k++) {
    if (r.next() < 0.15 && files.has('manifest.json')) {
      const name = r.pick(Object.keys(manifestMutations));
      const text = manifestMutations[name]!(files.get('manifest.json')!.toString('utf8'), r);
      steps.push(`manifest:${name}`);
      if (text === undefined) files.delete('manifest.json');
      else files.set('manifest.json', Buffer.from(text));
      continue;
    }
    const path = r.pick(contentPaths);
    const name = r.pick(Object.keys(mutations));
    steps.push(`${path}:${name}`);
    files.set(path, mutations[name]!(files.get(path)!, r));
  }
  return { seed, sample, steps, files };
}

const work = mkdtempSync(join(tmpdir(), 'dockernet-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeCase(c: FuzzCase): string {
  // Mostly archives (in memory, one file); every 10th case as a folder, the other reader.
  if (c.seed % 10 === 0) {
    const dir = join(work, `case-${c.seed}`);
    rmSync(dir, { recursive: true, force: true });
    for (const [p, data] of c.files) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), data);
    }
    return dir;
  }
  const file = join(work, `case-${c.seed % 10}.tar`);
  writeFileSync(
    file,
    makeTar([...c.files].map(([path, body]) => ({ path: `dockernet-fuzz/${path}`, body }))),
  );
  return file;
}

async function runCase(seed: number): Promise<string[]> {
  const c = makeCase(seed);
  const problems: string[] = [];
  const where = `seed ${seed} (slides-step${c.sample + 1}; ${c.steps.join(', ')})`;
  const input = writeCase(c);
  let stage = 'read';
  let t = performance.now();
  const lap = (next: string) => {
    if (process.env.FUZZ_SLOW && performance.now() - t > 100)
      console.log(`seed ${seed} ${stage}: ${Math.round(performance.now() - t)} ms`);
    stage = next;
    t = performance.now();
  };
  try {
    const bundle = await readBundle(input);
    lap('parse');
    const parsed = parseBundle(bundle);
    lap('model');
    const model = buildStepModel(parsed);
    lap('report');
    const report = assembleReport([{ parsed, model }], {
      generator: { name: 'fuzz', version: '0' },
      generatedAt: '2000-01-01T00:00:00.000Z',
    });
    const step = report.steps[0]!;
    const reported = new Set(step.files.map((f) => f.path));
    for (const p of c.files.keys())
      if (!reported.has(p)) problems.push(`${where}: file ${p} missing from the report`);
    if (step.commands.length !== bundle.commands.length)
      problems.push(`${where}: ${bundle.commands.length} commands read, ${step.commands.length} reported`);
    for (const cmd of step.commands)
      if (!STATUSES.includes(cmd.status))
        problems.push(`${where}: command ${cmd.id} has status ${cmd.status}`);
    const named = new Set(bundle.commands.flatMap((x) => [x.stdout, x.stderr]));
    for (const p of c.files.keys())
      if (p.endsWith('.out') && !named.has(p)) problems.push(`${where}: ${p} is named by no command`);
    for (const e of parsed.outputs)
      if (e.status === 'error') problems.push(`${where}: parser ${e.parser} threw: ${e.reason}`);
    // Every parser warning has a code (a German report says it in German; see
    // test/parser-warnings-coded.test.ts).
    for (const e of parsed.outputs)
      if (e.parser)
        for (const w of e.warnings)
          if (!hasCode(w)) problems.push(`${where}: ${e.parser} warning without a code: ${w.message}`);
    if (seed % HTML_EVERY === 0) {
      lap('html');
      const html = renderHtml(report);
      if (!html.startsWith('<!DOCTYPE html>')) problems.push(`${where}: HTML does not start with a doctype`);
      lap('json');
      JSON.parse(JSON.stringify(report));
    }
  } catch (e) {
    problems.push(`${where}: exception in ${stage}: ${(e as Error).stack ?? String(e)}`);
  }
  return problems;
}

describe('fuzz: mutated samples through read, parse, model, report (and HTML)', () => {
  const only = process.env.FUZZ_SEED;
  if (only) {
    it(`seed ${only}`, async () => {
      expect(await runCase(Number(only))).toEqual([]);
    });
    return;
  }
  const BATCH = 250;
  for (let start = 1; start <= CASES; start += BATCH) {
    const end = Math.min(CASES, start + BATCH - 1);
    it(`seeds ${start}..${end}`, async () => {
      const problems: string[] = [];
      for (let seed = start; seed <= end; seed++) {
        const t0 = performance.now();
        problems.push(...(await runCase(seed)));
        const ms = performance.now() - t0;
        if (process.env.FUZZ_SLOW && ms > 200)
          console.log(`slow seed ${seed}: ${Math.round(ms)} ms ${makeCase(seed).steps.join(', ')}`);
      }
      expect(problems, problems.slice(0, 5).join('\n\n')).toEqual([]);
    }, 60_000);
  }
});
