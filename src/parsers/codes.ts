/**
 * A text as its UTF-16 code units in a typed array, and the word scanners of the big parsers
 * (ss, ps, netstat: 20,000-row outputs) over it.
 *
 * Why a copy: in V8's optimised code `codes[i]` is one bounds-checked load, while
 * `text.charCodeAt(i)` dispatches on the string's representation (sequential, sliced, external,
 * one- or two-byte) at every call. The parsers read every character of a 2 MB output, some of
 * them twice; on the bench's ss input the whole parse went from 17.5 to 13.2 ms
 * (docs/performance.md, "Parsers, session 6"). The copy is one native write (Buffer's utf16le
 * encoder) into a reused buffer, 0.27 ms for 2 MB (codesOf).
 *
 * `codes[text.length]` is 0, a sentinel: the scanners read the character at a line's end without
 * a bound check (the line's `\n` or `\r`, or this 0), which is never a space nor printable.
 * Reads further out give undefined, which, as charCodeAt's NaN, equals no character code.
 * Slices are still taken from the text: the offsets are the same.
 */
import { Buffer } from 'node:buffer';
import { decimal, isSpaceCode } from './util.js';

export type Codes = Uint16Array;

/** Whether this machine stores a Uint16Array's elements little-endian (utf16le's byte order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The code units of `text`, followed by a 0. The array is a view of one scratch buffer reused by
 * every call (a fresh 4 MB array costs its allocation, zeroing and page faults: 1.0 ms against
 * 0.27 ms for the write alone on the bench's ss input), so it is valid until the next call: a
 * parser uses it within its own synchronous pass and keeps nothing of it. Texts beyond
 * SCRATCH_MAX code units get an array of their own, so that the buffer kept stays small.
 */
export function codesOf(text: string): Codes {
  const n = text.length;
  let buffer = scratch;
  if (buffer.length < n + 1) {
    buffer = new Uint16Array(Math.max(n + 1, 1024));
    if (n + 1 <= SCRATCH_MAX) scratch = buffer;
  }
  const codes = buffer.subarray(0, n + 1);
  if (LITTLE_ENDIAN) Buffer.from(codes.buffer, codes.byteOffset, 2 * n).write(text, 0, 'utf16le');
  else for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
  codes[n] = 0;
  return codes;
}

/** The largest text (in code units) whose array is kept for the next call: 16 MB. */
const SCRATCH_MAX = 8 * 2 ** 20;
let scratch = new Uint16Array(0);

/**
 * Where the line starting at `from` ends: at its `\n` (or the text's end), before a `\r` there:
 * the lines of util.splitLines, which cuts a `\r` before `\n` when the text holds a `\r` at all
 * (and a `\r` before a `\n` is one, so no search of the whole text for one first). The big
 * parsers walk the text by offsets instead of splitting it into lines:
 * `for (let ls = 0; ls < len; ls = nextLine(codes, le)) { le = lineEnd(text, codes, ls); ... }`.
 */
export function lineEnd(text: string, codes: Codes, from: number): number {
  const nl = text.indexOf('\n', from);
  if (nl < 0) return text.length;
  return nl > from && codes[nl - 1] === 13 ? nl - 1 : nl;
}

/** Where the line after the one lineEnd ended at `le` starts (past its `\r\n` or `\n`). */
export function nextLine(codes: Codes, le: number): number {
  return codes[le] === 13 ? le + 2 : le + 1;
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

/** A list of constant words, with their code units, for oneOf and indexOfWord. */
export interface Words {
  list: readonly string[];
  codes: readonly Codes[];
}

export function words(list: readonly string[]): Words {
  return { list, codes: list.map(wordCodes) };
}

/** Where `[a, b)` is in `words`, or -1. */
export function indexOfWord(codes: Codes, a: number, b: number, words: Words): number {
  const len = b - a;
  const c = codes[a];
  const all = words.codes;
  for (let k = 0; k < all.length; k++) {
    const w = all[k]!;
    if (w.length === len && w[0] === c && sameAt(codes, a, w)) return k;
  }
  return -1;
}

/** `text[a, b)` when it is one of `words` (the constant itself: no slice), else undefined. */
export function oneOf(codes: Codes, a: number, b: number, words: Words): string | undefined {
  const k = indexOfWord(codes, a, b, words);
  return k < 0 ? undefined : words.list[k];
}

/** Whether the text holds `word` (of wordCodes) at `a`. */
export function sameAt(codes: Codes, a: number, word: Codes): boolean {
  for (let i = 0; i < word.length; i++) if (codes[a + i] !== word[i]) return false;
  return true;
}

/** util.decimal(text.slice(from, to)) read in place: integers and `int.frac` (ps's `0.3`) exactly. */
export function decimalAt(codes: Codes, text: string, from: number, to: number): number | undefined {
  let i = from;
  let value = 0;
  while (i < to) {
    const c = codes[i]!;
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    i++;
  }
  if (i === from) return undefined;
  // An integer of up to 15 digits is exact as summed; longer ones as Number() reads them.
  if (i === to) return to - from <= 15 ? value : Number(text.slice(from, to));
  // `int.frac` with at most 15 digits in all: its digits as one integer are exact, so is the
  // power of ten, and one division rounds once: the double Number() reads.
  if (codes[i] === 46 /* . */ && to - from <= 16) {
    const frac = ++i;
    while (i < to) {
      const c = codes[i]!;
      if (c < 48 || c > 57) return undefined;
      value = value * 10 + (c - 48);
      i++;
    }
    return i === frac ? undefined : value / POWERS_OF_TEN[to - frac]!;
  }
  return decimal(text.slice(from, to));
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The strings a parse keeps, shared when a row repeats the previous row's value of the same
 * field (a big listing has one local address and a few programs for thousands of rows): one
 * string instead of a copy per row, fewer objects for the garbage collector to move. The
 * previous value is compared where it stands in the text (code units against code units).
 */
export class Kept {
  private readonly last: string[];
  /** Where each field's last string starts in the text. */
  private readonly from: Int32Array;
  constructor(
    private readonly text: string,
    private readonly codes: Codes,
    fields: number,
  ) {
    this.last = new Array<string>(fields).fill('');
    this.from = new Int32Array(fields);
  }
  /** `text.slice(a, b)`, or the same string as the last one kept for field `k`. */
  slice(k: number, a: number, b: number): string {
    const prev = this.last[k]!;
    const n = b - a;
    if (prev.length === n) {
      const codes = this.codes;
      const p = this.from[k]!;
      let i = 0;
      while (i < n && codes[p + i] === codes[a + i]) i++;
      if (i === n) return prev;
    }
    const s = this.text.slice(a, b);
    this.last[k] = s;
    this.from[k] = a;
    return s;
  }
}
