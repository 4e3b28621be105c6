import type { MessageParams } from '../i18n/index.js';

/**
 * Types of the "read" stage: a bundle as it was found on disk, before any parsing.
 * Everything here is JSON-serialisable (design note: stages pass plain data).
 */

export type Severity = 'info' | 'warning' | 'error';

/** A problem found while reading a bundle; `file` is a path inside the bundle when known. */
export interface BundleWarning {
  severity: Severity;
  file?: string;
  /** Stable id of the diagnostic (`unsafe-path`); its text is the catalogs' `w.<code>` (src/i18n/coded.ts). */
  code?: string;
  params?: MessageParams;
  /** The text: English as read; in the report's language in report.json. */
  message: string;
}

/** One regular file of the bundle, decoded to text. */
export interface BundleFile {
  /** Path inside the bundle, '/'-separated, without the archive's top-level folder. */
  path: string;
  /** Size in bytes as stored. */
  size: number;
  /** UTF-8 text; invalid bytes become U+FFFD, NUL bytes are replaced (see `encoding`). */
  text: string;
  /** 'utf8' when the bytes were valid UTF-8; otherwise how they were made readable. */
  encoding: 'utf8' | 'invalid-utf8' | 'binary';
  /** True when the reader kept only the first bytes (the entry exceeded the per-entry limit). */
  truncated: boolean;
}

/** A command scope: which network namespace the output was seen from. */
export type ScopeKind = 'host' | 'container' | 'netns';

export interface ScopeInfo {
  kind: ScopeKind;
  name: string;
  id?: string;
  pid?: number;
  /** Inode of the network namespace (`stat -L /proc/PID/ns/net`): its identity on the host. */
  netnsInode?: number;
  /** Containers: HostConfig.NetworkMode as the collector saw it (default, host, none, container:<id>...). */
  networkMode?: string;
  /** Containers: NetworkSettings.SandboxKey, the namespace file Docker keeps for it. */
  sandboxKey?: string;
  /** netns scopes: the file under `<exec-root>/netns`. */
  path?: string;
  /** How the scope was captured: nsenter (full) or procfs (files under /proc/PID/net). */
  method?: string;
  /**
   * The scope whose capture this namespace is (same inode): a container sharing another's
   * namespace, or Docker's sandbox file of a captured container. Nothing is captured twice.
   */
  sameAs?: string;
  /** A namespace file that is no namespace any more (the bind mount is gone): why the collector says so. */
  stale?: string;
}

/** One command entry of the manifest (or inferred from a file name when there is none). */
export interface CommandRun {
  id: string;
  scope: string;
  command: string;
  exitCode: number | null;
  durationMs: number | null;
  stdout?: string;
  stderr?: string;
  truncated?: boolean;
  /** Why the collector did not run it (e.g. it could load a kernel module); no output then. */
  skipped?: string;
  /** True when this entry was inferred from a file name (no manifest, or a file it does not name). */
  inferred?: boolean;
}

export interface BundleMeta {
  formatVersion: number | null;
  collector: { name: string; version: string };
  hostname: string;
  capturedAt: string | null;
  step: string;
  user?: { uid?: number; name?: string };
  comment?: string;
  /** Inode of the host's network namespace, as the collector saw it. */
  hostNetnsInode?: number;
  scopes: Record<string, ScopeInfo>;
}

export interface Bundle {
  /** The path the user gave. */
  source: string;
  kind: 'archive' | 'directory';
  hasManifest: boolean;
  meta: BundleMeta;
  commands: CommandRun[];
  files: BundleFile[];
  warnings: BundleWarning[];
}
