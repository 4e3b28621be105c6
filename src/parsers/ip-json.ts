/**
 * Parser for iproute2's JSON output: `ip -j addr show`, `ip -j -d link show`,
 * `ip -j route show table all`, `ip -j -6 route show table all`, `ip -j rule show`,
 * `ip -j neigh show`, one line each, or pretty-printed with `ip -j -p`.
 *
 *   [{"ifindex":4,"link_index":2,"ifname":"veth9c996da","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],
 *     "mtu":1500,"master":"docker0","operstate":"UP","link_netnsid":1,"linkinfo":{"info_kind":"veth",...}}]
 *   [{"priority":100,"src":"all","fwmark":"0x1","table":"100"}]
 *
 * Which command printed the text is told by the objects' keys (ifindex+ifname: addr/link;
 * priority: rule; dst+flags: route; dst without flags: neighbour), and the records have the SAME
 * shapes as the text parsers' (IpInterface of ip-addr.ts, IpRoute of ip-route.ts, IpRule of
 * ip-rule.ts), so the model can use either. Things that are not obvious:
 *
 * - The link field: `link_index` (printed with `link_netnsid`: the peer is in another namespace)
 *   becomes `peerIndex` and `linkRef: "ifN"` as the text `@ifN` does; `link: "eth0"` is a parent
 *   in the same namespace, `link: "if5"` an index this namespace does not know, `link: null`
 *   is `@NONE`. `slaveKind` is `info_slave_kind` + `_slave`, as `ip -d` prints it (bridge_slave).
 * - Address flags are the keys whose value is `true` (`"secondary": true`); lifetimes are numbers
 *   where 4294967295 means forever; both become the text forms (`forever`, `3600sec`).
 * - Routes: `gateway` (or `via: {family, host}` for a gateway of the other family) -> `via`;
 *   `prefsrc` -> `src` and `src` -> `from` (JSON names them after the netlink attributes);
 *   `metrics: [{mtu: 1300}]` -> `mtu`, other metrics kept in `metrics` as strings. JSON loses
 *   the `lock` of `mtu lock 1300` (iproute2 prints it only as text). The family is not printed:
 *   it is read from the addresses, like ip-route.ts does, and failing that from the other routes
 *   of the same output (`ip -6 route` shows only one family).
 * - Rules: `src`+`srclen` -> `from` (`srclen` is absent for a single host), `fwmark`+`fwmask`
 *   -> `0x2/0xff`, `uid_start`/`uid_end` -> `uidrange`, `sport_start`/`sport_end` -> `sport`;
 *   a `goto` key or an `action` key gives the action; `not`, `nop` and flags print as `null`.
 * - Lines: `ip -j` prints everything on line 1; with `-p` each object starts on its own line,
 *   so each record (and each address) gets the line of its opening brace.
 * - A truncated or damaged output: every complete element of the top-level array is still read,
 *   the broken one is reported as a warning.
 */
import { coded } from '../i18n/coded.js';
import type { IpAddress, IpInterface } from './ip-addr.js';
import type { IpNexthop, IpRoute } from './ip-route.js';
import { type IpRule, type IpRuleAction, orderedRule } from './ip-rule.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result } from './util.js';

export interface IpNeighbour {
  /** The neighbour's IP address (`dst`). */
  address: string;
  family: 'inet' | 'inet6';
  dev?: string;
  lladdr?: string;
  /** NUD states: REACHABLE, STALE, PERMANENT, INCOMPLETE, FAILED, NOARP, DELAY, PROBE. */
  state: string[];
  /** router, proxy, extern_learn... (keys printed as `null`). */
  flags?: string[];
  line: number;
}

export type IpJsonRecord = IpInterface | IpRoute | IpRule | IpNeighbour;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

interface Element {
  value: Json;
  line: number;
  /** Line of every object of the element, in document order. */
  objectLines: number[];
}

/**
 * Split the text into the elements of its top-level array(s) without trusting the whole text to
 * be valid JSON, noting the line where each object starts.
 */
