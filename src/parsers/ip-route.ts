/**
 * Parser for `ip route show [table main|local|all]` (= `ip r`), `ip -6 route`, `ip -o route`,
 * `ip route get`, and BusyBox `ip route`.
 *
 *   default via 192.168.178.1 dev ens18 proto static
 *   172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown
 *   local 172.17.0.1 dev docker0 table local proto kernel scope host src 172.17.0.1
 *
 * One record per route. Things that are not obvious:
 *
 * - The first word is the route type when it is one (`local`, `broadcast`, `unreachable`...);
 *   a plain route has no type word and gets `unicast`.
 * - `table X` is printed only for routes outside the table that was asked for (so `table local`
 *   appears with `table all` but not with `table local`); `table` is left out when not printed.
 * - Multipath routes continue on indented `nexthop via ... dev ... weight N` lines (with `ip -o`,
 *   on the same line after `\`). BusyBox prints the route but drops its next hops.
 * - `cache` lines (`ip route get`, `ip route show cache`, IPv6 PMTU exceptions) are indented under
 *   their route; their attributes are merged into it and `cache` is added to its flags.
 * - Older iproute2 and BusyBox pad with two spaces (`proto kernel  scope link  src`): tokens are
 *   split on any run of blanks.
 * - A line wrapped when copied from a terminal: an indented line that is not `nexthop`/`cache`,
 *   or a line that starts with a route keyword (`dev`, `proto`, `linkdown`...), is joined to the
 *   route before it.
 * - Family: IPv6 when the destination is an IPv6 prefix; for `default` and other non-address
 *   destinations, when a gateway, source or next hop is IPv6 or `pref`/`error` (printed for
 *   IPv6 only there) is present; otherwise IPv4. A gateway may be of the other family (`via inet6 fe80::1`).
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { detectErrorText, rejected, result, splitLines } from './util.js';

export interface IpNexthop {
  via?: string;
  viaFamily?: 'inet' | 'inet6';
  dev?: string;
  weight?: number;
  /** linkdown, onlink, dead, pervasive, offload... */
  flags: string[];
}

export interface IpRoute {
  family: 'inet' | 'inet6';
  /** 'unicast' when no type word; local, broadcast, unreachable, blackhole, prohibit, throw, multicast, anycast, nat. */
  type: string;
  /** 'default', a CIDR, or a bare address, as printed. */
  dst: string;
  table?: string;
  via?: string;
  /** Set when the gateway's family is printed (`via inet6 fe80::1`: an IPv4 route via an IPv6 gateway). */
  viaFamily?: 'inet' | 'inet6';
  dev?: string;
  proto?: string;
  scope?: string;
  src?: string;
  metric?: number;
  pref?: string;
  mtu?: number;
  /** linkdown, onlink, dead, pervasive, offload, cache... */
  flags: string[];
  nexthops?: IpNexthop[];
  /** Source prefix (`from ::` in `ip route get`, source-specific IPv6 routes). */
  from?: string;
  /** Remaining lifetime of a learned route or cache entry (`expires 582sec`). */
  expires?: string;
  /** Error code of an unreachable IPv6 route (`error -113`). */
  error?: string;
  /** Nexthop object id (`nhid 5`). */
  nhid?: number;
  /** Other route metrics and attributes as printed (advmss, rtt, initcwnd, realm, uid...; `lock` kept in the value). */
  metrics?: Record<string, string>;
  /** Tokens this parser does not know, kept as printed. */
  extra?: string[];
  line: number;
}

const TYPES = new Set([
  'unicast',
  'local',
  'broadcast',
  'multicast',
  'anycast',
  'unreachable',
  'blackhole',
  'prohibit',
  'throw',
  'nat',
  'xresolve',
]);

const FLAG_WORDS = new Set([
  'linkdown',
  'onlink',
  'dead',
  'pervasive',
  'offload',
  'trap',
  'notify',
  'unresolved',
  'rt_offload',
  'rt_trap',
  'rt_offload_failed',
  'offload_failed',
]);

/** Route metrics (RTAX_*) printed as `name [lock] value`, and other rare `name value` attributes. */
const METRIC_WORDS = new Set([
  'advmss',
  'rtt',
  'rttvar',
  'reordering',
  'window',
  'cwnd',
  'initcwnd',
  'initrwnd',
  'ssthresh',
  'realms',
  'realm',
  'rto_min',
  'hoplimit',
  'features',
  'quickack',
  'congctl',
  'fastopen_no_cookie',
  'tos',
  'dsfield',
  'uid',
  'iif',
  'ttl-propagate',
]);

