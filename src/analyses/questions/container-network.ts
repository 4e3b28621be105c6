/**
 * Question: what does the container see: its interfaces and its routes? (`ip addr`, `ip r` run
 * inside the container's network namespace)
 *
 *   4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP
 *   default via 172.17.0.1 dev eth0
 */
import type { ModelNamespace, StepModel } from '../../model/types.js';
import type { Question } from '../types.js';
import { bare, code, contains, evidenceList, hostNs, list, parsePrefix4 } from '../util.js';

export function containerNamespaces(model: StepModel): ModelNamespace[] {
  return model.namespaces.filter((n) => n.kind === 'container' && n.interfaces.length > 0);
}

function name(ns: ModelNamespace): string {
  return ns.container ?? ns.name;
}

export const containerNetwork: Question = {
  id: 'container-network',
  needs: ['container'],
  question: ({ model }) => {
    const c = containerNamespaces(model);
    return `Which interfaces and routes does ${c.length === 1 ? `the container ${code(name(c[0]!))}` : 'each container'} have?`;
  },
  appliesTo: ({ model }) =>
    containerNamespaces(model).length > 0 ? true : "no container's network namespace was captured",
  answer: ({ model }) => {
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
        `${code(name(ns))} has ${list(
          ifs.map(
            (i) =>
              `${code(`${i.ifindex}: ${i.name}${i.peerIfindex !== undefined ? `@if${i.peerIfindex}` : ''}`)}${
                i.addresses.filter((a) => a.family === 'inet').length
                  ? ` (${i.addresses
                      .filter((a) => a.family === 'inet')
                      .map((a) => a.cidr)
                      .join(', ')})`
                  : ''
              }`,
          ),
        )}: its own loopback and ${ifs.filter((i) => i.kind !== 'loopback').length === 1 ? 'one end of a veth pair' : 'one end of each of its veth pairs'}, in a network namespace of its own.`,
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
          `Its default route ${code(`default via ${def.via}${def.dev ? ` dev ${def.dev}` : ''}`)} sends everything outside its own subnet to ${code(def.via)}${
            owner
              ? `, which is the address of the host's bridge ${code(owner.name)}${net ? ` (the gateway of the Docker network ${code(net.name)})` : ''}`
              : net
                ? `, the gateway of the Docker network ${code(net.name)}`
                : ''
          }. The packet crosses the veth pair to the bridge, enters the host's IP stack there, and the host routes it on${
            net?.options['com.docker.network.bridge.enable_ip_masquerade'] === 'true'
              ? ', replacing the container address by its own on the way out (masquerading)'
              : ''
          }.`,
        );
      } else {
        paragraphs.push(
          `It has no IPv4 default route: it can only reach the networks it is directly attached to.`,
        );
      }
      if (conn.length)
        paragraphs.push(
          `${list(conn.map((r) => code(`${r.dst} dev ${r.dev}${r.src ? ` src ${bare(r.src)}` : ''}`)))}: the connected ${conn.length === 1 ? 'subnet' : 'subnets'}, reached directly. Other containers on the same bridge are delivered through the bridge without any router.`,
        );
      evidence.push(...ifs.map((i) => i.evidence), def?.evidence, ...conn.map((r) => r.evidence));
    }
    const first = containerNamespaces(model)[0]!;
    const def = first.routes.find((r) => r.dst === 'default');
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'containers captured', value: containerNamespaces(model).map(name).join(', ') },
        {
          label: `${name(first)} addresses`,
          value: first.interfaces.flatMap((i) => i.addresses.map((a) => a.cidr)).join(', '),
        },
        { label: `${name(first)} default gateway`, value: def?.via ?? 'none' },
      ],
      evidence: evidenceList(evidence.filter((e) => e !== undefined)),
    };
  },
};
