/**
 * manifest.json (docs/bundle-format.md): validated field by field. A bad field is a warning and
 * a default, never a failed read: a half-broken manifest still leaves every file readable.
 */
import { type Coded, coded } from '../i18n/coded.js';
import { sanitizePath } from './raw-entry.js';
import type { BundleMeta, BundleWarning, CommandRun, ScopeInfo, ScopeKind } from './types.js';

export const FORMAT_NAME = 'dockernet-bundle';
export const FORMAT_VERSION = 1;

type Json = unknown;

function str(v: Json): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: Json): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function obj(v: Json): Record<string, Json> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Json>) : undefined;
}

/** `host`, `container:<name>`, `netns:<name>` -> kind and name; anything else is kept as host-like. */
export function parseScope(scope: string): { kind: ScopeKind; name: string } {
  const m = /^(container|netns):(.+)$/.exec(scope);
  if (m) return { kind: m[1] as ScopeKind, name: m[2]! };
  return { kind: 'host', name: 'host' };
}

export function emptyMeta(): BundleMeta {
  return {
    formatVersion: null,
    collector: { name: 'unknown', version: '' },
    hostname: '',
    capturedAt: null,
    step: '',
    scopes: {},
  };
}

export function parseManifest(
  text: string,
  file = 'manifest.json',
): { meta: BundleMeta; commands: CommandRun[]; warnings: BundleWarning[] } {
  const warnings: BundleWarning[] = [];
  const warn = (c: Coded) => warnings.push({ severity: 'warning', file, ...c });
  const meta = emptyMeta();
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (e) {
    warnings.push({
      severity: 'error',
      file,
      ...coded('manifest-not-json', { error: (e as Error).message }),
    });
    return { meta, commands: [], warnings };
  }
  const m = obj(data);
  if (!m) {
    warnings.push({ severity: 'error', file, ...coded('manifest-not-object') });
    return { meta, commands: [], warnings };
  }
  if (m.format !== FORMAT_NAME)
    warn(coded('manifest-format', { found: JSON.stringify(m.format) ?? 'undefined', expected: FORMAT_NAME }));
  const version = num(m.formatVersion);
  meta.formatVersion = version ?? null;
  if (version === undefined) warn(coded('manifest-no-version'));
  else if (Math.floor(version) > FORMAT_VERSION)
    warn(coded('manifest-newer', { version, supported: FORMAT_VERSION }));
  const collector = obj(m.collector);
  meta.collector = { name: str(collector?.name) ?? 'unknown', version: str(collector?.version) ?? '' };
  meta.hostname = str(m.hostname) ?? '';
  const at = str(m.capturedAt);
  if (at !== undefined && Number.isNaN(Date.parse(at)))
    warn(coded('manifest-date', { value: JSON.stringify(at) }));
  meta.capturedAt = at !== undefined && !Number.isNaN(Date.parse(at)) ? at : null;
  meta.step = str(m.step) ?? '';
  const user = obj(m.user);
  if (user) meta.user = { uid: num(user.uid), name: str(user.name) };
  const comment = str(m.comment);
  if (comment) meta.comment = comment;

  const hostInode = num(m.hostNetnsInode);
  if (hostInode !== undefined) meta.hostNetnsInode = hostInode;
  const scopes = obj(m.scopes) ?? {};
  for (const [key, value] of Object.entries(scopes)) {
    const s = obj(value);
    if (!s) continue;
    const parsed = parseScope(key);
    const info: ScopeInfo = { kind: parsed.kind, name: str(s.name) ?? parsed.name };
    const id = str(s.id);
    if (id) info.id = id;
    const pid = num(s.pid);
    if (pid !== undefined) info.pid = pid;
    const inode = num(s.netnsInode);
    if (inode !== undefined) info.netnsInode = inode;
    for (const k of ['networkMode', 'sandboxKey', 'path', 'method', 'sameAs'] as const) {
      const v = str(s[k]);
      if (v !== undefined) info[k] = v;
    }
    // `stale` is true or the reason the collector gave.
    if (s.stale === true) info.stale = str(s.staleWhy) ?? 'not a namespace';
    else if (str(s.stale)) info.stale = str(s.stale)!;
    meta.scopes[key] = info;
  }

  const commands: CommandRun[] = [];
  const list = Array.isArray(m.commands) ? m.commands : [];
  if (!Array.isArray(m.commands)) warn(coded('manifest-no-commands'));
  list.forEach((entry: Json, i: number) => {
    const c = obj(entry);
    const id = str(c?.id);
    if (!c || !id) {
      warn(coded('manifest-no-id', { i }));
      return;
    }
    const run: CommandRun = {
      id,
      scope: str(c.scope) ?? 'host',
      command: str(c.command) ?? '',
      exitCode: num(c.exitCode) ?? null,
      durationMs: num(c.durationMs) ?? null,
    };
    for (const key of ['stdout', 'stderr'] as const) {
      const p = str(c[key]);
      if (p === undefined) continue;
      const clean = sanitizePath(p);
      if (clean === undefined)
        warn(coded('manifest-bad-path', { i, id, stream: key, path: JSON.stringify(p) }));
      else run[key] = clean;
    }
    if (c.truncated === true) run.truncated = true;
    const skipped = str(c.skipped);
    if (skipped !== undefined) run.skipped = skipped;
    commands.push(run);
  });
  return { meta, commands, warnings };
}
