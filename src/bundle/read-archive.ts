/**
 * Read a .tar.gz (or plain .tar) bundle in memory with node-tar's streaming parser. Nothing is
 * extracted to disk. Limits are enforced while streaming, so a gzip bomb or an oversized entry
 * stops the read instead of filling memory.
 */
import { createReadStream, statSync } from 'node:fs';
import { Parser, type ReadEntry } from 'tar';
import { type Coded, coded, type DiagnosticCode } from '../i18n/coded.js';
import type { MessageParams } from '../i18n/index.js';
import type { ReadLimits } from './limits.js';
import type { RawEntry } from './raw-entry.js';
import type { BundleWarning } from './types.js';

function entryType(t: string): RawEntry['type'] {
  switch (t) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      return 'file';
    case 'Directory':
      return 'directory';
    case 'SymbolicLink':
      return 'symlink';
    case 'Link':
      return 'hardlink';
    case 'CharacterDevice':
    case 'BlockDevice':
      return 'device';
    case 'FIFO':
      return 'fifo';
    default:
      return 'other';
  }
}

export interface ArchiveRead {
  entries: RawEntry[];
  warnings: BundleWarning[];
}

export async function readArchive(file: string, limits: ReadLimits): Promise<ArchiveRead> {
  const entries: RawEntry[] = [];
  const warnings: BundleWarning[] = [];
  const size = statSync(file).size;
  if (size > limits.maxArchiveBytes) {
    throw new BundleReadError(
      coded('bundle-too-big', { file, size: String(size), max: String(limits.maxArchiveBytes) }),
    );
  }
  let total = 0;
  let stopped: string | undefined;
  let stoppedWhy: { code: DiagnosticCode; params: MessageParams } | undefined;
  let sawEof = false;
  // Chunks are kept per entry and joined at the end, so an entry cut short by a truncated
  // archive (no 'end' event) still shows what arrived.
  const chunksOf = new Map<RawEntry, Buffer[]>();

  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(file);
    // At a limit: stop reading the file AND the decompression of what was already read (a few
    // compressed kilobytes of a bomb still hold gigabytes).
    const stop = () => {
      input.destroy();
      parser.abort(new Error(stopped));
      resolve();
    };
    const parser = new Parser({
      strict: false,
      maxDecompressionRatio: limits.maxCompressionRatio,
      onReadEntry: (entry: ReadEntry) => {
        if (stopped) {
          entry.resume();
          return;
        }
        if (entries.length >= limits.maxEntries) {
          stopped = `more than ${limits.maxEntries} entries; the rest was not read`;
          stoppedWhy = { code: 'stopped-entries', params: { file, max: limits.maxEntries } };
          entry.resume();
          stop();
          return;
        }
        const type = entryType(entry.type);
        const raw: RawEntry = { path: entry.path, type, size: entry.size ?? 0 };
        entries.push(raw);
        if (type !== 'file') {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        chunksOf.set(raw, chunks);
        let kept = 0;
        entry.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limits.maxTotalBytes && !stopped) {
            stopped = `more than ${limits.maxTotalBytes} uncompressed bytes; the rest was not read`;
            stoppedWhy = { code: 'stopped-bytes', params: { file, max: limits.maxTotalBytes } };
            stop();
          }
          if (kept < limits.maxEntryBytes) {
            const room = limits.maxEntryBytes - kept;
            const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
            chunks.push(part);
            kept += part.length;
            if (part.length < chunk.length) raw.truncated = true;
          } else {
            raw.truncated = true;
          }
        });
        entry.on('end', () => {
          raw.complete = true;
        });
      },
    });
    parser.on('warn', (code: string, message: string | Error) => {
      const text = typeof message === 'string' ? message : message.message;
      warnings.push({ severity: 'warning', ...coded('archive', { tarCode: code, text }) });
    });
    parser.on('error', (err: Error) =>
      reject(new BundleReadError(coded('bundle-not-tar', { file, error: err.message }))),
    );
    input.on('error', (err) =>
      reject(new BundleReadError(coded('bundle-unreadable', { file, error: err.message }))),
    );
    parser.on('eof', () => {
      sawEof = true;
    });
    parser.on('end', () => resolve());
    parser.on('abort', (err: Error) => {
      if (!stopped) {
        stopped = `archive aborted: ${err?.message ?? 'unknown reason'}`;
        stoppedWhy = { code: 'stopped-aborted', params: { file, error: err?.message ?? 'unknown reason' } };
      }
      resolve();
    });
    input.pipe(parser as unknown as NodeJS.WritableStream);
  });

  // The English text says the same as the coded message (its words are the catalog's).
  if (stopped && stoppedWhy)
    warnings.push({ severity: 'error', ...coded(stoppedWhy.code, stoppedWhy.params) });
  for (const [e, chunks] of chunksOf) {
    e.data = Buffer.concat(chunks);
    if (!e.complete || e.data.length < e.size) e.truncated = true;
    delete e.complete;
  }
  if (entries.length === 0) {
    throw new BundleReadError(
      stopped && stoppedWhy
        ? coded('bundle-nothing-read', {
            file,
            why: stoppedWhy.code.replace('stopped-', ''),
            max: stoppedWhy.params.max ?? '',
            error: stoppedWhy.params.error ?? '',
          })
        : coded('bundle-no-entries', { file }),
    );
  }
  // A tar ends with two zero blocks; without them the archive was cut (the files read so far are kept).
  if (!sawEof && !stopped)
    warnings.push({
      severity: 'warning',
      ...coded('no-eof', { file }),
    });
  return { entries, warnings };
}

/** A bundle that cannot be read at all (as opposed to one with bad parts, which warns). */
export class BundleReadError extends Error {
  override name = 'BundleReadError';
  readonly code: DiagnosticCode;
  readonly params: MessageParams | undefined;
  /** The English message from the catalog; the CLI says it again in its language (localizeText). */
  constructor(why: Coded) {
    super(why.message);
    this.code = why.code;
    this.params = why.params;
  }
}
