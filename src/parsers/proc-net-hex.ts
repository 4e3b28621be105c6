/**
 * Helpers shared by the /proc/net and ss parsers (not a parser itself): the kernel prints addresses there
 * as hex, and IPv6 addresses must come out in the same compressed text form as iproute2 prints
 * (glibc `inet_ntop`), so that records from /proc and from `ip`/`ss` can be compared as strings.
 *
 *   0100007F                          -> 127.0.0.1   (/proc/net/tcp: one 32-bit word, host order)
 *   0000000000000000FFFF00000100007F  -> ::ffff:127.0.0.1 (/proc/net/tcp6: four host-order words)
 *   fe80000000000000c86751fffe5a6d91  -> fe80::c867:51ff:fe5a:6d91 (/proc/net/if_inet6: bytes)
 */

/** 16 address bytes -> text, exactly as glibc's inet_ntop (RFC 5952 plus its IPv4 forms). */
export function ipv6ToString(bytes: number[]): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // The longest run of zero words (the first one on a tie), if at least two words long.
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  words.forEach((w, i) => {
    if (w === 0) {
      cur = cur.base === -1 ? { base: i, len: 1 } : { base: cur.base, len: cur.len + 1 };
      if (cur.len > best.len) best = { ...cur };
    } else cur = { base: -1, len: 0 };
  });
  if (best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    // glibc prints IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) in dotted form.
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += bytes.slice(12, 16).join('.');
      break;
    }
    out += (words[i] ?? 0).toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

/** Hex pairs in printed order -> bytes; undefined when not hex. */
function hexBytes(hex: string): number[] | undefined {
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/**
 * An address of /proc/net/{tcp,udp,raw}[6] or /proc/net/route: the kernel prints each 32-bit
 * word of the network-order address with `%08X` as a host integer, so on little-endian machines
 * (x86, arm64) the bytes of every word come out reversed. `littleEndian: false` is for the rare
 * big-endian hosts (s390x), where the words print in network order.
 */
export function addressFromWords(hex: string, littleEndian = true): string | undefined {
  if (hex.length !== 8 && hex.length !== 32) return undefined;
  const bytes = hexBytes(hex);
  if (!bytes) return undefined;
  if (littleEndian)
    for (let i = 0; i < bytes.length; i += 4) bytes.splice(i, 4, ...bytes.slice(i, i + 4).reverse());
  return bytes.length === 4 ? bytes.join('.') : ipv6ToString(bytes);
}

/** A 32-hex-digit address in byte order (/proc/net/if_inet6, /proc/net/ipv6_route). */
export function ipv6FromHex(hex: string): string | undefined {
  const bytes = hex.length === 32 ? hexBytes(hex) : undefined;
  return bytes ? ipv6ToString(bytes) : undefined;
}

/** Prefix length of an IPv4 netmask, or undefined when its ones are not contiguous. */
export function maskLength(mask: string): number | undefined {
  const parts = mask.split('.').map(Number);
  const n = parts.reduce((acc, p) => acc * 256 + p, 0);
  const bits = n.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) return undefined;
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
}

/** IP protocol numbers a raw socket is commonly opened for (icmp, igmp, ipv6-icmp, ospf, vrrp, raw...). */
export const RAW_PROTOCOL_PORTS = new Set([
  '1',
  '2',
  '4',
  '6',
  '17',
  '41',
  '47',
  '50',
  '51',
  '58',
  '89',
  '103',
  '112',
  '115',
  '132',
  '255',
  'icmp',
  'ipv6-icmp',
  'igmp',
  'ospf',
  'vrrp',
  'raw',
]);
