/**
 * Pair veth ends across namespaces. `veth9c996da@if4` on the host says "my peer has ifindex 4
 * in another namespace"; inside the container `eth0@if5` says the reverse. An ifindex is unique
 * only within one namespace, so a pair is the mutual match: A.peer = B.index and B.peer = A.index
 * (or B prints no peer, as some BusyBox builds do not).
 */
import type { AmbiguousVeth, ModelInterface, ModelNamespace, VethLink } from './types.js';

/**
 * Kinds that print `@ifN` but are no veth: a macvlan/ipvlan child names its parent that way
 * (links.ts pairs those). Only when `ip -d` told the kind; without it, mutual matching decides.
 */
const NOT_VETH = new Set(['macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'vlan', 'vxlan', 'bridge', 'loopback']);
const vethCandidate = (i: ModelInterface) => !NOT_VETH.has(i.kind);

export function linkVeths(namespaces: ModelNamespace[]): { links: VethLink[]; ambiguous: AmbiguousVeth[] } {
  const links: VethLink[] = [];
  const ambiguous: AmbiguousVeth[] = [];
  const used = new Set<string>();
  const key = (ns: ModelNamespace, i: ModelInterface) => `${ns.id}\u0000${i.name}`;
  // Every interface by its ifindex, in namespace then interface order (the order a scan of all
  // of them had): a big host has ~2,000 ends and ~3,000 interfaces, ~6 million comparisons.
  const byIfindex = new Map<number, { ns: ModelNamespace; iface: ModelInterface }[]>();
  for (const ns of namespaces)
    for (const iface of ns.interfaces) {
      const list = byIfindex.get(iface.ifindex);
      if (list) list.push({ ns, iface });
      else byIfindex.set(iface.ifindex, [{ ns, iface }]);
    }
  for (const nsA of namespaces) {
    for (const a of nsA.interfaces) {
      if (a.peerIfindex === undefined || used.has(key(nsA, a)) || !vethCandidate(a)) continue;
      const candidates: { ns: ModelNamespace; iface: ModelInterface }[] = [];
      for (const c of byIfindex.get(a.peerIfindex) ?? []) {
        const b = c.iface;
        if (c.ns === nsA || used.has(key(c.ns, b)) || !vethCandidate(b)) continue;
        if (b.peerIfindex !== undefined && b.peerIfindex !== a.ifindex) continue;
        candidates.push(c);
      }
      // Prefer a mutual match; a one-sided match is accepted only when it is the only one.
      const mutual = candidates.filter((c) => c.iface.peerIfindex === a.ifindex);
      const pick =
        mutual.length === 1
          ? mutual[0]
          : mutual.length === 0 && candidates.length === 1
            ? candidates[0]
            : undefined;
      if (!pick) {
        // Two namespaces each hold an ifN that could be the peer, and neither (or both) point back:
        // guessing would draw a wrong cable, so it is reported instead.
        if (candidates.length > 1)
          ambiguous.push({
            namespace: nsA.id,
            ifname: a.name,
            ifindex: a.ifindex,
            peerIfindex: a.peerIfindex,
            candidates: candidates.map((c) => `${c.ns.id} ${c.iface.name}`),
            evidence: [a.evidence, ...candidates.map((c) => c.iface.evidence)],
          });
        continue;
      }
      used.add(key(nsA, a));
      used.add(key(pick.ns, pick.iface));
      links.push({
        a: { namespace: nsA.id, ifname: a.name, ifindex: a.ifindex },
        b: { namespace: pick.ns.id, ifname: pick.iface.name, ifindex: pick.iface.ifindex },
        evidence: [a.evidence, pick.iface.evidence],
      });
      if (a.kind === 'ethernet') a.kind = 'veth';
      if (pick.iface.kind === 'ethernet') pick.iface.kind = 'veth';
    }
  }
  return { links, ambiguous };
}
