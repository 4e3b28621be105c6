/**
 * reach/addr.ts `contains` compares IPv4 prefixes in 32-bit integers: the same answers as the
 * BigInt comparison it replaced (kept here as the reference), on generated networks and
 * addresses with every prefix length 0-32, and the edge cases (a /0 that is not "0.0.0.0/0", a
 * /32, the family mismatch, an address written as a network).
 */
import { describe, expect, it } from 'vitest';
import { parseCidr } from '../src/model/ip.js';
import { contains } from '../src/reach/addr.js';

/** The former comparison: both bases shifted right by the host bits, as BigInts. */
function reference(net: string, addr: string): boolean {
  if (net === 'default') return true;
  const o = parseCidr(net);
  const i = parseCidr(addr);
  if (!o || !i || o.family !== i.family || i.prefix < o.prefix) return false;
  const shift = BigInt((o.family === 'inet' ? 32 : 128) - o.prefix);
  return i.base >> shift === o.base >> shift;
}

describe('contains (IPv4 in 32-bit integers)', () => {
  it('answers as the BigInt comparison on 40,000 generated pairs, every prefix length', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const ip = () => [rnd() % 256, rnd() % 256, rnd() % 256, rnd() % 256].join('.');
    let inside = 0;
    for (let k = 0; k < 40_000; k++) {
      const len = k % 33;
      const net = `${ip()}/${len}`;
      // Half the addresses share the network's first octets, so both answers occur often.
      const addr = k % 2 === 0 ? ip() : `${net.split('.').slice(0, 3).join('.')}.${rnd() % 256}`;
      const want = reference(net, addr);
      expect(contains(net, addr), `${net} ${addr}`).toBe(want);
      if (want) inside++;
    }
    expect(inside).toBeGreaterThan(5_000);
  });

  it('edge cases', () => {
    expect(contains('10.0.0.0/0', '192.168.1.1')).toBe(true);
    expect(contains('0.0.0.0/0', '192.168.1.1')).toBe(true);
    expect(contains('10.1.2.3/32', '10.1.2.3')).toBe(true);
    expect(contains('10.1.2.3/32', '10.1.2.4')).toBe(false);
    expect(contains('255.255.255.0/24', '255.255.255.255')).toBe(true);
    expect(contains('128.0.0.0/1', '127.255.255.255')).toBe(false);
    expect(contains('128.0.0.0/1', '200.0.0.1')).toBe(true);
    expect(contains('10.0.0.0/8', 'fd00::1')).toBe(false);
    expect(contains('10.0.0.0/8', '10.0.0.0/7')).toBe(false);
    expect(contains('fd00::/8', 'fd12::1')).toBe(true);
    expect(contains('fd00::/8', 'fe80::1')).toBe(false);
  });
});
