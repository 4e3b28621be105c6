/**
 * The "read" stage: a path (a .tar.gz bundle or an unpacked folder) -> Bundle. Every file is
 * kept (decoded to text) so that the report can show it, whether or not a parser reads it.
 */

import { existsSync, statSync } from 'node:fs';
import { coded } from '../i18n/coded.js';
import { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
import { emptyMeta, parseManifest } from './manifest.js';
import { type RawEntry, sanitizePath } from './raw-entry.js';
import { BundleReadError, readArchive } from './read-archive.js';
import { readDirectory } from './read-directory.js';
import type { Bundle, BundleFile, BundleWarning, CommandRun } from './types.js';

export { BundleReadError } from './read-archive.js';

const MANIFEST = 'manifest.json';
const LAYOUT_DIRS = new Set(['host', 'docker', 'containers', 'netns', 'sys']);

export async function readBundle(source: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<Bundle> {
  if (!existsSync(source)) throw new BundleReadError(coded('bundle-not-found', { source }));
  const isDir = statSync(source).isDirectory();
  const { entries, warnings } = isDir ? readDirectory(source, limits) : await readArchive(source, limits);
  const files = collectFiles(entries, warnings);

  const manifestFile = files.find((f) => f.path === MANIFEST);
  let meta = emptyMeta();
  let commands: CommandRun[] = [];
  if (manifestFile) {
    const parsed = parseManifest(manifestFile.text, MANIFEST);
    meta = parsed.meta;
    commands = parsed.commands;
    warnings.push(...parsed.warnings);
  } else {
    warnings.push({
      severity: 'warning',
      ...coded('no-manifest'),
    });
  }

  const byPath = new Set(files.map((f) => f.path));
  for (const c of commands) {
    for (const key of ['stdout', 'stderr'] as const) {
      const p = c[key];
      if (p !== undefined && !byPath.has(p)) {
        // A missing .err is normal for some writers; a missing stdout is worth a warning.
        if (key === 'stdout')
          warnings.push({
            severity: 'warning',
            file: p,
            ...coded('missing-file', { path: p, id: c.id }),
          });
        delete c[key];
      }
    }
  }
  // Files no command names: inferred from their names, so that nothing is silently dropped.
  const named = new Set(commands.flatMap((c) => [c.stdout, c.stderr]).filter((p): p is string => !!p));
  for (const f of files) {
    if (f.path === MANIFEST || named.has(f.path)) continue;
    const run = inferCommand(f.path);
    if (run) commands.push(run);
  }
  if (!meta.hostname) {
    const fromHostname = files.find((f) => /(^|\/)hostname(\.out)?$/.test(f.path));
    if (fromHostname) meta.hostname = fromHostname.text.trim().split('\n')[0] ?? '';
  }
  return {
    source,
    kind: isDir ? 'directory' : 'archive',
    hasManifest: !!manifestFile,
    meta,
    commands,
    files,
    warnings,
  };
}

/** Trust checks on raw entries, the archive's top folder stripped, duplicates kept apart. */
function collectFiles(entries: RawEntry[], warnings: BundleWarning[]): BundleFile[] {
  const accepted: { path: string; entry: RawEntry }[] = [];
  for (const e of entries) {
    if (e.type === 'directory') continue;
    const path = sanitizePath(e.path);
    if (path === undefined) {
      warnings.push({
        severity: 'error',
        ...coded('unsafe-path', { path: JSON.stringify(e.path) }),
      });
      continue;
    }
    if (e.type !== 'file') {
      warnings.push({
        severity: 'warning',
        file: path,
        ...coded('not-regular', { type: e.type }),
      });
      continue;
    }
    accepted.push({ path, entry: e });
  }
  // The collector puts everything under one folder named after the bundle; strip it (but not
  // one of the layout's own folders, as in a bundle that only has host/ files).
  const firsts = new Set(accepted.map((a) => a.path.split('/')[0]));
  const [only] = firsts;
  if (firsts.size === 1 && !LAYOUT_DIRS.has(only!) && accepted.every((a) => a.path.includes('/'))) {
    for (const a of accepted) a.path = a.path.slice(a.path.indexOf('/') + 1);
  }
  const seen = new Map<string, number>();
  const files: BundleFile[] = [];
  for (const { path, entry } of accepted) {
    const n = (seen.get(path) ?? 0) + 1;
    seen.set(path, n);
    const finalPath = n === 1 ? path : `${path}~${n}`;
    if (n > 1)
      warnings.push({
        severity: 'warning',
        file: path,
        ...coded('duplicate', { path, copy: finalPath }),
      });
    const data = entry.data ?? Buffer.alloc(0);
    const { text, encoding } = decode(data);
    if (encoding !== 'utf8')
      warnings.push({
        severity: 'warning',
        file: finalPath,
        ...coded(encoding === 'binary' ? 'binary' : 'invalid-utf8'),
      });
    if (entry.truncated)
      warnings.push({
        severity: 'warning',
        file: finalPath,
        ...coded('truncated-entry', { read: data.length, size: entry.size }),
      });
    files.push({ path: finalPath, size: entry.size, text, encoding, truncated: !!entry.truncated });
  }
  return files;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const looseUtf8 = new TextDecoder('utf-8');

function decode(data: Buffer): { text: string; encoding: BundleFile['encoding'] } {
  const binary = data.includes(0);
  let text: string;
  let valid = true;
  try {
    text = strictUtf8.decode(data);
  } catch {
    valid = false;
    text = looseUtf8.decode(data);
  }
  if (binary) return { text: replaceNul(text), encoding: 'binary' };
  return { text, encoding: valid ? 'utf8' : 'invalid-utf8' };
}

const utf16 = new TextDecoder('utf-16le');

/** NUL -> U+FFFD, code unit by code unit: `replaceAll` takes seconds on 16 MiB of zeros (a bomb). */
function replaceNul(text: string): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    units[i] = c === 0 ? 0xfffd : c;
  }
  return utf16.decode(units);
}

/** `containers/<name>/<id>.out` -> a command run; see "Bundles without a manifest". */
export function inferCommand(path: string): CommandRun | undefined {
  const m = /^(?:(.*)\/)?([^/]+?)\.(out|txt|json)$/.exec(path);
  if (!m) return undefined;
  const dir = m[1] ?? '';
  const id = m[2]!;
  let scope = 'host';
  const c = /^(containers|netns)\/([^/]+)/.exec(dir);
  if (c) scope = `${c[1] === 'containers' ? 'container' : 'netns'}:${c[2]}`;
  return { id, scope, command: '', exitCode: null, durationMs: null, stdout: path, inferred: true };
}
