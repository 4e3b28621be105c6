/**
 * Question: which bridges does the host have, and what does STP mean? (`brctl show`)
 *
 *   bridge name      bridge id          STP enabled      interfaces
 *   docker0          8000.0242f4708767  no               veth9c996da
 */
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, tr } from '../util.js';

export const hostBridges: Question = {
  id: 'host-bridges',
  needs: ['host.bridges'],
  question: (input) => tr(input)('q.host-bridges.question'),
  appliesTo: () => true,
  answer: (input) => {
    const t = tr(input);
    const host = hostNs(input.model)!;
    const bridges = host.bridges;
    const paragraphs: string[] = [];
    if (bridges.length === 0) {
      paragraphs.push(t('q.host-bridges.none'));
    } else {
      paragraphs.push(
        `${t('q.host-bridges.count', { n: bridges.length })}\n${bridges
          .map((b) =>
            t('q.host-bridges.line', {
              name: b.name,
              id: b.bridgeId ?? '',
              stp: b.stp === undefined ? 'unknown' : b.stp ? 'on' : 'off',
              ports: b.ports.map(code),
            }),
          )
          .join('\n')}`,
      );
    }
    paragraphs.push(t('q.host-bridges.stp'));
    const stpOff = bridges.filter((b) => b.stp === false).map((b) => code(b.name));
    const stpOn = bridges.filter((b) => b.stp === true).map((b) => code(b.name));
    if (stpOff.length) paragraphs.push(t('q.host-bridges.stp-off', { bridges: stpOff }));
    if (stpOn.length) paragraphs.push(t('q.host-bridges.stp-on', { bridges: stpOn }));
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        {
          label: t('q.host-bridges.fact.bridges'),
          value: bridges.length ? bridges.map((b) => b.name).join(', ') : t('label.none'),
        },
        ...bridges.map((b) => ({
          label: `${b.name} STP`,
          value: b.stp === undefined ? t('label.unknown') : t(b.stp ? 'label.yes' : 'label.no'),
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
