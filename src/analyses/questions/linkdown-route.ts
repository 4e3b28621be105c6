/**
 * Question: what does the `linkdown` route of the Docker bridge mean? (`ip r`)
 *
 *   172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown
 */
import type { StepModel } from '../../model/types.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, networkOfBridge, tr } from '../util.js';

function bridgeRoutes(model: StepModel) {
  const host = hostNs(model)!;
  const bridges = new Set(host.interfaces.filter((i) => i.kind === 'bridge').map((i) => i.name));
  for (const b of host.bridges) bridges.add(b.name);
  return host.routes.filter((r) => r.table === 'main' && r.dev !== undefined && bridges.has(r.dev));
}

export const linkdownRoute: Question = {
  id: 'linkdown-route',
  needs: ['host.routes', 'host.interfaces'],
  question: (input) => {
    const r = bridgeRoutes(input.model).find((x) => x.flags.includes('linkdown'));
    return r
      ? tr(input)('q.linkdown-route.question', { route: `${r.dst} dev ${r.dev} ... linkdown` })
      : tr(input)('q.linkdown-route.question-none');
  },
  appliesTo: (input) => (bridgeRoutes(input.model).length > 0 ? true : tr(input)('q.linkdown-route.na')),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const routes = bridgeRoutes(model);
    const down = routes.filter((r) => r.flags.includes('linkdown'));
    const host = hostNs(model)!;
    const paragraphs: string[] = [];
    for (const r of down) {
      const net = networkOfBridge(model, r.dev!);
      const i = host.interfaces.find((x) => x.name === r.dev);
      paragraphs.push(
        t('q.linkdown-route.down', {
          route: `${r.dst} dev ${r.dev}${r.src ? ` src ${r.src}` : ''}`,
          src: r.src ?? '',
          dev: r.dev!,
          network: net?.name ?? '',
          state: i ? `${i.state ?? 'DOWN'}${i.noCarrier ? ', NO-CARRIER' : ''}` : '',
        }),
      );
    }
    const ok = routes.filter((r) => !r.flags.includes('linkdown'));
    if (ok.length)
      paragraphs.push(
        t('q.linkdown-route.up', { n: ok.length, routes: ok.map((r) => code(`${r.dst} dev ${r.dev}`)) }),
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        {
          label: t('q.linkdown-route.fact.routes'),
          value: routes.map((r) => `${r.dst} dev ${r.dev}`).join(', '),
        },
        { label: 'linkdown', value: down.length ? down.map((r) => r.dev).join(', ') : t('label.none') },
      ],
      evidence: evidenceList(routes.map((r) => r.evidence)),
    };
  },
};
