/**
 * Question: how does `docker_gwbridge` differ from `docker0`? (`docker network inspect`, `brctl show`)
 *
 *   docker_gwbridge      8000.02425208ac47   no                   veth8149801
 *   "com.docker.network.bridge.enable_icc": "false"
 */
import type { ModelDockerNetwork, StepModel } from '../../model/types.js';
import type { Question } from '../types.js';
import { bridgeName, code, defaultBridge, evidenceList, hostNs, list, nsLabel } from '../util.js';

/** Docker gives the swarm gateway bridge this fixed name (libnetwork `docker_gwbridge`). */
function gwNetwork(model: StepModel): ModelDockerNetwork | undefined {
  return (
    model.dockerNetworks.find((n) => n.driver === 'bridge' && bridgeName(n) === 'docker_gwbridge') ??
    model.dockerNetworks.find(
      (n) => n.driver === 'bridge' && n.endpoints.some((e) => /^gateway_/.test(e.name)),
    )
  );
}

export const gwbridge: Question = {
  id: 'gwbridge',
  needs: ['docker', 'docker.networks'],
  question: ({ model }) => {
    const g = gwNetwork(model);
    return `How does ${code(g ? (bridgeName(g) ?? g.name) : 'docker_gwbridge')} differ from ${code(defaultBridge(model)?.name ?? 'docker0')}?`;
  },
  appliesTo: ({ model }) =>
    gwNetwork(model) ? true : 'there is no swarm gateway bridge (docker_gwbridge) in this step',
  answer: ({ model }) => {
    const g = gwNetwork(model)!;
    const gname = bridgeName(g) ?? g.name;
    const d = defaultBridge(model);
    const host = hostNs(model);
    const br = host?.bridges.find((b) => b.name === gname);
    const i = host?.interfaces.find((x) => x.name === gname);
    const icc = g.options['com.docker.network.bridge.enable_icc'];
    const peers = (br?.ports ?? []).map((p) => {
      const l = model.vethLinks.find(
        (x) =>
          (x.a.namespace === 'host' && x.a.ifname === p) || (x.b.namespace === 'host' && x.b.ifname === p),
      );
      const o = l ? (l.a.ifname === p && l.a.namespace === 'host' ? l.b : l.a) : undefined;
      return `${code(p)}${o ? ` -> ${code(o.ifname)} in ${nsLabel(model, o.namespace)}` : ''}`;
    });
    const paragraphs = [
      `${code(gname)} is a Linux bridge like ${code(d?.name ?? 'docker0')}, with its own subnet ${list(
        g.subnets.map((s) => `${code(s.subnet)}${s.gateway ? ` (gateway ${code(s.gateway)})` : ''}`),
      )}${
        i
          ? ` and the host address ${i.addresses
              .filter((a) => a.family === 'inet')
              .map((a) => code(a.cidr))
              .join(', ')}`
          : ''
      }. Docker creates it for swarm mode: containers on overlay networks, and the ingress sandbox, get a second interface on it to reach the outside world and published ports.`,
      `The differences: ${code(d?.name ?? 'docker0')} is the default network for standalone containers (\`docker run\` without \`--network\`), while nobody attaches containers to ${code(gname)} directly; Docker does it for every container on an overlay network. ${
        icc === 'false'
          ? `Its option \`enable_icc\` is \`false\`: containers cannot talk to each other across it, it is only a way out.`
          : `Its \`enable_icc\` option is ${icc ? code(icc) : 'not set'}.`
      }`,
    ];
    if (peers.length) paragraphs.push(`Ports now: ${peers.join(', ')}.`);
    if (g.endpoints.length)
      paragraphs.push(
        `Endpoints: ${list(g.endpoints.map((e) => `${code(e.name)}${e.ipv4 ? ` ${e.ipv4}` : ''}${e.sandbox ? ' (a sandbox, not a container)' : ''}`))}.`,
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'subnet', value: g.subnets.map((s) => s.subnet).join(', ') || 'unknown' },
        { label: 'enable_icc', value: icc ?? 'not set' },
        { label: 'ports', value: (br?.ports ?? []).join(', ') || 'none' },
      ],
      evidence: evidenceList(
        g.evidence[0],
        br?.evidence[0],
        i?.evidence,
        g.endpoints.map((e) => e.evidence),
      ),
    };
  },
};
