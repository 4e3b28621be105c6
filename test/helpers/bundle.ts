/**
 * Test-side view of a collector bundle: every regular file of the .tar.gz in memory (the top
 * folder stripped), the manifest as the collector writes it, and a checker for the manifest's
 * contract (docs/bundle-format.md). Independent of src/bundle on purpose: these tests pin what
 * the collector writes, whatever the reader does with it.
 */
import { list, type ReadEntry } from 'tar';

export interface ManifestCommand {
  id: string;
  scope: string;
  command: string;
  exitCode: number | null;
  durationMs: number;
  stdout?: string;
  stderr?: string;
  truncated?: boolean;
  skipped?: string;
}

export interface ManifestScope {
  kind: 'container' | 'netns';
  name: string;
  id?: string;
  pid?: number;
  netnsInode?: number;
  networkMode?: string;
  sandboxKey?: string;
  path?: string;
  method?: 'nsenter' | 'procfs';
  sameAs?: string;
  /** A file under <exec-root>/netns with no namespace mounted on it. */
  stale?: boolean;
  staleWhy?: string;
}

export interface Manifest {
  format: string;
  formatVersion: number;
  collector: { name: string; version: string };
  hostname: string;
  capturedAt: string;
  step: string;
  user: { uid: number | null; name: string };
  comment?: string;
  durationMs: number;
  hostNetnsInode: number | null;
  options: Record<string, string | number | boolean>;
  scopes: Record<string, ManifestScope>;
  commands: ManifestCommand[];
}

export interface LoadedBundle {
  /** The archive's top-level folder. */
  top: string;
  /** Regular files by bundle-relative path. */
  files: Map<string, string>;
  /** Entries that are not regular files or folders (there should be none). */
  odd: string[];
  manifest: Manifest;
}

