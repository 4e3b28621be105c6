/**
 * Reading limits. A bundle may come from someone we do not trust: these bound memory and time.
 * Documented in docs/bundle-format.md ("Limits"); change both together.
 */
export interface ReadLimits {
  /** Bytes kept of one entry; the rest is dropped and the file marked truncated. */
  maxEntryBytes: number;
  /** Uncompressed bytes read in total before reading stops. */
  maxTotalBytes: number;
  /** Entries (of any type) before reading stops. */
  maxEntries: number;
  /** Size of the archive file itself. */
  maxArchiveBytes: number;
  /** Decompressed/compressed ratio above which the archive is treated as a gzip bomb. */
  maxCompressionRatio: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxEntryBytes: 16 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntries: 20_000,
  maxArchiveBytes: 512 * 1024 * 1024,
  maxCompressionRatio: 1000,
};
