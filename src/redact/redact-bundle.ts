/**
 * `--redact` on bundles, right after they are read and before anything parses them, so every
 * derived text (model, answers, findings, figures, JSON, Markdown, HTML, PDF, the raw appendix and
 * the bundles in the zip) inherits the pseudonyms. Two passes over all the steps of a run:
 *
 * 1. `discoverRedactions`: what to redact that no pattern can recognise, namely host names (the
 *    manifest's `hostname`, `hostname` files, `uname -a`, `docker info`'s Name, `docker node ls`'s HOSTNAME,
 *    the names of the host's /etc/hosts, the DNS search domains of its resolv.conf) and Compose
 *    project folders (labels `com.docker.compose.project.working_dir` and `.config_files`); and
 *    which pseudonyms the inputs already hold, so that none is given twice.
 * 2. `redactBundle`: every string of the Bundle (file texts and paths, manifest, commands,
 *    warnings, the source path) through one Redactor; the hex addresses of /proc/net too.
 */
import type { Bundle, BundleFile, CommandRun } from '../bundle/types.js';
import { findParser } from '../parsers/index.js';
import { v6Groups } from './ipv6.js';
import type { Redactor } from './redactor.js';

/** The command ids whose output names the host (or its peers) where no pattern can find it. */
function outputsOf(bundle: Bundle, id: string, scope = 'host'): BundleFile[] {
  const paths = new Set(
    bundle.commands.filter((c) => c.id === id && c.scope === scope && c.stdout).map((c) => c.stdout!),
  );
  return bundle.files.filter((f) => paths.has(f.path));
}

export function discoverRedactions(bundles: readonly Bundle[], r: Redactor): void {
  for (const b of bundles) {
    for (const f of b.files) r.observe(f.text);
    r.observe(b.source);
  }
  for (const b of bundles) {
    if (b.meta.hostname) r.addHostname(b.meta.hostname);
    for (const f of b.files)
      if (/^(host\/)?hostname(\.out)?$/.test(f.path)) r.addHostname(f.text.trim().split('\n')[0] ?? '');
    // docker info names the engine's host: `Name: x` at the top level (one space of indent at
    // most; deeper `Name:` lines belong to plugins), and `.Name` of its JSON.
    for (const f of outputsOf(b, 'docker-info'))
      for (const m of f.text.matchAll(/^ ?Name:\s*(\S+)\s*$/gm)) r.addHostname(m[1]!);
    for (const f of outputsOf(b, 'docker-info-json')) {
      try {
        const name = (JSON.parse(f.text) as { Name?: unknown }).Name;
        if (typeof name === 'string') r.addHostname(name);
      } catch {
        // Not JSON (an error message): nothing to learn.
      }
    }
    // `uname -a`: Linux <hostname> <release> ... (the only place a manifest-less capture may name it).
    for (const f of outputsOf(b, 'uname')) {
      const m = /^\S+\s+(\S+)\s/.exec(f.text);
      if (m) r.addHostname(m[1]!);
    }
    const nodeLs = findParser('docker-node-ls');
    for (const f of outputsOf(b, 'docker-node-ls'))
      for (const n of nodeLs?.parse(f.text).records ?? [])
        r.addHostname((n as { hostname: string }).hostname);
    // Other hosts named in the host's /etc/hosts: only names that cannot be a common word (with a
    // dot or a digit: nas.fritz.box, web01), whole. A bare `proxy` there would otherwise turn
    // every docker-proxy into docker-host1.
    for (const f of outputsOf(b, 'etc-hosts')) {
      for (const line of f.text.split('\n')) {
        const words = line.replace(/#.*/, '').trim().split(/\s+/);
        for (const name of words.slice(1)) {
          if (b.meta.hostname && name.toLowerCase() === b.meta.hostname.toLowerCase()) continue;
          if (/[.\d]/.test(name)) r.addHostname(name, { split: false });
        }
      }
    }
    for (const f of outputsOf(b, 'resolv-conf'))
      for (const m of f.text.matchAll(/^\s*(?:search|domain)\s+(.+)$/gm))
        for (const d of m[1]!.trim().split(/\s+/)) r.addDomain(d);
    for (const f of b.files) discoverCompose(f.text, r);
  }
}

const COMPOSE_JSON = /"com\.docker\.compose\.project\.(working_dir|config_files)"\s*:\s*"([^"]*)"/g;
const COMPOSE_KV = /com\.docker\.compose\.project\.(working_dir|config_files)=([^\s"]+)/g;

/** Compose folders from label values; working dirs first, so a file inside one maps under it. */
function discoverCompose(text: string, r: Redactor): void {
  if (!text.includes('com.docker.compose.project.')) return;
  const found: { kind: string; value: string }[] = [];
  for (const re of [COMPOSE_JSON, COMPOSE_KV])
    for (const m of text.matchAll(re)) found.push({ kind: m[1]!, value: m[2]! });
  found.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'working_dir' ? -1 : 1));
  for (const { kind, value } of found) {
    // config_files is a comma-separated list; in `docker ps --format` labels a comma also ends it.
    for (const v of value.split(',')) r.addComposePath(v, kind === 'config_files');
  }
}

