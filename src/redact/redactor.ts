/**
 * `--redact`: consistent pseudonyms for what identifies a host, like `sos clean`. One Redactor
 * serves a whole run, so a value gets the same pseudonym in every step, output and format:
 *
 *   dh-home2            -> host0          (host names; corp.example.de -> domain0.example)
 *   81.169.145.10       -> 203.0.113.10   (public IPv4: the /24 is replaced, the last octet kept)
 *   2a01:4f8:1c1c:a::1  -> 2001:db8:1:a::1 (public IPv6: the /48 is replaced, the rest kept)
 *   02:42:ac:11:00:02   -> 02:00:00:00:00:01 (MACs: locally administered, unique, numbered)
 *   /home/alice/shop    -> /redacted/compose0 (Compose working dirs), /home/user0 (home dirs)
 *
 * What is kept and why: src/redact/rules.ts and docs/redaction.md. Replacements keep what parsers
 * need: MACs keep their length and format (also inside bridge ids `8000.0242ac110002` and EUI-64
 * IPv6 interface ids), addresses keep their family and prefix length, and a replacement of another
 * length gives its difference back to the next run of two or more spaces on the same line, so
 * columns cut by position (`docker node ls`) stay aligned. Pseudonyms never contain a quote or a
 * backslash, so JSON stays valid.
 *
 * Use: `observe()` every text first (it learns which pseudonyms are already taken by the input),
 * `addHostname()` / `addComposePath()` what discovery found, then `text()` rewrites.
 */
import { isIPv4 } from 'node:net';
import { type Lang, type MessageId, translator } from '../i18n/index.js';
import { eui64Groups, eui64Mac, v6Groups, v6Text } from './ipv6.js';
import { isPublicIPv4, isPublicIPv6, isRedactableName, isRedactedMac } from './rules.js';

