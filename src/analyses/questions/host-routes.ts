/**
 * Question: how does the host route its traffic? (`ip route show table main`, `ip r`)
 *
 *   default via 192.168.178.1 dev ens18 proto static
 *   172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown
 */
import type { Translator } from '../../i18n/index.js';
import type { ModelRoute } from '../../model/types.js';
import type { Question } from '../types.js';
import { evidenceList, hostNs, tr } from '../util.js';

function describe(t: Translator, r: ModelRoute): string {
  const what = r.dst === 'default' ? t('q.host-routes.default') : t('q.host-routes.to', { dst: r.dst });
  const how = r.via
    ? t('q.host-routes.via', { via: r.via, dev: r.dev ?? '' })
    : r.dev
      ? t('q.host-routes.direct', { dev: r.dev, src: r.src ?? '' })
      : t('q.host-routes.no-dev');
  const flags = r.flags.length ? ` [${r.flags.join(', ')}]` : '';
  const proto =
    r.proto === 'kernel'
      ? t('q.host-routes.proto-kernel')
      : r.proto
        ? t('q.host-routes.proto', { proto: r.proto })
        : '';
  return `- ${what} ${how}${proto}${flags}`;
}

export const hostRoutes: Question = {
  id: 'host-routes',
  needs: ['host.routes'],
  question: (input) => tr(input)('q.host-routes.question'),
  appliesTo: (input) =>
    hostNs(input.model)!.routes.some((r) => r.table === 'main' && r.family === 'inet') ||
    tr(input)('q.host-routes.na'),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const routes = hostNs(model)!.routes.filter((r) => r.table === 'main' && r.family === 'inet');
    const def = routes.find((r) => r.dst === 'default');
    const local = hostNs(model)!.routes.filter((r) => r.table === 'local');
    const paragraphs = [
      `${t('q.host-routes.count', { n: routes.length })}\n${routes.map((r) => describe(t, r)).join('\n')}`,
      t('q.host-routes.explain'),
    ];
    if (!def) paragraphs.push(t('q.host-routes.no-default'));
    if (local.length) paragraphs.push(t('q.host-routes.local', { n: local.length }));
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.host-routes.fact.routes'), value: String(routes.length) },
        {
          label: t('q.host-routes.fact.gateway'),
          value: def?.via ? `${def.via}${def.dev ? ` dev ${def.dev}` : ''}` : t('label.none'),
        },
      ],
      evidence: evidenceList(routes.map((r) => r.evidence)),
    };
  },
};