/** Every string of a plain JSON-like value, keys included, through `f`. */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[f(k)] = mapStrings(v, f);
    return out as T;
  }
  return value;
}

/** The Bundle with every identifying value replaced; line structure is never changed. */
export function redactBundle(bundle: Bundle, r: Redactor): Bundle {
  const hexKind = new Map<string, 'sockets' | 'route' | 'if-inet6'>();
  for (const c of bundle.commands as CommandRun[]) {
    if (!c.stdout) continue;
    if (/^proc-net-(tcp|udp|raw)6?$/.test(c.id)) hexKind.set(c.stdout, 'sockets');
    else if (c.id === 'proc-net-route') hexKind.set(c.stdout, 'route');
    else if (c.id === 'proc-net-if-inet6') hexKind.set(c.stdout, 'if-inet6');
  }
  const files = bundle.files.map((f) => {
    const kind = hexKind.get(f.path);
    const text = kind ? redactHex(f.text, kind, r) : f.text;
    return { ...f, path: r.text(f.path), text: r.text(text) };
  });
  const { files: _files, ...rest } = bundle;
  return { ...mapStrings(rest, (s) => r.text(s)), files };
}

/**
 * /proc/net prints addresses as hex: IPv4 as one host-order (little-endian) word, IPv6 in
 * /proc/net/{tcp,udp,raw}6 as four such words, and in /proc/net/if_inet6 as plain bytes. Each
 * is decoded, redacted like its text form and written back in the same width and byte order.
 */
export function redactHex(text: string, kind: 'sockets' | 'route' | 'if-inet6', r: Redactor): string {
  if (kind === 'if-inet6')
    return text.replace(/^([0-9a-fA-F]{32})(?=\s)/gm, (hex) => v6Hex(hex, false, r) ?? hex);
  if (kind === 'route')
    return text.replace(/^(\S+\t)([0-9A-Fa-f]{8})(\t)([0-9A-Fa-f]{8})/gm, (_, i, d, t, g) => {
      return `${i}${v4Hex(d, r)}${t}${v4Hex(g, r)}`;
    });
  return text.replace(
    /(?<=[\s:])([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})(?=\s)/g,
    (_all, hex, port) =>
      hex.length === 8 ? `${v4Hex(hex, r)}:${port}` : `${v6Hex(hex, true, r) ?? hex}:${port}`,
  );
}

/** Little-endian words of 8 hex digits -> bytes in network order, and back. */
function wordsToBytes(hex: string, littleEndian: boolean): number[] {
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex
      .slice(w, w + 8)
      .match(/../g)!
      .map((h) => Number.parseInt(h, 16));
    bytes.push(...(littleEndian ? word.reverse() : word));
  }
  return bytes;
}

function bytesToWords(bytes: number[], littleEndian: boolean, upper: boolean): string {
  let out = '';
  for (let w = 0; w < bytes.length; w += 4) {
    const word = bytes.slice(w, w + 4);
    out += (littleEndian ? word.reverse() : word).map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  return upper ? out.toUpperCase() : out;
}

function v4Hex(hex: string, r: Redactor): string {
  const upper = /[A-F]/.test(hex) || !/[a-f]/.test(hex);
  const dotted = wordsToBytes(hex, true).join('.');
  const out = r.ipv4(dotted);
  if (out === dotted) return hex;
  return bytesToWords(out.split('.').map(Number), true, upper);
}

function v6Hex(hex: string, littleEndian: boolean, r: Redactor): string | undefined {
  const bytes = wordsToBytes(hex, littleEndian);
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  // IPv4-mapped sockets of a dual-stack listener: the IPv4 part decides.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const dotted = bytes.slice(12).join('.');
    const out = r.ipv4(dotted);
    if (out === dotted) return undefined;
    const nb = [...bytes.slice(0, 12), ...out.split('.').map(Number)];
    return bytesToWords(nb, littleEndian, /[A-F]/.test(hex));
  }
  if (!v6Groups(groups.map((g) => g.toString(16)).join(':'))) return undefined;
  const red = r.ipv6Groups(groups);
  if (!red.changed) return undefined;
  const nb = red.groups.flatMap((g) => [g >> 8, g & 0xff]);
  return bytesToWords(nb, littleEndian, /[A-F]/.test(hex));
}
