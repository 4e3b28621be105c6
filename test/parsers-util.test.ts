/**
 * The hand-written scanners of src/parsers/util.ts against the regexes they replace (they run
 * per word of 20,000-row outputs): same words, same offsets, same numbers, on generated lines
 * mixing ASCII and Unicode whitespace, digits, dots and other characters.
 */
import { describe, expect, it } from 'vitest';
import * as C from '../src/parsers/codes.js';
import { decimal, splitLines, tokenize, wordBounds } from '../src/parsers/util.js';

// Deterministic pseudo-random lines (xorshift), so a failure can be replayed.
function* lines(count: number): Generator<string> {
  let x = 0x9e3779b9;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const alphabet = [
    ' ',
    ' ',
    '\t',
    '\v',
    '\f',
    '\r',
    '\u00a0',
    '\u2028',
    '\u3000',
    '\ufeff',
    '\u200b',
    'a',
    'Z',
    '0',
    '7',
    '.',
    ':',
    '[',
    '/',
    '-',
    'é',
    '😀',
  ];
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = Math.floor(next() * 40);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(next() * alphabet.length)];
    yield s;
  }
}

/** Numbers and near-numbers the decimal readers must agree on (the words of lines() are added). */
const NUMBER_CASES = [
  '0',
  '42',
  '007',
  '1.5',
  '1.',
  '.5',
  '1.2.3',
  '',
  ' 1',
  '1 ',
  '-1',
  '1e3',
  '٣',
  '12a',
  '0.0',
];

describe('parser scanners', () => {
  it('tokenize and wordBounds find the words of /\\S+/g with their offsets', () => {
    const bounds = new Int32Array(200);
    for (const line of lines(5000)) {
      const expected = [...line.matchAll(/\S+/g)].map((m) => ({
        text: m[0],
        start: m.index,
        end: m.index + m[0].length,
      }));
      expect(tokenize(line), JSON.stringify(line)).toEqual(expected);
      const n = wordBounds(line, 3, bounds);
      expect(n).toBe(Math.min(3, expected.length));
      for (let k = 0; k < n; k++)
        expect(line.slice(bounds[2 * k], bounds[2 * k + 1])).toBe(expected[k]!.text);
    }
  });

  it('decimal reads exactly what /^\\d+(\\.\\d+)?$/ accepts', () => {
    const cases = [...NUMBER_CASES];
    for (const line of lines(3000)) cases.push(line.replace(/\s/g, ''));
    for (const s of cases) {
      const expected = /^\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
      expect(decimal(s), JSON.stringify(s)).toBe(expected);
    }
  });

  it('codes.decimalAt(codes, s, from, to) is decimal(s.slice(from, to)), long integers and fractions included', () => {
    const cases = [...NUMBER_CASES, '123456789012345', '12345678901234567890'];
    // Fractions of every split of up to 17 digits (read in place up to 15 digits in all, by
    // Number() beyond): the same double as Number(), including the ones a sum of the integer and
    // the fraction would round twice (`12.7825915407477`).
    let x = 12345;
    for (let digits = 2; digits <= 17; digits++)
      for (let k = 0; k < 60; k++) {
        let d = '';
        for (let j = 0; j < digits; j++) {
          x = (x * 1103515245 + 12345) % 2 ** 31;
          d += String(x % 10);
        }
        const dot = 1 + (k % (digits - 1));
        cases.push(`${d.slice(0, dot)}.${d.slice(dot)}`);
      }
    cases.push('0.3', '12.34', '99.9', '0.0', '100.0', '12.7825915407477', '1.000000000000001');
    for (const line of lines(2000)) cases.push(...line.split(/\s+/));
    for (const word of cases) {
      // The word inside a line, as ps reads it: `USER  <word>  rest`.
      const line = `root  ${word}  rest`;
      expect(C.decimalAt(C.codesOf(line), line, 6, 6 + word.length), JSON.stringify(word)).toBe(
        decimal(word),
      );
    }
  });
});

