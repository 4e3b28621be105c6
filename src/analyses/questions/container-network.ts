/**
 * Question: what does the container see: its interfaces and its routes? (`ip addr`, `ip r` run
 * inside the container's network namespace)
 *
 *   4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP
 *   default via 172.17.0.1 dev eth0
 */
import type { Evidence } from '../../model/evidence-type.js';
import type { FwRule } from '../../model/firewall-types.js';
import type { ModelNamespace, StepModel } from '../../model/types.js';
import type { Question } from '../types.js';
import { bare, code, contains, evidenceList, hostNs, parsePrefix4, tr } from '../util.js';

export function containerNamespaces(model: StepModel): ModelNamespace[] {
  return model.namespaces.filter((n) => n.kind === 'container' && n.interfaces.length > 0);
}

function name(ns: ModelNamespace): string {
  return ns.container ?? ns.name;
}

/**
 * Does the host masquerade what this container sends out? The kernel's rule set says so, not the
 * network's options: Docker writes `com.docker.network.bridge.enable_ip_masquerade` only into the
 * default bridge's options, while every user-defined bridge network gets the same
 * `-A POSTROUTING -s <subnet> ! -o <bridge> -j MASQUERADE` (and an internal network, a network in
 * gateway mode `routed` or a daemon with `"iptables": false` gets none). So a MASQUERADE or SNAT
 * rule of a host nat table whose source covers the container's address decides; only when the
 * host's firewall was not captured does the option speak.
 */
function masqueradeRule(model: StepModel, address: string | undefined): { captured: boolean; rule?: FwRule } {
  const fw = hostNs(model)?.firewall;
  const addr = address ? parsePrefix4(address) : undefined;
  const tables = (fw?.tables ?? []).filter(
    // Any table: iptables puts it in `nat`, Docker's nftables backend in `docker-bridges`.
    (tb) => tb.family === 'ipv4' || tb.family === 'inet',
  );
  if (!fw || tables.length === 0 || !addr) return { captured: false };
  for (const tb of tables)
    for (const ch of tb.chains)
      for (const rule of ch.rules) {
        if (rule.target.kind !== 'masquerade' && rule.target.kind !== 'snat') continue;
        const src = rule.matches.find((m) => m.kind === 'addr' && m.dir === 'src' && !m.negate);
        if (
          src?.kind === 'addr' &&
          src.cidrs.some((c) => {
            const net = parsePrefix4(c);
            return net !== undefined && contains(net, addr);
          })
        )
          return { captured: true, rule };
      }
  return { captured: true };
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
      let ruleEvidence: Evidence | undefined;
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
        const own = ifs
          .flatMap((i) => i.addresses)
          .find((a) => a.family === 'inet' && a.scope !== 'host' && !a.address.startsWith('127.'));
        const masq = masqueradeRule(model, own?.address);
        const masquerade = masq.captured
          ? masq.rule !== undefined
          : net?.options['com.docker.network.bridge.enable_ip_masquerade'] === 'true';
        ruleEvidence = masq.rule?.evidence;
        paragraphs.push(
          t('q.container-network.default', {
            route: `default via ${def.via}${def.dev ? ` dev ${def.dev}` : ''}`,
            via: def.via,
            bridge: owner?.name ?? '',
            network: net?.name ?? '',
            masquerade: masquerade ? 'yes' : 'no',
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
      evidence.push(
        ...ifs.map((i) => i.evidence),
        def?.evidence,
        ruleEvidence,
        ...conn.map((r) => r.evidence),
      );
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
