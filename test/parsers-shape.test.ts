/**
 * The big parsers (ss, netstat's Internet rows, ps) build every record in one object literal, so
 * that 20,000 records share one hidden class (docs/performance.md "Parsers"): a field a row does
 * not have is present and undefined, which JSON.stringify leaves out (the fixture pairs of
 * test/parsers.test.ts compare that JSON with the expected files). This test keeps the first half
 * on every real captured output of test/fixtures: one key list, in one order, for all records of
 * a parser; a field added to some records only (`if (x) rec.x = x`) fails it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { netstat } from '../src/parsers/netstat.js';
import { ps } from '../src/parsers/ps.js';
import { ss } from '../src/parsers/ss.js';
import type { Parser } from '../src/parsers/types.js';

const root = join(import.meta.dirname, 'fixtures');

/** The records of every fixture of `parser` (its own folder), with the fixture's name. */
function recordsOf(parser: Parser): { file: string; records: object[] }[] {
  const dir = join(root, parser.id);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.out'))
    .map((file) => ({
      file,
      records: parser.parse(readFileSync(join(dir, file), 'utf8')).records as object[],
    }));
}

const cases: [Parser, (r: object) => boolean][] = [
  [ss, () => true],
  // UNIX rows keep their own (rarer) shape; the Internet rows are the 20,000-row kind.
  [netstat, (r) => !/^(unix|\?\?)$/.test((r as { proto: string }).proto)],
  [ps, () => true],
];

describe('records of one shape', () => {
  for (const [parser, selected] of cases) {
    it(`${parser.id}: every record of every fixture has the same keys in the same order`, () => {
      const shapes = new Map<string, string>();
      let records = 0;
      for (const { file, records: rs } of recordsOf(parser)) {
        for (const r of rs.filter(selected)) {
          records++;
          const keys = Object.keys(r).join(',');
          if (!shapes.has(keys)) shapes.set(keys, `${file} line ${(r as { line: number }).line}`);
        }
      }
      expect(records).toBeGreaterThan(20);
      expect([...shapes.entries()]).toHaveLength(1);
    });
  }
});
