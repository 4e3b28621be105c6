/**
 * Small IPv6 helpers for redaction: an address as eight 16-bit groups and back (RFC 5952 text),
 * and the MAC inside an EUI-64 interface id (`fe80::42:acff:fe11:2` carries 02:42:ac:11:00:02).
 */
import { isIPv6 } from 'node:net';

/** `2001:db8::1` -> [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]; undefined when it is no IPv6 address. */
export function v6Groups(text: string): number[] | undefined {
  if (!isIPv6(text)) return undefined;
  let s = text.toLowerCase();
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? (s.split('::') as [string, string]) : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...Array(zeros).fill('0'), ...t].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 ? groups : undefined;
}

/** Eight groups -> RFC 5952 text: lowercase, no leading zeros, the longest run of 2+ zero groups as `::`. */
export function v6Text(groups: readonly number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** The MAC of an EUI-64 interface id (groups 4-7 with ff:fe in the middle), else undefined. */
export function eui64Mac(groups: readonly number[]): number[] | undefined {
  const [g4, g5, g6, g7] = groups.slice(4) as [number, number, number, number];
  if ((g5 & 0xff) !== 0xff || g6 >> 8 !== 0xfe) return undefined;
  return [(g4 >> 8) ^ 0x02, g4 & 0xff, g5 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
}

/** Groups 4-7 for the EUI-64 interface id of `mac` (the universal/local bit flipped). */
export function eui64Groups(mac: readonly number[]): number[] {
  const [a, b, c, d, e, f] = mac as [number, number, number, number, number, number];
  return [((a ^ 0x02) << 8) | b, (c << 8) | 0xff, 0xfe00 | d, (e << 8) | f];
}
