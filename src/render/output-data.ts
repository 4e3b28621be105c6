/**
 * What an output file holds: a text, bytes, or bytes in a list of buffers written one after the
 * other (report.json, src/render/json.ts: joining them would hold the whole file twice at once).
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type OutputData = string | Buffer | readonly Buffer[];

/** Writes `data` to `path` (its folder made first), replacing the file. */
export function writeOutputFile(path: string, data: OutputData): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w', 0o644);
  try {
    if (typeof data === 'string') writeAll(fd, Buffer.from(data, 'utf8'));
    else if (Buffer.isBuffer(data)) writeAll(fd, data);
    else for (const b of data) writeAll(fd, b);
  } finally {
    closeSync(fd);
  }
}

/** writeSync may write less than asked: the rest is written until none is left. */
function writeAll(fd: number, b: Buffer): void {
  for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off);
}

/** `data` as one text or buffer, for what needs it whole (the zip and its checksums). */
export function outputBytes(data: OutputData): string | Buffer {
  return typeof data === 'string' || Buffer.isBuffer(data) ? data : Buffer.concat(data);
}
