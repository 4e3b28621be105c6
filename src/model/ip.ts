/** Address arithmetic for IPv4 and IPv6 (BigInt), enough to compute networks and containment. */

function v4ToBig(a: string): bigint | undefined {
  const parts = a.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function v6ToBig(a: string): bigint | undefined {
  let s = a.split('%')[0]!;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = v4ToBig(v4[1]!);
    if (n === undefined) return undefined;
    s = `${s.slice(0, -v4[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return n;
}

function bigToV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => ((n >> s) & 255n).toString()).join('.');
}

function bigToV6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

export interface Cidr {
  family: 'inet' | 'inet6';
  base: bigint;
  prefix: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr, len] = text.split('/');
  if (addr === undefined) return undefined;
  const family = addr.includes(':') ? 'inet6' : 'inet';
  const bits = family === 'inet' ? 32 : 128;
  const value = family === 'inet' ? v4ToBig(addr) : v6ToBig(addr);
  if (value === undefined) return undefined;
  const prefix = len === undefined ? bits : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { family, base: value & mask, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${c.family === 'inet' ? bigToV4(c.base) : bigToV6(c.base)}/${c.prefix}`;
}

/** 172.17.0.1/16 -> 172.17.0.0/16 */
export function networkOf(address: string, prefixLength: number): string {
  const c = parseCidr(`${address}/${prefixLength}`);
  return c ? formatCidr(c) : `${address}/${prefixLength}`;
}

/** Does network `outer` contain the address or network `inner`? */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || o.family !== i.family || i.prefix < o.prefix) return false;
  const bits = o.family === 'inet' ? 32 : 128;
  const mask = o.prefix === 0 ? 0n : ((1n << BigInt(o.prefix)) - 1n) << BigInt(bits - o.prefix);
  return (i.base & mask) === o.base;
}

export function cidrsOverlap(a: string, b: string): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

export function isWildcardAddress(a: string): boolean {
  return a === '0.0.0.0' || a === '::' || a === '*' || a === '[::]' || a === '';
}

export function isLoopbackAddress(a: string): boolean {
  return a === 'localhost' || a === '::1' || a === 'ip6-localhost' || /^127\./.test(a);
}
