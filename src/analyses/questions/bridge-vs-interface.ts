/**
 * Question: how do the `docker0` bridge and the `docker0` interface relate?
 * (`brctl show` next to `ip addr`)
 *
 *   docker0          8000.0242f4708767  no                veth9c996da
 *   3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> ... link/ether 02:42:f4:70:87:67
 */
import type { Question } from '../types.js';
import { code, defaultBridge, evidenceList } from '../util.js';
import { defaultBridgeApplies } from './default-bridge-interface.js';

/** `8000.0242f4708767` -> `02:42:f4:70:87:67` (a bridge id is a 16-bit priority and the bridge's MAC). */
function macOfBridgeId(id: string): string | undefined {
  const m = /^[0-9a-f]{4}\.([0-9a-f]{12})$/i.exec(id);
  return m ? m[1]!.toLowerCase().replace(/(..)(?!$)/g, '$1:') : undefined;
}

export const bridgeVsInterface: Question = {
  id: 'bridge-vs-interface',
  needs: ['host.interfaces', 'host.bridges', 'docker'],
  question: ({ model }) => {
    const n = code(defaultBridge(model)?.name ?? 'docker0');
    return `How do the ${n} bridge and the ${n} interface relate?`;
  },
  appliesTo: (input) => {
    const a = defaultBridgeApplies(input);
    if (a !== true) return a;
    const b = defaultBridge(input.model)!;
    return b.bridge && b.iface ? true : 'the bridge is missing from `ip addr` or from the bridge listing';
  },
  answer: ({ model }) => {
    const b = defaultBridge(model)!;
    const br = b.bridge!;
    const i = b.iface!;
    const paragraphs = [
      `They are one kernel object seen from two sides. ${code('brctl show')} shows ${code(b.name)} as a switch: its bridge id and its ports. ${code('ip addr')} shows the same device as interface ${i.ifindex}: the switch's own port towards the host, which carries the host's address${
        i.addresses[0] ? ` ${code(i.addresses[0].cidr)}` : ''
      }. A frame that a container sends to that address leaves the switch through this internal port into the host's IP stack, where it is routed.`,
    ];
    const mac = br.bridgeId ? macOfBridgeId(br.bridgeId) : undefined;
    if (mac && i.mac) {
      const prio = br.bridgeId!.slice(0, 4);
      paragraphs.push(
        mac === i.mac.toLowerCase()
          ? `The bridge id ${code(br.bridgeId!)} is the priority ${code(prio)} followed by the interface's MAC ${code(i.mac)}: the same device.`
          : `The bridge id ${code(br.bridgeId!)} is the priority ${code(prio)} followed by a MAC, ${code(mac)}, which differs from the interface's ${code(i.mac)}: on a live system they match, so these two outputs were probably captured at different times (Docker gives the bridge a new random MAC whenever it recreates it).`,
      );
    }
    paragraphs.push(
      `The bridge's ports (${br.ports.length ? br.ports.map(code).join(', ') : 'none now'}) are other interfaces whose \`master\` is ${code(b.name)}; the interface ${code(b.name)} itself is not a port.`,
    );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'bridge id', value: br.bridgeId ?? 'unknown' },
        { label: 'interface MAC', value: i.mac ?? 'unknown' },
        { label: 'interface index', value: String(i.ifindex) },
      ],
      evidence: evidenceList(br.evidence[0], i.evidence),
    };
  },
};
