/**
 * report.json: `JSON.stringify(report, null, 2)` and a newline, as UTF-8 bytes in a list of
 * buffers of about a megabyte, made piece by piece and written one after the other
 * (output-data.ts), never joined.
 *
 * Why not the one call: on a 1,000-container host the text is 62 MB. The call builds it in parts
 * and joins them, appending the newline made another copy when the file was written, and writing
 * encoded it into a third in UTF-8: that default run peaked at 620-650 MB (`/usr/bin/time -v`),
 * against 380 MB for the HTML alone. With the one call's text written in slices (no copy but the
 * call's own) it still peaked at 565-585 MB; made here, at 445-470 MB.
 *
 * The report's upper levels (the report, its steps, their sections and the model's and analysis'
 * parts) and its long lists are walked here; every other value is handed to JSON.stringify whole
 * (a namespace with its 20,000 sockets is one piece of 8 MB) and indented to its place (leaf()).
 * Measured in-process on that host, warm: 0.32-0.35 s, as the one call with its encoding
 * (0.35-0.41 s). Walking five levels deep (50,000 small pieces), each shifted by a replaceAll,
 * took 0.55-0.65 s; indenting the compact text byte by byte in JavaScript 0.55-0.9 s.
 *
 * The bytes are those of the one call (test/report-json.test.ts compares them on the samples, a
 * generated host and special values): objects and arrays as JSON.stringify writes them with an
 * indent of 2, a property whose value JSON leaves out (undefined, a function, a symbol) left out,
 * such an array element `null`, and a value with a `toJSON` (a Date) never walked but handed over.
 */
import { Buffer } from 'node:buffer';

/** Objects and arrays this close to the top are walked (report 0, steps 1, a step 2, its sections 3). */
const OBJECT_LEVELS = 4;
/** Arrays this close to the top with at least LONG_ARRAY elements are walked. */
const ARRAY_LEVELS = 6;
const LONG_ARRAY = 32;
/** Text gathered before it is encoded into a buffer. */
const CHUNK_CHARS = 1 << 20;

export function reportJson(value: unknown): Buffer[] {
  const out = new Chunks();
  const text = piece(value, '', 0, out);
  out.add(text === undefined ? 'null' : text);
  out.add('\n');
  return out.bytes();
}

class Chunks {
  private parts: string[] = [];
  private chars = 0;
  private readonly buffers: Buffer[] = [];
  add(s: string): void {
    this.parts.push(s);
    this.chars += s.length;
    if (this.chars >= CHUNK_CHARS) this.flush();
  }
  private flush(): void {
    if (this.parts.length === 0) return;
    this.buffers.push(Buffer.from(this.parts.length === 1 ? this.parts[0]! : this.parts.join(''), 'utf8'));
    this.parts = [];
    this.chars = 0;
  }
  /** The buffers as they are: one joined copy of them would double the file's memory at once. */
  bytes(): Buffer[] {
    this.flush();
    return this.buffers;
  }
}

/** Whether `v` is walked here rather than handed to JSON.stringify whole. */
function walked(v: unknown, level: number): v is object {
  if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function')
    return false;
  if (level < OBJECT_LEVELS) return true;
  return Array.isArray(v) && level < ARRAY_LEVELS && v.length >= LONG_ARRAY;
}

/**
 * `v` as JSON.stringify(v, null, 2) writes it `depth` levels deep: its lines below the first
 * indented by 2 * depth more spaces. JSON.stringify indents the value inside `depth` arrays
 * (`[[v]]`) so, and the arrays' own lines are sliced off (a slice of a string is no copy: a
 * `replaceAll('\n', ...)` of each piece cost more than the stringify itself).
 */
function leaf(v: unknown, depth: number): string | undefined {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
  // toJSON may give undefined (no text, where an array would write null): asked on its own.
  if (
    depth === 0 ||
    (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function')
  ) {
    const s = JSON.stringify(v, null, 2);
    return s === undefined || depth === 0 || !s.includes('\n')
      ? s
      : s.replaceAll('\n', `\n${'  '.repeat(depth)}`);
  }
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  let wrapped: unknown = v;
  for (let k = 0; k < depth; k++) wrapped = [wrapped];
  const s = JSON.stringify(wrapped, null, 2);
  // Before v: one `[` line per level (2k spaces, `[`, newline), then v's own indentation (2 * depth);
  // after it: a newline and a `]` line per level.
  return s.slice(depth * depth + 3 * depth, s.length - (depth * depth + depth));
}

/**
 * Writes `v` (at `indent`) into `out` and returns '' when it is walked; else returns its text to
 * be added in its place by the caller, or undefined when JSON has none (undefined, a function,
 * a symbol, a toJSON that gives undefined).
 */
function piece(v: unknown, indent: string, level: number, out: Chunks): string | undefined {
  if (!walked(v, level)) return leaf(v, indent.length / 2);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    out.add('[\n');
    for (let i = 0; i < v.length; i++) {
      out.add(inner);
      // A value without text is null in an array, as JSON writes it.
      out.add(piece(v[i], inner, level + 1, out) ?? 'null');
      out.add(i < v.length - 1 ? ',\n' : '\n');
    }
    out.add(`${indent}]`);
    return '';
  }
  const record = v as Record<string, unknown>;
  let first = true;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    if (walked(value, level + 1)) {
      out.add(first ? '{\n' : ',\n');
      out.add(`${inner}${JSON.stringify(key)}: `);
      // '' once written, or `{}` / `[]` when empty.
      out.add(piece(value, inner, level + 1, out)!);
    } else {
      // Asked before anything is written: a toJSON that gives undefined leaves the key out.
      const s = piece(value, inner, level + 1, out);
      if (s === undefined) continue;
      out.add(first ? '{\n' : ',\n');
      out.add(`${inner}${JSON.stringify(key)}: `);
      out.add(s);
    }
    first = false;
  }
  if (first) return '{}';
  out.add(`\n${indent}}`);
  return '';
}
