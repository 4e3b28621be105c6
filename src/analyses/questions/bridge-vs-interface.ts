/**
 * Question: how do the `docker0` bridge and the `docker0` interface relate?
 * (`brctl show` next to `ip addr`)
 *
 *   docker0          8000.0242f4708767  no                veth9c996da
 *   3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> ... link/ether 02:42:f4:70:87:67
 */
import type { Question } from '../types.js';
import { code, defaultBridge, evidenceList, tr } from '../util.js';
import { defaultBridgeApplies } from './default-bridge-interface.js';

/** `8000.0242f4708767` -> `02:42:f4:70:87:67` (a bridge id is a 16-bit priority and the bridge's MAC). */
function macOfBridgeId(id: string): string | undefined {
  const m = /^[0-9a-f]{4}\.([0-9a-f]{12})$/i.exec(id);
  return m ? m[1]!.toLowerCase().replace(/(..)(?!$)/g, '$1:') : undefined;
}

export const bridgeVsInterface: Question = {
  id: 'bridge-vs-interface',
  needs: ['host.interfaces', 'host.bridges', 'docker'],
  question: (input) =>
    tr(input)('q.bridge-vs-interface.question', { name: defaultBridge(input.model)?.name ?? 'docker0' }),
  appliesTo: (input) => {
    const a = defaultBridgeApplies(input);
    if (a !== true) return a;
    const b = defaultBridge(input.model)!;
    return b.bridge && b.iface ? true : tr(input)('q.bridge-vs-interface.na');
  },
  answer: (input) => {
    const t = tr(input);
    const b = defaultBridge(input.model)!;
    const br = b.bridge!;
    const i = b.iface!;
    const paragraphs = [
      t('q.bridge-vs-interface.one-object', {
        name: b.name,
        ifindex: i.ifindex,
        address: i.addresses[0]?.cidr ?? '',
      }),
    ];
    const mac = br.bridgeId ? macOfBridgeId(br.bridgeId) : undefined;
    if (mac && i.mac) {
      const prio = br.bridgeId!.slice(0, 4);
      paragraphs.push(
        mac === i.mac.toLowerCase()
          ? t('q.bridge-vs-interface.same-mac', { id: br.bridgeId!, prio, mac: i.mac })
          : t('q.bridge-vs-interface.other-mac', { id: br.bridgeId!, prio, mac, ifmac: i.mac }),
      );
    }
    paragraphs.push(t('q.bridge-vs-interface.ports', { ports: br.ports.map(code), name: b.name }));
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.fact.bridge-id'), value: br.bridgeId ?? t('label.unknown') },
        { label: t('q.fact.interface-mac'), value: i.mac ?? t('label.unknown') },
        { label: t('q.fact.interface-index'), value: String(i.ifindex) },
      ],
      evidence: evidenceList(br.evidence[0], i.evidence),
    };
  },
};
