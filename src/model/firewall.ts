/**
 * The firewall facet of a namespace: every netfilter rule set the bundle captured for it, as one
 * typed list of tables -> chains -> ordered rules with structured matches and targets, from
 * `iptables-save`, `ip6tables-save`, `iptables-legacy-save` and `nft list ruleset`.
 *
 *   -A DOCKER ! -i docker0 -p tcp -m tcp --dport 60000 -j DNAT --to-destination 172.17.0.2:8080
 *   iifname != "docker0" tcp dport 60000 counter packets 0 bytes 0 dnat to 172.17.0.2:8080
 *
 * Both become a rule with matches [iface in != docker0, proto tcp, dport 60000] and the target
 * { kind: 'dnat', to: '172.17.0.2:8080' }. Things that are not obvious:
 *
 * - One rule set can be printed twice: `iptables-save` of the nf_tables variant shows the same
 *   rules `nft list ruleset` shows as `table ip filter` / `table ip nat`. When iptables-save says
 *   `(nf_tables)`, the nft tables of family ip/ip6 named like an xtables table (filter, nat, raw,
 *   mangle, security) are skipped: iptables-save prints them with every xt match readable, nft
 *   only as `xt match "addrtype"`. `iptables-legacy-save` is kept only when `iptables-save` was
 *   the nf_tables variant (otherwise it printed the very same legacy tables).
 * - Built-in iptables chains are base chains of the hook of their name; their priority is the
 *   xtables one (raw -300, mangle -150, nat -100 / +100, filter 0, security 50), the same scale
 *   as nft's named priorities, so all base chains of one hook can be ordered together.
 * - Anything not modelled becomes an `unknown` match (or target) carrying the text: the evaluator
 *   answers "unknown, because of rule N" instead of guessing.
 */
import type { IptablesChain, IptablesRecord, IptablesRule } from '../parsers/iptables-save.js';
import type { NftMap, NftRecord, NftRule, NftSet } from '../parsers/nft-ruleset.js';
import type { ParsedOutput } from '../parsers/parse-bundle.js';
import { evidenceOf } from './evidence.js';
import type {
  FwChain,
  FwFamily,
  FwHook,
  FwLimitMatch,
  FwMatch,
  FwPhysdevMatch,
  FwRecentMatch,
  FwTable,
  FwTarget,
  ModelFirewall,
} from './firewall-types.js';

export type * from './firewall-types.js';

const XT_TABLES = new Set(['filter', 'nat', 'raw', 'mangle', 'security']);
const XT_PRIORITY: Record<string, number> = { raw: -300, mangle: -150, filter: 0, security: 50 };
const NFT_PRIORITY: Record<string, number> = {
  raw: -300,
  mangle: -150,
  dstnat: -100,
  filter: 0,
  security: 50,
  srcnat: 100,
  // bridge family names
  out: 100,
};

function xtPriority(table: string, hook: FwHook): number {
  if (table === 'nat') return hook === 'prerouting' || hook === 'output' ? -100 : 100;
  return XT_PRIORITY[table] ?? 0;
}