describe('code-unit scanners (codes.ts)', () => {
  it('codesOf holds every UTF-16 code unit of the text, then a 0', () => {
    const texts = [...lines(500), '', 'a', '😀', 'é\u2028\ud800x', `${'x'.repeat(70_000)}\u3000😀`];
    for (const text of texts) {
      const codes = C.codesOf(text);
      expect(codes.length).toBe(text.length + 1);
      expect(codes[text.length]).toBe(0);
      for (let i = 0; i < text.length; i++)
        if (codes[i] !== text.charCodeAt(i)) expect(codes[i]).toBe(text.charCodeAt(i));
    }
  });

  it('wordEnd and spaceEnd find the words of /\\S+/g and the padding between them', () => {
    let words = 0;
    for (const line of lines(2000)) {
      for (const text of [`${line}\nroot 1 x`, `${line}\r\nx`, line]) {
        const codes = C.codesOf(text);
        const le = line.length;
        for (const m of line.matchAll(/\S+/g)) {
          words++;
          const end = m.index + m[0].length;
          expect(C.wordEnd(codes, m.index, le), JSON.stringify(line)).toBe(end);
          const next = /\S/.exec(line.slice(end));
          expect(C.spaceEnd(codes, end, le), JSON.stringify(line)).toBe(next ? end + next.index : le);
        }
        const first = /\S/.exec(line);
        expect(C.spaceEnd(codes, 0, le)).toBe(first ? first.index : le);
      }
    }
    expect(words).toBeGreaterThan(1000);
  });

  it('digitsAt, integerAt and sameAt read as /^\\d+$/, Number() and startsWith do', () => {
    const cases = [...NUMBER_CASES, '123456789012345', '12345678901234567890', '٣'];
    for (const line of lines(1000)) cases.push(...line.split(/\s+/));
    for (const word of cases) {
      const text = `tcp ${word}\n`;
      const codes = C.codesOf(text);
      const b = 4 + word.length;
      const digits = /^\d+$/.test(word);
      expect(C.digitsAt(codes, 4, b), JSON.stringify(word)).toBe(digits);
      if (digits) expect(C.integerAt(codes, text, 4, b)).toBe(Number(word));
      expect(C.sameAt(codes, 4, C.wordCodes(word))).toBe(true);
      expect(C.sameAt(codes, 4, C.wordCodes(`${word}x`))).toBe(text.startsWith(`${word}x`, 4));
      expect(C.sameAt(codes, 0, C.wordCodes(`tcq${word}`))).toBe(false);
      // Past the end of the text: never equal (as charCodeAt's NaN), not even to a 0.
      expect(C.sameAt(codes, text.length - 1, C.wordCodes('\nz'))).toBe(false);
      expect(C.sameAt(codes, text.length + 1, C.wordCodes('\0'))).toBe(false);
    }
  });

  it('Kept gives the slice of the text (sharing is not observable; its values are)', () => {
    const text = 'root 0:00 root  0:00 rooted 0:00 roof root\n';
    const kept = new C.Kept(text, C.codesOf(text), 2);
    const at = (w: string, from = 0) => [text.indexOf(w, from), text.indexOf(w, from) + w.length] as const;
    const root1 = kept.slice(0, ...at('root'));
    const time1 = kept.slice(1, ...at('0:00'));
    const root2 = kept.slice(0, ...at('root', 5));
    expect([root1, time1, root2]).toEqual(['root', '0:00', 'root']);
    expect(kept.slice(1, ...at('0:00', 12))).toBe(time1);
    expect(kept.slice(0, ...at('rooted'))).toBe('rooted');
    expect(kept.slice(0, ...at('root', 5))).toBe('root');
    // The same length as the previous value, other characters.
    expect(kept.slice(0, ...at('roof'))).toBe('roof');
    expect(kept.slice(0, text.length - 5, text.length - 1)).toBe('root');
    expect(kept.slice(0, 4, 4)).toBe('');
  });

  it('lineEnd and nextLine walk the lines of splitLines (LF, CRLF, lone CRs, no final newline)', () => {
    let x = 7;
    const pick = (xs: string[]) => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return xs[x % xs.length]!;
    };
    let compared = 0;
    for (let t = 0; t < 3000; t++) {
      let text = '';
      const n = x % 9;
      for (let i = 0; i < n; i++) text += pick(['a', ' ', '\n', '\r', '\r\n', 'tcp 0', '\n\n', '\u2028']);
      const codes = C.codesOf(text);
      const lines: string[] = [];
      for (let ls = 0; ls < text.length; ) {
        const le = C.lineEnd(text, codes, ls);
        lines.push(text.slice(ls, le));
        ls = C.nextLine(codes, le);
      }
      expect(lines, JSON.stringify(text)).toEqual(splitLines(text));
      compared++;
    }
    expect(compared).toBe(3000);
  });
});