export async function loadBundle(file: string): Promise<LoadedBundle> {
  const files = new Map<string, string>();
  const odd: string[] = [];
  const tops = new Set<string>();
  await list({
    file,
    onReadEntry: (entry: ReadEntry) => {
      const [top, ...rest] = entry.path.split('/');
      tops.add(top ?? '');
      const rel = rest.join('/');
      if (entry.type === 'File') {
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => files.set(rel, Buffer.concat(chunks).toString('utf8')));
      } else {
        if (entry.type !== 'Directory') odd.push(`${entry.type} ${entry.path}`);
        entry.resume();
      }
    },
  });
  if (tops.size !== 1) throw new Error(`${file}: expected one top-level folder, got ${[...tops].join(', ')}`);
  const text = files.get('manifest.json');
  if (text === undefined) throw new Error(`${file}: no manifest.json`);
  return { top: [...tops][0]!, files, odd, manifest: JSON.parse(text) as Manifest };
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Every way the manifest breaks the format's contract; empty when it is fine. */
export function manifestProblems(b: LoadedBundle): string[] {
  const p: string[] = [];
  const m = b.manifest;
  if (m.format !== 'dockernet-bundle') p.push(`format is ${m.format}`);
  if (m.formatVersion !== 1) p.push(`formatVersion is ${m.formatVersion}`);
  if (m.collector?.name !== 'dockernet-collect' || !m.collector.version) p.push('collector name/version');
  if (typeof m.hostname !== 'string' || m.hostname === '') p.push('hostname');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(m.capturedAt)) p.push(`capturedAt ${m.capturedAt}`);
  if (!b.top.startsWith('dockernet-')) p.push(`top folder ${b.top}`);
  if (typeof m.step !== 'string') p.push('step');
  if (!(m.user && (typeof m.user.uid === 'number' || m.user.uid === null))) p.push('user.uid');
  if (typeof m.durationMs !== 'number' || m.durationMs < 0) p.push('durationMs');
  if (!Array.isArray(m.commands) || m.commands.length === 0) p.push('no commands');
  for (const [key, s] of Object.entries(m.scopes ?? {})) {
    if (!/^(container|netns):.+$/.test(key)) p.push(`scope key ${key}`);
    if (`${s.kind}:${s.name}` !== key) p.push(`scope ${key} has kind/name ${s.kind}/${s.name}`);
    if (s.sameAs !== undefined && s.sameAs !== 'host' && !(s.sameAs in m.scopes)) {
      p.push(`scope ${key} is sameAs unknown ${s.sameAs}`);
    }
  }
  const paths = new Set<string>();
  (m.commands ?? []).forEach((c, i) => {
    const at = `commands[${i}] ${c.scope} ${c.id}`;
    if (!KEBAB.test(c.id)) p.push(`${at}: id is not kebab-case`);
    if (c.scope !== 'host' && !(c.scope in (m.scopes ?? {}))) p.push(`${at}: scope not in scopes`);
    if (c.scope !== 'host' && m.scopes[c.scope]?.sameAs) p.push(`${at}: ran in a sameAs scope`);
    if (typeof c.command !== 'string' || c.command === '') p.push(`${at}: command`);
    if (typeof c.durationMs !== 'number' || c.durationMs < 0 || !Number.isInteger(c.durationMs)) {
      p.push(`${at}: durationMs ${c.durationMs}`);
    }
    if (c.skipped !== undefined) {
      if (c.exitCode !== null) p.push(`${at}: skipped but exitCode ${c.exitCode}`);
      if (c.stdout !== undefined) p.push(`${at}: skipped but has stdout`);
      if (!c.skipped) p.push(`${at}: skipped without a reason`);
    } else {
      if (
        typeof c.exitCode !== 'number' ||
        !Number.isInteger(c.exitCode) ||
        c.exitCode < 0 ||
        c.exitCode > 255
      ) {
        p.push(`${at}: exitCode ${c.exitCode}`);
      }
      if (c.stdout === undefined) p.push(`${at}: no stdout`);
      if (c.exitCode !== 0 && c.stderr === undefined && c.stdout !== undefined && !b.files.get(c.stdout)) {
        p.push(`${at}: failed (${c.exitCode}) with no output at all`);
      }
    }
    for (const path of [c.stdout, c.stderr]) {
      if (path === undefined) continue;
      if (!b.files.has(path)) p.push(`${at}: ${path} is not in the archive`);
      if (paths.has(path)) p.push(`${at}: ${path} is used twice`);
      paths.add(path);
      if (path.startsWith('/') || path.split('/').includes('..')) p.push(`${at}: unsafe path ${path}`);
    }
    if (c.stderr !== undefined && b.files.get(c.stderr) === '') p.push(`${at}: empty stderr kept`);
  });
  for (const f of b.files.keys()) {
    if (f !== 'manifest.json' && !paths.has(f)) p.push(`${f} is in the archive but not in the manifest`);
  }
  if (b.odd.length) p.push(`non-regular entries: ${b.odd.join(', ')}`);
  return p;
}

/** The entries of a command id in a scope. */
export function commandsOf(b: LoadedBundle, id: string, scope = 'host'): ManifestCommand[] {
  return b.manifest.commands.filter((c) => c.id === id && c.scope === scope);
}

/** The stdout of the first successful run of `id` in `scope`; throws when there is none. */
export function output(b: LoadedBundle, id: string, scope = 'host'): string {
  const c = commandsOf(b, id, scope).find((x) => x.exitCode === 0 && x.stdout !== undefined);
  if (!c) {
    const tried = commandsOf(b, id, scope)
      .map((x) => `${x.command} -> ${x.exitCode} ${x.skipped ?? ''}`)
      .join('; ');
    throw new Error(`no successful ${id} in ${scope} (${tried || 'never run'})`);
  }
  return b.files.get(c.stdout!) ?? '';
}

/** The sys-class-net listing as records. */
export function sysClassNet(text: string): Record<string, string>[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) =>
      Object.fromEntries(
        l.split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      ),
    );
}

/** `ip addr` interface headers: index, name (without @peer), peer part, and the block's text. */
export function ipAddrBlocks(text: string): { index: number; name: string; peer?: string; block: string }[] {
  const out: { index: number; name: string; peer?: string; block: string }[] = [];
  for (const block of text.split(/\n(?=\d+: )/)) {
    const m = /^(\d+): ([^:@\s]+)(?:@([^:\s]+))?:/.exec(block);
    if (m) out.push({ index: Number(m[1]), name: m[2]!, peer: m[3], block });
  }
  return out;
}
