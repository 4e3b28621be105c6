/**
 * Parser for `nft list ruleset` (also `nft -a list ruleset`, with `# handle N` comments).
 *
 *   table ip nat {
 *   	chain DOCKER {
 *   		iifname != "docker0" tcp dport 60000 counter packets 0 bytes 0 dnat to 172.17.0.2:8080
 *   	}
 *   	chain PREROUTING {
 *   		type nat hook prerouting priority dstnat; policy accept;
 *
 * Records are told apart by `kind`: `table`, `chain`, `rule`, `set`, `map`. Every record has the
 * table's family and name and the line it came from. Things that are not obvious:
 *
 * - Rules keep their raw `text`; the parts the report needs are extracted beside it: interfaces
 *   (`iifname != "docker0"` becomes `notIn`), addresses, ports, `ct state`, the verdict
 *   (`accept`, `jump DOCKER`...), NAT (`dnat to 172.17.0.2:8080`, `masquerade`), counters and
 *   the comment. Anything else stays only in `text`.
 * - Rules that iptables-nft wrote and nft cannot translate print the xtables extension instead:
 *   `xt match "addrtype"`, `xt target "MASQUERADE"` (nft 0.9/1.0) or, newer, a comment in the
 *   middle of the rule (`oifname "docker0" # xt_conntrack counter ...`). Both are listed in `xt`:
 *   such a rule shows only part of what it matches.
 * - `# Warning: table ip nat is managed by iptables-nft, do not touch!` is printed on stderr
 *   before the ruleset; when stderr was merged into the capture it marks that table
 *   (`managedBy: 'iptables-nft'`): its rules are Docker's iptables rules seen through nft.
 * - Set and map elements may wrap over several lines (`elements = { 10.0.0.0/8, 100.64.0.0/10,`
 *   continued on the next line); they are joined. Map elements are split into key and value at
 *   ` : ` (`"docker0" : jump filter-forward-in__docker0`, the verdict maps of Docker's nftables
 *   firewall backend, `table ip docker-bridges`).
 * - Other named objects (flowtable, counter, quota, ct helper, ...) are skipped with one warning
 *   each: the report does not use them.
 * - Empty output is valid: nft prints nothing for an empty ruleset.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

interface NftBase {
  /** ip, ip6, inet, arp, bridge, netdev. */
  family: string;
  table: string;
  /** `nft -a`: the object's handle. */
  handle?: number;
  line: number;
}

export interface NftTable extends NftBase {
  kind: 'table';
  flags?: string[];
  comment?: string;
  /** Set from the `# Warning: table ... is managed by iptables-nft` line. */
  managedBy?: 'iptables-nft';
}

export interface NftChain extends NftBase {
  kind: 'chain';
  chain: string;
  /** Base chains only: filter, nat, route. */
  type?: string;
  hook?: string;
  /** As printed: `dstnat`, `srcnat`, `filter`, `-100`, `filter - 5`. */
  priority?: string;
  policy?: string;
  /** netdev / ingress chains: `device eth0` or `devices = { ... }`. */
  devices?: string[];
  comment?: string;
}

export interface NftRuleMatches {
  in?: string;
  notIn?: string;
  out?: string;
  notOut?: string;
  /** tcp, udp, icmp... from `tcp dport`, `meta l4proto`, `ip protocol`. */
  proto?: string;
  source?: string;
  notSource?: string;
  destination?: string;
  notDestination?: string;
  /** As printed: `60000`, `{ 80, 443 }`, `@published-ports`, `!= 22`. */
  dport?: string;
  sport?: string;
  /** `established,related` (an anonymous set `{ established, related }` is joined the same way). */
  ctstate?: string;
  /** `fib daddr type local`: the nft form of `-m addrtype --dst-type LOCAL`. */
  fibDaddrType?: string;
  fibSaddrType?: string;
  /** Named sets and maps the rule looks up (`@allowed-admin`), without the `@`. */
  sets?: string[];
}

