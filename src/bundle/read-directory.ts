/**
 * Read an unpacked bundle directory. Symlinks are never followed (a link in a bundle could point
 * anywhere on the reader's machine); only regular files count, under the same limits as archives.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { type Coded, coded } from '../i18n/coded.js';
import type { ReadLimits } from './limits.js';
import type { RawEntry } from './raw-entry.js';
import type { BundleWarning } from './types.js';

export function readDirectory(
  root: string,
  limits: ReadLimits,
): { entries: RawEntry[]; warnings: BundleWarning[] } {
  const entries: RawEntry[] = [];
  const warnings: BundleWarning[] = [];
  let total = 0;
  let stopped: Coded | undefined;

  const walk = (dir: string, rel: string): void => {
    const names = readdirSync(dir).sort();
    for (const name of names) {
      if (stopped) return;
      const abs = join(dir, name);
      const path = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(abs);
      if (entries.length >= limits.maxEntries) {
        stopped = coded('stopped-entries', { file: root, max: limits.maxEntries });
        return;
      }
      if (st.isDirectory()) {
        walk(abs, path);
        continue;
      }
      const type: RawEntry['type'] = st.isFile()
        ? 'file'
        : st.isSymbolicLink()
          ? 'symlink'
          : st.isFIFO()
            ? 'fifo'
            : st.isCharacterDevice() || st.isBlockDevice()
              ? 'device'
              : 'other';
      const raw: RawEntry = { path, type, size: st.size };
      entries.push(raw);
      if (type !== 'file') continue;
      const keep = Math.min(st.size, limits.maxEntryBytes, Math.max(0, limits.maxTotalBytes - total));
      const buf = Buffer.alloc(keep);
      const fd = openSync(abs, 'r');
      try {
        let off = 0;
        while (off < keep) {
          const n = readSync(fd, buf, off, keep - off, off);
          if (n === 0) break;
          off += n;
        }
        raw.data = buf.subarray(0, off);
      } finally {
        closeSync(fd);
      }
      total += raw.data.length;
      if (raw.data.length < st.size) raw.truncated = true;
      if (total >= limits.maxTotalBytes)
        stopped = coded('stopped-bytes', { file: root, max: limits.maxTotalBytes });
    }
  };
  walk(root, '');
  if (stopped) warnings.push({ severity: 'error', ...stopped });
  return { entries, warnings };
}
