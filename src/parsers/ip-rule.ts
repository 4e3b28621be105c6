/**
 * Parser for the policy routing rules of `ip rule show` / `ip -6 rule show` (iproute2 or BusyBox).
 *
 *   0:	from all lookup local
 *   100:	from all fwmark 0x1 lookup 100
 *   1100:	not from all fwmark 0x2/0xff lookup main suppress_prefixlength 0
 *   2000:	from all oif ens18 goto 32766
 *   32766:	from all lookup main
 *
 * One record per rule; the same shape comes from `ip -j rule` (ip-json.ts). Things that are not
 * obvious:
 *
 * - `lookup X` is what iproute2 prints; `table X` is the same thing (the keyword `ip rule add`
 *   takes, found in hand-written notes and some old outputs): both go to `table`, action `lookup`.
 * - Rules without a table have an action word instead: `goto N`, `nop`, `blackhole`,
 *   `unreachable`, `prohibit`.
 * - BusyBox does not know rule actions and prints the action number as a route type after
 *   `lookup unspec`: `lookup unspec local` is goto (action 2, target not printed), `lookup unspec
 *   broadcast` is nop (3), `lookup unspec blackhole|unreachable|prohibit` are those. It also prints
 *   `tos` in decimal, ends lines with a space, and drops `not`, `uidrange`, `ipproto`, `sport`
 *   and `dport` (so its rules can look broader than they are).
 * - Ranges and masks stay as printed: `fwmark 0x2/0xff`, `uidrange 0-0`, `dport 1000-2000`.
 * - `family` is set only when an address says it (`from 2001:db8::/32`); `ip -6 rule` output
 *   otherwise looks exactly like `ip rule` output.
 * - `iif lo [detached]` / `oif x [detached]`: the device does not exist; kept in `flags`.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export type IpRuleAction = 'lookup' | 'goto' | 'blackhole' | 'unreachable' | 'prohibit' | 'nop';

export interface IpRule {
  priority: number;
  family?: 'inet' | 'inet6';
  /** `not`: the selector is inverted. */
  not?: true;
  /** Source selector: 'all' or a prefix as printed. */
  from: string;
  to?: string;
  tos?: string;
  /** `0x1` or `0x2/0xff`, as printed. */
  fwmark?: string;
  iif?: string;
  oif?: string;
  /** `0-0`, as printed. */
  uidrange?: string;
  ipproto?: string;
  sport?: string;
  dport?: string;
  /** The routing table looked up (`lookup X` or `table X`): local, main, default, a number or name. */
  table?: string;
  action: IpRuleAction;
  /** Target priority of a `goto` (absent when BusyBox printed the rule). */
  goto?: number;
  suppressPrefixlength?: number;
  suppressIfgroup?: string;
  /** Who added the rule (`proto kernel`, printed by recent iproute2 when not unspec). */
  proto?: string;
  /** detached, unresolved, l3mdev. */
  flags?: string[];
  /** Tokens this parser does not know, kept as printed. */
  extra?: string[];
  line: number;
}

const ACTIONS = new Set(['blackhole', 'unreachable', 'prohibit', 'nop']);
/** BusyBox prints the FR_ACT_* number through the route type table (RTN_*). */
const BUSYBOX_ACTIONS: Record<string, IpRuleAction> = {
  local: 'goto',
  broadcast: 'nop',
  blackhole: 'blackhole',
  unreachable: 'unreachable',
  prohibit: 'prohibit',
  unicast: 'lookup',
};
const VALUE_KEYS: Record<string, keyof IpRule> = {
  from: 'from',
  to: 'to',
  tos: 'tos',
  dsfield: 'tos',
  fwmark: 'fwmark',
  iif: 'iif',
  oif: 'oif',
  uidrange: 'uidrange',
  ipproto: 'ipproto',
  sport: 'sport',
  dport: 'dport',
  proto: 'proto',
  suppress_ifgroup: 'suppressIfgroup',
};