export interface NftRule extends NftBase {
  kind: 'rule';
  chain: string;
  text: string;
  matches: NftRuleMatches;
  /** accept, drop, reject, return, continue, queue, jump, goto, vmap. */
  verdict?: string;
  /** The chain of `jump X` / `goto X`, the map of `vmap @m`. */
  verdictTarget?: string;
  nat?: { type: 'dnat' | 'snat' | 'masquerade' | 'redirect'; to?: string };
  counters?: { packets: number; bytes: number };
  comment?: string;
  /** iptables-nft extensions nft could not translate: `addrtype`, `MASQUERADE`, `xt_conntrack`. */
  xt?: string[];
}

export interface NftSet extends NftBase {
  kind: 'set';
  name: string;
  type?: string;
  flags?: string[];
  elements?: string[];
}

export interface NftMap extends NftBase {
  kind: 'map';
  name: string;
  /** `ifname : verdict`, `ipv4_addr . inet_service : ipv4_addr . inet_service`. */
  type?: string;
  flags?: string[];
  elements?: { key: string; value: string }[];
}

export type NftRecord = NftTable | NftChain | NftRule | NftSet | NftMap;

/** Words of an nft statement: quoted strings and `{ ... }` groups stay whole; `# xt_foo` is one word. */
function words(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      out.push(s.slice(i, j + 1));
      i = j + 1;
    } else if (c === '{') {
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}' && --depth === 0) break;
      }
      out.push(s.slice(i, j + 1));
      i = j + 1;
    } else if (c === '#') {
      const m = /^#\s*\S*/.exec(s.slice(i));
      out.push(m?.[0] ?? '#');
      i += m?.[0].length ?? 1;
    } else {
      const m = /^[^\s"{]+/.exec(s.slice(i));
      out.push(m?.[0] ?? c ?? '');
      i += m?.[0].length ?? 1;
    }
  }
  return out;
}

const unquote = (s: string) => (s.startsWith('"') && s.endsWith('"') && s.length >= 2 ? s.slice(1, -1) : s);

/** `{ established, related }` -> `established,related`; anything else as is. */
const joinSet = (s: string) =>
  s.startsWith('{')
    ? s
        .slice(1, -1)
        .split(',')
        .map((x) => x.trim())
        .join(',')
    : s;

