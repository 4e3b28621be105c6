/**
 * A text as its UTF-16 code units in a typed array, and the word scanners of the big parsers
 * (ss, ps, netstat: 20,000-row outputs) over it.
 *
 * Why a copy: in V8's optimised code `codes[i]` is one bounds-checked load, while
 * `text.charCodeAt(i)` dispatches on the string's representation (sequential, sliced, external,
 * one- or two-byte) at every call. The parsers read every character of a 2 MB output, some of
 * them twice; on the bench's ss input the whole parse went from 17.5 to 13.2 ms
 * (docs/performance.md, "Parsers, session 6"). The copy is one native write (Buffer's utf16le
 * encoder), about 0.5-1 ms for 2 MB, and the array is garbage after the parse.
 *
 * `codes[text.length]` is 0, a sentinel: the scanners read the character at a line's end without
 * a bound check (the line's `\n` or `\r`, or this 0), which is never a space nor printable.
 * Reads further out give undefined, which, as charCodeAt's NaN, equals no character code.
 * Slices are still taken from the text: the offsets are the same.
 */
import { Buffer } from 'node:buffer';
import { isSpaceCode } from './util.js';

export type Codes = Uint16Array;

/** Whether this machine stores a Uint16Array's elements little-endian (utf16le's byte order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The code units of `text`, followed by a 0. */
export function codesOf(text: string): Codes {
  const codes = new Uint16Array(text.length + 1);
  if (LITTLE_ENDIAN) Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).write(text, 0, 'utf16le');
  else for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/**
 * Where the word starting at `i` of a line ending at `le` ends: at the first whitespace (`\s`)
 * or at `le`. The usual characters, printable ASCII, take one range test and no bound check
 * (`codes[le]` is the line's `\n` or `\r`, or the final 0). So `le` must be a line end (or the
 * text's end), as the big parsers' line loops give it.
 */
export function wordEnd(codes: Codes, i: number, le: number): number {
  for (;;) {
    const c = codes[i]!;
    if (c > 32 && c < 127) i++;
    else if (i >= le || isSpaceCode(c)) return i;
    else i++;
  }
}

/**
 * Where the whitespace starting at `i` of a line ending at `le` ends (at the next non-space
 * character, or at `le`): the padding between columns. The usual padding, ASCII spaces, takes
 * one comparison and no bound check (`codes[le]` is never a space); `le` as for wordEnd.
 */
export function spaceEnd(codes: Codes, i: number, le: number): number {
  for (;;) {
    const c = codes[i]!;
    if (c === 32 || (i < le && isSpaceCode(c))) i++;
    else return i;
  }
}

/** `/^\d+$/` on `[a, b)`. */
export function digitsAt(codes: Codes, a: number, b: number): boolean {
  if (a >= b) return false;
  for (let i = a; i < b; i++) {
    const c = codes[i]!;
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The digits `text[a, b)` (checked by digitsAt) as Number() reads them. */
export function integerAt(codes: Codes, text: string, a: number, b: number): number {
  if (b - a > 15) return Number(text.slice(a, b));
  let v = 0;
  for (let i = a; i < b; i++) v = v * 10 + (codes[i]! - 48);
  return v;
}

/** A constant word as code units, for sameAt (charCodeAt on a string costs per call, as above). */
export function wordCodes(s: string): Codes {
  const word = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) word[i] = s.charCodeAt(i);
  return word;
}

/** Whether the text holds `word` (of wordCodes) at `a`. */
export function sameAt(codes: Codes, a: number, word: Codes): boolean {
  for (let i = 0; i < word.length; i++) if (codes[a + i] !== word[i]) return false;
  return true;
}