const RULE_KEYS: (keyof IpRule)[] = [
  'priority',
  'family',
  'not',
  'from',
  'to',
  'tos',
  'fwmark',
  'iif',
  'oif',
  'uidrange',
  'ipproto',
  'sport',
  'dport',
  'table',
  'action',
  'goto',
  'suppressPrefixlength',
  'suppressIfgroup',
  'proto',
  'flags',
  'extra',
  'line',
];

/** Put the keys in a stable order and fill `family` (shared with ip-json.ts). */
export function orderedRule(r: IpRule): IpRule {
  const addr = [r.from, r.to].find((a) => a !== undefined && a !== 'all');
  if (r.family === undefined && addr !== undefined) {
    if (addr.includes(':')) r.family = 'inet6';
    else if (/^\d+\.\d+/.test(addr)) r.family = 'inet';
  }
  const o: Record<string, unknown> = {};
  for (const k of RULE_KEYS) if (r[k] !== undefined) o[k] = r[k];
  return o as unknown as IpRule;
}

function parseRule(priority: number, body: string, line: number, warnings: ParseWarning[]): IpRule {
  const t = body.split(/\s+/).filter(Boolean);
  const rule: IpRule = { priority, from: 'all', action: 'lookup', line };
  const flags: string[] = [];
  const extra: string[] = [];
  let hasAction = false;
  for (let i = 0; i < t.length; i++) {
    const k = t[i]!;
    const v = t[i + 1];
    if (k === 'not') rule.not = true;
    else if (k === '[detached]' || k === 'unresolved' || k === 'l3mdev') flags.push(k.replace(/[[\]]/g, ''));
    else if (ACTIONS.has(k)) {
      rule.action = k as IpRuleAction;
      hasAction = true;
    } else if (v === undefined) extra.push(k);
    else if (k === 'lookup' || k === 'table') {
      i++;
      if (v === 'unspec' && t[i + 1] !== undefined && BUSYBOX_ACTIONS[t[i + 1]!]) {
        rule.action = BUSYBOX_ACTIONS[t[i + 1]!]!;
        i++;
      } else {
        // `lookup [l3mdev-table]`: the table of the VRF device the packet came through.
        if (v === '[l3mdev-table]') flags.push('l3mdev');
        else rule.table = v;
        rule.action = 'lookup';
      }
      hasAction = true;
    } else if (k === 'goto') {
      i++;
      rule.action = 'goto';
      if (/^\d+$/.test(v)) rule.goto = Number(v);
      hasAction = true;
    } else if (k === 'suppress_prefixlength' || k === 'suppress_prefixlen') {
      i++;
      if (/^-?\d+$/.test(v)) rule.suppressPrefixlength = Number(v);
      else extra.push(k, v);
    } else if (VALUE_KEYS[k]) {
      i++;
      (rule as unknown as Record<string, string>)[VALUE_KEYS[k]!] = v;
    } else extra.push(k);
  }
  if (!hasAction) warnings.push({ line, ...coded('rule-without-action', { text: body.trim() }) });
  if (flags.length > 0) rule.flags = flags;
  if (extra.length > 0) rule.extra = extra;
  return orderedRule(rule);
}

function parse(text: string): ParseResult<IpRule> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  const first = lines.find((l) => l.trim() !== '')?.trim();
  if (first === undefined) return rejected('empty output');
  if (/^(Error:|RTNETLINK answers:|Object "rule" is unknown)/.test(first))
    return rejected(`error text instead of output: ${first}`);
  const records: IpRule[] = [];
  const warnings: ParseWarning[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const m = /^\s*(\d+):\s*(.*)$/.exec(raw);
    if (!m) {
      warnings.push({ line, ...coded('not-rule-line', { text: raw.trim().slice(0, 100) }) });
      return;
    }
    records.push(parseRule(Number(m[1]), m[2]!, line, warnings));
  });
  if (records.length === 0) return rejected('not `ip rule` output: no `PRIORITY:` line');
  return result(records, capWarnings(warnings));
}

export const ipRule: Parser<IpRule> = {
  id: 'ip-rule',
  description: 'Policy routing rules from `ip rule show` / `ip -6 rule show` (iproute2 or BusyBox)',
  commands: ['ip rule show', 'ip rule', 'ip -6 rule show'],
  parse,
};