/** Keywords that can start a wrapped continuation of a route line. */
const CONTINUATION_WORDS = new Set([
  'via',
  'dev',
  'proto',
  'scope',
  'src',
  'metric',
  'pref',
  'mtu',
  'table',
  'from',
  'expires',
  'error',
  'nhid',
  ...FLAG_WORDS,
]);

const IPV4_RE = /^\d{1,3}(\.\d{1,3}){0,3}(\/\d{1,2})?$/;
/** An IPv6 address or prefix; it never ends in a single ':' (unlike an ifindex header `1:`). */
const IPV6_RE = /^(?=.*:)[0-9a-fA-F:.]*(::|[0-9a-fA-F.])(%\S+)?(\/\d{1,3})?$/;

function isAddressLike(s: string): boolean {
  return IPV4_RE.test(s) || IPV6_RE.test(s);
}

function isRouteStart(tokens: string[]): boolean {
  const t0 = tokens[0];
  if (t0 === undefined) return false;
  if (t0 === 'default' || isAddressLike(t0)) return true;
  const t1 = tokens[1];
  return TYPES.has(t0) && t1 !== undefined && (t1 === 'default' || isAddressLike(t1));
}

function toInt(s: string | undefined): number | undefined {
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;
}

interface Draft {
  route: IpRoute;
  /** Route tokens after the destination, accumulated across wrapped lines. */
  tokens: string[];
  nexthops: { tokens: string[] }[];
  cache: string[][];
}

/** Read `key value` pairs and flag words into `into`; returns what it did not know. */
function readAttributes(
  tokens: string[],
  into: { via?: string; viaFamily?: 'inet' | 'inet6'; dev?: string; weight?: number; flags: string[] },
  route: IpRoute | undefined,
): string[] {
  const extra: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens[i]!;
    let v = tokens[i + 1];
    if (FLAG_WORDS.has(k)) {
      into.flags.push(k);
      continue;
    }
    if (v === undefined) {
      extra.push(k);
      continue;
    }
    if (k === 'via') {
      // `via inet6 fe80::1` (a gateway of the other family) names the family first.
      if ((v === 'inet' || v === 'inet6') && tokens[i + 2] !== undefined) {
        into.viaFamily = v;
        i++;
        v = tokens[i + 1]!;
      }
      into.via = v;
      i++;
      continue;
    }
    if (k === 'dev') {
      into.dev = v;
      i++;
      continue;
    }
    if (k === 'weight' && toInt(v) !== undefined) {
      into.weight = toInt(v);
      i++;
      continue;
    }
    if (!route) {
      extra.push(k);
      continue;
    }
    if ((k === 'mtu' || METRIC_WORDS.has(k)) && v === 'lock' && tokens[i + 2] !== undefined) {
      // `mtu lock 1400`: the value is locked against path MTU discovery.
      const value = tokens[i + 2]!;
      route.metrics = { ...(route.metrics ?? {}), [k]: `lock ${value}` };
      if (k === 'mtu' && toInt(value) !== undefined) route.mtu = toInt(value);
      i += 2;
      continue;
    }
    switch (k) {
      case 'proto':
        route.proto = v;
        break;
      case 'scope':
        route.scope = v;
        break;
      case 'src':
        route.src = v;
        break;
      case 'pref':
        route.pref = v;
        break;
      case 'table':
        route.table = v;
        break;
      case 'from':
        route.from = v;
        break;
      case 'expires':
        route.expires = v;
        break;
      case 'error':
        route.error = v;
        break;
      case 'metric':
      case 'mtu':
      case 'nhid': {
        const n = toInt(v);
        if (n === undefined) {
          extra.push(k);
          continue;
        }
        route[k] = n;
        break;
      }
      default:
        if (METRIC_WORDS.has(k)) route.metrics = { ...(route.metrics ?? {}), [k]: v };
        else {
          extra.push(k);
          continue;
        }
    }
    i++;
  }
  return extra;
}

