/**
 * The routing decision of one namespace, from `ip rule` and the routes of every table
 * (`ip route show table all`):
 *
 *   0:	from all lookup local        local 172.17.0.1 dev docker0 proto kernel scope host src 172.17.0.1
 *   32766:	from all lookup main     172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1
 *
 * Rules in priority order; in a table the longest prefix wins, then the lowest metric; `throw`
 * and a suppressed result go on to the next rule. Without an `ip rule` capture the kernel's
 * default rules are assumed (local, main, default). Without a `local` table capture the local
 * routes are made from the interfaces' addresses (that is what the kernel does when an address
 * is added).
 */
import { type Translator, translator } from '../i18n/index.js';
import type { ModelIpRule, ModelNamespace, ModelRoute } from '../model/types.js';
import { contains, familyOf, prefixOf } from './addr.js';

export interface RouteResult {
  /** local: delivered in this namespace; unicast: sent out of `dev`; the others are failures. */
  type: 'local' | 'unicast' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit' | 'none';
  route?: ModelRoute;
  rule?: ModelIpRule;
  table?: string;
  dev?: string;
  /** Next hop: the gateway, or the destination itself on a connected route. */
  nextHop?: string;
  /** The route's preferred source (`src`), for locally generated packets. */
  prefsrc?: string;
  /** Text of the rule that decided, for the path (in the language of `opts.t`). */
  why: string;
}

const DEFAULT_RULES: Omit<ModelIpRule, 'family' | 'evidence'>[] = [
  { priority: 0, from: 'all', table: 'local', action: 'lookup' },
  { priority: 32766, from: 'all', table: 'main', action: 'lookup' },
  { priority: 32767, from: 'all', table: 'default', action: 'lookup' },
];

/** Per-namespace index of routes by table and family, built once. */
const index = new WeakMap<ModelNamespace, Map<string, ModelRoute[]>>();

function tableRoutes(ns: ModelNamespace, table: string, family: 'inet' | 'inet6'): ModelRoute[] {
  let byTable = index.get(ns);
  if (!byTable) {
    byTable = new Map();
    for (const r of ns.routes) {
      const k = `${r.table}|${r.family}`;
      const list = byTable.get(k);
      if (list) list.push(r);
      else byTable.set(k, [r]);
    }
    // No local table captured: the kernel adds one local route per address.
    for (const fam of ['inet', 'inet6'] as const) {
      if (byTable.has(`local|${fam}`)) continue;
      const local: ModelRoute[] = [];
      for (const i of ns.interfaces)
        for (const a of i.addresses)
          if (a.family === fam)
            local.push({
              table: 'local',
              family: fam,
              type: 'local',
              dst: a.address,
              dev: i.name,
              src: a.address,
              flags: ['synthesised'],
              evidence: i.evidence,
            });
      if (fam === 'inet' && ns.interfaces.some((i) => i.kind === 'loopback'))
        local.push({
          table: 'local',
          family: 'inet',
          type: 'local',
          dst: '127.0.0.0/8',
          dev: 'lo',
          src: '127.0.0.1',
          flags: ['synthesised'],
          evidence: { file: 'assumed' },
        });
      byTable.set(`local|${fam}`, local);
    }
    index.set(ns, byTable);
  }
  return byTable.get(`${table}|${family}`) ?? [];
}

/**
 * Longest-prefix results per routing table (the per-namespace arrays of tableRoutes), by
 * destination and output device: the matrix looks the same destinations up in a 5,000-route
 * table for every source, and each scan cost a `contains` per route.
 */
const lookupCache = new WeakMap<ModelRoute[], Map<string, ModelRoute | null>>();

