/**
 * Question: which Docker networks exist, what are the default ones, and which other drivers are
 * there? (`docker network ls`, `docker network inspect`)
 *
 *   NETWORK ID          NAME                DRIVER              SCOPE
 *   ff333722eebf       bridge             bridge              local
 */
import type { Translator } from '../../i18n/index.js';
import type { ModelDockerNetwork } from '../../model/types.js';
import type { Question } from '../types.js';
import { bridgeName, code, evidenceList, isDefaultBridge, tr } from '../util.js';

function role(t: Translator, n: ModelDockerNetwork): string {
  if (isDefaultBridge(n)) return t('q.docker-networks.role.default', { bridge: bridgeName(n) ?? '?' });
  if (n.driver === 'host') return t('q.docker-networks.role.host');
  if (n.driver === 'null') return t('q.docker-networks.role.null');
  if (n.ingress) return t('q.docker-networks.role.ingress');
  if (n.driver === 'overlay') return t('q.docker-networks.role.overlay');
  if (n.driver === 'bridge' && bridgeName(n) === 'docker_gwbridge')
    return t('q.docker-networks.role.gwbridge');
  if (n.driver === 'bridge') return t('q.docker-networks.role.bridge', { bridge: bridgeName(n) ?? '?' });
  if (n.driver === 'macvlan' || n.driver === 'ipvlan') return t('q.docker-networks.role.macvlan');
  return t('q.docker-networks.role.other', { driver: n.driver });
}

export const dockerNetworks: Question = {
  id: 'docker-networks',
  needs: ['docker', 'docker.networks'],
  question: (input) => tr(input)('q.docker-networks.question'),
  appliesTo: (input) =>
    input.model.docker.installed
      ? input.model.dockerNetworks.length > 0
        ? true
        : tr(input)('q.docker-networks.na')
      : tr(input)('need.docker-not-installed'),
  answer: (input) => {
    const t = tr(input);
    const nets = input.model.dockerNetworks;
    const builtins = ['bridge', 'host', 'none'].filter((n) => nets.some((x) => x.name === n));
    const paragraphs = [
      `${t('q.docker-networks.count', { n: nets.length })}\n${nets
        .map((n) =>
          t('q.docker-networks.line', {
            name: n.name,
            driver: n.driver,
            scope: n.scope,
            subnets: n.subnets.map((s) => s.subnet).join(', '),
            endpoints: n.endpoints.length,
            role: role(t, n),
          }),
        )
        .join('\n')}`,
      `${builtins.length ? `${t('q.docker-networks.builtins', { n: builtins.length, names: builtins.map(code) })} ` : ''}${t('q.docker-networks.drivers')}`,
    ];
    return {
      answer: paragraphs.join('\n\n'),
      facts: nets.map((n) => ({
        label: n.name,
        value: `${n.driver}/${n.scope}${n.subnets[0] ? ` ${n.subnets[0].subnet}` : ''}`,
      })),
      evidence: evidenceList(nets.map((n) => n.evidence[0])),
    };
  },
};