/** Split at commas outside quotes and braces. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '{') depth++;
    else if (!quoted && c === '}') depth--;
    else if (!quoted && depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(start, i).trim());
      start = i + sep.length;
    }
  }
  out.push(s.slice(start).trim());
  return out.filter((x) => x !== '');
}

const VERDICTS = new Set(['accept', 'drop', 'reject', 'return', 'continue', 'queue']);

function readRule(
  text: string,
): Pick<NftRule, 'matches' | 'verdict' | 'verdictTarget' | 'nat' | 'counters' | 'comment' | 'xt'> {
  const w = words(text);
  const matches: NftRuleMatches = {};
  const r: ReturnType<typeof readRule> = { matches };
  const xt: string[] = [];
  const sets: string[] = [];
  /** A value, possibly after `!=` (returns [value, negated, words used]). */
  const valueAt = (i: number): [string, boolean, number] => {
    if (w[i] === '!=') return [w[i + 1] ?? '', true, 2];
    return [w[i] ?? '', false, 1];
  };
  for (let i = 0; i < w.length; i++) {
    const t = w[i] ?? '';
    if (t.startsWith('@')) sets.push(t.slice(1));
    if (t === 'iifname' || t === 'iif' || t === 'oifname' || t === 'oif') {
      if (w[i + 1] === 'vmap') continue;
      const [v, neg, used] = valueAt(i + 1);
      const val = unquote(v);
      if (t.startsWith('i')) {
        if (neg) matches.notIn = val;
        else matches.in = val;
      } else if (neg) matches.notOut = val;
      else matches.out = val;
      i += used;
    } else if ((t === 'ip' || t === 'ip6') && (w[i + 1] === 'saddr' || w[i + 1] === 'daddr')) {
      const [v, neg, used] = valueAt(i + 2);
      if (v.startsWith('@')) sets.push(v.slice(1));
      if (w[i + 1] === 'saddr') {
        if (neg) matches.notSource = v;
        else matches.source = v;
      } else if (neg) matches.notDestination = v;
      else matches.destination = v;
      i += 1 + used;
    } else if (
      ['tcp', 'udp', 'sctp', 'dccp', 'th', 'udplite'].includes(t) &&
      (w[i + 1] === 'dport' || w[i + 1] === 'sport')
    ) {
      if (t !== 'th') matches.proto = t;
      const [v, neg, used] = valueAt(i + 2);
      if (v.startsWith('@')) sets.push(v.slice(1));
      const val = neg ? `!= ${v}` : v;
      if (w[i + 1] === 'dport') matches.dport = val;
      else matches.sport = val;
      i += 1 + used;
    } else if ((t === 'meta' && w[i + 1] === 'l4proto') || (t === 'ip' && w[i + 1] === 'protocol')) {
      matches.proto = w[i + 2] ?? '';
      i += 2;
    } else if (t === 'ct' && w[i + 1] === 'state') {
      const [v, neg, used] = valueAt(i + 2);
      matches.ctstate = neg ? `!= ${joinSet(v)}` : joinSet(v);
      i += 1 + used;
    } else if (t === 'fib' && (w[i + 1] === 'daddr' || w[i + 1] === 'saddr') && w[i + 2] === 'type') {
      const [v, neg, used] = valueAt(i + 3);
      const val = neg ? `!= ${v}` : v;
      if (w[i + 1] === 'daddr') matches.fibDaddrType = val;
      else matches.fibSaddrType = val;
      i += 2 + used;
    } else if (t === 'counter' && w[i + 1] === 'packets' && w[i + 3] === 'bytes') {
      r.counters = { packets: Number(w[i + 2]), bytes: Number(w[i + 4]) };
      i += 4;
    } else if (t === 'comment') {
      r.comment = unquote(w[i + 1] ?? '');
      i += 1;
    } else if (t === 'jump' || t === 'goto') {
      r.verdict = t;
      r.verdictTarget = w[i + 1] ?? '';
      i += 1;
    } else if (t === 'vmap') {
      r.verdict = 'vmap';
      r.verdictTarget = (w[i + 1] ?? '').replace(/^@/, '');
      if (w[i + 1]?.startsWith('@')) sets.push(w[i + 1]?.slice(1) ?? '');
      i += 1;
    } else if (VERDICTS.has(t)) {
      r.verdict = t;
    } else if (t === 'dnat' || t === 'snat' || t === 'masquerade' || t === 'redirect') {
      // `dnat to X`, `dnat ip to X` (inet tables), `masquerade`, `masquerade to :1024-2048`, `redirect to :8080`.
      let j = i + 1;
      if (w[j] === 'ip' || w[j] === 'ip6') j++;
      r.nat = { type: t };
      if (w[j] === 'to') {
        r.nat.to = w[j + 1] ?? '';
        j++;
      } else j--;
      i = j;
    } else if (t === 'xt' && (w[i + 1] === 'match' || w[i + 1] === 'target')) {
      xt.push(unquote(w[i + 2] ?? ''));
      i += 2;
    } else if (/^#\s*xt_/.test(t)) {
      xt.push(t.replace(/^#\s*/, ''));
    }
  }
  if (sets.length > 0) matches.sets = [...new Set(sets)];
  if (xt.length > 0) r.xt = xt;
  return r;
}

type Frame =
  | { kind: 'table'; rec: NftTable }
  | { kind: 'chain'; rec: NftChain }
  | { kind: 'set'; rec: NftSet | NftMap }
  | { kind: 'other'; line: number };

/** Count the braces of a line outside quoted strings. */
function braceBalance(s: string): number {
  let n = 0;
  let quoted = false;
  for (const c of s) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '{') n++;
    else if (!quoted && c === '}') n--;
  }
  return n;
}