function lookupTable(ns: ModelNamespace, table: string, dst: string, oif?: string): ModelRoute | undefined {
  const routes = tableRoutes(ns, table, familyOf(dst));
  let cache = lookupCache.get(routes);
  if (!cache) {
    cache = new Map();
    lookupCache.set(routes, cache);
  }
  const key = `${dst}|${oif ?? ''}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const found = scanTable(routes, dst, oif);
  if (cache.size > 100_000) cache.clear();
  cache.set(key, found ?? null);
  return found;
}

function scanTable(routes: ModelRoute[], dst: string, oif?: string): ModelRoute | undefined {
  let best: ModelRoute | undefined;
  let bestLen = -1;
  for (const r of routes) {
    if (r.type === 'multicast') continue;
    if (oif !== undefined && r.dev !== undefined && r.dev !== oif && r.type !== 'local') continue;
    if (!contains(r.dst, dst)) continue;
    const len = prefixOf(r.dst);
    if (len > bestLen || (len === bestLen && (r.metric ?? 0) < (best?.metric ?? 0))) {
      best = r;
      bestLen = len;
    }
  }
  return best;
}

function ruleMatches(
  rule: Omit<ModelIpRule, 'family' | 'evidence'>,
  src: string | undefined,
  dst: string,
  iif: string | undefined,
  mark: number,
): boolean | 'unknown' {
  let ok = true;
  if (rule.from !== 'all' && src !== undefined) ok &&= contains(rule.from, src);
  if (rule.to !== undefined && rule.to !== 'all') ok &&= contains(rule.to, dst);
  // Locally generated packets have iif lo.
  if (rule.iif !== undefined) ok &&= rule.iif === (iif ?? 'lo');
  if (rule.fwmark !== undefined) {
    const [v = '0', mask] = rule.fwmark.split('/');
    const mk = mask === undefined ? 0xffffffff : Number(mask);
    ok &&= (mark & mk) >>> 0 === (Number(v) & mk) >>> 0;
  }
  if (
    rule.oif !== undefined ||
    rule.uidrange !== undefined ||
    rule.ipproto !== undefined ||
    rule.sport !== undefined ||
    rule.dport !== undefined ||
    rule.tos !== undefined
  )
    if (ok) return 'unknown';
  return rule.not ? !ok : ok;
}

/** The route the kernel picks for a packet to `dst` (from `src`, received on `iif` or generated here). */
export function routeLookup(
  ns: ModelNamespace,
  dst: string,
  opts: { src?: string; iif?: string; mark?: number; t?: Translator } = {},
): RouteResult | { type: 'unknown'; why: string; rule?: ModelIpRule } {
  const t = opts.t ?? translator('en');
  const family = familyOf(dst);
  const rules: Omit<ModelIpRule, 'family' | 'evidence'>[] = ns.ipRules?.some((r) => r.family === family)
    ? ns.ipRules.filter((r) => r.family === family)
    : DEFAULT_RULES;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!rule) continue;
    const m = ruleMatches(rule, opts.src, dst, opts.iif, opts.mark ?? 0);
    const full = 'evidence' in rule ? (rule as ModelIpRule) : undefined;
    if (m === 'unknown')
      return {
        type: 'unknown',
        why: t('tr.w.rule-selector', { priority: rule.priority }),
        ...(full ? { rule: full } : {}),
      };
    if (!m) continue;
    const base = { ...(full ? { rule: full } : {}) };
    if (rule.action === 'blackhole' || rule.action === 'unreachable' || rule.action === 'prohibit')
      return { type: rule.action, why: `ip rule ${rule.priority}: ${rule.action}`, ...base };
    if (rule.action === 'nop') continue;
    if (rule.action === 'goto') {
      const j = rules.findIndex((r) => r.priority >= (rule.goto ?? Number.POSITIVE_INFINITY));
      if (j < 0) break;
      i = j - 1;
      continue;
    }
    const table = rule.table ?? 'main';
    const r = lookupTable(ns, table, dst);
    if (!r || r.type === 'throw') continue;
    if (rule.suppressPrefixlength !== undefined && prefixOf(r.dst) <= rule.suppressPrefixlength) continue;
    const type =
      r.type === 'local' ||
      r.type === 'broadcast' ||
      r.type === 'blackhole' ||
      r.type === 'unreachable' ||
      r.type === 'prohibit'
        ? r.type
        : 'unicast';
    const out: RouteResult = {
      type,
      route: r,
      table,
      // The route itself as `ip route` prints it; only "table" is a word.
      why: t('tr.w.table', {
        table,
        route: `${r.type === 'unicast' ? '' : `${r.type} `}${r.dst}${r.via ? ` via ${r.via}` : ''}${r.dev ? ` dev ${r.dev}` : ''}`,
      }),
      ...base,
    };
    const dev = r.dev ?? r.nexthops?.[0]?.dev;
    if (dev) out.dev = dev;
    const via = r.via ?? r.nexthops?.[0]?.via;
    out.nextHop = via ?? dst;
    if (r.src) out.prefsrc = r.src;
    return out;
  }
  return { type: 'none', why: t('tr.w.no-route') };
}

/** addrtype / `fib daddr type` of an address in a namespace: LOCAL, BROADCAST, MULTICAST or UNICAST. */
/**
 * addressType per namespace and address: each traced hop asks, and on the big host each answer
 * walked the host's local table and its ~1,000 interfaces' addresses. Kept with the interface
 * list it was made from (a namespace given other interfaces is asked afresh).
 */
const typeCache = new WeakMap<
  ModelNamespace,
  { interfaces: unknown; n: number; byAddr: Map<string, string> }
>();

export function addressType(ns: ModelNamespace, addr: string): string {
  let c = typeCache.get(ns);
  if (!c || c.interfaces !== ns.interfaces || c.n !== ns.interfaces.length) {
    c = { interfaces: ns.interfaces, n: ns.interfaces.length, byAddr: new Map() };
    typeCache.set(ns, c);
  }
  let t = c.byAddr.get(addr);
  if (t === undefined) {
    t = addressTypeOf(ns, addr);
    if (c.byAddr.size > 100_000) c.byAddr.clear();
    c.byAddr.set(addr, t);
  }
  return t;
}

function addressTypeOf(ns: ModelNamespace, addr: string): string {
  const fam = familyOf(addr);
  if (fam === 'inet' ? contains('224.0.0.0/4', addr) : contains('ff00::/8', addr)) return 'MULTICAST';
  if (fam === 'inet' && addr === '255.255.255.255') return 'BROADCAST';
  for (const r of tableRoutes(ns, 'local', fam)) {
    if (r.type === 'local' && contains(r.dst, addr)) return 'LOCAL';
    if (r.type === 'broadcast' && contains(r.dst, addr) && prefixOf(r.dst) === (fam === 'inet' ? 32 : 128))
      return 'BROADCAST';
  }
  // A local table that was captured might still miss an address added later: the interfaces say.
  for (const i of ns.interfaces) for (const a of i.addresses) if (a.address === addr) return 'LOCAL';
  return 'UNICAST';
}
