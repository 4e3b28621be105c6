/** Pairing veth ends across namespaces: mutual matches, one-sided matches, ambiguity, orphans. */
import { describe, expect, it } from 'vitest';
import type { ModelInterface, ModelNamespace } from '../src/model/types.js';
import { linkVeths } from '../src/model/veth.js';

function iface(name: string, ifindex: number, peerIfindex?: number): ModelInterface {
  return {
    ifindex,
    name,
    kind: 'veth',
    flags: ['UP'],
    adminUp: true,
    lowerUp: true,
    noCarrier: false,
    addresses: [],
    evidence: { file: 'x.out', line: ifindex },
    ...(peerIfindex !== undefined ? { peerIfindex } : {}),
  };
}

function ns(id: string, interfaces: ModelInterface[]): ModelNamespace {
  const kind = id === 'host' ? 'host' : id.startsWith('container:') ? 'container' : 'sandbox';
  return {
    id,
    kind,
    role: kind,
    name: id,
    sharers: [],
    scopes: [id],
    fedBy: {},
    interfaces,
    bridges: [],
    routes: [],
    sockets: [],
    processes: [],
    captured: [],
  };
}

describe('linkVeths', () => {
  it('pairs mutual ends, even when ifindexes repeat across namespaces', () => {
    const { links, ambiguous } = linkVeths([
      ns('host', [iface('vethA', 5, 4), iface('vethB', 7, 4)]),
      ns('container:a', [iface('eth0', 4, 5)]),
      ns('container:b', [iface('eth0', 4, 7)]),
    ]);
    expect(ambiguous).toEqual([]);
    expect(links.map((l) => `${l.a.ifname}>${l.b.namespace}`).sort()).toEqual([
      'vethA>container:a',
      'vethB>container:b',
    ]);
  });

  it('accepts a one-sided match only when it is the only candidate', () => {
    const { links } = linkVeths([ns('host', [iface('vethA', 5, 4)]), ns('container:a', [iface('eth0', 4)])]);
    expect(links).toHaveLength(1);
    expect(links[0]!.evidence).toEqual([
      { file: 'x.out', line: 5 },
      { file: 'x.out', line: 4 },
    ]);
  });

  it('flags an end with several possible peers instead of guessing', () => {
    const { links, ambiguous } = linkVeths([
      ns('host', [iface('vethA', 5, 4)]),
      ns('container:a', [iface('eth0', 4)]),
      ns('container:b', [iface('eth0', 4)]),
    ]);
    expect(links).toEqual([]);
    expect(ambiguous).toEqual([
      expect.objectContaining({
        namespace: 'host',
        ifname: 'vethA',
        peerIfindex: 4,
        candidates: ['container:a eth0', 'container:b eth0'],
      }),
    ]);
  });

  it('leaves an orphan (peer namespace not captured) unpaired and unflagged here', () => {
    const { links, ambiguous } = linkVeths([
      ns('host', [iface('vethA', 5, 9)]),
      ns('container:a', [iface('eth0', 4, 3)]),
    ]);
    expect(links).toEqual([]);
    expect(ambiguous).toEqual([]);
  });

  it('does not pair an end whose candidate points at another interface', () => {
    const { links } = linkVeths([
      ns('host', [iface('vethA', 5, 4)]),
      ns('container:a', [iface('eth0', 4, 6)]),
    ]);
    expect(links).toEqual([]);
  });
});
