/**
 * Parser for `iptables -L` listings, as old hosts' runbooks capture them: `iptables -L -n -v`,
 * `-L -n`, `-L` (names resolved), `-x` (exact counters), `--line-numbers`, `-t nat`, and the same
 * from ip6tables / iptables-legacy.
 *
 *   Chain FORWARD (policy DROP 0 packets, 0 bytes)
 *   num   pkts bytes target     prot opt in     out     source               destination
 *   1        0     0 DOCKER-USER  0    --  *      *       0.0.0.0/0            0.0.0.0/0
 *   2        0     0 ACCEPT     6    --  !docker0 docker0  0.0.0.0/0          172.17.0.2           tcp dpt:8080
 *
 * Records have the shape of iptables-save's (IptablesChain, and a rule with `matches`, `target`,
 * `targetArgs`, `counters`), so a consumer can use either; what a listing cannot say is left out
 * (no `spec`: the match text is kept as printed in `extra`). Things that are not obvious:
 *
 * - The listing never names its table: it comes from the parse context (the id's spec or `-t` on
 *   the command line) or the built-in chains listed (see iptables-table.ts); else `unknown`.
 * - Columns are split at whitespace, and the header line says which exist (`num` with
 *   `--line-numbers`, `pkts bytes`/`in out` with `-v`). A target column is empty for a rule
 *   without `-j` (a counting rule): the row then has one word fewer, told by the prot column
 *   (`all`, a protocol name or number) sitting where the target should be.
 * - iptables-nft 1.8.9 prints the protocol as a number with `-n` (`0` for all, `6`, `17`, `1`):
 *   mapped to iptables-save's names (`tcp`, `udp`, `icmp`...); `all`/`0` means no `-p`.
 * - The `opt` column: `--` (nothing), `-f` (fragments) or `!f`; ip6tables leaves it blank in
 *   some versions, so a row may have one word fewer there too (told by its `in`/source form).
 * - `0.0.0.0/0`, `::/0`, `anywhere` and `*` mean "any" and become no match; `!X` is a negated
 *   match (`notIn`, `notDestination`); a bare host `172.17.0.2` is `/32` (`/128`) as iptables-save
 *   prints it. Without `-n` names stay as printed (`loopback/8`, `http-alt`).
 * - Counters: without `-x`, numbers over 99999 are rounded and suffixed (`12K`, `3456M`, `7G`):
 *   such counters get `countersApprox: true` and the scaled value.
 * - The tail (`tcp dpt:8080`, `ctstate RELATED,ESTABLISHED`, `ADDRTYPE match dst-type LOCAL`,
 *   `/* comment *\/`, `to:172.17.0.2:8080`, `reject-with icmp-port-unreachable`) is kept as `extra`;
 *   the common words are also read into matches / targetArgs.
 * - `# Warning: iptables-legacy tables present` lines (stderr, sometimes captured) are notices.
 */
