/**
 * One netfilter hook of one namespace for one packet: every base chain registered at the hook
 * (iptables tables and nft chains alike), in priority order, each walked by its jumps, gotos,
 * returns and verdict maps, the way nf_tables / x_tables do for the FIRST packet of a
 * connection (conntrack state NEW).
 *
 *   -A FORWARD -j DOCKER-USER                  (jump, then return to FORWARD)
 *   oifname vmap @filter-forward-in-jumps      (nft: the verdict looked up by interface)
 *
 * Semantics that matter: `accept` ends one base chain only (the next base chain of the hook
 * still sees the packet; a drop anywhere is final); the first nat chain that binds a
 * translation ends NAT at that hook (later nat chains are not consulted, as nf_nat does); a
 * rule whose known matches hold but which has a match we do not model makes the hook's answer
 * "unknown, because of rule N": never a guess. A rule whose known matches already fail cannot
 * match whatever the unknown part says, and is skipped.
 */

import { type Translator, translator } from '../i18n/index.js';
import type {
  FwChain,
  FwHook,
  FwMatch,
  FwRule,
  FwTable,
  FwTarget,
  ModelFirewall,
} from '../model/firewall.js';
import { baseChains } from '../model/firewall.js';
import { contains, familyOf, sameAddress } from './addr.js';
import type { Hop, HopRule } from './types.js';

export interface PacketState {
  family: 'ipv4' | 'ipv6';
  proto: 'tcp' | 'udp';
  src: string;
  dst: string;
  sport: number;
  dport: number;
  inIf?: string;
  outIf?: string;
  /** Bridged between two ports of a bridge (br_netfilter): the ports for physdev. */
  bridged?: { physIn: string; physOut: string };
  mark: number;
  /** A NAT binding was made at this hook already (dst for PREROUTING/OUTPUT, src for POSTROUTING/INPUT). */
  natDst?: boolean;
  natSrc?: boolean;
  /** NAT chains of that direction already ran for this connection (a null binding counts). */
  natDecidedDst?: boolean;
  natDecidedSrc?: boolean;
}

/** What the walker needs to know about the namespace besides its rules. */
export interface HookEnv {
  namespace: string;
  /** LOCAL, BROADCAST, MULTICAST or UNICAST, from the namespace's local table and addresses. */
  addrType(addr: string): string;
  /** The first address of an interface in a family, for MASQUERADE and REDIRECT. */
  primaryAddress(ifname: string | undefined, family: 'inet' | 'inet6'): string | undefined;
  /** Elements of a set the capture does not show (Docker's ipsets), with the assumption made. */
  externalSet(name: string): { elements: string[]; assumption: string } | undefined;
  assume(text: string): void;
  /** The language of the hops' and reasons' text (English when absent). */
  t?: Translator;
}

export type HookOutcome =
  | { kind: 'accept'; hops: Hop[] }
  | { kind: 'drop' | 'reject' | 'unknown'; hops: Hop[]; reason: string };

const HOOK_NAME: Record<FwHook, string> = {
  prerouting: 'PREROUTING',
  input: 'INPUT',
  forward: 'FORWARD',
  output: 'OUTPUT',
  postrouting: 'POSTROUTING',
};

function tableLabel(t: FwTable): string {
  return t.source === 'nft-ruleset'
    ? `nft ${t.family === 'ipv4' ? 'ip' : t.family === 'ipv6' ? 'ip6' : t.family} ${t.name}`
    : t.source === 'iptables-legacy-save'
      ? `${t.name} (legacy)`
      : t.name;
}

function ruleRef(t: FwTable, chain: string, rule: FwRule): HopRule {
  return { table: tableLabel(t), chain, index: rule.index, text: rule.text };
}

