/**
 * Parser for `/proc/net/route`: the kernel's IPv4 main routing table (what the collector reads
 * for a container it cannot enter with nsenter).
 *
 *   Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
 *   ens18	00000000	01B2A8C0	0003	0	0	0	00000000	0	0	0
 *   docker0	000011AC	00000000	0001	0	0	0	0000FFFF	0	0	0
 *
 * Records have the IpRoute shape of ip-route.ts (`ip route show table main`). Things that are not
 * obvious:
 *
 * - Addresses are `%08X` of the network-order value read as a host integer: on little-endian
 *   hosts `01B2A8C0` is 192.168.178.1. Netmasks tell the byte order: a mask must be ones then
 *   zeros in network order, so the whole file is read big-endian when its masks only make sense
 *   that way (s390x), with a warning.
 * - Only the main table is listed, and only the routes the kernel can print here: local,
 *   broadcast and IPv6 routes are never in this file. `default` is destination 0 with mask 0.
 * - Routes that drop packets have no device (`*`): unreachable and prohibit also carry flag `!`
 *   (RTF_REJECT) and cannot be told apart (`type: reject`); a blackhole route has no `!`, and since
 *   every forwarding route has a device, `*` without `!` is read as `blackhole`.
 * - A gateway of the other family (`via inet6 fe80::1`) prints as gateway 0 with flag G: `via`
 *   is then left out and `viaFamily` is `inet6`.
 * - `flags` stays iproute2's word list (always empty here); the `route -n` letters (U, G, H, D,
 *   M, !) go to `rtFlags`. The `MTU` column is not the MTU but the route's advmss + 40 (what
 *   `route -n` calls MSS), so it becomes `metrics.advmss`; Window and IRTT, when not 0, are kept
 *   in `metrics` too.
 */

import { coded } from '../i18n/coded.js';
import type { IpRoute } from './ip-route.js';
import { addressFromWords, maskLength } from './proc-net-hex.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface ProcNetRoute extends IpRoute {
  /** The RTF_* flags as `route -n` prints them: U (up), G (gateway), H (host), D, M, ! (reject). */
  rtFlags: string;
}

const RTF: [number, string][] = [
  [0x0001, 'U'],
  [0x0002, 'G'],
  [0x0004, 'H'],
  [0x0008, 'R'],
  [0x0010, 'D'],
  [0x0020, 'M'],
  [0x0200, '!'],
];

const HEADER_RE = /^Iface\s+Destination\s+Gateway\s+Flags\b/;
const ROW_RE =
  /^(\S+)\s+([0-9A-Fa-f]{8})\s+([0-9A-Fa-f]{8})\s+([0-9A-Fa-f]{4})\s+(-?\d+)\s+(\d+)\s+(\d+)\s+([0-9A-Fa-f]{8})\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;

function parse(text: string): ParseResult<ProcNetRoute> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  const warnings: ParseWarning[] = [];
  const rows: { m: RegExpExecArray; line: number }[] = [];
  let header = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    if (HEADER_RE.test(raw.trim())) {
      header = true;
      return;
    }
    const m = ROW_RE.exec(raw.trim());
    if (m) rows.push({ m, line });
    else warnings.push({ line, ...coded('unrecognised-line', { text: raw.trim().slice(0, 100) }) });
  });
  if (!header && rows.length === 0) return rejected('not /proc/net/route: no `Iface Destination ...` header');
  if (!header) warnings.push(coded('no-route-header'));

  // Byte order: the masks decide (see the file comment).
  const masks = rows.map((r) => r.m[8]!).filter((m) => !/^0+$|^F+$/i.test(m));
  const valid = (le: boolean) => masks.every((m) => maskLength(addressFromWords(m, le)!) !== undefined);
  const littleEndian = masks.length === 0 || valid(true) || !valid(false);
  if (!littleEndian) warnings.push(coded('big-endian-masks'));

  const records = rows.map(({ m, line }): ProcNetRoute => {
    const dst = addressFromWords(m[2]!, littleEndian)!;
    const gw = addressFromWords(m[3]!, littleEndian)!;
    const mask = addressFromWords(m[8]!, littleEndian)!;
    const bits = Number.parseInt(m[4]!, 16);
    const len = maskLength(mask);
    if (len === undefined) warnings.push({ line, ...coded('mask-not-contiguous', { mask }) });
    const rtFlags = RTF.filter(([b]) => bits & b)
      .map(([, c]) => c)
      .join('');
    const reject = (bits & 0x0200) !== 0;
    const out: Record<string, unknown> = {
      family: 'inet',
      type: reject ? 'reject' : m[1] === '*' ? 'blackhole' : 'unicast',
      dst: dst === '0.0.0.0' && len === 0 ? 'default' : len === 32 ? dst : `${dst}/${len ?? mask}`,
    };
    if (gw !== '0.0.0.0') out['via'] = gw;
    else if (bits & 0x0002) out['viaFamily'] = 'inet6';
    if (m[1] !== '*') out['dev'] = m[1];
    out['metric'] = Number(m[7]);
    out['flags'] = [];
    out['rtFlags'] = rtFlags;
    const metrics: Record<string, string> = {};
    if (Number(m[9]) > 0) metrics['advmss'] = String(Number(m[9]) - 40);
    if (Number(m[10]) > 0) metrics['window'] = m[10]!;
    if (Number(m[11]) > 0) metrics['irtt'] = m[11]!;
    if (Object.keys(metrics).length > 0) out['metrics'] = metrics;
    out['line'] = line;
    return out as unknown as ProcNetRoute;
  });
  return result(records, capWarnings(warnings));
}

export const procNetRoute: Parser<ProcNetRoute> = {
  id: 'proc-net-route',
  description: 'IPv4 main routing table from /proc/net/route, as ip-route records',
  commands: ['cat /proc/net/route'],
  parse,
};
