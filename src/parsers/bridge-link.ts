/**
 * Parser for iproute2 `bridge link show` (what the collector runs, id `bridge-link`) and
 * `bridge -d link show`: the ports of every Linux bridge, with their STP state.
 *
 *   5: veth848a536@uplink0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state forwarding priority 32 cost 2
 *   13: vethc72f75b@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker_gwbridge state forwarding priority 32 cost 2
 *       hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on ...
 *
 * One record per port. Things that are not obvious:
 *
 * - The header looks like `ip link`'s (`N: name@link: <FLAGS> mtu ...`) but has no `link/...`
 *   line, no qdisc, and ends with the port's STP state (`disabled`, `listening`, `learning`,
 *   `forwarding`, `blocking`), `priority` and `cost`; every line ends with a space.
 * - `@link`: `bridge` resolves the port's IFLA_LINK ifindex (a veth's peer) in ITS OWN namespace,
 *   with no regard for link-netnsid. A veth whose peer is index 4 in a container therefore prints
 *   as `vethX@<whatever is index 4 on the host>` (`veth848a536@uplink0`, `veth1@docker0`, seen
 *   here), and as `@ifN` only when no local interface has that index. `peerIndex` is set only
 *   from `@ifN`; a name goes to `linkName` and must not be trusted as the peer.
 * - Older iproute2 (3.x) printed the operational state before the link, and `(null)` for an
 *   index it could not name: `7: vethb1e8d6f state UP @(null): <...> mtu 1500 master docker0
 *   state forwarding priority 32 cost 2`, or `5: veth0 state UP : <...>` without a link. The
 *   first `state` is `operState`, the one after `master` the STP `state`.
 * - `bridge -d link` adds one indented line of `key value` pairs (`hairpin on guard off ...`),
 *   kept in `options`; `bridge -s link` adds nothing for ports.
 * - `ip link` / `ip addr` output is rejected here (it has `link/...` lines), as `ip addr`'s parser
 *   rejects this output.
 */
import { type Coded, coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface BridgePort {
  /** The port's ifindex, in the namespace `bridge` ran in. */
  index: number;
  name: string;
  /** The text after '@' as printed: 'if12', 'uplink0', '(null)', 'NONE'. */
  linkRef?: string;
  /** From `@ifN` only: the peer's (or parent's) ifindex, in another namespace. */
  peerIndex?: number;
  /** From `@name`: the local interface that has the link's ifindex, which for a veth whose peer is
   * in another namespace is NOT the peer (see the file comment). */
  linkName?: string;
  /** Old layout only: the operational state printed before the link (`state UP @...`). */
  operState?: string;
  flags: string[];
  mtu?: number;
  /** The bridge this port belongs to. */
  master?: string;
  /** STP port state: disabled, listening, learning, forwarding, blocking. */
  state?: string;
  priority?: number;
  cost?: number;
  /** `bridge -d link`: hairpin, guard, learning, flood, isolated... as printed (`on`/`off`/number). */
  options?: Record<string, string>;
  /** Header words this parser does not know, as printed. */
  extra?: string[];
  line: number;
}

/** `N: name[ state X][@link]: <FLAGS> rest` (the new layout has no state before the colon). */
const HEADER_RE = /^(\d+):\s+(\S+?)(?:\s+state\s+(\S+)\s*)?(?:\s*@(\S*?))?:\s+<([^>]*)>(.*)$/;

function parseHeaderRest(port: BridgePort, rest: string, warn: (w: Coded) => void): void {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  const extra: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = words[i + 1];
    const num = v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
    switch (w) {
      case 'mtu':
        if (num === undefined) warn(coded('mtu-without-number'));
        else port.mtu = num;
        i++;
        break;
      case 'master':
        if (v !== undefined) port.master = v;
        i++;
        break;
      case 'state':
        if (v !== undefined) port.state = v;
        i++;
        break;
      case 'priority':
        if (num !== undefined) port.priority = num;
        i++;
        break;
      case 'cost':
        if (num !== undefined) port.cost = num;
        i++;
        break;
      default:
        extra.push(w);
    }
  }
  if (extra.length > 0) port.extra = extra;
}

function parse(text: string): ParseResult<BridgePort> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return result([], []);
  if (lines.some((l) => /^\s*link\/\S+/.test(l) || /^\d+:\s+\S+:\s+<[^>]*>.*\slink\/\S+/.test(l)))
    return rejected('`ip link` / `ip addr` output (it has link/... lines), not `bridge link`');
  if (!lines.some((l) => HEADER_RE.test(l.trim())))
    return rejected('not `bridge link` output: no port line (`N: name: <FLAGS> ... master BRIDGE`)');

  const records: BridgePort[] = [];
  const warnings: ParseWarning[] = [];
  let cur: BridgePort | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const m = HEADER_RE.exec(raw.trim());
    if (m && !/^\s/.test(raw)) {
      const port: BridgePort = { index: Number(m[1]), name: m[2]!, flags: [], line };
      if (m[3] !== undefined) port.operState = m[3];
      const ref = m[4];
      if (ref !== undefined && ref !== '') {
        port.linkRef = ref;
        const ifn = /^if(\d+)$/.exec(ref);
        if (ifn) port.peerIndex = Number(ifn[1]);
        else if (ref !== '(null)' && ref !== 'NONE') port.linkName = ref;
      }
      port.flags = m[5]!.split(',').filter(Boolean);
      parseHeaderRest(port, m[6] ?? '', (w) => warnings.push({ line, ...w }));
      // Keep the key order stable for the golden files: line last.
      const { line: l, ...head } = port;
      cur = { ...head, line: l };
      records.push(cur);
      return;
    }
    if (/^\s/.test(raw) && cur) {
      // `bridge -d link`: `hairpin off guard off ... mcast_router 1 ...`
      const words = raw.trim().split(/\s+/);
      const options: Record<string, string> = { ...(cur.options ?? {}) };
      for (let k = 0; k + 1 < words.length; k += 2) options[words[k]!] = words[k + 1]!;
      if (words.length % 2 === 1)
        warnings.push({ line, ...coded('odd-detail-words', { text: raw.trim().slice(0, 80) }) });
      const { line: l, ...head } = cur;
      const next: BridgePort = { ...head, options, line: l };
      records[records.length - 1] = next;
      cur = next;
      return;
    }
    warnings.push({ line, ...coded('unknown-line', { text: raw.trim().slice(0, 100) }) });
  });
  return result(records, capWarnings(warnings));
}

export const bridgeLink: Parser<BridgePort> = {
  id: 'bridge-link',
  description: 'bridge ports from iproute2 `bridge link` (-d too): port, bridge, STP state, priority, cost',
  commands: ['bridge link show', 'bridge -d link show'],
  parse,
};
