/**
 * Question: what does the container see: its interfaces and its routes? (`ip addr`, `ip r` run
 * inside the container's network namespace)
 *
 *   4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP
 *   default via 172.17.0.1 dev eth0
 */
import type { ModelNamespace, StepModel } from '../../model/types.js';
import type { Question } from '../types.js';
import { bare, code, contains, evidenceList, hostNs, parsePrefix4, tr } from '../util.js';

export function containerNamespaces(model: StepModel): ModelNamespace[] {
  return model.namespaces.filter((n) => n.kind === 'container' && n.interfaces.length > 0);
}

function name(ns: ModelNamespace): string {
  return ns.container ?? ns.name;
}

export const containerNetwork: Question = {
  id: 'container-network',
  needs: ['container'],
  question: (input) => {
    const c = containerNamespaces(input.model);
    return tr(input)('q.container-network.question', { name: c.length === 1 ? name(c[0]!) : '' });
  },
  appliesTo: (input) =>
    containerNamespaces(input.model).length > 0 ? true : tr(input)('q.container-network.na'),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const host = hostNs(model);
    const paragraphs: string[] = [];
    const evidence = [];
    for (const ns of containerNamespaces(model)) {
      const ifs = ns.interfaces;
      const def = ns.routes.find((r) => r.table === 'main' && r.dst === 'default' && r.family === 'inet');
      const conn = ns.routes.filter(
        (r) => r.table === 'main' && r.dst !== 'default' && !r.via && r.family === 'inet',
      );
      paragraphs.push(
        t('q.container-network.interfaces', {
          name: name(ns),
          ifs: ifs.map((i) => {
            const v4 = i.addresses.filter((a) => a.family === 'inet').map((a) => a.cidr);
            return `${code(`${i.ifindex}: ${i.name}${i.peerIfindex !== undefined ? `@if${i.peerIfindex}` : ''}`)}${
              v4.length ? ` (${v4.join(', ')})` : ''
            }`;
          }),
          veths: ifs.filter((i) => i.kind !== 'loopback').length,
        }),
      );
      if (def?.via) {
        const gw = parsePrefix4(def.via);
        const owner = host?.interfaces.find((i) =>
          i.addresses.some((a) => a.family === 'inet' && a.address === def.via),
        );
        const net = model.dockerNetworks.find((n) =>
          n.subnets.some(
            (s) =>
              s.gateway === def.via ||
              (gw && parsePrefix4(s.subnet) && contains(parsePrefix4(s.subnet)!, gw)),
          ),
        );
        paragraphs.push(
          t('q.container-network.default', {
            route: `default via ${def.via}${def.dev ? ` dev ${def.dev}` : ''}`,
            via: def.via,
            bridge: owner?.name ?? '',
            network: net?.name ?? '',
            masquerade:
              net?.options['com.docker.network.bridge.enable_ip_masquerade'] === 'true' ? 'yes' : 'no',
          }),
        );
      } else {
        paragraphs.push(t('q.container-network.no-default'));
      }
      if (conn.length)
        paragraphs.push(
          t('q.container-network.connected', {
            n: conn.length,
            routes: conn.map((r) => code(`${r.dst} dev ${r.dev}${r.src ? ` src ${bare(r.src)}` : ''}`)),
          }),
        );
      evidence.push(...ifs.map((i) => i.evidence), def?.evidence, ...conn.map((r) => r.evidence));
    }
    const first = containerNamespaces(model)[0]!;
    const def = first.routes.find((r) => r.dst === 'default');
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        {
          label: t('q.container-network.fact.captured'),
          value: containerNamespaces(model).map(name).join(', '),
        },
        {
          label: t('q.container-network.fact.addresses', { name: name(first) }),
          value: first.interfaces.flatMap((i) => i.addresses.map((a) => a.cidr)).join(', '),
        },
        {
          label: t('q.container-network.fact.gateway', { name: name(first) }),
          value: def?.via ?? t('label.none'),
        },
      ],
      evidence: evidenceList(evidence.filter((e) => e !== undefined)),
    };
  },
};
