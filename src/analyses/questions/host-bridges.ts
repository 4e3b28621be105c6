/**
 * Question: which bridges does the host have, and what does STP mean? (`brctl show`)
 *
 *   bridge name      bridge id          STP enabled      interfaces
 *   docker0          8000.0242f4708767  no               veth9c996da
 */
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, list, plural } from '../util.js';

const STP =
  'STP, the Spanning Tree Protocol (IEEE 802.1D), lets bridges that are connected in a loop agree on a loop-free tree: they exchange BPDU messages, elect a root bridge and block redundant ports, so that broadcast frames cannot circle forever. A port that joins an STP bridge first listens and learns (15 seconds each by default) before it forwards.';

export const hostBridges: Question = {
  id: 'host-bridges',
  needs: ['host.bridges'],
  question: () => 'Which bridges does the host have, and what does STP mean?',
  appliesTo: () => true,
  answer: ({ model }) => {
    const host = hostNs(model)!;
    const bridges = host.bridges;
    const paragraphs: string[] = [];
    if (bridges.length === 0) {
      paragraphs.push(
        'None: `brctl show` prints only its header line, so the host has no Linux bridge yet. Its interfaces connect it to the network directly, and there is no subnet behind the host.',
      );
    } else {
      paragraphs.push(
        `The host has ${plural(bridges.length, 'bridge')}:\n${bridges
          .map(
            (b) =>
              `- ${code(b.name)}${b.bridgeId ? ` (bridge id ${code(b.bridgeId)})` : ''}: STP ${
                b.stp === undefined ? 'not shown' : b.stp ? 'on' : 'off'
              }, ${b.ports.length ? `ports ${list(b.ports.map(code))}` : 'no ports'}`,
          )
          .join('\n')}`,
      );
    }
    paragraphs.push(STP);
    const stpOff = bridges.filter((b) => b.stp === false).map((b) => code(b.name));
    const stpOn = bridges.filter((b) => b.stp === true).map((b) => code(b.name));
    if (stpOff.length)
      paragraphs.push(
        `STP is off on ${list(stpOff)}. That is how Docker creates its bridges: their ports are veth cables to single containers, which cannot form a loop, and STP would only delay every new container's port.`,
      );
    if (stpOn.length)
      paragraphs.push(
        `STP is on for ${list(stpOn)}: new ports forward only after the listening and learning delay.`,
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'bridges', value: bridges.length ? bridges.map((b) => b.name).join(', ') : 'none' },
        ...bridges.map((b) => ({
          label: `${b.name} STP`,
          value: b.stp === undefined ? 'unknown' : b.stp ? 'yes' : 'no',
        })),
      ],
      evidence: evidenceList(
        bridges.flatMap((b) => b.evidence.slice(0, 1)),
        // No bridge line to cite: the interface list shows that no interface is a bridge.
        bridges.length === 0 ? host.interfaces.map((i) => i.evidence) : undefined,
      ),
    };
  },
};
