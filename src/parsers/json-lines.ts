/**
 * A small JSON reader that remembers the line of every object and key, shared by the parsers of
 * Docker's JSON outputs (`docker network inspect`, `docker inspect`, the `--format '{{json .}}'`
 * forms).
 *
 *   {"Id":"80819de90b67...","Name":"/whoami","State":{"Status":"running","Pid":1053}, ...}
 *
 * Why not `JSON.parse`: records carry the line they came from (evidence for the report), and an
 * invalid or truncated capture must say where it broke while keeping what was read before it.
 * Nesting is bounded so that hostile input cannot exhaust the stack; object keys are stored on
 * prototype-less objects, so a key named `__proto__` stays data.
 */
import { coded } from '../i18n/coded.js';
import type { ParseWarning } from './types.js';
import { detectErrorText, splitLines } from './util.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export interface Where {
  line: number;
  /** Line of each key of the object. */
  keys: Map<string, number>;
}

const PLAIN_RUN = /[^"\\\n]+/y;

export class JsonError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export class Reader {
  pos = 0;
  readonly where = new Map<object, Where>();
  /** Offsets where each line starts, to turn an offset into line/column. */
  readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  lineCol(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  fail(message: string, offset = this.pos): never {
    const { line, column } = this.lineCol(offset);
    const c = this.text[offset];
    const found = c === undefined ? 'end of input' : c === '\n' ? 'end of line' : `'${c}'`;
    // Nothing but this line left: the capture was most likely cut.
    const cut = !this.text.slice(offset).trim().includes('\n');
    throw new JsonError(`${message}, found ${found}${cut ? ' (truncated capture?)' : ''}`, line, column);
  }

  skipSpace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      // space, tab, line feed, carriage return
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else return;
    }
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** Nesting depth, bounded so that hostile input cannot exhaust the stack. */
  private depth = 0;

  value(): Json {
    this.skipSpace();
    if (this.depth > 256) this.fail('JSON nested too deeply');
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't' && this.text.startsWith('true', this.pos)) return this.literal('true', true);
    if (c === 'f' && this.text.startsWith('false', this.pos)) return this.literal('false', false);
    if (c === 'n' && this.text.startsWith('null', this.pos)) return this.literal('null', null);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    return this.fail('expected a JSON value');
  }

  literal<T extends Json>(word: string, v: T): T {
    this.pos += word.length;
    return v;
  }

  number(): number {
    const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    if (!r) return this.fail('expected a number');
    this.pos += r[0].length;
    return Number(r[0]);
  }

  string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return this.fail('unterminated string', start);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\n') return this.fail('string not closed before the end of its line', this.pos);
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(Number.parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else return this.fail('invalid escape in a string', this.pos);
        continue;
      }
      // Copy the run of plain characters up to the next quote, backslash or line break at once.
      PLAIN_RUN.lastIndex = this.pos;
      const run = PLAIN_RUN.exec(this.text)?.[0] ?? c;
      out += run;
      this.pos += run.length;
    }
  }

  array(): Json[] {
    this.pos++;
    this.depth++;
    const out: Json[] = [];
    this.skipSpace();
    if (this.peek() === ']') {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c === ']') {
        this.depth--;
        return out;
      }
      if (c !== ',') this.fail("expected ',' or ']'", this.pos - 1);
    }
  }

  object(): JsonObject {
    const where: Where = { line: this.lineCol(this.pos).line, keys: new Map() };
    this.pos++;
    this.depth++;
    const out: JsonObject = Object.create(null);
    this.where.set(out, where);
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '"') this.fail('expected a quoted key');
      const keyLine = this.lineCol(this.pos).line;
      const key = this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.fail("expected ':' after a key");
      this.pos++;
      out[key] = this.value();
      if (!where.keys.has(key)) where.keys.set(key, keyLine);
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c === '}') {
        this.depth--;
        return out;
      }
      if (c !== ',') this.fail("expected ',' or '}'", this.pos - 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading values out of parsed objects.

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A non-empty string, else undefined (docker prints "" for "not set"). */
export function nonEmpty(v: Json | undefined): string | undefined {
  const s = str(v);
  return s === '' ? undefined : s;
}

export function stringMap(v: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    // A key named `__proto__` must stay data.
    Object.defineProperty(out, k, {
      value: str(val) ?? JSON.stringify(val),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function dropUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}

/**
 * `detectErrorText` plus the docker CLI's own error lines, which it prints instead of (or after)
 * its output: `Error response from daemon: ...`, `Error: No such object: x`, `error during
 * connect: ...`. Only the first few non-empty lines are looked at.
 */
export function detectDockerError(text: string): string | undefined {
  const generic = detectErrorText(text);
  if (generic) return generic;
  const head = splitLines(text)
    .filter((l) => l.trim() !== '')
    .slice(0, 3);
  const hit = head.find((l) =>
    /^(Error response from daemon: |Error: No such (object|container|image)|error during connect: |Error: )/i.test(
      l.trim(),
    ),
  );
  return hit ? `docker error: ${hit.trim().slice(0, 200)}` : undefined;
}

/** What `readJsonValues` found: the top-level objects, in order, and how they were laid out. */
export interface JsonValues {
  reader: Reader;
  objects: JsonObject[];
  warnings: ParseWarning[];
  /** Number of top-level arrays (`docker inspect` prints one). */
  arrays: number;
  /** Number of top-level objects outside any array (one per line in the `--format` forms). */
  bareObjects: number;
  /** Error text found after or between the JSON values (`Error response from daemon: ...`). */
  trailingError?: string;
  /** Set when the text holds no JSON at all, or error text before it. */
  rejected?: string;
}

/**
 * Read a sequence of top-level JSON values: one object per line (`--format '{{json .}}'`), one
 * array of objects (`docker inspect`), or several of either appended to one file. A line that
 * breaks costs only itself: reading resumes at the next line that starts (in column 0) with `{`
 * or `[`, which is where the next value of a one-per-line output begins.
 */
export function readJsonValues(text: string, noun = 'object'): JsonValues {
  const lines = splitLines(text);
  const reader = new Reader(text);
  const out: JsonValues = { reader, objects: [], warnings: [], arrays: 0, bareObjects: 0 };
  const startLine = lines.findIndex((l) => /^\s*[[{]/.test(l));
  if (startLine < 0) {
    const err = detectDockerError(text);
    out.rejected =
      err ??
      `not JSON: ${lines
        .find((l) => l.trim() !== '')
        ?.trim()
        .slice(0, 100)}`;
    return out;
  }
  if (startLine > 0) {
    const err = detectDockerError(lines.slice(0, startLine).join('\n'));
    if (err) {
      out.rejected = err;
      return out;
    }
    out.warnings.push({ line: 1, ...coded('text-before-json', { last: startLine }) });
  }
  reader.pos = reader.lineStarts[startLine] ?? 0;

  /** Move to the next line after `line` (1-based) that starts a value; false at the end. */
  const resync = (line: number): boolean => {
    for (let i = line; i < lines.length; i++) {
      if (/^[[{]/.test(lines[i] ?? '')) {
        reader.pos = reader.lineStarts[i] ?? text.length;
        return true;
      }
    }
    reader.pos = text.length;
    return false;
  };

  for (;;) {
    reader.skipSpace();
    const c = reader.peek();
    if (c === undefined) break;
    const at = reader.lineCol(reader.pos).line;
    try {
      if (c === '[') {
        out.arrays++;
        reader.pos++;
        reader.skipSpace();
        if (reader.peek() === ']') {
          reader.pos++;
          continue;
        }
        for (;;) {
          const v = reader.value();
          if (isObject(v)) out.objects.push(v);
          else
            out.warnings.push({
              line: reader.lineCol(reader.pos).line,
              ...coded('array-element-not', { noun }),
            });
          reader.skipSpace();
          const sep = reader.peek();
          reader.pos++;
          if (sep === ']') break;
          if (sep !== ',') reader.fail("expected ',' or ']'", reader.pos - 1);
        }
      } else if (c === '{') {
        out.objects.push(reader.object());
        out.bareObjects++;
      } else {
        const rest = text.slice(reader.pos).split('\n')[0]?.trim() ?? '';
        const err = detectDockerError(text.slice(reader.pos));
        if (err && out.trailingError === undefined) out.trailingError = err;
        out.warnings.push({ line: at, ...coded('not-json-line', { text: (err ?? rest).slice(0, 120) }) });
        if (!resync(at)) break;
      }
    } catch (e) {
      if (!(e instanceof JsonError)) throw e;
      out.warnings.push({
        line: e.line,
        ...coded('invalid-json', { line: e.line, column: e.column, error: e.message }),
      });
      // Resume after the line where the broken value started, or after the break itself.
      if (!resync(Math.max(at, e.line))) break;
    }
  }
  if (out.arrays > 1) out.warnings.push(coded('json-arrays', { n: out.arrays }));
  return out;
}

/** The line of a key of an object, else the line of the object itself. */
export function keyLine(reader: Reader, o: JsonObject, key: string): number {
  const w = reader.where.get(o);
  return w?.keys.get(key) ?? w?.line ?? 0;
}
