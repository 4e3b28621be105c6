/**
 * Fixture pairs, found by name (the jc way): test/fixtures/<parser-id>/<case>.out is a real
 * captured output, <case>.json the expected ParseResult. Rewrite the expectations after a
 * deliberate change with `npm run golden` and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsers } from '../src/parsers/index.js';

const root = join(import.meta.dirname, 'fixtures');
const update = process.env.DOCKERNET_UPDATE_GOLDEN === '1';

describe('parser fixtures', () => {
  for (const parser of parsers) {
    const dir = join(root, parser.id);
    it(`${parser.id} has fixtures`, () => {
      expect(existsSync(dir), `missing folder test/fixtures/${parser.id}`).toBe(true);
      expect(readdirSync(dir).filter((f) => f.endsWith('.out')).length).toBeGreaterThanOrEqual(2);
    });
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.out'))) {
      it(`${parser.id}/${file}`, () => {
        const text = readFileSync(join(dir, file), 'utf8');
        const actual = JSON.parse(JSON.stringify(parser.parse(text)));
        const expectedPath = join(dir, file.replace(/\.out$/, '.json'));
        if (update) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
        expect(existsSync(expectedPath), `missing ${expectedPath}: run npm run golden`).toBe(true);
        expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
      });
    }
  }
});
