/**
 * Every parser warning carries a code (issue 15): a warning without one stays English in a
 * German report. Two checks, since neither alone sees every warning:
 *
 * - the sources: no parser in src/parsers writes a warning's `message` itself (it spreads
 *   `coded('<code>', params)`, src/i18n/coded.ts), and no warn callback is given bare text;
 * - the parsers at work: every fixture (test/fixtures/<parser>/*.out) and cut, doubled and
 *   garbled copies of it through its parser; each warning's code has a text in every catalog,
 *   and the English message is that text made from the warning's params (no stale copy).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, LANGS, type MessageId, translator } from '../src/i18n/index.js';
import { parsers } from '../src/parsers/index.js';
import type { ParseWarning } from '../src/parsers/types.js';
import { mulberry32 } from './support/random.js';

const src = join(import.meta.dirname, '../src/parsers');
const fixtures = join(import.meta.dirname, 'fixtures');
const en = translator('en');
/** A warning given its text: `message:` that is not the type `message: string` (JsonError). */
const OWN_MESSAGE = /\bmessage\s*:(?!\s*string\b)/;

/** What is wrong with one warning: no code, a code without a text, or a message not made from it. */
function problem(w: ParseWarning): string | undefined {
  if (w.code === undefined) return `no code: ${w.message}`;
  const id = `w.${w.code}`;
  for (const lang of LANGS)
    if (!Object.hasOwn(catalogs[lang], id)) return `code ${w.code} has no ${lang} text: ${w.message}`;
  const made = en(id as MessageId, w.params);
  if (made !== w.message) return `code ${w.code}: message "${w.message}" is not its text "${made}"`;
  return undefined;
}

/** Copies of a real output that make parsers warn: cut short, a line doubled, lines garbled. */
function variants(text: string, seed: number): string[] {
  const rnd = mulberry32(seed);
  const lines = text.split('\n');
  const at = () => Math.floor(rnd() * Math.max(1, lines.length));
  const cut = text.slice(0, Math.floor(text.length * (0.3 + 0.5 * rnd())));
  const i = at();
  const doubled = [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
  const garbled = lines
    .map((l) => (rnd() < 0.15 ? l.split('').reverse().join('') : rnd() < 0.1 ? `  ${l} ??? {` : l))
    .join('\n');
  const prefixed = `root@host ~ # some-command\n${text}\n}\n]\nCOMMIT\nnot a line of this output`;
  return [cut, doubled, garbled, prefixed];
}

describe('parser warnings carry a code with a text in every catalog', () => {
  it('the sources: no parser writes a warning message of its own', () => {
    const bad: string[] = [];
    for (const f of readdirSync(src).filter((f) => f.endsWith('.ts'))) {
      if (f === 'types.ts') continue;
      readFileSync(join(src, f), 'utf8')
        .split('\n')
        .forEach((l, i) => {
          const code = l.replace(/\/\/.*$/, '');
          if (OWN_MESSAGE.test(code) || /\.message\s*\+?=[^=]/.test(code))
            bad.push(`${f}:${i + 1}: ${l.trim()}`);
          if (/\bwarn\(\s*[`'"]/.test(code)) bad.push(`${f}:${i + 1}: ${l.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });

  it('the sources check finds an uncoded warning (a line written the old way)', () => {
    const line = "      warnings.push({ line, message: 'unknown line: ' + l });";
    expect(OWN_MESSAGE.test(line)).toBe(true);
    expect(OWN_MESSAGE.test('    message: string,')).toBe(false);
    expect(OWN_MESSAGE.test('  fail(message: string, offset = this.pos): never {')).toBe(false);
  });

  it('the parsers at work: every fixture and garbled copies of it', () => {
    const bad = new Set<string>();
    let warnings = 0;
    let seed = 1;
    for (const parser of parsers) {
      const dir = join(fixtures, parser.id);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.out'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        for (const input of [text, ...variants(text, seed++)]) {
          for (const w of parser.parse(input).warnings) {
            warnings++;
            const p = problem(w);
            if (p) bad.add(`${parser.id}/${file}: ${p}`);
          }
        }
      }
    }
    expect([...bad]).toEqual([]);
    // The inputs do make the parsers warn (a check over no warnings would prove nothing).
    expect(warnings).toBeGreaterThan(500);
  });

  it('a warning without a code, or with a stale message, is reported', () => {
    expect(problem({ message: 'odd' })).toMatch(/no code/);
    expect(problem({ code: 'no-such-code', message: 'odd' })).toMatch(/no en text/);
    expect(problem({ code: 'unknown-line', params: { text: 'x' }, message: 'odd' })).toMatch(
      /is not its text/,
    );
    expect(
      problem({ code: 'unknown-line', params: { text: 'x' }, message: 'unknown line: x' }),
    ).toBeUndefined();
  });
});