function scan(text: string, warnings: ParseWarning[]): Element[] | undefined {
  const elements: Element[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  /** Depth at which elements open: 1 inside a top-level array, 0 for bare objects; -1 between values. */
  let base = -1;
  let start = -1;
  let startLine = 1;
  let lines: number[] = [];
  let sawTop = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 0 && base === -1) {
        sawTop = true;
        if (c === '[') {
          base = 1;
          depth = 1;
          continue;
        }
        base = 0;
      }
      if (depth === base && start < 0) {
        start = i;
        startLine = line;
        lines = [];
      }
      if (c === '{' && start >= 0) lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return sawTop ? elements : undefined;
      if (start >= 0 && depth === base) {
        try {
          elements.push({
            value: JSON.parse(text.slice(start, i + 1)) as Json,
            line: startLine,
            objectLines: lines,
          });
        } catch (e) {
          warnings.push({
            line: startLine,
            ...coded('unreadable-json-element', { error: (e as Error).message }),
          });
        }
        start = -1;
      }
      if (depth === 0) base = -1;
    } else if (depth === 0 && !/\s/.test(c)) {
      // text outside any JSON value
      if (!sawTop) return undefined;
      warnings.push({ line, ...coded('text-after-json-value') });
      break;
    }
  }
  if (!sawTop) return undefined;
  if (depth !== 0 || inString) warnings.push({ line, ...coded('json-cut-short') });
  return elements;
}

/** Give every object of an element its line, in document order (JSON.parse keeps key order). */
function lineMap(el: Element): WeakMap<object, number> {
  const map = new WeakMap<object, number>();
  let n = 0;
  const visit = (v: Json) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      map.set(v, el.objectLines[n++] ?? el.line);
      for (const k of Object.keys(v)) visit(v[k]!);
    }
  };
  visit(el.value);
  return map;
}

const isObj = (v: Json | undefined): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: Json | undefined) =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
const num = (v: Json | undefined) => (typeof v === 'number' ? v : undefined);
const strings = (v: Json | undefined) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

type Kind = 'link' | 'rule' | 'route' | 'neigh';

function kindOf(o: Obj): Kind | undefined {
  if ('ifindex' in o && 'ifname' in o) return 'link';
  if ('priority' in o && ('src' in o || 'table' in o || 'action' in o)) return 'rule';
  if ('dst' in o && Array.isArray(o['flags'])) return 'route';
  if ('dst' in o && (Array.isArray(o['state']) || 'lladdr' in o || 'dev' in o)) return 'neigh';
  return undefined;
}

function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

const lft = (n: number | undefined) =>
  n === undefined ? undefined : n === 4294967295 ? 'forever' : `${n}sec`;
const ADDR_NOT_FLAGS = new Set(['family', 'local', 'address', 'prefixlen', 'broadcast', 'scope', 'label']);

function toAddress(a: Obj, line: number): IpAddress | undefined {
  const family = a['family'];
  if ((family !== 'inet' && family !== 'inet6') || typeof a['local'] !== 'string') return undefined;
  return compact<IpAddress>({
    family,
    address: a['local'],
    prefixLength: num(a['prefixlen']) ?? (family === 'inet6' ? 128 : 32),
    broadcast: str(a['broadcast']),
    peer: str(a['address']),
    scope: str(a['scope']),
    label: str(a['label']),
    flags: Object.keys(a).filter((k) => a[k] === true && !ADDR_NOT_FLAGS.has(k)),
    validLft: lft(num(a['valid_life_time'])),
    preferredLft: lft(num(a['preferred_life_time'])),
    metric: num(a['metric']),
    proto: str(a['protocol']),
    line,
  });
}

function toInterface(o: Obj, lines: WeakMap<object, number>, warnings: ParseWarning[]): IpInterface {
  const line = lines.get(o) ?? 1;
  const info = isObj(o['linkinfo']) ? o['linkinfo'] : undefined;
  let linkRef: string | undefined;
  let peerIndex: number | undefined;
  let parent: string | undefined;
  const linkIndex = num(o['link_index']);
  if (linkIndex !== undefined) {
    linkRef = `if${linkIndex}`;
    peerIndex = linkIndex;
  } else if (o['link'] === null) linkRef = 'NONE';
  else if (typeof o['link'] === 'string') {
    linkRef = o['link'];
    const m = /^if(\d+)$/.exec(linkRef);
    if (m) peerIndex = Number(m[1]);
    else parent = linkRef;
  }
  const ptp = 'link_pointtopoint' in o;
  const addresses: IpAddress[] = [];
  for (const a of Array.isArray(o['addr_info']) ? o['addr_info'] : []) {
    if (!isObj(a)) continue;
    const addr = toAddress(a, lines.get(a) ?? line);
    if (addr) addresses.push(addr);
    else if (Object.keys(a).length > 0)
      warnings.push({
        line: lines.get(a) ?? line,
        ...coded('unknown-family-address', { json: JSON.stringify(a) }),
      });
  }
  const slave = str(info?.['info_slave_kind']);
  const data = isObj(info?.['info_data']) ? (info['info_data'] as Obj) : undefined;
  const linkInfo =
    data && (num(data['id']) !== undefined || str(data['mode']) !== undefined)
      ? compact<{ id?: number; mode?: string }>({ id: num(data['id']), mode: str(data['mode']) })
      : undefined;
  return compact<IpInterface>({
    linkInfo,
    index: num(o['ifindex']) ?? -1,
    name: str(o['ifname']) ?? '',
    linkRef,
    peerIndex,
    parent,
    flags: strings(o['flags']),
    mtu: num(o['mtu']),
    qdisc: str(o['qdisc']),
    master: str(o['master']),
    state: str(o['operstate']),
    mode: str(o['linkmode']),
    group: str(o['group']),
    qlen: num(o['txqlen']),
    linkType: str(o['link_type']),
    mac: str(o['address']),
    broadcastMac: ptp ? undefined : str(o['broadcast']),
    linkPeer: ptp ? str(o['broadcast']) : undefined,
    permanentMac: str(o['permaddr']),
    linkNetnsid: num(o['link_netnsid']),
    kind: str(info?.['info_kind']),
    slaveKind: slave === undefined ? undefined : `${slave}_slave`,
    alias: str(o['ifalias']),
    altnames: strings(o['altnames']),
    addresses,
    line,
  });
}

