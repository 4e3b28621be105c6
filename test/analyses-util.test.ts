/**
 * parsePrefix4 reads digit by digit what its former regex matched: the same network or the same
 * undefined for hand-picked edges and for 50,000 generated strings (digits, dots, slashes,
 * whitespace, letters, non-ASCII digits), against the regex kept here as the reference. cellAt
 * finds the cell a `find` over the cells found, in a matrix with gaps and a duplicate.
 */
import { describe, expect, it } from 'vitest';
import { cellAt, type StepReach } from '../src/analyses/reach.js';
import { parsePrefix4 } from '../src/analyses/util.js';

function byRegex(cidr: string) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(cidr.trim());
  if (!m) return undefined;
  const o = m.slice(1, 5).map(Number);
  if (o.some((x) => x > 255)) return undefined;
  const len = m[5] === undefined ? 32 : Number(m[5]);
  if (len > 32) return undefined;
  const addr = ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return { base: (addr & mask) >>> 0, len };
}

describe('parsePrefix4', () => {
  const edges = [
    '172.17.0.2/16',
    '10.0.0.0/8',
    '0.0.0.0/0',
    '255.255.255.255',
    '255.255.255.255/32',
    '256.1.1.1',
    '1.1.1.1/33',
    '1.1.1.1/',
    '1.1.1.1/123',
    '01.002.003.004/07',
    '1.1.1',
    '1.1.1.1.1',
    '1111.1.1.1',
    ' 192.168.1.1/24 ',
    '\t10.1.2.3\n',
    '192.168.1.1 /24',
    '',
    '/24',
    'a.b.c.d',
    '1.1.1.1a',
    '١.١.١.١',
    '::1',
    'fe80::1/64',
    '1.1.1.1/0',
    '128.0.0.1/1',
  ];
  for (const c of edges)
    it(`reads ${JSON.stringify(c)} as the regex did`, () => expect(parsePrefix4(c)).toEqual(byRegex(c)));

  it('agrees with the regex on 50,000 generated strings', () => {
    const alphabet = ['0', '1', '2', '5', '9', '.', '.', '.', '/', ' ', 'a', '3', '4', '\u0661', '\t'];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let valid = 0;
    for (let k = 0; k < 50_000; k++) {
      // Half of them close to an address: four octets of 1-4 digits and maybe a prefix.
      let s = '';
      if (k % 2 === 0) {
        const octet = () => String(rnd(300)).padStart(1 + rnd(3), '0');
        s = `${octet()}.${octet()}.${octet()}.${octet()}${rnd(2) ? `/${rnd(40)}` : ''}`;
        if (rnd(10) === 0)
          s = s.slice(0, rnd(s.length + 1)) + alphabet[rnd(alphabet.length)] + s.slice(rnd(s.length + 1));
      } else for (let n = rnd(20); n > 0; n--) s += alphabet[rnd(alphabet.length)];
      const want = byRegex(s);
      if (want) valid++;
      expect(parsePrefix4(s), JSON.stringify(s)).toEqual(want);
    }
    expect(valid).toBeGreaterThan(5_000);
  });
});

describe('cellAt', () => {
  it('finds what a find over the cells finds, gaps, duplicates and out-of-range indexes included', () => {
    const sources = 7;
    const destinations = 9;
    const cells: { source: number; destination: number; verdict: string; path: number }[] = [];
    let n = 0;
    for (let s = 0; s < sources; s++)
      for (let d = 0; d < destinations; d++) {
        // Gaps: pairs that were not traced (the positions after them no longer match).
        if ((s * 3 + d) % 5 === 0) continue;
        cells.push({ source: s, destination: d, verdict: 'delivered', path: n++ });
      }
    // A second cell for a pair: the first one counts, as with find.
    cells.push({ source: 2, destination: 3, verdict: 'dropped', path: n++ });
    const r = { cells, destinations: new Array(destinations).fill({}) } as unknown as StepReach;
    let found = 0;
    for (let s = -1; s <= sources; s++)
      for (let d = -1; d <= destinations; d++) {
        const want = cells.find((x) => x.source === s && x.destination === d);
        if (want) found++;
        expect(cellAt(r, s, d), `${s},${d}`).toBe(want);
      }
    expect(found).toBeGreaterThan(40);
  });
});
