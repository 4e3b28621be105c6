/**
 * Question: which subnet belongs to the bridge `docker0`? (`ip addr`, `ip r`, `docker network inspect`)
 *
 *   inet 172.17.0.1/16 scope global docker0
 *   "Config": [ { "Subnet": "172.17.0.0/16", "Gateway": "172.17.0.1" } ]
 */
import type { Question } from '../types.js';
import { defaultBridge, evidenceList, hostNs, tr } from '../util.js';
import { defaultBridgeApplies } from './default-bridge-interface.js';

export const defaultBridgeSubnet: Question = {
  id: 'default-bridge-subnet',
  needs: ['host.interfaces', 'docker'],
  question: (input) =>
    tr(input)('q.default-bridge-subnet.question', { name: defaultBridge(input.model)?.name ?? 'docker0' }),
  appliesTo: defaultBridgeApplies,
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const b = defaultBridge(model)!;
    const v4 = b.iface?.addresses.filter((a) => a.family === 'inet') ?? [];
    const ipam = b.network?.subnets ?? [];
    const route = hostNs(model)!.routes.find(
      (r) => r.table === 'main' && r.dev === b.name && r.proto === 'kernel' && r.family === 'inet',
    );
    const paragraphs: string[] = [];
    if (v4.length)
      paragraphs.push(
        t('q.default-bridge-subnet.from-interface', {
          addrs: v4.map((a) =>
            t('q.default-bridge-subnet.addr', { cidr: a.cidr, address: a.address, network: a.network }),
          ),
          prefix: v4[0]!.prefixLength,
          usable: Math.max(0, 2 ** (32 - v4[0]!.prefixLength) - 2),
        }),
      );
    if (route)
      paragraphs.push(
        t('q.default-bridge-subnet.route', {
          route: `${route.dst} dev ${route.dev}${route.src ? ` src ${route.src}` : ''}`,
        }),
      );
    if (ipam.length) {
      const agrees = v4.some((a) => ipam.some((s) => s.subnet === a.network));
      paragraphs.push(
        t('q.default-bridge-subnet.ipam', {
          network: b.network!.name,
          subnets: ipam.map((s) =>
            t('q.default-bridge-subnet.ipam-subnet', { subnet: s.subnet, gateway: s.gateway ?? '' }),
          ),
          match: v4.length ? (agrees ? 'same' : 'differs') : 'none',
          iface: v4[0]?.network ?? '',
        }),
      );
    }
    const subnet = ipam[0]?.subnet ?? v4[0]?.network ?? t('label.unknown');
    return {
      answer: paragraphs.join('\n\n') || t('q.default-bridge-subnet.nothing', { name: b.name }),
      facts: [
        { label: t('q.fact.subnet'), value: subnet },
        {
          label: t('q.fact.gateway'),
          value: ipam.find((s) => s.gateway)?.gateway ?? v4[0]?.address ?? t('label.unknown'),
        },
      ],
      evidence: evidenceList(b.iface?.evidence, route?.evidence, b.network?.evidence[0]),
    };
  },
};
