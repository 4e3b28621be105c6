/**
 * report.json: `JSON.stringify(report, null, 2)` and a newline, as UTF-8 bytes in a list of
 * buffers, made piece by piece.
 *
 * Why not the one call: on a 1,000-container host the text is 62 MB (34 MB of it the indentation
 * and line breaks), the trailing newline made a second copy of it when the file was written, and
 * the write a third in UTF-8 (twice as large again in UTF-16 when a character is beyond Latin-1).
 * That run peaked at 620-650 MB, against 380 MB for the HTML alone (`/usr/bin/time -v`).
 * Here the report's upper levels (steps, their sections, the model's lists) are walked in
 * JavaScript, every value below them is handed to JSON.stringify on its own, and the pieces are
 * encoded into buffers of about a megabyte as they come: no string of the whole file exists, and
 * the buffers are written one after the other (output-data.ts), never joined.
 *
 * The bytes are those of the one call (test/report-json.test.ts compares them on the samples and
 * on a generated big host): objects and arrays are written as JSON.stringify writes them with an
 * indent of 2, a property whose value JSON leaves out (undefined, a function, a symbol) is left
 * out, such an array element is `null`, and a value with a `toJSON` (a Date) is never walked but
 * handed over whole.
 */
import { Buffer } from 'node:buffer';

/** Levels walked here; below them JSON.stringify writes each value at once. */
const WALKED_LEVELS = 5;
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
    this.buffers.push(Buffer.from(this.parts.join(''), 'utf8'));
    this.parts = [];
    this.chars = 0;
  }
  /** The buffers as they are: one joined copy of them would double the file's memory at once. */
  bytes(): Buffer[] {
    this.flush();
    return this.buffers;
  }
}

/** Whether JSON.stringify would write `v` as an object or array of its own properties. */
function walkable(v: unknown): v is object {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * Writes `v` (at `indent`) into `out`, or returns it as text when it is written at once (a
 * leaf, or a value below WALKED_LEVELS): the caller adds it in its place. Undefined when JSON has
 * no text for it (undefined, a function, a symbol).
 */
function piece(v: unknown, indent: string, level: number, out: Chunks): string | undefined {
  if (!walkable(v) || level >= WALKED_LEVELS) {
    const s = JSON.stringify(v, null, 2);
    // Lines below the first are indented by JSON.stringify relative to the value: shifted to its place.
    return s === undefined || indent === '' || !s.includes('\n') ? s : s.replaceAll('\n', `\n${indent}`);
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    out.add('[\n');
    for (let i = 0; i < v.length; i++) {
      out.add(inner);
      // Only a value written at once can have no text; in an array JSON writes it as null.
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
    // A value whose own toJSON gives undefined is left out too: asked before anything is written.
    if (!walkable(value) || level + 1 >= WALKED_LEVELS) {
      const s = piece(value, inner, level + 1, out);
      if (s === undefined) continue;
      out.add(first ? '{\n' : ',\n');
      out.add(`${inner}${JSON.stringify(key)}: `);
      out.add(s);
    } else {
      out.add(first ? '{\n' : ',\n');
      out.add(`${inner}${JSON.stringify(key)}: `);
      const s = piece(value, inner, level + 1, out);
      if (s !== undefined) out.add(s);
    }
    first = false;
  }
  if (first) return '{}';
  out.add(`\n${indent}}`);
  return '';
}