function familyOf(r: IpRoute): 'inet' | 'inet6' | undefined {
  if (r.dst.includes(':')) return 'inet6';
  if (r.dst.includes('.')) return 'inet';
  const hints = [r.via, r.src, ...(r.nexthops ?? []).map((n) => n.via)];
  if (hints.some((h) => h?.includes(':')) || r.pref !== undefined || r.error !== undefined) return 'inet6';
  if (hints.some((h) => h?.includes('.'))) return 'inet';
  return undefined;
}

function toNexthop(n: Obj): IpNexthop {
  const via = isObj(n['via']) ? n['via'] : undefined;
  return compact<IpNexthop>({
    via: str(n['gateway']) ?? str(via?.['host']),
    viaFamily: via && (via['family'] === 'inet' || via['family'] === 'inet6') ? via['family'] : undefined,
    dev: str(n['dev']),
    weight: num(n['weight']),
    flags: strings(n['flags']),
  });
}

function toRoute(o: Obj, lines: WeakMap<object, number>): IpRoute {
  const via = isObj(o['via']) ? o['via'] : undefined;
  let mtu: number | undefined;
  const metrics: Record<string, string> = {};
  for (const m of Array.isArray(o['metrics']) ? o['metrics'] : []) {
    if (!isObj(m)) continue;
    for (const [k, v] of Object.entries(m)) {
      if (k === 'mtu' && typeof v === 'number') mtu = v;
      else metrics[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  }
  const flow = isObj(o['flow']) ? o['flow'] : undefined;
  if (flow) {
    const from = str(flow['from']);
    const to = str(flow['to']);
    if (from !== undefined) metrics['realms'] = `${from}/${to ?? '0'}`;
    else if (to !== undefined) metrics['realm'] = to;
  }
  const expires = num(o['expires']);
  const route = compact<IpRoute>({
    family: 'inet',
    type: str(o['type']) ?? 'unicast',
    dst: str(o['dst']) ?? '',
    table: str(o['table']),
    via: str(o['gateway']) ?? str(via?.['host']),
    viaFamily: via && (via['family'] === 'inet' || via['family'] === 'inet6') ? via['family'] : undefined,
    dev: str(o['dev']),
    proto: str(o['protocol']),
    scope: str(o['scope']),
    src: str(o['prefsrc']),
    metric: num(o['metric']),
    pref: str(o['pref']),
    mtu,
    flags: strings(o['flags']),
    nexthops: Array.isArray(o['nexthops']) ? o['nexthops'].filter(isObj).map(toNexthop) : undefined,
    from: str(o['src']),
    expires: expires === undefined ? undefined : `${expires}sec`,
    error: str(o['error']),
    nhid: num(o['nhid']),
    metrics: Object.keys(metrics).length > 0 ? metrics : undefined,
    line: lines.get(o) ?? 1,
  });
  return route;
}

function toRule(o: Obj, lines: WeakMap<object, number>): IpRule {
  const withLen = (addr: string | undefined, len: Json | undefined) =>
    addr === undefined || addr === 'all' || typeof len !== 'number' ? addr : `${addr}/${len}`;
  const range = (key: string) => {
    const one = str(o[key]);
    if (one !== undefined) return one;
    const a = num(o[`${key}_start`]);
    const b = num(o[`${key}_end`]);
    return a === undefined ? undefined : `${a}-${b ?? a}`;
  };
  const fwmark = str(o['fwmark']);
  const fwmask = str(o['fwmask']);
  let action: IpRuleAction = 'lookup';
  const act = str(o['action']);
  if ('goto' in o || act === 'goto') action = 'goto';
  else if ('nop' in o) action = 'nop';
  else if (act === 'blackhole' || act === 'unreachable' || act === 'prohibit' || act === 'nop') action = act;
  const flags = ['iif_detached', 'oif_detached', 'unresolved', 'l3mdev']
    .filter((k) => k in o)
    .map((k) => (k.endsWith('_detached') ? 'detached' : k));
  const uidStart = num(o['uid_start']);
  return orderedRule(
    compact<IpRule>({
      priority: num(o['priority']) ?? -1,
      not: 'not' in o ? true : undefined,
      from: withLen(str(o['src']), o['srclen']) ?? 'all',
      to: withLen(str(o['dst']), o['dstlen']),
      tos: str(o['tos']) ?? str(o['dsfield']),
      fwmark: fwmark === undefined ? undefined : fwmask === undefined ? fwmark : `${fwmark}/${fwmask}`,
      iif: str(o['iif']),
      oif: str(o['oif']),
      uidrange: uidStart === undefined ? undefined : `${uidStart}-${num(o['uid_end']) ?? uidStart}`,
      ipproto: str(o['ipproto']),
      sport: range('sport'),
      dport: range('dport'),
      table: str(o['table']),
      action,
      goto: num(o['goto']),
      suppressPrefixlength: num(o['suppress_prefixlen']),
      suppressIfgroup: str(o['suppress_ifgroup']),
      proto: str(o['protocol']),
      flags: flags.length > 0 ? flags : undefined,
      line: lines.get(o) ?? 1,
    }),
  );
}

function toNeighbour(o: Obj, lines: WeakMap<object, number>): IpNeighbour {
  const address = str(o['dst']) ?? '';
  const flags = Object.keys(o).filter((k) => o[k] === null);
  return compact<IpNeighbour>({
    address,
    family: address.includes(':') ? 'inet6' : 'inet',
    dev: str(o['dev']),
    lladdr: str(o['lladdr']),
    state: strings(o['state']),
    flags: flags.length > 0 ? flags : undefined,
    line: lines.get(o) ?? 1,
  });
}

function parse(text: string): ParseResult<IpJsonRecord> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const first = text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim();
  if (first === undefined) return rejected('empty output');
  if (/^Option "-j" is unknown|^(Error:|RTNETLINK answers:)/.test(first))
    return rejected(`error text instead of output: ${first}`);
  const warnings: ParseWarning[] = [];
  const elements = scan(text, warnings);
  if (elements === undefined) return rejected('not `ip -j` output: the text is not a JSON array');

  const records: IpJsonRecord[] = [];
  const kinds = new Map<Kind, number>();
  const classified = elements.map((el) => {
    const kind = isObj(el.value) ? kindOf(el.value) : undefined;
    if (kind) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    return { el, kind };
  });
  // One command prints one kind; the most frequent kind is the command's.
  const main = [...kinds.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const routes: IpRoute[] = [];
  for (const { el, kind } of classified) {
    if (!kind || kind !== main || !isObj(el.value)) {
      warnings.push({
        line: el.line,
        ...coded('not-ip-object', { main: main ?? '', json: JSON.stringify(el.value).slice(0, 100) }),
      });
      continue;
    }
    const lines = lineMap(el);
    if (kind === 'link') records.push(toInterface(el.value, lines, warnings));
    else if (kind === 'rule') records.push(toRule(el.value, lines));
    else if (kind === 'neigh') records.push(toNeighbour(el.value, lines));
    else {
      const r = toRoute(el.value, lines);
      routes.push(r);
      records.push(r);
    }
  }
  if (routes.length > 0) {
    const fams = routes.map(familyOf);
    const known = new Set(fams.filter((f) => f !== undefined));
    const fallback = known.size === 1 ? [...known][0]! : 'inet';
    routes.forEach((r, i) => {
      r.family = fams[i] ?? fallback;
    });
  }
  return result(records, capWarnings(warnings));
}

export const ipJson: Parser<IpJsonRecord> = {
  id: 'ip-json',
  description: "iproute2 JSON (`ip -j` addr, link, route, rule, neigh) as the text parsers' records",
  commands: [
    'ip -j addr show',
    'ip -j -d link show',
    'ip -j route show table all',
    'ip -j -6 route show table all',
    'ip -j rule show',
    'ip -j neigh show',
  ],
  parse,
};
