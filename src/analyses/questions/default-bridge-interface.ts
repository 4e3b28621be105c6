/**
 * Question: how do you read the `docker0` interface? (`ip addr show`, the default bridge's line)
 *
 *   3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default
 *       inet 172.17.0.1/16 scope global docker0
 */
import type { AnalysisInput, Question } from '../types.js';
import { code, defaultBridge, evidenceList, tr } from '../util.js';

export function defaultBridgeApplies(input: AnalysisInput): true | string {
  const t = tr(input);
  if (!input.model.docker.installed) return t('need.docker-not-installed');
  const b = defaultBridge(input.model);
  if (!b) return t('q.default-bridge.not-found');
  return true;
}

/** The questions about the bridge's own interface also need its line in `ip addr`. */
export function defaultBridgeInterfaceApplies(input: AnalysisInput): true | string {
  const a = defaultBridgeApplies(input);
  if (a !== true) return a;
  return defaultBridge(input.model)!.iface ? true : tr(input)('q.default-bridge.no-interface-line');
}

export const defaultBridgeInterface: Question = {
  id: 'default-bridge-interface',
  needs: ['host.interfaces', 'docker'],
  question: (input) =>
    tr(input)('q.default-bridge-interface.question', { name: defaultBridge(input.model)?.name ?? 'docker0' }),
  appliesTo: defaultBridgeInterfaceApplies,
  answer: (input) => {
    const t = tr(input);
    const b = defaultBridge(input.model)!;
    const i = b.iface!;
    const v4 = i.addresses.filter((a) => a.family === 'inet');
    const gw = b.network?.subnets.find((s) => s.gateway)?.gateway;
    const paragraphs = [
      t('q.default-bridge-interface.what', {
        ifindex: i.ifindex,
        name: i.name,
        network: b.network?.name ?? '',
      }),
      t('q.default-bridge-interface.flags', {
        flags: i.flags.join(','),
        admin: i.adminUp ? 'up' : 'down',
        carrier: i.lowerUp ? 'lower-up' : i.noCarrier ? 'no-carrier' : 'none',
        state: i.state ?? t('label.unknown'),
        mtu: i.mtu ?? '',
        mac: i.mac ?? '',
        docker: i.mac && /^02:42:/i.test(i.mac) ? 'yes' : 'no',
      }),
    ];
    if (v4.length)
      paragraphs.push(
        t('q.default-bridge-interface.address', {
          cidrs: v4.map((a) => code(a.cidr)),
          gateway: gw && v4.some((a) => a.address === gw) ? b.network!.name : '',
          networks: v4.map((a) => code(a.network)),
          first: v4[0]!.address,
        }),
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.fact.interface'), value: `${i.ifindex}: ${i.name}` },
        { label: t('q.fact.kind'), value: i.kind },
        { label: t('q.fact.state'), value: i.state ?? t('label.unknown') },
        {
          label: t('q.fact.addresses'),
          value: i.addresses.map((a) => a.cidr).join(', ') || t('label.none'),
        },
      ],
      evidence: evidenceList(i.evidence, b.network?.evidence[0]),
    };
  },
};
