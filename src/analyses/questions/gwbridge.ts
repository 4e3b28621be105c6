/**
 * Question: how does `docker_gwbridge` differ from `docker0`? (`docker network inspect`, `brctl show`)
 *
 *   docker_gwbridge      8000.02425208ac47   no                   veth8149801
 *   "com.docker.network.bridge.enable_icc": "false"
 */
import type { ModelDockerNetwork, StepModel } from '../../model/types.js';
import type { Question } from '../types.js';
import { bridgeName, code, defaultBridge, evidenceList, hostNs, nsLabel, tr } from '../util.js';

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
  question: (input) => {
    const g = gwNetwork(input.model);
    return tr(input)('q.gwbridge.question', {
      gw: g ? (bridgeName(g) ?? g.name) : 'docker_gwbridge',
      default: defaultBridge(input.model)?.name ?? 'docker0',
    });
  },
  appliesTo: (input) => (gwNetwork(input.model) ? true : tr(input)('q.gwbridge.na')),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
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
      return `${code(p)}${o ? ` -> ${code(o.ifname)} ${t('q.in-ns', { ns: nsLabel(model, o.namespace, t) })}` : ''}`;
    });
    const paragraphs = [
      t('q.gwbridge.what', {
        name: gname,
        default: d?.name ?? 'docker0',
        subnets: g.subnets.map((s) => t('q.subnet-gateway', { subnet: s.subnet, gateway: s.gateway ?? '' })),
        addrs: i
          ? i.addresses
              .filter((a) => a.family === 'inet')
              .map((a) => code(a.cidr))
              .join(', ')
          : '',
      }),
      `${t('q.gwbridge.differences', { name: gname, default: d?.name ?? 'docker0' })} ${t('q.gwbridge.icc', { icc: icc ?? '' })}`,
    ];
    if (peers.length) paragraphs.push(t('q.gwbridge.ports', { ports: peers }));
    if (g.endpoints.length)
      paragraphs.push(
        t('q.gwbridge.endpoints', {
          endpoints: g.endpoints.map((e) =>
            t('q.gwbridge.endpoint', { name: e.name, ipv4: e.ipv4 ?? '', sandbox: e.sandbox ? 'yes' : 'no' }),
          ),
        }),
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        {
          label: t('q.fact.subnet'),
          value: g.subnets.map((s) => s.subnet).join(', ') || t('label.unknown'),
        },
        { label: 'enable_icc', value: icc ?? t('q.not-set') },
        { label: t('q.fact.ports'), value: (br?.ports ?? []).join(', ') || t('label.none') },
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