import { coded } from '../i18n/coded.js';
import type { IptablesChain, IptablesCounters, IptablesMatches, IptablesNotice } from './iptables-save.js';
import { iptablesTable } from './iptables-table.js';
import type { ParseContext, ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface IptablesListRule {
  kind: 'rule';
  table: string;
  chain: string;
  family?: 'ipv4' | 'ipv6';
  /** `--line-numbers`: the rule's position in its chain. */
  num?: number;
  target?: string;
  /** The prot column as printed (`all`, `tcp`, `6`). */
  prot: string;
  /** The opt column as printed (`--`, `-f`), when present. */
  opt?: string;
  matches: IptablesMatches;
  targetArgs: Record<string, string | true>;
  counters?: IptablesCounters;
  /** Set when a counter was printed rounded (`12K`). */
  countersApprox?: true;
  /** The text after the destination column, as printed. */
  extra?: string;
  line: number;
}

export interface IptablesListChain extends IptablesChain {
  /** User-defined chains: `(N references)`. */
  references?: number;
  countersApprox?: true;
}

export type IptablesListRecord = IptablesListChain | IptablesListRule | IptablesNotice;

const PROTOCOLS: Record<string, string> = {
  '0': 'all',
  '1': 'icmp',
  '2': 'igmp',
  '4': 'ipencap',
  '6': 'tcp',
  '17': 'udp',
  '41': 'ipv6',
  '47': 'gre',
  '50': 'esp',
  '51': 'ah',
  '58': 'ipv6-icmp',
  '132': 'sctp',
  '136': 'udplite',
};

const CHAIN_RE = /^Chain (\S+) \((?:policy (\S+)(?: (\S+) packets, (\S+) bytes)?|(\d+) references)\)\s*$/;
const SCALE: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

function count(s: string): { n: number; approx: boolean } | undefined {
  const m = /^(\d+)([KMGT])?$/.exec(s);
  if (!m) return undefined;
  return { n: Number(m[1]) * (m[2] ? (SCALE[m[2]] ?? 1) : 1), approx: m[2] !== undefined };
}

const isAny = (s: string) => s === '0.0.0.0/0' || s === '::/0' || s === 'anywhere' || s === '*';
const hostPrefix = (s: string) =>
  /^\d+\.\d+\.\d+\.\d+$/.test(s) ? `${s}/32` : /^[0-9a-f:]+:[0-9a-f:]*$/i.test(s) ? `${s}/128` : s;

/** Read the common words of the tail into matches and target options. */
function readExtra(
  extra: string,
  target: string | undefined,
  m: IptablesMatches,
  args: Record<string, string | true>,
) {
  const comment = /\/\* (.*) \*\//.exec(extra);
  if (comment) m.comment = comment[1];
  const rest = extra.replace(/\/\* .* \*\//, ' ');
  const dpt = /(?:^|\s)(?:(tcp|udp|sctp) )?(?:dpts?|multiport dports):(!)?(\S+)/.exec(rest);
  if (dpt) {
    m.dport = dpt[3]!;
    if (dpt[2]) m.negated = [...(m.negated ?? []), '--dport'];
  }
  const spt = /(?:^|\s)(?:(tcp|udp|sctp) )?(?:spts?|multiport sports):(!)?(\S+)/.exec(rest);
  if (spt) {
    m.sport = spt[3]!;
    if (spt[2]) m.negated = [...(m.negated ?? []), '--sport'];
  }
  const ct = /(?:^|\s)(?:ctstate|state) (\S+)/.exec(rest);
  if (ct) m.ctstate = ct[1];
  const addr = /ADDRTYPE match (?:src-type (\S+))?\s*(?:dst-type (\S+))?/.exec(rest);
  if (addr?.[1]) m.addrtypeSrc = addr[1];
  if (addr?.[2]) m.addrtypeDst = addr[2];
  const set = /match-set (\S+) (\S+)/.exec(rest);
  if (set) m.matchSet = { name: set[1]!, flags: set[2]! };
  const to = /(?:^|\s)to:(\S+)/.exec(rest);
  if (to) {
    if (target === 'SNAT') args.toSource = to[1]!;
    else args.toDestination = to[1]!;
  }
  const redir = /redir ports (\S+)/.exec(rest);
  if (redir) args.toPorts = redir[1]!;
  const reject = /reject-with (\S+)/.exec(rest);
  if (reject) args.rejectWith = reject[1]!;
}

function parse(text: string, context?: ParseContext): ParseResult<IptablesListRecord> {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  if (!lines.some((l) => CHAIN_RE.test(l))) {
    const err = detectErrorText(text);
    if (err) return rejected(err);
    if (lines.some((l) => /^(\*\w|-A \S|-P \S|:\S+ \S+ \[)/.test(l)))
      return rejected('iptables-save / iptables -S output, not an `iptables -L` listing');
    return rejected(`not an \`iptables -L\` listing: ${lines.find((l) => l.trim() !== '')?.slice(0, 100)}`);
  }

  const records: IptablesListRecord[] = [];
  const warnings: ParseWarning[] = [];
  const builtins: string[] = [];
  const targets: string[] = [];
  let chain: string | undefined;
  let cols: string[] = [];
  let sawV4 = false;
  let sawV6 = false;

  lines.forEach((raw, i) => {
    const line = i + 1;
    const l = raw.trimEnd();
    if (l.trim() === '') return;
    if (l.startsWith('#')) {
      if (/^# Warning:/.test(l)) records.push({ kind: 'notice', text: l.replace(/^#\s*/, ''), line });
      return;
    }
    const c = CHAIN_RE.exec(l);
    if (c) {
      chain = c[1]!;
      cols = [];
      const rec: IptablesListChain = {
        kind: 'chain',
        table: '',
        chain,
        line,
        policy: c[2] ?? '-',
        builtin: c[2] !== undefined,
      };
      if (c[2] !== undefined) builtins.push(chain);
      if (c[3] !== undefined && c[4] !== undefined) {
        const p = count(c[3]);
        const b = count(c[4]);
        if (p && b) {
          rec.counters = { packets: p.n, bytes: b.n };
          if (p.approx || b.approx) rec.countersApprox = true;
        }
      }
      if (c[5] !== undefined) rec.references = Number(c[5]);
      records.push(rec);
      return;
    }
    const words = l.trim().split(/\s+/);
    if (words.includes('target') && words.includes('prot') && words.includes('source')) {
      cols = words;
      return;
    }
    if (chain === undefined || cols.length === 0) {
      warnings.push({ line, ...coded('outside-chain', { text: l.trim().slice(0, 100) }) });
      return;
    }
    // Fixed columns up to `destination`, then the free-form tail. Cut the tail off by position:
    // it starts after the destination word.
    const tokens = [...l.matchAll(/\S+/g)].map((m) => ({ text: m[0], end: m.index + m[0].length }));
    const want = [...cols];
    const has = (col: string) => want.includes(col);
    // A rule without a target has one word fewer: the word in the target column is then the prot.
    const targetIdx = want.indexOf('target');
    const protLike = (w: string | undefined) =>
      w !== undefined &&
      (w === 'all' ||
        /^!?\d+$/.test(w) ||
        /^!?(tcp|udp|icmp|ipv6-icmp|icmpv6|sctp|gre|esp|ah|udplite)$/.test(w));
    const wTarget = tokens[targetIdx]?.text;
    const wNext = tokens[targetIdx + 1]?.text;
    if (protLike(wTarget) && !protLike(wNext) && (wNext === '--' || /^[-!]f$/.test(wNext ?? '') || has('in')))
      want.splice(targetIdx, 1);
    // ip6tables (some versions) print the opt column blank: drop it when the word there is not an option.
    const optIdx = want.indexOf('opt');
    if (optIdx >= 0) {
      const w = tokens[optIdx]?.text ?? '';
      if (!(w === '--' || /^[-!]f$/.test(w))) want.splice(optIdx, 1);
    }
    const destIdx = want.indexOf('destination');
    if (tokens.length <= destIdx) {
      warnings.push({ line, ...coded('short-rule-line', { text: l.trim().slice(0, 100) }) });
      return;
    }
    const get = (col: string) => {
      const k = want.indexOf(col);
      return k >= 0 ? tokens[k]?.text : undefined;
    };
    const extra = l.slice(tokens[destIdx]!.end).trim();
    const target = get('target');
    const protRaw = get('prot') ?? 'all';
    const neg = protRaw.startsWith('!');
    const protName = PROTOCOLS[protRaw.replace(/^!/, '')] ?? protRaw.replace(/^!/, '');
    const matches: IptablesMatches = { modules: [] };
    if (protName !== 'all') {
      if (neg) matches.notProto = protName;
      else matches.proto = protName;
    }
    const io = (col: 'in' | 'out', v: string | undefined) => {
      if (v === undefined || isAny(v)) return;
      if (v.startsWith('!')) matches[col === 'in' ? 'notIn' : 'notOut'] = v.slice(1);
      else matches[col] = v;
    };
    io('in', get('in'));
    io('out', get('out'));
    for (const [col, pos, negKey] of [
      ['source', 'source', 'notSource'],
      ['destination', 'destination', 'notDestination'],
    ] as const) {
      const v = get(col);
      if (v === undefined) continue;
      const bare = v.replace(/^!/, '');
      if (/^\d+\.\d+\.\d+\.\d+/.test(bare)) sawV4 = true;
      else if (bare.includes(':')) sawV6 = true;
      if (isAny(bare)) continue;
      if (v.startsWith('!')) matches[negKey] = hostPrefix(bare);
      else matches[pos] = hostPrefix(bare);
    }
    const targetArgs: Record<string, string | true> = {};
    readExtra(extra, target, matches, targetArgs);
    const rule: IptablesListRule = {
      kind: 'rule',
      table: '',
      chain,
      prot: protRaw,
      matches,
      targetArgs,
      line,
    };
    const num = get('num');
    if (num !== undefined && /^\d+$/.test(num)) rule.num = Number(num);
    if (target !== undefined) {
      rule.target = target;
      targets.push(target);
    }
    const opt = get('opt');
    if (opt !== undefined) rule.opt = opt;
    const p = get('pkts');
    const b = get('bytes');
    if (p !== undefined && b !== undefined) {
      const pc = count(p);
      const bc = count(b);
      if (pc && bc) {
        rule.counters = { packets: pc.n, bytes: bc.n };
        if (pc.approx || bc.approx) rule.countersApprox = true;
      } else warnings.push({ line, ...coded('unreadable-counters', { counters: `${p} ${b}` }) });
    }
    if (extra !== '') rule.extra = extra;
    const { line: ln, ...head } = rule;
    records.push({ ...head, line: ln });
  });

  const guess = iptablesTable(context, builtins, targets);
  if (guess.table === undefined) warnings.push(coded('listing-no-table'));
  else if (guess.source === 'chains' || guess.source === 'targets')
    warnings.push(coded('listing-table-inferred', { table: guess.table, source: guess.source }));
  const family = sawV6 && !sawV4 ? 'ipv6' : sawV4 && !sawV6 ? 'ipv4' : undefined;
  for (const r of records) {
    if (r.kind === 'notice') continue;
    r.table = guess.table ?? 'unknown';
    if (family) r.family = family;
  }
  return result(records, capWarnings(warnings));
}

export const iptablesList: Parser<IptablesListRecord> = {
  id: 'iptables-list',
  description:
    '`iptables -L` listings (-n, -v, -x, --line-numbers; ip6tables too): chains, policies, rules, counters',
  commands: [
    'iptables -L -n -v',
    'iptables -L -n',
    'iptables -t nat -L -n -v --line-numbers',
    'iptables -L -n -v -x',
    'ip6tables -L -n -v',
  ],
  parse,
};
