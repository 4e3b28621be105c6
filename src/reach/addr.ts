/**
 * Address arithmetic for the evaluator, cached: the matrix asks the same CIDRs millions of times.
 *
 *   contains('172.17.0.0/16', '172.17.0.2') -> true
 */
import { type Cidr, parseCidr } from '../model/ip.js';

const cache = new Map<string, Cidr | null>();

export function cidr(text: string): Cidr | undefined {
  let c = cache.get(text);
  if (c === undefined) {
    const t = text === 'default' ? undefined : text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    c = (t !== undefined ? parseCidr(t) : undefined) ?? null;
    if (cache.size > 200_000) cache.clear();
    cache.set(text, c);
  }
  return c ?? undefined;
}

export function familyOf(addr: string): 'inet' | 'inet6' {
  return addr.includes(':') ? 'inet6' : 'inet';
}

/** Is the address in the network (`default` is every address of the address's family)? */
export function contains(net: string, addr: string): boolean {
  if (net === 'default' || net === '0.0.0.0/0' || net === '::/0') {
    if (net === 'default') return true;
    return familyOf(net) === familyOf(addr);
  }
  const o = cidr(net);
  const i = cidr(addr);
  if (!o || !i || o.family !== i.family || i.prefix < o.prefix) return false;
  // IPv4 in 32-bit integers (the same comparison as the BigInt shifts below, without them: the
  // big host's matrix asks ~a million times).
  if (o.family === 'inet') {
    if (o.prefix === 0) return true;
    const s = 32 - o.prefix;
    return Number(i.base) >>> s === Number(o.base) >>> s;
  }
  const bits = 128;
  const shift = BigInt(bits - o.prefix);
  return i.base >> shift === o.base >> shift;
}

/** Prefix length of a route destination (`default` is 0). */
export function prefixOf(net: string): number {
  if (net === 'default') return 0;
  return cidr(net)?.prefix ?? 0;
}

/** `::ffff:10.0.0.1` -> `10.0.0.1`; `[::]` -> `::`; `127.0.0.53%lo` -> `127.0.0.53`. */
export function plainAddress(a: string): string {
  const s = a.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  return m?.[1] ?? s;
}

export function sameAddress(a: string, b: string): boolean {
  const x = cidr(plainAddress(a));
  const y = cidr(plainAddress(b));
  return !!x && !!y && x.family === y.family && x.base === y.base;
}