/** `dstnat`, `-100`, `filter - 5`, `srcnat + 10`. */
export function nftPriority(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(-?\w+)\s*(?:([+-])\s*(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const base = /^-?\d+$/.test(m[1] ?? '') ? Number(m[1]) : NFT_PRIORITY[m[1] ?? ''];
  if (base === undefined) return undefined;
  const off = m[3] ? Number(m[3]) * (m[2] === '-' ? -1 : 1) : 0;
  return base + off;
}

const HOOKS: Record<string, FwHook> = {
  PREROUTING: 'prerouting',
  INPUT: 'input',
  FORWARD: 'forward',
  OUTPUT: 'output',
  POSTROUTING: 'postrouting',
};

function isIptChain(r: unknown): r is IptablesChain {
  return typeof r === 'object' && r !== null && 'kind' in r && r.kind === 'chain' && 'policy' in r;
}
function isIptRule(r: unknown): r is IptablesRule {
  return typeof r === 'object' && r !== null && 'kind' in r && r.kind === 'rule' && 'spec' in r;
}
function isNft(r: unknown): r is NftRecord {
  return typeof r === 'object' && r !== null && 'kind' in r && 'family' in r && 'table' in r;
}

/** `80,443,8000:8080` (iptables) or `{ 80, 443, 8000-8080 }` (nft) -> ranges. */
export function parsePorts(text: string): [number, number][] | undefined {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const out: [number, number][] = [];
  for (const part of inner.split(',').map((s) => s.trim())) {
    if (part === '') continue;
    const m = /^(\d+)(?:[:-](\d+))?$/.exec(part);
    if (!m) return undefined;
    out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out.length > 0 ? out : undefined;
}

// ---------------------------------------------------------------- iptables

/** Match options of iptables-save that the evaluator understands, by module. */
function iptMatches(rule: IptablesRule): FwMatch[] {
  const m = rule.matches;
  const out: FwMatch[] = [];
  const negated = new Set(m.negated ?? []);
  const neg = (...opts: string[]) => opts.some((o) => negated.has(o));
  if (m.in !== undefined) out.push({ kind: 'iface', dir: 'in', name: m.in, negate: false });
  if (m.notIn !== undefined) out.push({ kind: 'iface', dir: 'in', name: m.notIn, negate: true });
  if (m.out !== undefined) out.push({ kind: 'iface', dir: 'out', name: m.out, negate: false });
  if (m.notOut !== undefined) out.push({ kind: 'iface', dir: 'out', name: m.notOut, negate: true });
  if (m.proto !== undefined) out.push({ kind: 'proto', proto: m.proto, negate: false });
  if (m.notProto !== undefined) out.push({ kind: 'proto', proto: m.notProto, negate: true });
  if (m.source !== undefined)
    out.push({ kind: 'addr', dir: 'src', cidrs: m.source.split(','), negate: false });
  if (m.notSource !== undefined)
    out.push({ kind: 'addr', dir: 'src', cidrs: m.notSource.split(','), negate: true });
  if (m.destination !== undefined)
    out.push({ kind: 'addr', dir: 'dst', cidrs: m.destination.split(','), negate: false });
  if (m.notDestination !== undefined)
    out.push({ kind: 'addr', dir: 'dst', cidrs: m.notDestination.split(','), negate: true });
  for (const [dir, text, opts] of [
    ['dport', m.dport, ['--dport', '--dports', '--destination-port', '--destination-ports']],
    ['sport', m.sport, ['--sport', '--sports', '--source-port', '--source-ports']],
  ] as const) {
    if (text === undefined) continue;
    const ranges = parsePorts(text);
    if (ranges) out.push({ kind: 'port', dir, ranges, negate: neg(...opts) });
    else out.push({ kind: 'unknown', text: `${dir} ${text}` });
  }
  if (m.ctstate !== undefined)
    out.push({
      kind: 'ctstate',
      states: m.ctstate.toUpperCase().split(','),
      negate: neg('--ctstate', '--state'),
    });
  if (m.addrtypeDst !== undefined)
    out.push({ kind: 'addrtype', dir: 'dst', types: m.addrtypeDst.split(','), negate: neg('--dst-type') });
  if (m.addrtypeSrc !== undefined)
    out.push({ kind: 'addrtype', dir: 'src', types: m.addrtypeSrc.split(','), negate: neg('--src-type') });
  if (m.matchSet)
    out.push({ kind: 'set', name: m.matchSet.name, lookup: m.matchSet.flags, negate: neg('--match-set') });
  if (m.comment !== undefined) out.push({ kind: 'comment', text: m.comment });
  const other = { ...(m.other ?? {}) };
  // physdev and mark: read from the options the parser kept as printed.
  const physIn = other['--physdev-in'];
  const physOut = other['--physdev-out'];
  const physBridged = '--physdev-is-bridged' in other;
  if (physIn !== undefined || physOut !== undefined || physBridged) {
    const pd: FwPhysdevMatch = {
      kind: 'physdev',
      negate: neg('--physdev-in', '--physdev-out', '--physdev-is-bridged'),
    };
    if (physIn !== undefined) pd.physdevIn = physIn;
    if (physOut !== undefined) pd.physdevOut = physOut;
    if (physBridged) pd.isBridged = true;
    out.push(pd);
    delete other['--physdev-in'];
    delete other['--physdev-out'];
    delete other['--physdev-is-bridged'];
  }
  if (other['--mark'] !== undefined) {
    out.push({ kind: 'mark', value: other['--mark'], negate: neg('--mark') });
    delete other['--mark'];
  }
  // `--tcp-flags SYN,RST,ACK SYN` / `--syn` select the first packet of TCP: true for the first packet.
  delete other['--tcp-flags'];
  const take = (...opts: string[]) => {
    for (const o of opts) delete other[o];
  };
  // -m limit (ufw's LOG rules, ufw-not-local): a rate, assumed not exceeded by the evaluator.
  if (m.modules.includes('limit') && other['--limit'] !== undefined) {
    const burst = Number(other['--limit-burst']);
    const lm: FwLimitMatch = { kind: 'limit', rate: other['--limit'] };
    if (other['--limit-burst'] !== undefined && !Number.isNaN(burst)) lm.burst = burst;
    out.push(lm);
    take('--limit', '--limit-burst');
  }
  // -m recent (ufw's `limit` rules: --set, then --update --seconds 30 --hitcount 6).
  if (m.modules.includes('recent')) {
    const mode = (['set', 'rcheck', 'update', 'remove'] as const).find((x) => `--${x}` in other);
    const known = ['--seconds', '--hitcount', '--name', '--mask', '--rsource', '--rdest'];
    const extra = Object.keys(other).filter(
      (o) => !known.includes(o) && !['--set', '--rcheck', '--update', '--remove'].includes(o),
    );
    // --rttl and --reap change what --hitcount counts: left unknown (extra stays in `other`).
    if (mode && !extra.some((o) => ['--rttl', '--reap'].includes(o))) {
      const rm: FwRecentMatch = {
        kind: 'recent',
        mode,
        list: other['--name'] || 'DEFAULT',
        negate: neg(`--${mode}`),
      };
      const seconds = Number(other['--seconds']);
      const hitcount = Number(other['--hitcount']);
      if (other['--seconds'] !== undefined && !Number.isNaN(seconds)) rm.seconds = seconds;
      if (other['--hitcount'] !== undefined && !Number.isNaN(hitcount)) rm.hitcount = hitcount;
      out.push(rm);
      take('--set', '--rcheck', '--update', '--remove', ...known);
    }
  }
  // IPv6 extension header modules (ufw6-before-input: `-m rt --rt-type 0 -j DROP`).
  for (const [mod, prefix] of [
    ['rt', '--rt-'],
    ['frag', '--frag'],
    ['hbh', '--hbh-'],
    ['dst', '--dst-'],
  ] as const) {
    if (!m.modules.includes(mod)) continue;
    const opts = Object.keys(other).filter((o) => o.startsWith(prefix) && o !== '--dst-type');
    out.push({
      kind: 'ipv6-header',
      module: mod,
      text: [
        `-m ${mod}`,
        ...opts.map((o) => `${negated.has(o) ? '! ' : ''}${o}${other[o] ? ` ${other[o]}` : ''}`),
      ].join(' '),
    });
    take(...opts);
  }
  for (const [opt, value] of Object.entries(other))
    out.push({ kind: 'unknown', text: `${negated.has(opt) ? '! ' : ''}${opt}${value ? ` ${value}` : ''}` });
  // Modules whose options were all read above need nothing more; others with no options
  // (`-m physdev` alone...) are harmless. A module we do not know at all is unknown.
  const known = new Set([
    'tcp',
    'udp',
    'conntrack',
    'state',
    'addrtype',
    'set',
    'comment',
    'multiport',
    'physdev',
    'mark',
    'icmp',
    'icmp6',
    'icmpv6',
    'limit',
    'recent',
    'rt',
    'frag',
    'hbh',
    'dst',
  ]);
  for (const mod of m.modules)
    if (!known.has(mod) && !out.some((x) => x.kind === 'unknown' && x.text.startsWith('--')))
      out.push({ kind: 'unknown', text: `-m ${mod}` });
  return out;
}

function iptTarget(rule: IptablesRule, chains: Set<string>): FwTarget {
  const t = rule.target;
  const a = rule.targetArgs;
  const str = (k: string) => (typeof a[k] === 'string' ? a[k] : undefined);
  if (t === undefined) return { kind: 'continue', name: 'counter' };
  switch (t) {
    case 'ACCEPT':
      return { kind: 'accept' };
    case 'DROP':
      return { kind: 'drop' };
    case 'REJECT': {
      const w = str('rejectWith');
      return w ? { kind: 'reject', with: w } : { kind: 'reject' };
    }
    case 'RETURN':
      return { kind: 'return' };
    case 'DNAT':
      return { kind: 'dnat', to: str('toDestination') ?? '' };
    case 'SNAT':
      return { kind: 'snat', to: str('toSource') ?? '' };
    case 'MASQUERADE': {
      const p = str('toPorts');
      return p ? { kind: 'masquerade', to: `:${p}` } : { kind: 'masquerade' };
    }
    case 'REDIRECT': {
      const p = str('toPorts');
      return p ? { kind: 'redirect', toPorts: p } : { kind: 'redirect' };
    }
    case 'MARK': {
      const mark = str('setXmark') ?? str('setMark');
      return mark ? { kind: 'continue', name: 'MARK', setMark: mark } : { kind: 'continue', name: 'MARK' };
    }
    case 'CONNMARK':
    case 'LOG':
    case 'NFLOG':
    case 'CT':
    case 'NOTRACK':
    case 'TCPMSS':
    case 'CHECKSUM':
    case 'TRACE':
      return { kind: 'continue', name: t };
    default:
      if (chains.has(t))
        return rule.targetMode === 'goto' ? { kind: 'goto', chain: t } : { kind: 'jump', chain: t };
      return { kind: 'unknown', name: t };
  }
}

function fromIptables(output: ParsedOutput, source: FwTable['source']): FwTable[] {
  const tables = new Map<string, FwTable>();
  const chainNames = new Map<string, Set<string>>();
  const family: FwFamily = source === 'ip6tables-save' ? 'ipv6' : 'ipv4';
  const records: IptablesRecord[] = [];
  for (const r of output.records) if (isIptChain(r) || isIptRule(r)) records.push(r);
  for (const r of records) {
    if (r.kind !== 'chain') continue;
    let t = tables.get(r.table);
    if (!t) {
      t = { family: r.family ?? family, name: r.table, source, chains: [] };
      tables.set(r.table, t);
      chainNames.set(r.table, new Set());
    }
    chainNames.get(r.table)?.add(r.chain);
    const hook = r.builtin ? HOOKS[r.chain] : undefined;
    const c: FwChain = { name: r.chain, rules: [], evidence: evidenceOf(output, r.line) };
    if (hook) {
      c.hook = hook;
      c.type = r.table;
      c.priority = xtPriority(r.table, hook);
    }
    if (r.policy === 'ACCEPT') c.policy = 'accept';
    else if (r.policy === 'DROP') c.policy = 'drop';
    t.chains.push(c);
  }
  for (const r of records) {
    if (r.kind !== 'rule') continue;
    const t = tables.get(r.table);
    const c = t?.chains.find((x) => x.name === r.chain);
    if (!t || !c) continue;
    c.rules.push({
      index: c.rules.length + 1,
      matches: iptMatches(r),
      target: iptTarget(r, chainNames.get(r.table) ?? new Set()),
      text: r.spec,
      evidence: evidenceOf(output, r.line),
    });
  }
  return [...tables.values()];
}

// ---------------------------------------------------------------- nftables

const NFT_FAMILY: Record<string, FwFamily> = {
  ip: 'ipv4',
  ip6: 'ipv6',
  inet: 'inet',
  bridge: 'bridge',
  arp: 'arp',
  netdev: 'netdev',
};

/** nft interface names use `*` as the wildcard; iptables uses `+`. */
const nftIface = (s: string) => s.replace(/^"|"$/g, '').replace(/\*$/, '+');

/**
 * The words of an nft rule the evaluator understands; every other word makes the rule unknown.
 * The parser extracted the usual parts; this checks that nothing else is in the text.
 */
const NFT_KNOWN_WORDS =
  /^(iifname|oifname|iif|oif|ip|ip6|saddr|daddr|tcp|udp|th|dport|sport|meta|l4proto|nfproto|ipv4|ipv6|protocol|ct|state|fib|type|local|counter|packets|bytes|\d+|accept|drop|reject|return|continue|jump|goto|vmap|dnat|snat|masquerade|redirect|to|comment|with|icmp|icmpx|port-unreachable|admin-prohibited|host-unreachable|tcp-reset|reset|!=|==|log|prefix|notrack|established|related|new|invalid|untracked|,|\{|\})$/;

function nftMatches(
  rule: NftRule,
  sets: Map<string, NftSet | NftMap>,
): { matches: FwMatch[]; unknown: string[] } {
  const m = rule.matches;
  const out: FwMatch[] = [];
  const unknown: string[] = [];
  const negVal = (v: string): [string, boolean] => (v.startsWith('!= ') ? [v.slice(3), true] : [v, false]);
  if (m.in !== undefined) out.push({ kind: 'iface', dir: 'in', name: nftIface(m.in), negate: false });
  if (m.notIn !== undefined) out.push({ kind: 'iface', dir: 'in', name: nftIface(m.notIn), negate: true });
  if (m.out !== undefined) out.push({ kind: 'iface', dir: 'out', name: nftIface(m.out), negate: false });
  if (m.notOut !== undefined) out.push({ kind: 'iface', dir: 'out', name: nftIface(m.notOut), negate: true });
  if (m.proto !== undefined) out.push({ kind: 'proto', proto: m.proto, negate: false });
  const addrs = (v: string): string[] | undefined => {
    if (v.startsWith('@')) {
      const s = sets.get(v.slice(1));
      return s && s.kind === 'set' ? s.elements : undefined;
    }
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  };
  for (const [dir, v, negate] of [
    ['src', m.source, false],
    ['src', m.notSource, true],
    ['dst', m.destination, false],
    ['dst', m.notDestination, true],
  ] as const) {
    if (v === undefined) continue;
    const cidrs = addrs(v);
    if (cidrs) out.push({ kind: 'addr', dir, cidrs, negate });
    else unknown.push(`${dir} ${v}`);
  }
  for (const [dir, v] of [
    ['dport', m.dport],
    ['sport', m.sport],
  ] as const) {
    if (v === undefined) continue;
    const [val, negate] = negVal(v);
    let text = val;
    if (val.startsWith('@')) {
      const s = sets.get(val.slice(1));
      text = s && s.kind === 'set' ? (s.elements ?? []).join(',') : '';
    }
    const ranges = parsePorts(text);
    if (ranges) out.push({ kind: 'port', dir, ranges, negate });
    else unknown.push(`${dir} ${v}`);
  }
  if (m.ctstate !== undefined) {
    const [val, negate] = negVal(m.ctstate);
    out.push({ kind: 'ctstate', states: val.toUpperCase().split(','), negate });
  }
  for (const [dir, v] of [
    ['dst', m.fibDaddrType],
    ['src', m.fibSaddrType],
  ] as const) {
    if (v === undefined) continue;
    const [val, negate] = negVal(v);
    out.push({ kind: 'addrtype', dir, types: [val.toUpperCase()], negate });
  }
  if (rule.comment !== undefined) out.push({ kind: 'comment', text: rule.comment });
  // What the parser did not extract: check the text word by word.
  if (rule.xt) for (const x of rule.xt) unknown.push(`xt ${x}`);
  const text = rule.text
    .replace(/comment\s+"(?:[^"\\]|\\.)*"/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/@\S+/g, '')
    .replace(/\d+\.\d+\.\d+\.\d+(\/\d+)?(:\d+(-\d+)?)?/g, '')
    .replace(/\[?[0-9a-f:]*::?[0-9a-f:]*\]?(\/\d+)?(:\d+)?/gi, (s) => (s.includes(':') ? '' : s))
    .replace(/\d+-\d+/g, '');
  const stray = text
    .split(/[\s{},]+/)
    .filter((w) => w !== '' && !NFT_KNOWN_WORDS.test(w) && w !== rule.verdictTarget)
    // `meta l4proto ipv6-icmp`: a protocol the evaluator never sends, read as a proto match.
    .filter((w) => !/^(ipv6-icmp|icmpv6|icmp|ipv4|ipv6|tcp|udp|type)$/.test(w));
  if (stray.length > 0) unknown.push(`nft: ${stray.join(' ')}`);
  const nfproto = /\bmeta\s+nfproto\s+(ipv4|ipv6)\b/.exec(rule.text)?.[1];
  if (nfproto === 'ipv4' || nfproto === 'ipv6') out.push({ kind: 'family', family: nfproto });
  for (const u of unknown) out.push({ kind: 'unknown', text: u });
  return { matches: out, unknown };
}

function nftVerdict(v: string, target: string | undefined): FwTarget {
  switch (v) {
    case 'accept':
      return { kind: 'accept' };
    case 'drop':
      return { kind: 'drop' };
    case 'reject':
      return { kind: 'reject' };
    case 'return':
      return { kind: 'return' };
    case 'continue':
      return { kind: 'continue', name: 'continue' };
    case 'jump':
      return { kind: 'jump', chain: target ?? '' };
    case 'goto':
      return { kind: 'goto', chain: target ?? '' };
    default:
      return { kind: 'unknown', name: v };
  }
}

function nftTarget(rule: NftRule, sets: Map<string, NftSet | NftMap>): FwTarget {
  if (rule.nat) {
    const to = rule.nat.to ?? '';
    if (rule.nat.type === 'dnat') return { kind: 'dnat', to };
    if (rule.nat.type === 'snat') return { kind: 'snat', to };
    if (rule.nat.type === 'masquerade') return to ? { kind: 'masquerade', to } : { kind: 'masquerade' };
    return to ? { kind: 'redirect', toPorts: to.replace(/^:/, '') } : { kind: 'redirect' };
  }
  if (rule.verdict === 'vmap') {
    const key = /\b(iifname|iif)\s+vmap\b/.test(rule.text)
      ? 'in'
      : /\b(oifname|oif)\s+vmap\b/.test(rule.text)
        ? 'out'
        : undefined;
    const map = sets.get(rule.verdictTarget ?? '');
    let elements: { key: string; value: string }[] | undefined;
    if (map && map.kind === 'map') elements = map.elements;
    else {
      // An anonymous map: `oifname vmap { "docker0" : jump x, "br-1" : jump y }`.
      const anon = /vmap\s+\{([^}]*)\}/.exec(rule.text)?.[1];
      if (anon)
        elements = anon.split(',').map((e) => {
          const [k = '', v = ''] = e.split(' : ');
          return { key: k.trim(), value: v.trim() };
        });
    }
    if (!key || !elements) return { kind: 'unknown', name: `vmap ${rule.verdictTarget ?? ''}` };
    return {
      kind: 'vmap',
      key,
      entries: elements.map((e) => {
        const [v = '', t] = e.value.split(/\s+/);
        return { key: nftIface(e.key), verdict: nftVerdict(v, t) };
      }),
    };
  }
  if (rule.verdict) return nftVerdict(rule.verdict, rule.verdictTarget);
  if (/\breject\b/.test(rule.text)) return { kind: 'reject' };
  if (/\bnotrack\b/.test(rule.text)) return { kind: 'continue', name: 'notrack' };
  if (/\blog\b/.test(rule.text)) return { kind: 'continue', name: 'log' };
  if (/\bmeta\s+mark\s+set\b|\bct\s+mark\s+set\b/.test(rule.text))
    return { kind: 'unknown', name: 'mark set' };
  return { kind: 'continue', name: 'counter' };
}

function fromNft(output: ParsedOutput, skip: (family: string, table: string) => boolean): FwTable[] {
  const tables = new Map<string, FwTable>();
  const sets = new Map<string, Map<string, NftSet | NftMap>>();
  const records: NftRecord[] = [];
  for (const r of output.records) if (isNft(r)) records.push(r);
  const key = (r: { family: string; table: string }) => `${r.family} ${r.table}`;
  for (const r of records) {
    if (skip(r.family, r.table)) continue;
    if (r.kind === 'table') {
      tables.set(key(r), {
        family: NFT_FAMILY[r.family] ?? 'inet',
        name: r.table,
        source: 'nft-ruleset',
        chains: [],
      });
      sets.set(key(r), new Map());
    } else if (r.kind === 'set' || r.kind === 'map') sets.get(key(r))?.set(r.name, r);
  }
  for (const r of records) {
    if (r.kind !== 'chain' || skip(r.family, r.table)) continue;
    const c: FwChain = { name: r.chain, rules: [], evidence: evidenceOf(output, r.line) };
    const hook = r.hook as FwHook | undefined;
    if (hook && ['prerouting', 'input', 'forward', 'output', 'postrouting'].includes(hook)) {
      c.hook = hook;
      if (r.type) c.type = r.type;
      const p = nftPriority(r.priority);
      if (p !== undefined) c.priority = p;
      c.policy = r.policy === 'drop' ? 'drop' : 'accept';
    }
    tables.get(key(r))?.chains.push(c);
  }
  for (const r of records) {
    if (r.kind !== 'rule' || skip(r.family, r.table)) continue;
    const s = sets.get(key(r)) ?? new Map();
    const c = tables.get(key(r))?.chains.find((x) => x.name === r.chain);
    if (!c) continue;
    const { matches } = nftMatches(r, s);
    c.rules.push({
      index: c.rules.length + 1,
      matches,
      target: nftTarget(r, s),
      text: r.text,
      evidence: evidenceOf(output, r.line),
    });
  }
  return [...tables.values()];
}

const FIREWALL_IDS = ['iptables-save', 'ip6tables-save', 'iptables-legacy-save', 'nft-ruleset'] as const;

/** The firewall of one scope from its parsed outputs (all outputs of the scope may be passed). */
export function buildFirewall(outputs: ParsedOutput[]): ModelFirewall | undefined {
  const of = (id: string) => outputs.find((o) => o.run.id === id && o.status === 'parsed');
  // Old hosts' dumps may have `iptables -S` per table instead: the same records (the table comes
  // from the command line), read as iptables-save when no -save form was captured.
  const sForms = (prefix: string) =>
    outputs.filter((o) => o.status === 'parsed' && o.run.id.startsWith(prefix));
  const captured: string[] = FIREWALL_IDS.filter((id) => of(id) !== undefined);
  const v4S = of('iptables-save') ? [] : sForms('iptables-S');
  const v6S = of('ip6tables-save') ? [] : sForms('ip6tables-S');
  captured.push(...v4S.map((o) => o.run.id), ...v6S.map((o) => o.run.id));
  if (captured.length === 0) return undefined;
  const fw: ModelFirewall = { tables: [], captured: [...captured], notes: [] };
  for (const o of v4S) fw.tables.push(...fromIptables(o, 'iptables-save'));
  for (const o of v6S) fw.tables.push(...fromIptables(o, 'ip6tables-save'));
  const v4 = of('iptables-save');
  const backend = v4?.records.find((r): r is IptablesChain => isIptChain(r))?.backend;
  if (v4) fw.tables.push(...fromIptables(v4, 'iptables-save'));
  const v6 = of('ip6tables-save');
  if (v6) fw.tables.push(...fromIptables(v6, 'ip6tables-save'));
  const legacy = of('iptables-legacy-save');
  if (legacy && (backend === 'nf_tables' || !v4)) {
    const t = fromIptables(legacy, 'iptables-legacy-save');
    if (t.some((x) => x.chains.some((c) => c.rules.length > 0 || c.policy === 'drop'))) {
      fw.tables.push(...t);
      fw.notes.push('both iptables backends hold rules (nf_tables and legacy): a packet must pass both');
    }
  }
  const nft = of('nft-ruleset');
  if (nft) {
    const v6backend = v6?.records.find((r): r is IptablesChain => isIptChain(r))?.backend;
    const skip = (family: string, table: string) =>
      XT_TABLES.has(table) &&
      ((family === 'ip' && backend === 'nf_tables') || (family === 'ip6' && v6backend === 'nf_tables'));
    const tables = fromNft(nft, skip);
    fw.tables.push(...tables);
    if (backend === 'nf_tables')
      fw.notes.push('nft tables ip/ip6 filter, nat, raw, mangle read from iptables-save (same rules)');
  }
  return fw;
}

/** Every base chain of one hook that applies to one IP family, in priority order. */
export function baseChains(
  fw: ModelFirewall,
  hook: FwHook,
  family: 'ipv4' | 'ipv6',
): { table: FwTable; chain: FwChain }[] {
  const out: { table: FwTable; chain: FwChain }[] = [];
  for (const table of fw.tables) {
    if (table.family !== family && table.family !== 'inet') continue;
    for (const chain of table.chains) if (chain.hook === hook) out.push({ table, chain });
  }
  // Stable: equal priorities keep capture order (the kernel's order between them is by registration).
  return out.sort((a, b) => (a.chain.priority ?? 0) - (b.chain.priority ?? 0));
}
