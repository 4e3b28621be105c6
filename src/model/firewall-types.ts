/**
 * The firewall facet's types (built by firewall.ts, read by the evaluator in src/reach/). Apart
 * from firewall.ts so that types.ts can name ModelFirewall without importing the builder.
 */
import type { Evidence } from './evidence-type.js';

export type FwHook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
export type FwFamily = 'ipv4' | 'ipv6' | 'inet' | 'bridge' | 'arp' | 'netdev';

/** `docker+` (iptables) or `docker*` (nft) match a prefix. */
export interface FwIfaceMatch {
  kind: 'iface';
  dir: 'in' | 'out';
  name: string;
  negate: boolean;
}
export interface FwAddrMatch {
  kind: 'addr';
  dir: 'src' | 'dst';
  /** CIDRs or addresses; the match holds when the address is in any of them. */
  cidrs: string[];
  negate: boolean;
}
export interface FwProtoMatch {
  kind: 'proto';
  proto: string;
  negate: boolean;
}
export interface FwPortMatch {
  kind: 'port';
  dir: 'sport' | 'dport';
  /** Inclusive ranges: `80,443,8000:8080` -> [[80,80],[443,443],[8000,8080]]. */
  ranges: [number, number][];
  negate: boolean;
}
export interface FwCtstateMatch {
  kind: 'ctstate';
  /** Upper case: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED, DNAT, SNAT. */
  states: string[];
  negate: boolean;
}
export interface FwAddrtypeMatch {
  kind: 'addrtype';
  dir: 'src' | 'dst';
  /** Upper case: LOCAL, UNICAST, BROADCAST, MULTICAST ... */
  types: string[];
  negate: boolean;
}
export interface FwPhysdevMatch {
  kind: 'physdev';
  physdevIn?: string;
  physdevOut?: string;
  /** `--physdev-is-bridged`: the packet is being bridged (not routed). */
  isBridged?: boolean;
  negate: boolean;
}
export interface FwSetMatch {
  kind: 'set';
  name: string;
  /** Which part of the packet is looked up: `dst`, `src`, `dport`, `daddr . dport`... as printed. */
  lookup: string;
  /** Elements when the set itself was captured (nft sets); ipsets are not captured. */
  elements?: string[];
  negate: boolean;
}
export interface FwMarkMatch {
  kind: 'mark';
  /** `0x1/0xff` as printed. */
  value: string;
  negate: boolean;
}
/** nft `meta nfproto ipv4` in an inet table. */
export interface FwFamilyMatch {
  kind: 'family';
  family: 'ipv4' | 'ipv6';
}
export interface FwCommentMatch {
  kind: 'comment';
  text: string;
}
/**
 * `-m limit --limit 3/min --limit-burst 10`: a token bucket shared by every packet that reaches
 * the rule. The evaluator assumes it is not exceeded (a first packet, not a flood) and says so.
 */
export interface FwLimitMatch {
  kind: 'limit';
  /** As printed: `3/min`, `10/sec`. */
  rate: string;
  burst?: number;
}
/**
 * `-m recent --set|--rcheck|--update|--remove [--seconds S] [--hitcount N] --name L`: ufw's
 * `limit` rules. `--set` always matches (it only records the source); the others depend on what
 * the source sent before.
 */
export interface FwRecentMatch {
  kind: 'recent';
  mode: 'set' | 'rcheck' | 'update' | 'remove';
  list: string;
  seconds?: number;
  hitcount?: number;
  negate: boolean;
}
/**
 * A match on an IPv6 extension header (`-m rt --rt-type 0`, `-m frag`, `-m hbh`, `-m dst`,
 * `-m ipv6header`): the traced packets are plain TCP/UDP without extension headers, so the
 * header-specific modules never match them (ip6t_rt returns false when there is no routing
 * header, negated or not).
 */
export interface FwIpv6HeaderMatch {
  kind: 'ipv6-header';
  module: string;
  text: string;
}
export interface FwUnknownMatch {
  kind: 'unknown';
  text: string;
}
export type FwMatch =
  | FwIfaceMatch
  | FwAddrMatch
  | FwProtoMatch
  | FwPortMatch
  | FwCtstateMatch
  | FwAddrtypeMatch
  | FwPhysdevMatch
  | FwSetMatch
  | FwMarkMatch
  | FwFamilyMatch
  | FwCommentMatch
  | FwLimitMatch
  | FwRecentMatch
  | FwIpv6HeaderMatch
  | FwUnknownMatch;

export type FwTarget =
  | { kind: 'accept' }
  | { kind: 'drop' }
  | { kind: 'reject'; with?: string }
  | { kind: 'return' }
  | { kind: 'jump'; chain: string }
  | { kind: 'goto'; chain: string }
  /** nft `iifname vmap @m` / `oifname vmap { "a" : jump x }`: the verdict is looked up by interface. */
  | { kind: 'vmap'; key: 'in' | 'out'; entries: { key: string; verdict: FwTarget }[] }
  | { kind: 'dnat'; to: string }
  | { kind: 'snat'; to: string }
  | { kind: 'masquerade'; to?: string }
  /** REDIRECT: DNAT to the incoming interface's primary address (127.0.0.1 from OUTPUT). */
  | { kind: 'redirect'; toPorts?: string }
  /** Non-terminating: MARK/CONNMARK (with the value), LOG, CT, NOTRACK, counter-only rules... */
  | { kind: 'continue'; name: string; setMark?: string }
  | { kind: 'unknown'; name: string };

export interface FwRule {
  /** 1-based position in its chain, for "rule 3 of DOCKER-USER". */
  index: number;
  matches: FwMatch[];
  target: FwTarget;
  /** The rule as printed (after `-A CHAIN` for iptables). */
  text: string;
  evidence: Evidence;
}

export interface FwChain {
  name: string;
  /** Base chains only (built-in iptables chains, nft chains with `type ... hook`). */
  hook?: FwHook;
  /** nft chain type or the iptables table: filter, nat, route (mangle), raw. */
  type?: string;
  /** Numeric priority on the xtables/nft scale (nat PREROUTING -100, filter 0). */
  priority?: number;
  /** accept or drop, base chains only. */
  policy?: 'accept' | 'drop';
  rules: FwRule[];
  evidence: Evidence;
}

export interface FwTable {
  /** iptables tables: ipv4 / ipv6; nft: the table's family (ip -> ipv4, ip6 -> ipv6). */
  family: FwFamily;
  name: string;
  /** Which capture it came from. */
  source: 'iptables-save' | 'ip6tables-save' | 'iptables-legacy-save' | 'nft-ruleset';
  chains: FwChain[];
}

export interface ModelFirewall {
  tables: FwTable[];
  /** Command ids that fed it (tells "no rules" from "not captured"). */
  captured: string[];
  /** Facts worth saying: both backends active, tables skipped as duplicates... */
  notes: string[];
}
