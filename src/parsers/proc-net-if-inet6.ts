/**
 * Parser for `/proc/net/if_inet6`: the IPv6 addresses of one network namespace (the collector
 * reads it for a container it cannot enter with nsenter).
 *
 *   fe80000000000000c86751fffe5a6d91 02 40 20 80    ens18
 *   fd00deadbeef00000000000000000001 03 40 00 82  docker0
 *
 * One record per address: address (32 hex digits, network byte order), ifindex, prefix length,
 * scope and flags, all hex, then the device name right-aligned. Things that are not obvious:
 *
 * - `address` is printed as iproute2 prints it (compressed, lowercase), so it can be matched
 *   with `ip addr` records.
 * - The scope column is the kernel's IPV6_ADDR_* type bits, not the RT_SCOPE that `ip addr`
 *   prints: 00 global, 10 loopback (`ip` says host), 20 link, 40 site; others are kept in hex.
 * - The flags column is only the low 8 bits of IFA_F_*: 80 permanent (`ip` prints `dynamic` when
 *   it is absent), 40 tentative, 20 deprecated, 02 nodad, 01 temporary... decoded to iproute2's
 *   words; IFA_F_MANAGETEMPADDR, NOPREFIXROUTE and higher flags are not in this file.
 * - The ifindex is printed with `%02x`, so it can have more than two digits.
 */
import { coded } from '../i18n/coded.js';
import { ipv6FromHex } from './proc-net-hex.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface ProcNetIfInet6 {
  address: string;
  ifindex: number;
  prefixLength: number;
  /** host, link, global, site, or the hex value when it is none of those. */
  scope: string;
  /** iproute2's words: permanent, tentative, deprecated, nodad, temporary, optimistic, dadfailed, homeaddress. */
  flags: string[];
  name: string;
  line: number;
}

const SCOPES: Record<number, string> = { 0: 'global', 16: 'host', 32: 'link', 64: 'site' };
const FLAG_BITS: [number, string][] = [
  [0x01, 'temporary'],
  [0x02, 'nodad'],
  [0x04, 'optimistic'],
  [0x08, 'dadfailed'],
  [0x10, 'homeaddress'],
  [0x20, 'deprecated'],
  [0x40, 'tentative'],
  [0x80, 'permanent'],
];

const ROW_RE =
  /^([0-9a-fA-F]{32})\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]{2})\s+([0-9a-fA-F]{2})\s+([0-9a-fA-F]{2})\s+(\S+)$/;

function parse(text: string): ParseResult<ProcNetIfInet6> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  const warnings: ParseWarning[] = [];
  const records: ProcNetIfInet6[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const m = ROW_RE.exec(trimmed);
    if (!m) {
      warnings.push({ line, ...coded('unrecognised-line', { text: trimmed.slice(0, 100) }) });
      return;
    }
    const scopeBits = Number.parseInt(m[4]!, 16);
    const flagBits = Number.parseInt(m[5]!, 16);
    records.push({
      address: ipv6FromHex(m[1]!)!,
      ifindex: Number.parseInt(m[2]!, 16),
      prefixLength: Number.parseInt(m[3]!, 16),
      scope: SCOPES[scopeBits] ?? m[4]!.toLowerCase(),
      flags: FLAG_BITS.filter(([b]) => flagBits & b).map(([, w]) => w),
      name: m[6]!,
      line,
    });
  });
  // An empty file is real: a namespace with IPv6 disabled, or a loopback that is down.
  if (records.length === 0 && warnings.length > 0)
    return rejected('not /proc/net/if_inet6: no `<32 hex> <ifindex> <plen> <scope> <flags> <name>` line');
  return result(records, capWarnings(warnings));
}

export const procNetIfInet6: Parser<ProcNetIfInet6> = {
  id: 'proc-net-if-inet6',
  description: 'IPv6 addresses per interface from /proc/net/if_inet6',
  commands: ['cat /proc/net/if_inet6'],
  parse,
};