function finish(d: Draft): IpRoute {
  const r = d.route;
  const extra = readAttributes(d.tokens, r as IpRoute & { weight?: number }, r);
  for (const c of d.cache) {
    r.flags.push('cache');
    extra.push(...readAttributes(c, r, r));
  }
  if (d.nexthops.length > 0) {
    r.nexthops = d.nexthops.map(({ tokens }) => {
      const nh: IpNexthop = { flags: [] };
      const rest = readAttributes(tokens, nh, undefined);
      extra.push(...rest);
      return {
        ...(nh.via !== undefined ? { via: nh.via } : {}),
        ...(nh.viaFamily !== undefined ? { viaFamily: nh.viaFamily } : {}),
        ...(nh.dev !== undefined ? { dev: nh.dev } : {}),
        ...(nh.weight !== undefined ? { weight: nh.weight } : {}),
        flags: nh.flags,
      };
    });
  }
  if (extra.length > 0) r.extra = extra;
  const hints = [r.via, r.src, ...(r.nexthops ?? []).map((n) => n.via)];
  if (r.dst.includes(':')) r.family = 'inet6';
  else if (r.dst.includes('.')) r.family = 'inet';
  // `pref` is printed for IPv6 routes only, and so is `error` on a route whose destination is not
  // an address (`unreachable default dev lo table unspec ... error -101`, the IPv6 null entry).
  else if (hints.some((h) => h?.includes(':')) || r.pref !== undefined || r.error !== undefined) {
    r.family = 'inet6';
  }
  return ordered(r);
}

/** Put the keys in a stable, readable order (JSON output is compared as golden files). */
function ordered(r: IpRoute): IpRoute {
  const o: Record<string, unknown> = { family: r.family, type: r.type, dst: r.dst };
  const keys: (keyof IpRoute)[] = [
    'table',
    'via',
    'viaFamily',
    'dev',
    'proto',
    'scope',
    'src',
    'metric',
    'pref',
    'mtu',
    'flags',
    'nexthops',
    'from',
    'expires',
    'error',
    'nhid',
    'metrics',
    'extra',
    'line',
  ];
  for (const k of keys) if (r[k] !== undefined) o[k] = r[k];
  return o as unknown as IpRoute;
}

/** A shell prompt line pasted with the output (`root@host ~ >ip r`), as in the course slides. */
const PROMPT_RE = /^.*[#$>]\s*(sudo\s+)?(busybox\s+)?ip(\s+-\S+)*\s+(r|ro|rou|rout|route)\b/;

function parse(text: string): ParseResult<IpRoute> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  const firstText = lines.find((l) => l.trim() !== '')?.trim();
  if (firstText !== undefined && /^(Error:|RTNETLINK answers:)/.test(firstText)) {
    return rejected(`error text instead of output: ${firstText}`);
  }
  const warnings: ParseWarning[] = [];
  const drafts: Draft[] = [];
  let cur: Draft | undefined;
  const firstLine = 1 + lines.findIndex((l) => l.trim() !== '');
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    // `ip -o route` puts a multipath route's next hops on its line after `\`.
    const parts = raw.split(/\\(?=\s)/);
    parts.forEach((part, j) => {
      const trimmed = part.trim();
      if (trimmed === '') return;
      const tokens = trimmed.split(/\s+/);
      const indented = j > 0 || /^\s/.test(part);
      if (!indented && isRouteStart(tokens)) {
        const typed = TYPES.has(tokens[0]!) && tokens[1] !== undefined && !isAddressLike(tokens[0]!);
        const route: IpRoute = {
          family: 'inet',
          type: typed ? tokens[0]! : 'unicast',
          dst: typed ? tokens[1]! : tokens[0]!,
          flags: [],
          line,
        };
        cur = { route, tokens: tokens.slice(typed ? 2 : 1), nexthops: [], cache: [] };
        drafts.push(cur);
        return;
      }
      if (line === firstLine && j === 0 && PROMPT_RE.test(trimmed)) {
        warnings.push({ line, ...coded('skipped-prompt', { text: trimmed }) });
        return;
      }
      if (!cur) {
        warnings.push({ line, ...coded('not-route-line', { text: trimmed }) });
        return;
      }
      if (tokens[0] === 'nexthop') {
        cur.nexthops.push({ tokens: tokens.slice(1) });
      } else if (tokens[0] === 'cache') {
        cur.cache.push(tokens.slice(1));
      } else if (indented || CONTINUATION_WORDS.has(tokens[0]!)) {
        // A line wrapped by a terminal: the rest of the line before.
        const last = cur.nexthops[cur.nexthops.length - 1];
        (last ? last.tokens : cur.tokens).push(...tokens);
      } else {
        warnings.push({ line, ...coded('not-route-line', { text: trimmed }) });
      }
    });
  });
  if (drafts.length === 0 && warnings.some((w) => w.code === 'not-route-line')) {
    return rejected('not `ip route` output: no line starts with a destination, `default` or a route type');
  }
  return result(drafts.map(finish), warnings);
}

export const ipRoute: Parser<IpRoute> = {
  id: 'ip-route',
  description: 'Routes from `ip route show` (tables main, local, all; IPv4 and IPv6; iproute2 or BusyBox)',
  commands: [
    'ip route show',
    'ip r',
    'ip route show table local',
    'ip route show table all',
    'ip -6 route show',
  ],
  parse,
};
