/**
 * Bridges and veth pairs that do not fit together: a bridge DOWN with ports, a veth whose peer
 * namespace was not captured, a veth attached to nothing.
 *
 *   3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN
 *   7: veth1a2b3c4@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 ... link-netnsid 3   (no master)
 */
import type { Finding, FindingFamily } from '../types.js';
import { evidenceList } from '../util.js';
import { finding } from './make.js';

export const links: FindingFamily = {
  id: 'links',
  kinds: ['bridge-down-with-ports', 'veth-peer-not-captured', 'veth-without-master', 'veth-ambiguous'],
  run: ({ model }) => {
    const out: Finding[] = [];
    for (const ns of model.namespaces) {
      for (const b of ns.bridges) {
        const i = ns.interfaces.find((x) => x.name === b.name);
        if (!i || b.ports.length === 0) continue;
        if (i.state === 'DOWN' || i.noCarrier || !i.adminUp)
          out.push(
            finding(
              'bridge-down-with-ports',
              `${b.name}${ns.kind === 'host' ? '' : ` (${ns.id})`}`,
              `${b.name} is ${i.state ?? 'down'}${i.noCarrier ? ', NO-CARRIER' : ''}${i.adminUp ? '' : ', switched off'} with ${b.ports.length} port(s): ${b.ports.join(', ')}.`,
              evidenceList(i.evidence, b.evidence[0]),
            ),
          );
      }
      for (const i of ns.interfaces) {
        if (i.kind !== 'veth') continue;
        const amb = (model.ambiguousVeths ?? []).find((x) => x.namespace === ns.id && x.ifname === i.name);
        if (amb) {
          out.push(
            finding(
              'veth-ambiguous',
              `${i.name}${ns.kind === 'host' ? '' : ` (${ns.id})`}`,
              `${i.name} names peer if${amb.peerIfindex}, which could be any of: ${amb.candidates.join(', ')}.`,
              amb.evidence,
            ),
          );
          continue;
        }
        const linked = model.vethLinks.some(
          (l) =>
            (l.a.namespace === ns.id && l.a.ifname === i.name) ||
            (l.b.namespace === ns.id && l.b.ifname === i.name),
        );
        if (linked) continue;
        // Both ends in one namespace: `uplink0@eth0` names its peer instead of an index.
        const samePair = i.parent !== undefined && ns.interfaces.some((x) => x.name === i.parent);
        if (samePair) continue;
        const peer =
          i.peerIfindex !== undefined
            ? `if${i.peerIfindex}${i.linkNetnsid !== undefined ? ` in netnsid ${i.linkNetnsid}` : ''}`
            : 'an unknown interface';
        const where = ns.kind === 'host' ? '' : ` (${ns.id})`;
        if (i.master) {
          out.push(
            finding(
              'veth-peer-not-captured',
              `${i.name}${where}`,
              `${i.name} is a port of ${i.master}; its peer ${peer} is in a namespace that was not captured.`,
              [i.evidence],
            ),
          );
        } else if (!i.addresses.some((a) => a.scope !== 'link' && !a.address.startsWith('fe80:'))) {
          out.push(
            finding(
              'veth-without-master',
              `${i.name}${where}`,
              `${i.name} (peer ${peer}) is on no bridge and has no address.`,
              [i.evidence],
            ),
          );
        }
      }
    }
    return out;
  },
};
