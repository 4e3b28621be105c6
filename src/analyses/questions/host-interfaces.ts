/**
 * Question: which interfaces does the host have? (`ip addr show`)
 *
 *   2: ens18: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
 *       inet 192.168.178.42/24 brd 192.168.178.255 scope global ens18
 */
import type { Translator } from '../../i18n/index.js';
import type { ModelInterface } from '../../model/types.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, tr } from '../util.js';

function line(t: Translator, i: ModelInterface): string {
  const extra = [
    i.state ? t('q.host-interfaces.state', { state: i.state }) : '',
    i.mtu !== undefined ? t('q.host-interfaces.mtu', { mtu: i.mtu }) : '',
    i.master ? t('q.host-interfaces.port-of', { master: i.master }) : '',
  ].filter(Boolean);
  return t('q.host-interfaces.line', {
    ifindex: i.ifindex,
    name: i.name,
    kind: i.kind,
    extra,
    addrs: i.addresses.map((a) => code(a.cidr)),
  });
}

export const hostInterfaces: Question = {
  id: 'host-interfaces',
  needs: ['host.interfaces'],
  question: (input) => tr(input)('q.host-interfaces.question', { host: input.model.hostname ?? '' }),
  appliesTo: () => true,
  answer: (input) => {
    const t = tr(input);
    const host = hostNs(input.model)!;
    const ifs = host.interfaces;
    const kinds = new Map<string, number>();
    for (const i of ifs) kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
    const v4 = ifs.flatMap((i) =>
      i.addresses
        .filter((a) => a.family === 'inet' && i.kind !== 'loopback')
        .map((a) => t('q.host-interfaces.addr-on', { cidr: a.cidr, name: i.name })),
    );
    const paragraphs = [
      `${t('q.host-interfaces.count', { n: ifs.length })}\n${ifs.map((i) => line(t, i)).join('\n')}`,
      t('q.host-interfaces.explain'),
    ];
    if (v4.length) paragraphs.push(t('q.host-interfaces.v4', { n: v4.length, addrs: v4 }));
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.host-interfaces.fact.interfaces'), value: String(ifs.length) },
        {
          label: t('q.host-interfaces.fact.kinds'),
          value: [...kinds].map(([k, n]) => `${k} ${n}`).join(', '),
        },
        ...(v4.length
          ? [{ label: t('q.host-interfaces.fact.v4'), value: v4.join(', ').replace(/`/g, '') }]
          : []),
      ],
      evidence: evidenceList(ifs.map((i) => i.evidence)),
    };
  },
};
