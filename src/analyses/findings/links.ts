/**
 * Bridges and veth pairs that do not fit together: a bridge DOWN with ports, a veth whose peer
 * namespace was not captured, a veth attached to nothing.
 *
 *   3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN
 *   7: veth1a2b3c4@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 ... link-netnsid 3   (no master)
 */
import type { Finding, FindingFamily } from '../types.js';
import { evidenceList, tr, vethLinkAt } from '../util.js';
import { finding } from './make.js';

export const links: FindingFamily = {
  id: 'links',
  kinds: ['bridge-down-with-ports', 'veth-peer-not-captured', 'veth-without-master', 'veth-ambiguous'],
  run: (input) => {
    const { model } = input;
    const t = tr(input);
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
              t('fd.bridge-down-with-ports', {
                name: b.name,
                state: `${i.state ?? 'DOWN'}${i.noCarrier ? ', NO-CARRIER' : ''}`,
                admin: i.adminUp ? 'up' : 'off',
                n: b.ports.length,
                ports: b.ports,
              }),
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
              t('fd.veth-ambiguous', { name: i.name, peer: amb.peerIfindex, candidates: amb.candidates }),
              amb.evidence,
            ),
          );
          continue;
        }
        // Indexed: the big host's 2,000 veth ends each scanned its 1,000 links.
        const linked = vethLinkAt(model, ns.id, i.name) !== undefined;
        if (linked) continue;
        // Both ends in one namespace: `uplink0@eth0` names its peer instead of an index.
        const samePair = i.parent !== undefined && ns.interfaces.some((x) => x.name === i.parent);
        if (samePair) continue;
        const peer =
          i.peerIfindex !== undefined
            ? `if${i.peerIfindex}${i.linkNetnsid !== undefined ? ` in netnsid ${i.linkNetnsid}` : ''}`
            : t('fd.unknown-interface');
        const where = ns.kind === 'host' ? '' : ` (${ns.id})`;
        if (i.master) {
          out.push(
            finding(
              'veth-peer-not-captured',
              `${i.name}${where}`,
              t('fd.veth-peer-not-captured', { name: i.name, master: i.master, peer }),
              [i.evidence],
            ),
          );
        } else if (!i.addresses.some((a) => a.scope !== 'link' && !a.address.startsWith('fe80:'))) {
          out.push(
            finding(
              'veth-without-master',
              `${i.name}${where}`,
              t('fd.veth-without-master', { name: i.name, peer }),
              [i.evidence],
            ),
          );
        }
      }
    }
    return out;
  },
};
