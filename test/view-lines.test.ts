/**
 * lineStats (the compact page's line count and width of a raw output, without splitting it)
 * gives what splitting gave: the count of `text.replace(/\n$/, '').split('\n')` (none for an
 * empty text) and wideLines over every line. Cases: the edges of the trailing newline, empty
 * lines, lines at the column limit, and the real outputs of the slide samples.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineStats, wideLines } from '../src/render/view-lines.js';

const bySplit = (text: string) => {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  return { count: lines.length, wide: lines.length > 0 && wideLines(lines, 'full', undefined) };
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('lineStats', () => {
  const long = 'x'.repeat(69);
  const edge = 'y'.repeat(68);
  const cases = [
    '',
    '\n',
    '\n\n',
    'a',
    'a\n',
    'a\n\n',
    '\na',
    'a\nb\nc',
    `${long}\n${long}\nshort\n`,
    `${edge}\n${edge}\n${edge}\n`,
    `${long}\nb\nc\nd\n`,
    `${long}\nb\nc\nd\ne\n`,
    `${long}\n${long}`,
  ];
  for (const text of cases)
    it(`counts ${JSON.stringify(text.length > 20 ? `${text.slice(0, 8)}...` : text)} as splitting does`, () => {
      expect(lineStats(text)).toEqual(bySplit(text));
    });

  it('agrees with splitting on every file of the slide samples', () => {
    const root = join(import.meta.dirname, '..', 'samples');
    const all = [1, 2, 3, 4].flatMap((n) => files(join(root, `slides-step${n}`)));
    expect(all.length).toBeGreaterThan(50);
    let wide = 0;
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      const stats = lineStats(text);
      expect(stats, f).toEqual(bySplit(text));
      if (stats.wide) wide++;
    }
    // Both kinds occur (netstat and ps are wide).
    expect(wide).toBeGreaterThan(0);
    expect(wide).toBeLessThan(all.length);
  });
});
