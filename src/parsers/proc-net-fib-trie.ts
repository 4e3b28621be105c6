/**
 * Parser for `/proc/net/fib_trie`: the IPv4 routing tries, read here for the addresses they hold
 * (the collector reads it for a container it cannot enter with nsenter; /proc has no other
 * list of IPv4 addresses).
 *
 *   Main:
 *     +-- 0.0.0.0/0 3 0 5
 *        +-- 172.17.0.0/16 2 0 2
 *           +-- 172.17.0.0/30 2 0 2
 *              |-- 172.17.0.0
 *                 /16 link UNICAST
 *              |-- 172.17.0.2
 *                 /32 host LOCAL
 *           |-- 172.17.255.255
 *              /32 link BROADCAST
 *
 * One record per local address (`/32 host LOCAL`) and per broadcast address (`/32 link
 * BROADCAST`), with `prefix`, the network it belongs to. Things that are not obvious:
 *
 * - `+-- P/N` lines are internal nodes of the trie, not networks (`127.0.0.0/31` above, or
 *   `172.16.0.0/13` joining 172.17 and 172.18), so `prefix` is not read from them: it is the
 *   longest route of the output (a `/N ... UNICAST` or `LOCAL` entry, 0 < N < 32) containing
 *   the address: 172.17.0.0/16 for 172.17.0.2, 127.0.0.0/8 for 127.0.0.1. An address that no
 *   such route contains (a point-to-point `10.8.0.1 peer 10.8.0.2/32`) has no `prefix`.
 * - The file prints one trie per table (`Main:`, `Local:`, `Id 100:`); since Linux 4.1 the local
 *   and main tables share one trie until a policy rule exists, and both headers then show the
 *   same leaves. Each address is reported once (its first appearance).
 * - The file does not say which interface holds an address: match it with the routes or
 *   `sys-class-net`.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface FibTrieAddress {
  address: string;
  /** The enclosing network, e.g. `172.17.0.0/16`; absent when no route of the file contains it. */
  prefix?: string;
  type: 'LOCAL' | 'BROADCAST';
  line: number;
}

interface Entry {
  address: string;
  len: number;
  type: string;
  line: number;
  /** Line of the `|-- address` leaf. */
  leafLine: number;
}

const toInt = (a: string) => a.split('.').reduce((n, p) => n * 256 + Number(p), 0);

function contains(net: Entry, address: string): boolean {
  const size = 2 ** (32 - net.len);
  return Math.floor(toInt(net.address) / size) === Math.floor(toInt(address) / size);
}

function parse(text: string): ParseResult<FibTrieAddress> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  const warnings: ParseWarning[] = [];
  const entries: Entry[] = [];
  let tables = 0;
  let leaf: { address: string; line: number } | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '') return;
    if (/^(Main|Local|Id \S+):$/.test(t)) {
      tables++;
      leaf = undefined;
      return;
    }
    if (/^\+-- \d+\.\d+\.\d+\.\d+\/\d+(\s+\d+)*$/.test(t)) return;
    const l = /^\|-- (\d+\.\d+\.\d+\.\d+)$/.exec(t);
    if (l) {
      leaf = { address: l[1]!, line };
      return;
    }
    const e = /^\/(\d+)\s+(\S+)\s+([A-Z_]+)\b/.exec(t);
    if (e && leaf) {
      entries.push({ address: leaf.address, len: Number(e[1]), type: e[3]!, line, leafLine: leaf.line });
      return;
    }
    warnings.push({ line, ...coded('unrecognised-line', { text: t.slice(0, 100) }) });
  });
  if (tables === 0 && entries.length === 0)
    return rejected('not /proc/net/fib_trie: no `Main:`/`Local:` table and no `|-- address` leaf');

  const networks = entries.filter(
    (e) => e.len > 0 && e.len < 32 && (e.type === 'UNICAST' || e.type === 'LOCAL'),
  );
  const seen = new Set<string>();
  const records: FibTrieAddress[] = [];
  for (const e of entries) {
    if (e.len !== 32 || (e.type !== 'LOCAL' && e.type !== 'BROADCAST')) continue;
    const key = `${e.address} ${e.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const net = networks.filter((n) => contains(n, e.address)).sort((a, b) => b.len - a.len)[0];
    records.push({
      address: e.address,
      ...(net ? { prefix: `${net.address}/${net.len}` } : {}),
      type: e.type,
      line: e.leafLine,
    });
  }
  return result(records, capWarnings(warnings));
}

export const procNetFibTrie: Parser<FibTrieAddress> = {
  id: 'proc-net-fib-trie',
  description: 'Local and broadcast IPv4 addresses (with their networks) from /proc/net/fib_trie',
  commands: ['cat /proc/net/fib_trie'],
  parse,
};