export const REDACTION_KINDS = ['hostname', 'domain', 'ipv4', 'ipv6', 'mac', 'path'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** What a report says about its redaction; never the originals (that is `RedactionMap`). */
export interface RedactionSummary {
  /** Per kind: distinct values replaced and how many times a replacement was made. */
  kinds: { kind: RedactionKind; values: number; occurrences: number }[];
  /** What is deliberately not redacted, in words. */
  kept: string[];
}

/** original -> pseudonym, per kind: it un-redacts, so it is only written with `--redact-map`. */
export type RedactionMap = Record<RedactionKind, Record<string, string>>;

/** What is kept, each said by the catalogs' `red.kept.<id>` (src/redact/summary-text.ts). */
export const KEPT = ['special-addresses', 'names', 'macs', 'generic-hosts', 'users'] as const;

/** What is deliberately not redacted, in `lang`. */
export function keptText(lang: Lang = 'en'): string[] {
  const t = translator(lang);
  return KEPT.map((id) => t(`red.kept.${id}` as MessageId));
}

/** The pools pseudonym /24 blocks are taken from, in order (all kept ranges, see rules.ts). */
function* v4Blocks(): Generator<string> {
  yield '203.0.113';
  yield '198.51.100';
  yield '192.0.2';
  for (let b = 18; b <= 19; b++) for (let c = 0; c < 256; c++) yield `198.${b}.${c}`;
  for (let a = 240; a <= 254; a++)
    for (let b = 0; b < 256; b++) for (let c = 0; c < 256; c++) yield `${a}.${b}.${c}`;
}

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const V4 = String.raw`(?<![0-9A-Za-z.])${OCTET}(?:\.${OCTET}){3}(?![0-9A-Za-z]|\.\d)`;
const HEX2 = '[0-9A-Fa-f]{2}';
const MAC = `(?<![0-9A-Za-z:])${HEX2}(?::${HEX2}){5}(?![0-9A-Za-z:])`;
/** A bridge id: priority, a dot, the MAC as 12 hex digits (brctl) or unpadded with colons (ip -d). */
const BRIDGE_ID = String.raw`(?<![0-9A-Za-z.:])[0-9A-Fa-f]{4}\.(?:[0-9A-Fa-f]{12}|[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5})(?![0-9A-Za-z:])`;
const V6 = String.raw`(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?![0-9A-Za-z])`;
const HOME = `(?<=/(?:home|Users)/)[A-Za-z0-9._-]+(?![A-Za-z0-9._-])`;

const OBSERVE =
  /\b(?:((?:host|domain|compose|user)\d+)\b|(203\.0\.113|198\.51\.100|192\.0\.2|198\.1[89]\.\d+|2[45]\d\.\d+\.\d+)\.\d+|(02:00:00(?::[0-9a-f]{2}){3})\b|2001:0?db8:([0-9a-f]{1,4}):)/gi;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Directories too common to stand for one project (a Compose file right in /srv). */
const COMMON_DIRS = new Set([
  '/',
  '/root',
  '/srv',
  '/opt',
  '/home',
  '/tmp',
  '/var',
  '/etc',
  '/usr',
  '/mnt',
  '/data',
]);

export class Redactor {
  private readonly names = new Map<string, string>();
  private readonly domains = new Map<string, string>();
  private readonly dirs = new Map<string, string>();
  private readonly v4 = new Map<string, string>();
  private readonly v6 = new Map<string, number[]>();
  private readonly macs = new Map<string, string>();
  private readonly users = new Map<string, string>();
  /** Tokens the input already holds, which a pseudonym must not repeat. */
  private readonly taken = new Set<string>();
  private readonly counts = new Map<RedactionKind, number>();
  private readonly map: RedactionMap = {
    hostname: {},
    domain: {},
    ipv4: {},
    ipv6: {},
    mac: {},
    path: {},
  };
  private blocks = v4Blocks();
  /** Matches known to stay as they are (kept addresses, group MACs). */
  private readonly kept = new Set<string>();
  private regex: RegExp | undefined;

  /** Learn the pseudonym-like tokens of a text (203.0.113.x, host3, 02:00:00:...) before any rewrite. */
  observe(text: string): void {
    // One scan (a big host has megabytes of outputs): pseudonym-like words, IPv4 addresses in the
    // pseudonym blocks, 02:00:00:... MACs, 2001:db8:N: prefixes.
    OBSERVE.lastIndex = 0;
    for (let m = OBSERVE.exec(text); m; m = OBSERVE.exec(text)) {
      const [all, word, v4block, mac, v6n] = m;
      if (word) this.taken.add(word.toLowerCase());
      else if (v4block) this.taken.add(v4block);
      else if (mac) this.taken.add(mac.toLowerCase());
      else if (v6n) this.taken.add(`v6:${Number.parseInt(v6n, 16)}`);
      else if (all === '') OBSERVE.lastIndex++;
    }
  }

  /**
   * A host name (or FQDN) found by discovery; generic and short names are left alone. An FQDN
   * also registers its first label and its domain, unless `split` is false (names of other hosts
   * in /etc/hosts, whose first label may be a common word).
   */
  addHostname(raw: string, opts: { split?: boolean } = {}): void {
    const name = raw.trim().toLowerCase().replace(/\.$/, '');
    if (!isRedactableName(name) || this.names.has(name)) return;
    const dot = name.indexOf('.');
    if (dot > 0 && opts.split !== false) {
      const short = name.slice(0, dot);
      const domain = name.slice(dot + 1);
      if (isRedactableName(short)) this.addHostname(short);
      this.addDomain(domain);
      const s = this.names.get(short) ?? short;
      const d = this.domains.get(domain) ?? domain;
      this.names.set(name, `${s}.${d}`);
    } else {
      this.names.set(name, this.fresh('host'));
    }
    this.regex = undefined;
  }

  /** A DNS search domain or the domain of an FQDN: `corp.example.de` -> `domain0.example`. */
  addDomain(raw: string): void {
    const domain = raw.trim().toLowerCase().replace(/\.$/, '');
    // Single labels (lan, local, home) and generic ones name no one.
    if (!domain.includes('.') || !isRedactableName(domain) || this.domains.has(domain)) return;
    this.domains.set(domain, `${this.fresh('domain')}.example`);
    this.regex = undefined;
  }

  /** A Compose working directory or the folder of a Compose file (label values). */
  addComposePath(raw: string, isFile: boolean): void {
    let dir = raw.trim().replace(/\/+$/, '');
    if (!dir.startsWith('/')) return;
    if (isFile) dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
    if (COMMON_DIRS.has(dir) || this.dirs.has(dir)) return;
    // A Compose file in a subfolder of a known project keeps that project's pseudonym.
    for (const known of this.dirs.keys()) if (dir.startsWith(`${known}/`)) return;
    this.dirs.set(dir, `/redacted/${this.fresh('compose')}`);
    this.regex = undefined;
  }

  /** The text with every identifying value replaced by its pseudonym. */
  text(input: string): string {
    // One compiled expression reused with exec(): matchAll() would clone it on every call, which
    // costs more than the scan on the thousands of short texts (paths, commands) of a big host.
    const re = this.compiled();
    re.lastIndex = 0;
    let out = '';
    let pos = 0;
    let debt = 0;
    for (let m = re.exec(input); m; m = re.exec(input)) {
      const replacement = this.replace(m);
      if (replacement === undefined || replacement === m[0]) continue;
      out += this.settle(input.slice(pos, m.index), debt, (d) => {
        debt = d;
      });
      out += replacement;
      debt += replacement.length - m[0].length;
      pos = m.index + m[0].length;
    }
    if (pos === 0) return input;
    out += this.settle(input.slice(pos), debt, () => undefined);
    return out;
  }

  /** Give `debt` columns back (or take them) at the runs of 2+ spaces of `gap`, up to its first newline. */
  private settle(gap: string, debt: number, left: (d: number) => void): string {
    if (debt === 0) return gap;
    let d = debt;
    const nl = gap.indexOf('\n');
    const line = nl < 0 ? gap : gap.slice(0, nl);
    const fixed = line.replace(/ {2,}/g, (run) => {
      if (d === 0) return run;
      const len = Math.max(2, run.length - d);
      d -= run.length - len;
      return ' '.repeat(len);
    });
    left(nl < 0 ? d : 0);
    return nl < 0 ? fixed : fixed + gap.slice(nl);
  }

  private compiled(): RegExp {
    if (this.regex) return this.regex;
    const literal = (keys: Iterable<string>) =>
      [...keys].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRe);
    const names = literal([...this.names.keys(), ...this.domains.keys()]);
    const dirs = literal(this.dirs.keys());
    const parts = [
      `(?<bridge>${BRIDGE_ID})`,
      `(?<mac>${MAC})`,
      `(?<v6>${V6})`,
      `(?<v4>${V4})`,
      ...(dirs.length ? [`(?<dir>(?:${dirs.join('|')})(?![A-Za-z0-9._-]))`] : []),
      `(?<home>${HOME})`,
      ...(names.length ? [`(?<name>(?<![A-Za-z0-9])(?:${names.join('|')})(?![A-Za-z0-9]))`] : []),
    ];
    // Every alternative starts a token (no letter or digit before it) with a letter, digit, : or /:
    // checked once per position before the alternatives, it makes the scan about twice as fast.
    this.regex = new RegExp(`(?<![0-9A-Za-z])(?=[0-9A-Za-z:/])(?:${parts.join('|')})`, 'gi');
    return this.regex;
  }

  private replace(m: RegExpMatchArray): string | undefined {
    const g = m.groups ?? {};
    // Most addresses of a big host repeat and are kept (172.17.0.2 in a dozen outputs): a value
    // that is kept is remembered as such, without classifying it again.
    if (this.kept.has(m[0])) return undefined;
    let out: string | undefined;
    if (g['bridge']) out = this.bridgeId(g['bridge']);
    else if (g['mac']) out = this.mac(g['mac']);
    else if (g['v6']) out = this.ipv6(g['v6']);
    else if (g['v4']) out = this.ipv4(g['v4']);
    else return this.replaceWord(g);
    if (out === m[0] && this.kept.size < 1_000_000) this.kept.add(m[0]);
    return out;
  }

  private replaceWord(g: Record<string, string | undefined>): string | undefined {
    if (g['dir']) return this.count('path', g['dir'], this.dirs.get(g['dir']) ?? this.lookupDir(g['dir']));
    if (g['home']) return this.home(g['home']);
    if (g['name']) {
      const key = g['name'].toLowerCase();
      const kind = this.names.has(key) ? 'hostname' : 'domain';
      return this.count(kind, key, this.names.get(key) ?? this.domains.get(key)!);
    }
    return undefined;
  }

  private lookupDir(text: string): string {
    for (const [k, v] of this.dirs) if (k.toLowerCase() === text.toLowerCase()) return v;
    return text;
  }

  private count(kind: RedactionKind, original: string, pseudonym: string): string {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.map[kind][original] = pseudonym;
    return pseudonym;
  }

  /** The next `hostN`, `domainN`... that the input does not already hold. */
  private fresh(prefix: string): string {
    const used = new Set(
      [...this.names.values(), ...this.domains.values(), ...this.dirs.values(), ...this.users.values()].map(
        (v) => v.replace(/^.*\//, '').replace(/\..*$/, ''),
      ),
    );
    for (let n = 0; ; n++) {
      const p = `${prefix}${n}`;
      if (!this.taken.has(p) && !used.has(p)) return p;
    }
  }

  /** A MAC's pseudonym as six bytes (the map is keyed by the lowercase, zero-padded text). */
  private macBytes(bytes: number[]): number[] {
    const key = bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
    let p = this.macs.get(key);
    if (!p) {
      let n = this.macs.size + 1;
      const make = (k: number) =>
        `02:00:00:${[(k >> 16) & 0xff, (k >> 8) & 0xff, k & 0xff].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
      while (this.taken.has(make(n))) n++;
      p = make(n);
      this.macs.set(key, p);
      // Uniqueness also against the inputs' own 02:00:00:... MACs.
      this.taken.add(p);
    }
    this.count('mac', key, p);
    return p.split(':').map((h) => Number.parseInt(h, 16));
  }

  private mac(text: string): string {
    if (!isRedactedMac(text)) return text;
    const bytes = this.macBytes(text.split(':').map((h) => Number.parseInt(h, 16)));
    const out = bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
    return text === text.toUpperCase() && /[A-F]/.test(text) ? out.toUpperCase() : out;
  }

  /** `8000.0242ac110002` (brctl) or `8000.2:42:ac:11:0:2` (ip -d link): the MAC part only. */
  private bridgeId(text: string): string {
    const [prio, mac] = text.split('.') as [string, string];
    const bytes = mac.includes(':')
      ? mac.split(':').map((h) => Number.parseInt(h, 16))
      : (mac.match(/../g) ?? []).map((h) => Number.parseInt(h, 16));
    const asText = bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
    if (!isRedactedMac(asText)) return text;
    const p = this.macBytes(bytes);
    const out = mac.includes(':')
      ? p.map((b) => b.toString(16)).join(':')
      : p.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${prio}.${mac === mac.toUpperCase() && /[A-F]/.test(mac) ? out.toUpperCase() : out}`;
  }

  /** A public IPv4 address: its /24 gets a documentation block, the last octet stays. */
  ipv4(text: string): string {
    if (!isPublicIPv4(text)) return text;
    const dot = text.lastIndexOf('.');
    const block = text.slice(0, dot);
    let p = this.v4.get(block);
    if (!p) {
      for (let next = this.blocks.next(); !next.done; next = this.blocks.next()) {
        if (!this.taken.has(next.value)) {
          p = next.value;
          break;
        }
      }
      if (!p) throw new Error('redaction: no IPv4 pseudonym block left');
      this.v4.set(block, p);
    }
    return this.count('ipv4', text, `${p}${text.slice(dot)}`);
  }

  /** Groups of an IPv6 address, redacted: the public /48 replaced, an EUI-64 interface id remapped. */
  ipv6Groups(groups: number[]): { groups: number[]; changed: boolean } {
    let out = [...groups];
    let changed = false;
    const text = v6Text(groups);
    if (isPublicIPv6(text)) {
      const key = groups.slice(0, 3).join(':');
      let prefix = this.v6.get(key);
      if (!prefix) {
        let n = this.v6.size + 1;
        while (this.taken.has(`v6:${n}`)) n++;
        this.taken.add(`v6:${n}`);
        prefix = [0x2001, 0xdb8, n];
        this.v6.set(key, prefix);
      }
      out = [...prefix, ...out.slice(3)];
      changed = true;
    }
    const mac = eui64Mac(out);
    if (mac && isRedactedMac(mac.map((b) => b.toString(16).padStart(2, '0')).join(':'))) {
      out = [...out.slice(0, 4), ...eui64Groups(this.macBytes(mac))];
      changed = true;
    }
    if (changed && isPublicIPv6(text)) this.count('ipv6', text, v6Text(out));
    return { groups: out, changed };
  }

  private ipv6(text: string): string {
    const groups = v6Groups(text);
    if (!groups) return text;
    // IPv4-mapped (::ffff:a.b.c.d): judged and rewritten as the IPv4 address it carries.
    const mapped = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (mapped && isIPv4(mapped[2]!)) return `${mapped[1]}${this.ipv4(mapped[2]!)}`;
    const r = this.ipv6Groups(groups);
    return r.changed ? v6Text(r.groups) : text;
  }

  private home(user: string): string {
    let p = this.users.get(user);
    if (!p) {
      p = this.fresh('user');
      this.users.set(user, p);
    }
    this.count('path', `~${user}`, `~${p}`);
    return p;
  }

  /** Counts per kind for the report and the zip; what is kept in the report's language. */
  summary(lang: Lang = 'en'): RedactionSummary {
    return {
      kinds: REDACTION_KINDS.map((kind) => ({
        kind,
        values: Object.keys(this.map[kind]).length,
        occurrences: this.counts.get(kind) ?? 0,
      })),
      kept: keptText(lang),
    };
  }

  /** original -> pseudonym (un-redacts: only for `--redact-map`). */
  pseudonyms(): RedactionMap {
    return JSON.parse(JSON.stringify(this.map)) as RedactionMap;
  }
}
