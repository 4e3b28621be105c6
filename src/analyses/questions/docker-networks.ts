/**
 * Question: which Docker networks exist, what are the default ones, and which other drivers are
 * there? (`docker network ls`, `docker network inspect`)
 *
 *   NETWORK ID          NAME                DRIVER              SCOPE
 *   ff333722eebf       bridge             bridge              local
 */
import type { ModelDockerNetwork } from '../../model/types.js';
import type { Question } from '../types.js';
import { bridgeName, code, evidenceList, isDefaultBridge, list } from '../util.js';

function role(n: ModelDockerNetwork): string {
  if (isDefaultBridge(n))
    return `the default bridge network: every container started without \`--network\` is attached to it, through the Linux bridge ${code(bridgeName(n) ?? '?')}`;
  if (n.driver === 'host')
    return "containers in it share the host's own network stack: no namespace, no isolation, their ports are the host's ports";
  if (n.driver === 'null')
    return 'containers in it get their own network namespace with only the loopback interface: no network at all';
  if (n.ingress) return 'the swarm routing mesh: published service ports reach tasks on any node through it';
  if (n.driver === 'overlay') return 'an overlay network spanning the swarm nodes (VXLAN between hosts)';
  if (n.driver === 'bridge' && bridgeName(n) === 'docker_gwbridge')
    return 'the bridge that gives swarm containers and the ingress sandbox a way out to the host network';
  if (n.driver === 'bridge')
    return `a user-defined bridge network on the Linux bridge ${code(bridgeName(n) ?? '?')}`;
  if (n.driver === 'macvlan' || n.driver === 'ipvlan')
    return "containers in it appear directly on a host interface's LAN (own MAC or shared MAC)";
  return `a network of the driver ${code(n.driver)}`;
}

export const dockerNetworks: Question = {
  id: 'docker-networks',
  needs: ['docker', 'docker.networks'],
  question: () =>
    'Which Docker networks exist, what are the default ones, and which other drivers are there?',
  appliesTo: ({ model }) =>
    model.docker.installed
      ? model.dockerNetworks.length > 0
        ? true
        : 'no Docker network was listed'
      : 'Docker is not installed in this step',
  answer: ({ model }) => {
    const nets = model.dockerNetworks;
    const builtins = ['bridge', 'host', 'none'].filter((n) => nets.some((x) => x.name === n));
    const paragraphs = [
      `${nets.length} network${nets.length === 1 ? '' : 's'}:\n${nets
        .map(
          (n) =>
            `- ${code(n.name)} (driver ${n.driver}, scope ${n.scope}${
              n.subnets.length ? `, ${n.subnets.map((s) => s.subnet).join(', ')}` : ''
            }${n.endpoints.length ? `, ${n.endpoints.length} endpoint${n.endpoints.length === 1 ? '' : 's'}` : ''}): ${role(n)}`,
        )
        .join('\n')}`,
      `${builtins.length ? `${list(builtins.map(code))} ${builtins.length === 1 ? 'is' : 'are'} created by the engine itself and cannot be removed. ` : ''}Other drivers: \`bridge\` for user-defined bridge networks (own Linux bridge, name resolution between containers), \`overlay\` for networks spanning swarm nodes, \`macvlan\` and \`ipvlan\` to put containers directly on a physical LAN or VLAN, and third-party network plugins.`,
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
