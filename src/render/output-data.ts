/**
 * What an output file holds: a text, bytes, or parts of either that are written one after the
 * other (report.json of a big host, src/render/json.ts: joining them would copy the whole file).
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type OutputData = string | Buffer | readonly (string | Buffer)[];

/** Characters of a text encoded at a time when it is written. */
const SLICE_CHARS = 1 << 20;

/** Writes `data` to `path` (its folder made first), replacing the file. */
export function writeOutputFile(path: string, data: OutputData): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w', 0o644);
  try {
    for (const part of typeof data === 'string' || Buffer.isBuffer(data) ? [data] : data) {
      if (Buffer.isBuffer(part)) writeAll(fd, part);
      else writeText(fd, part);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A text in slices of SLICE_CHARS, each encoded on its own: a long text is never copied whole
 * into UTF-8. A slice never ends between the two halves of a surrogate pair (each half alone
 * would be encoded as U+FFFD).
 */
function writeText(fd: number, text: string): void {
  for (let a = 0; a < text.length; ) {
    let b = Math.min(text.length, a + SLICE_CHARS);
    if (b < text.length) {
      const c = text.charCodeAt(b - 1);
      if (c >= 0xd800 && c <= 0xdbff) b--;
    }
    writeAll(fd, Buffer.from(text.slice(a, b), 'utf8'));
    a = b;
  }
}

/** writeSync may write less than asked: the rest is written until none is left. */
function writeAll(fd: number, b: Buffer): void {
  for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off);
}

/** `data` as one text or buffer, for what needs it whole (the zip and its checksums). */
export function outputBytes(data: OutputData): string | Buffer {
  if (typeof data === 'string' || Buffer.isBuffer(data)) return data;
  return Buffer.concat(data.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p, 'utf8'))));
}