function ifaceMatches(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  if (pattern.endsWith('+')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

type Tri = 'yes' | 'no' | 'unknown';

/**
 * `unknowns` collects what cannot be told; `assumed` what was assumed to tell it (said in the
 * path only when the rule then decides something: a LOG rule's rate limit changes no verdict).
 */
function matchOne(m: FwMatch, st: PacketState, env: HookEnv, unknowns: string[], assumed: string[]): Tri {
  const t = env.t ?? translator('en');
  const yes = (b: boolean, negate = false): Tri => (b !== negate ? 'yes' : 'no');
  switch (m.kind) {
    case 'iface':
      return yes(ifaceMatches(m.name, m.dir === 'in' ? st.inIf : st.outIf), m.negate);
    case 'addr': {
      const a = m.dir === 'src' ? st.src : st.dst;
      return yes(
        m.cidrs.some((c) => contains(c, a)),
        m.negate,
      );
    }
    case 'proto': {
      const p = m.proto.toLowerCase();
      if (p === 'all' || p === '0') return yes(true, m.negate);
      const num = st.proto === 'tcp' ? '6' : '17';
      return yes(p === st.proto || p === num, m.negate);
    }
    case 'port': {
      const port = m.dir === 'dport' ? st.dport : st.sport;
      return yes(
        m.ranges.some(([lo, hi]) => port >= lo && port <= hi),
        m.negate,
      );
    }
    case 'ctstate': {
      // The first packet: NEW, and DNAT once a destination translation was bound.
      const states = new Set(['NEW']);
      if (st.natDst) states.add('DNAT');
      if (st.natSrc) states.add('SNAT');
      return yes(
        m.states.some((s) => states.has(s)),
        m.negate,
      );
    }
    case 'addrtype': {
      const t = env.addrType(m.dir === 'src' ? st.src : st.dst);
      return yes(m.types.includes(t), m.negate);
    }
    case 'physdev': {
      let ok = true;
      if (m.isBridged) ok &&= st.bridged !== undefined;
      if (m.physdevIn !== undefined) ok &&= ifaceMatches(m.physdevIn, st.bridged?.physIn);
      if (m.physdevOut !== undefined) ok &&= ifaceMatches(m.physdevOut, st.bridged?.physOut);
      return yes(ok, m.negate);
    }
    case 'set': {
      const ext = m.elements ? undefined : env.externalSet(m.name);
      const elements = m.elements ?? ext?.elements;
      const parts = m.lookup.split(/[,\s.]+/).filter(Boolean);
      if (!elements || parts.length !== 1) {
        unknowns.push(t('tr.w.set', { name: m.name, lookup: m.lookup }));
        return 'unknown';
      }
      if (ext) env.assume(ext.assumption);
      const what = parts[0] === 'src' ? st.src : st.dst;
      return yes(
        elements.some((e) => contains(e, what) || sameAddress(e, what)),
        m.negate,
      );
    }
    case 'mark': {
      const [v = '0', mask] = m.value.split('/');
      const mk = mask === undefined ? 0xffffffff : Number(mask);
      return yes((st.mark & mk) >>> 0 === (Number(v) & mk) >>> 0, m.negate);
    }
    case 'family':
      return yes(m.family === st.family);
    case 'comment':
      return 'yes';
    case 'limit':
      // A token bucket shared by all packets hitting the rule: its state is not in a dump.
      assumed.push(
        t('tr.a.limit', {
          match: `-m limit --limit ${m.rate}${m.burst !== undefined ? ` --limit-burst ${m.burst}` : ''}`,
        }),
      );
      return 'yes';
    case 'recent': {
      // --set only records the source, and matches (xt_recent returns true, or false negated).
      if (m.mode === 'set') return yes(true, m.negate);
      // --rcheck/--update with --hitcount N (N > 1) count this source's recent packets: assume
      // it is not flooding, as for -m limit. Without a hitcount the answer is whether the source
      // was ever recorded: history a dump does not hold.
      if ((m.mode === 'rcheck' || m.mode === 'update') && m.hitcount !== undefined && m.hitcount > 1) {
        assumed.push(
          t('tr.a.recent', {
            match: `-m recent --${m.mode} --name ${m.list} --hitcount ${m.hitcount}${m.seconds !== undefined ? ` --seconds ${m.seconds}` : ''}`,
            hitcount: m.hitcount,
            seconds: m.seconds !== undefined ? String(m.seconds) : '',
          }),
        );
        return yes(false, m.negate);
      }
      unknowns.push(t('tr.w.recent', { match: `-m recent --${m.mode} --name ${m.list}` }));
      return 'unknown';
    }
    case 'ipv6-header':
      // The traced packet is a plain first TCP/UDP packet: no extension header to match.
      return 'no';
    case 'unknown':
      unknowns.push(m.text);
      return 'unknown';
  }
}

function matchRule(
  rule: FwRule,
  st: PacketState,
  env: HookEnv,
): { tri: Tri; unknowns: string[]; assumed: string[] } {
  const unknowns: string[] = [];
  const assumed: string[] = [];
  let sawUnknown = false;
  for (const m of rule.matches) {
    const r = matchOne(m, st, env, unknowns, assumed);
    if (r === 'no') {
      // A rule kept from matching only by an assumption (`-m recent --hitcount`) rests on it,
      // unless a later match fails on its own.
      const byAssumption = m.kind === 'recent' && assumed.length > 0;
      const laterFails =
        byAssumption &&
        rule.matches.slice(rule.matches.indexOf(m) + 1).some((x) => matchOne(x, st, env, [], []) === 'no');
      return { tri: 'no', unknowns: [], assumed: byAssumption && !laterFails ? assumed : [] };
    }
    if (r === 'unknown') sawUnknown = true;
  }
  return { tri: sawUnknown ? 'unknown' : 'yes', unknowns, assumed };
}

/** `172.17.0.2:8080`, `[fd00::2]:80`, `10.0.0.1-10.0.0.9:80-90`, `:8080` -> the first address and port. */
function natTo(to: string): { addr?: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?/.exec(to);
  if (v6) return { addr: v6[1], ...(v6[2] ? { port: Number(v6[2]) } : {}) };
  const m = /^([^:-]*)(?:-[^:]*)?(?::(\d+))?/.exec(to);
  const out: { addr?: string; port?: number } = {};
  if (m?.[1]) out.addr = m[1];
  if (m?.[2]) out.port = Number(m[2]);
  // An IPv6 address without brackets and without a port: `dnat to fd00::2`.
  if (to.split(':').length > 2 && !to.startsWith('[')) return { addr: to };
  return out;
}

type WalkResult =
  | { kind: 'accept' | 'drop' | 'reject'; rule: FwRule; chain: string; trail: string[]; nat?: string }
  | { kind: 'policy'; trail: string[] }
  | { kind: 'unknown'; rule: FwRule; chain: string; trail: string[]; why: string };

const MAX_DEPTH = 64;

function walk(table: FwTable, base: FwChain, hook: FwHook, st: PacketState, env: HookEnv): WalkResult {
  const t = env.t ?? translator('en');
  const chains = new Map(table.chains.map((c) => [c.name, c]));
  const stack: { chain: FwChain; i: number }[] = [{ chain: base, i: 0 }];
  const trail: string[] = [base.name];
  const isNat = base.type === 'nat';
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    if (!f) break;
    const rule = f.chain.rules[f.i];
    if (!rule) {
      stack.pop();
      continue;
    }
    f.i++;
    const { tri, unknowns, assumed } = matchRule(rule, st, env);
    // An assumption is said when it decided something: a rule it kept from matching, or a rule
    // it let match whose target is more than a LOG or a counter.
    const decisive = rule.target.kind !== 'continue' || rule.target.setMark !== undefined;
    if (decisive && tri !== 'unknown')
      for (const a of assumed)
        env.assume(
          t('tr.a.in-rule', {
            assumption: a,
            where: t('tr.w.rule', { index: rule.index, table: tableLabel(table), chain: f.chain.name }),
          }),
        );
    if (tri === 'no') continue;
    let target: FwTarget = rule.target;
    if (target.kind === 'vmap') {
      const key = target.key === 'in' ? st.inIf : st.outIf;
      const entry = target.entries.find((e) => ifaceMatches(e.key, key));
      if (!entry) continue;
      target = entry.verdict;
    }
    if (tri === 'unknown') {
      if (target.kind === 'continue') continue;
      return { kind: 'unknown', rule, chain: f.chain.name, trail, why: unknowns.join(', ') };
    }
    switch (target.kind) {
      case 'accept':
        return { kind: 'accept', rule, chain: f.chain.name, trail };
      case 'drop':
        return { kind: 'drop', rule, chain: f.chain.name, trail };
      case 'reject':
        return { kind: 'reject', rule, chain: f.chain.name, trail };
      case 'return':
        stack.pop();
        break;
      case 'jump':
      case 'goto': {
        const next = chains.get(target.chain);
        if (!next || stack.length > MAX_DEPTH)
          return {
            kind: 'unknown',
            rule,
            chain: f.chain.name,
            trail,
            why: t('tr.w.no-chain', { chain: target.chain }),
          };
        if (target.kind === 'goto') stack.pop();
        stack.push({ chain: next, i: 0 });
        trail.push(`${f.chain.name}#${rule.index} -> ${next.name}`);
        break;
      }
      case 'dnat':
      case 'redirect': {
        if (!isNat && table.name !== 'nat')
          return { kind: 'unknown', rule, chain: f.chain.name, trail, why: t('tr.w.nat-outside') };
        const before = `${st.dst}:${st.dport}`;
        if (target.kind === 'dnat') {
          const to = natTo(target.to);
          if (to.addr) st.dst = to.addr;
          if (to.port !== undefined) st.dport = to.port;
        } else {
          const fam = st.family === 'ipv4' ? 'inet' : 'inet6';
          const addr =
            hook === 'output' ? (fam === 'inet' ? '127.0.0.1' : '::1') : env.primaryAddress(st.inIf, fam);
          if (!addr)
            return {
              kind: 'unknown',
              rule,
              chain: f.chain.name,
              trail,
              why: t('tr.w.no-address', { dev: st.inIf ?? '' }),
            };
          st.dst = addr;
          const p = target.toPorts ? Number(/^\d+/.exec(target.toPorts)?.[0]) : undefined;
          if (p !== undefined && !Number.isNaN(p)) st.dport = p;
        }
        st.natDst = true;
        return {
          kind: 'accept',
          rule,
          chain: f.chain.name,
          trail,
          nat: `DNAT ${before} -> ${st.dst}:${st.dport}`,
        };
      }
      case 'snat':
      case 'masquerade': {
        const before = st.src;
        if (target.kind === 'snat') {
          const to = natTo(target.to);
          if (to.addr) st.src = to.addr;
        } else {
          const addr = env.primaryAddress(st.outIf, st.family === 'ipv4' ? 'inet' : 'inet6');
          if (!addr)
            return {
              kind: 'unknown',
              rule,
              chain: f.chain.name,
              trail,
              why: t('tr.w.no-address', { dev: st.outIf ?? '' }),
            };
          st.src = addr;
        }
        st.natSrc = true;
        return {
          kind: 'accept',
          rule,
          chain: f.chain.name,
          trail,
          nat: `${target.kind === 'snat' ? 'SNAT' : 'MASQUERADE'} ${before} -> ${st.src}`,
        };
      }
      case 'continue':
        if (target.setMark !== undefined) {
          const [v = '0', mask] = target.setMark.split('/');
          const mk = mask === undefined ? 0xffffffff : Number(mask);
          st.mark = ((st.mark & ~mk) ^ Number(v)) >>> 0;
        }
        break;
      case 'unknown':
        return {
          kind: 'unknown',
          rule,
          chain: f.chain.name,
          trail,
          why: t('tr.w.target', { target: target.name }),
        };
      case 'vmap':
        return { kind: 'unknown', rule, chain: f.chain.name, trail, why: t('tr.w.vmap') };
    }
  }
  return { kind: 'policy', trail };
}

/** Run every base chain of a hook; NAT changes are applied to `st`. */
export function runHook(fw: ModelFirewall, hook: FwHook, st: PacketState, env: HookEnv): HookOutcome {
  const t = env.t ?? translator('en');
  const hops: Hop[] = [];
  for (const { table, chain } of baseChains(fw, hook, st.family)) {
    const isNat = chain.type === 'nat' || table.name === 'nat';
    // NAT is decided once per direction for a connection: later nat chains are not consulted.
    if (isNat && (hook === 'prerouting' || hook === 'output') && (st.natDst || st.natDecidedDst)) continue;
    if (isNat && (hook === 'postrouting' || hook === 'input') && (st.natSrc || st.natDecidedSrc)) continue;
    if (chain.rules.length === 0 && chain.policy !== 'drop') continue;
    const stage = `${tableLabel(table)} ${table.source === 'nft-ruleset' ? chain.name : HOOK_NAME[hook]}`;
    const r = walk(table, chain, hook, st, env);
    const packet = { src: st.src, dst: st.dst, sport: st.sport, dport: st.dport };
    if (r.kind === 'policy') {
      const policy = chain.policy ?? 'accept';
      hops.push({
        namespace: env.namespace,
        stage,
        detail: isNat ? t('tr.h.no-nat') : t('tr.h.policy', { policy: policy.toUpperCase() }),
        rule: { table: tableLabel(table), chain: chain.name, text: `policy ${policy.toUpperCase()}` },
        trail: r.trail,
        evidence: [chain.evidence],
      });
      if (policy === 'drop')
        return {
          kind: 'drop',
          hops,
          reason: t('tr.r.policy-drop', { table: tableLabel(table), chain: chain.name }),
        };
      continue;
    }
    const where = t('tr.w.rule', { index: r.rule.index, table: tableLabel(table), chain: r.chain });
    const hop: Hop = {
      namespace: env.namespace,
      stage,
      detail: '',
      rule: ruleRef(table, r.chain, r.rule),
      trail: r.trail,
      evidence: [r.rule.evidence],
    };
    hops.push(hop);
    if (r.kind === 'unknown') {
      hop.detail = t('tr.h.cannot-tell', { why: r.why });
      return { kind: 'unknown', hops, reason: t('tr.r.rule-unknown', { where, why: r.why }) };
    }
    if (r.kind === 'accept') {
      hop.detail = r.nat ? t('tr.h.nat', { nat: r.nat, where }) : t('tr.h.accepted-by', { where });
      if (r.nat) hop.packet = packet;
      continue;
    }
    hop.detail = t(r.kind === 'drop' ? 'tr.h.dropped-by' : 'tr.h.rejected-by', { where });
    return { kind: r.kind, hops, reason: hop.detail };
  }
  return { kind: 'accept', hops };
}

export { familyOf };
