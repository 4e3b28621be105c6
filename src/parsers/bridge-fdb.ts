/**
 * Parser for iproute2 `bridge fdb show` (collector id `bridge-fdb`): the forwarding database of
 * every bridge and of every device with its own fdb (vxlan). Docker's overlay driver writes one
 * static entry per remote container on the namespace's vxlan device, naming the node that hosts
 * it: the remote VTEP.
 *
 *   02:42:0a:32:00:04 dev vxlan0 dst 10.99.0.3 link-netnsid 0 self permanent
 *   22:25:5c:bd:67:c1 dev vxlan0 master br0 permanent
 *   33:33:00:00:00:01 dev br0 self permanent
 *
 * One record per line. Things that are not obvious:
 *
 * - The words after the MAC are `key value` pairs (`dev`, `dst`, `vlan`, `port`, `vni`,
 *   `src_vni`, `via`, `nhid`, `link-netnsid`, `master`) and single flags (`self`, `master` is a
 *   pair, `router`, `extern_learn`, `offload`, `sticky`); the last word is the state: `permanent`,
 *   `static`, or nothing for a learned (dynamic) entry. `-s` adds `used N/M` and `updated N/M`.
 * - `dst` is the remote VTEP's underlay address; `00:00:00:00:00:00 dev vxlan0 dst X` is a
 *   flooding entry (broadcast and unknown unicast go to X), still a VTEP.
 * - `link-netnsid` tells the vxlan's underlay device lives in another namespace (the host's):
 *   Docker moves the vxlan device into the overlay namespace after creating it.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface FdbEntry {
  mac: string;
  dev: string;
  /** The bridge the entry belongs to (`master br0`). */
  master?: string;
  /** vxlan: the remote VTEP's underlay address. */
  dst?: string;
  vlan?: number;
  vni?: number;
  port?: number;
  linkNetnsid?: number;
  /** self (the device's own fdb), router, extern_learn, offload, sticky... as printed. */
  flags: string[];
  /** permanent, static, or dynamic (no state word: a learned entry). */
  state: string;
  line: number;
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const PAIRS = new Set([
  'dev',
  'dst',
  'vlan',
  'port',
  'vni',
  'src_vni',
  'via',
  'nhid',
  'link-netnsid',
  'master',
]);
const STATES = new Set(['permanent', 'static', 'dynamic']);

function parse(text: string): ParseResult<FdbEntry> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return result([], []);
  const first = lines
    .find((l) => l.trim() !== '')!
    .trim()
    .split(/\s+/);
  if (!MAC_RE.test(first[0] ?? '') || first[1] !== 'dev')
    return rejected('not `bridge fdb` output: lines start with a MAC address and `dev`');

  const records: FdbEntry[] = [];
  const warnings: ParseWarning[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    const words = raw.trim().split(/\s+/);
    if (raw.trim() === '') return;
    if (!MAC_RE.test(words[0]!) || words[1] !== 'dev' || words[2] === undefined) {
      warnings.push({ line, ...coded('unknown-line', { text: raw.trim().slice(0, 100) }) });
      return;
    }
    const e: FdbEntry = { mac: words[0]!.toLowerCase(), dev: words[2], flags: [], state: 'dynamic', line };
    for (let k = 3; k < words.length; k++) {
      const w = words[k]!;
      const v = words[k + 1];
      if (PAIRS.has(w) && v !== undefined) {
        const n = /^\d+$/.test(v) ? Number(v) : undefined;
        if (w === 'dst') e.dst = v;
        else if (w === 'master') e.master = v;
        else if (w === 'vlan' && n !== undefined) e.vlan = n;
        else if (w === 'vni' && n !== undefined) e.vni = n;
        else if (w === 'port' && n !== undefined) e.port = n;
        else if (w === 'link-netnsid' && n !== undefined) e.linkNetnsid = n;
        else e.flags.push(`${w} ${v}`);
        k++;
      } else if (STATES.has(w)) e.state = w;
      else if ((w === 'used' || w === 'updated') && v !== undefined) k++;
      else e.flags.push(w);
    }
    // Keep the key order stable for the golden files: line last.
    const { line: l, ...rest } = e;
    records.push({ ...rest, line: l });
  });
  return result(records, capWarnings(warnings));
}

export const bridgeFdb: Parser<FdbEntry> = {
  id: 'bridge-fdb',
  description:
    'forwarding database from iproute2 `bridge fdb show`: MAC, device, bridge, remote VTEP (dst), state',
  commands: ['bridge fdb show'],
  parse,
};