function parse(text: string): ParseResult<NftRecord> {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return result([], []);
  const shaped = lines.some((l) => /^\s*table\s+\S+\s+\S+\s*\{/.test(l) || /^# Warning: table /.test(l));
  if (!shaped) {
    const err = detectErrorText(text);
    if (err) return rejected(err);
    if (/^\s*\{\s*"nftables"/.test(text)) return rejected('nft -j JSON output, not `nft list ruleset`');
    return rejected(`not nft list ruleset output: ${lines.find((l) => l.trim() !== '')?.slice(0, 100)}`);
  }

  const records: NftRecord[] = [];
  const warnings: ParseWarning[] = [];
  const managed = new Set<string>();
  const stack: Frame[] = [];
  const top = () => stack[stack.length - 1];
  const tableOf = () => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f?.kind === 'table') return f.rec;
    }
    return undefined;
  };

  for (let idx = 0; idx < lines.length; idx++) {
    const n = idx + 1;
    let l = (lines[idx] ?? '').trim();
    if (l === '') continue;
    const managedBy = /^# Warning: table (\S+) (\S+) is managed by iptables-nft/.exec(l);
    if (managedBy) {
      managed.add(`${managedBy[1]} ${managedBy[2]}`);
      continue;
    }
    let handle: number | undefined;
    const h = /(?<!\s)\s*#\s*handle\s+(\d+)\s*$/.exec(l); // (?<!\s): linear on long blank runs
    if (h) {
      handle = Number(h[1]);
      l = l.slice(0, h.index).trim();
    }
    const frame = top();
    if (l === '}') {
      if (!frame) warnings.push({ line: n, ...coded('close-without-block') });
      stack.pop();
      continue;
    }
    if (frame?.kind === 'other') {
      if (l.endsWith('{')) stack.push({ kind: 'other', line: n });
      continue;
    }
    const table = tableOf();
    const withHandle = <T extends NftBase>(r: T): T => {
      if (handle !== undefined) r.handle = handle;
      return r;
    };

    const t = /^table\s+(\S+)\s+(\S+)\s*\{$/.exec(l);
    if (t) {
      if (stack.length > 0) {
        warnings.push({
          line: n,
          ...coded('table-in-open-block', { open: String(frameLine(frame)) }),
        });
        stack.length = 0;
      }
      const rec: NftTable = withHandle({ kind: 'table', family: t[1] ?? '', table: t[2] ?? '', line: n });
      records.push(rec);
      stack.push({ kind: 'table', rec });
      continue;
    }
    if (!table) {
      warnings.push({ line: n, ...coded('outside-table', { text: l.slice(0, 120) }) });
      continue;
    }
    const base = { family: table.family, table: table.table };

    if (frame?.kind === 'table') {
      const c = /^chain\s+(\S+)\s*\{$/.exec(l);
      const s = /^(set|map)\s+(\S+)\s*\{$/.exec(l);
      if (c) {
        const rec: NftChain = withHandle({ kind: 'chain', ...base, chain: c[1] ?? '', line: n });
        records.push(rec);
        stack.push({ kind: 'chain', rec });
      } else if (s) {
        const rec: NftSet | NftMap =
          s[1] === 'set'
            ? withHandle({ kind: 'set', ...base, name: s[2] ?? '', line: n })
            : withHandle({ kind: 'map', ...base, name: s[2] ?? '', line: n });
        records.push(rec);
        stack.push({ kind: 'set', rec });
      } else if (l.endsWith('{')) {
        warnings.push({ line: n, ...coded('not-read', { text: l.replace(/(?<!\s)\s*\{$/, '') }) });
        stack.push({ kind: 'other', line: n });
      } else if (/^flags\s/.test(l)) {
        table.flags = l.replace(/^flags\s+/, '').split(/\s*,\s*/);
      } else if (/^comment\s/.test(l)) {
        table.comment = unquote(l.replace(/^comment\s+/, ''));
      } else
        warnings.push({
          line: n,
          ...coded('unknown-line-in-table', { table: table.table, text: l.slice(0, 120) }),
        });
      continue;
    }

    if (frame?.kind === 'chain') {
      const chain = frame.rec;
      if (/^type\s/.test(l) || /^policy\s/.test(l)) {
        // `type nat hook prerouting priority dstnat; policy accept;`
        for (const stmt of l.split(';').map((x) => x.trim())) {
          const ty =
            /^type\s+(\S+)\s+hook\s+(\S+)(?:\s+devices?\s*=?\s*(\{[^}]*\}|\S+))?\s+priority\s+(.+)$/.exec(
              stmt,
            );
          const po = /^policy\s+(\S+)$/.exec(stmt);
          if (ty) {
            chain.type = ty[1];
            chain.hook = ty[2];
            if (ty[3]) chain.devices = joinSet(ty[3]).split(',').map(unquote);
            chain.priority = ty[4]?.trim();
          } else if (po) chain.policy = po[1];
          else if (stmt !== '')
            warnings.push({ line: n, ...coded('unknown-chain-statement', { text: stmt.slice(0, 120) }) });
        }
      } else if (/^comment\s+"/.test(l)) {
        chain.comment = unquote(l.replace(/^comment\s+/, ''));
      } else if (/^devices\s*=/.test(l)) {
        chain.devices = joinSet(l.replace(/^devices\s*=\s*/, ''))
          .split(',')
          .map(unquote);
      } else {
        records.push(
          withHandle({ kind: 'rule', ...base, chain: chain.chain, text: l, ...readRule(l), line: n }),
        );
      }
      continue;
    }

    if (frame?.kind === 'set') {
      const set = frame.rec;
      const ty = /^(?:type|typeof)\s+(.+)$/.exec(l);
      const fl = /^flags\s+(.+)$/.exec(l);
      if (ty) set.type = ty[1]?.trim();
      else if (fl) set.flags = fl[1]?.split(/\s*,\s*/);
      else if (/^elements\s*=/.test(l)) {
        // Elements wrap over lines until their braces balance.
        let body = l.replace(/^elements\s*=\s*/, '');
        let balance = braceBalance(body);
        while (balance > 0 && idx + 1 < lines.length) {
          idx++;
          const more = (lines[idx] ?? '').trim();
          body += ` ${more}`;
          balance += braceBalance(more);
        }
        if (balance > 0) warnings.push({ line: n, ...coded('elements-not-closed', { set: set.name }) });
        const inner = body.trim().replace(/^\{/, '').replace(/\}$/, '');
        const items = splitTop(inner, ',');
        if (set.kind === 'set') set.elements = items;
        else
          set.elements = items.map((e) => {
            const [key = '', ...rest] = splitTop(e, ' : ');
            return { key: unquote(key), value: rest.join(' : ') };
          });
      } else if (!/^(size|timeout|gc-interval|policy|counter|auto-merge|comment)\b/.test(l))
        warnings.push({
          line: n,
          ...coded('unknown-line-in-set', { kind: set.kind, set: set.name, text: l.slice(0, 120) }),
        });
    }
  }
  if (stack.length > 0) {
    const f = stack[0];
    warnings.push({
      line: frameLine(f),
      ...coded('block-not-closed'),
    });
  }
  for (const r of records)
    if (r.kind === 'table' && managed.has(`${r.family} ${r.table}`)) r.managedBy = 'iptables-nft';
  return result(records, capWarnings(warnings));
}

function frameLine(f: Frame | undefined): number | undefined {
  if (!f) return undefined;
  return f.kind === 'other' ? f.line : f.rec.line;
}

export const nftRuleset: Parser<NftRecord> = {
  id: 'nft-ruleset',
  description:
    'nft list ruleset: tables, chains with hooks and policies, rules with verdicts and NAT, sets, maps',
  commands: ['nft list ruleset', 'nft -a list ruleset'],
  parse,
};
