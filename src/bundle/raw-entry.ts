/**
 * What the archive and directory walkers hand over: bytes and a claimed path, not yet trusted.
 * `sanitizePath` decides whether a claimed path may be used at all.
 */
export interface RawEntry {
  path: string;
  /** 'file' for regular files; anything else is reported and skipped. */
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'fifo' | 'other';
  size: number;
  data?: Buffer;
  truncated?: boolean;
  /** Set while streaming once the entry's last byte arrived. */
  complete?: boolean;
}

/**
 * Normalise a path claimed by an archive entry. Returns undefined for paths that could escape
 * (absolute, drive letters, `..` segments): the reader never writes to disk, but such a path in
 * a bundle is a sign of a hostile or broken archive and must not reach the report as a name
 * that looks legitimate.
 */
export function sanitizePath(claimed: string): string | undefined {
  const p = claimed.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return undefined;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return undefined;
    parts.push(seg);
  }
  if (parts.length === 0) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
  if (parts.some((s) => /[\u0000-\u001f\u007f]/.test(s))) return undefined;
  return parts.join('/');
}
