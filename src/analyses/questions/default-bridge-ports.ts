/**
 * Question: why does the bridge `docker0` have no interfaces (or: which interfaces are its ports)?
 * (`brctl show`, the `interfaces` column)
 *
 *   docker0          8000.024278cc117b  no
 *   docker0          8000.0242f4708767  no                veth9c996da
 */
import type { Question } from '../types.js';
import { code, defaultBridge, evidenceList, hostNs, list, nsLabel } from '../util.js';
import { defaultBridgeApplies } from './default-bridge-interface.js';

export const defaultBridgePorts: Question = {
  id: 'default-bridge-ports',
  needs: ['host.bridges', 'docker'],
  question: ({ model }) => {
    const b = defaultBridge(model);
    const name = code(b?.name ?? 'docker0');
    return b?.bridge && b.bridge.ports.length > 0
      ? `Which interfaces are attached to the bridge ${name}?`
      : `Why does the bridge ${name} have no interfaces?`;
  },
  appliesTo: (input) => {
    const a = defaultBridgeApplies(input);
    if (a !== true) return a;
    return defaultBridge(input.model)!.bridge ? true : 'the bridge listing does not show it';
  },
  answer: ({ model }) => {
    const b = defaultBridge(model)!;
    const br = b.bridge!;
    const host = hostNs(model)!;
    const endpoints = b.network?.endpoints ?? [];
    const paragraphs: string[] = [
      "The `interfaces` column of `brctl show` lists the bridge's ports: the interfaces enslaved to it (`master` in `ip addr`). The bridge's own interface of the same name is not one of them.",
    ];
    if (br.ports.length === 0) {
      paragraphs.push(
        `${code(b.name)} has none because no container is attached to ${b.network ? `the Docker network ${code(b.network.name)}` : 'it'}${
          b.network
            ? ` (its \`Containers\` list is ${endpoints.length === 0 ? 'empty' : `${endpoints.length} long`})`
            : ''
        }. Docker adds one port per container: the host end of the container's veth pair.`,
      );
    } else {
      const rows = br.ports.map((p) => {
        const link = model.vethLinks.find(
          (l) =>
            (l.a.namespace === host.id && l.a.ifname === p) ||
            (l.b.namespace === host.id && l.b.ifname === p),
        );
        const other = link
          ? link.a.namespace === host.id && link.a.ifname === p
            ? link.b
            : link.a
          : undefined;
        return `- ${code(p)}${other ? `: its peer is ${code(other.ifname)} in ${nsLabel(model, other.namespace)}` : ''}`;
      });
      paragraphs.push(
        `${code(b.name)} has ${br.ports.length === 1 ? 'one port' : `${br.ports.length} ports`}, one per attached container or sandbox:\n${rows.join('\n')}`,
      );
      if (endpoints.length)
        paragraphs.push(
          `Docker's view of the same: the network ${code(b.network!.name)} lists ${list(
            endpoints.map((e) => `${code(e.name)}${e.ipv4 ? ` (${e.ipv4})` : ''}`),
          )}.`,
        );
    }
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'ports', value: br.ports.length ? br.ports.join(', ') : 'none' },
        { label: 'endpoints in Docker', value: String(endpoints.length) },
      ],
      evidence: evidenceList(
        br.evidence,
        b.network?.evidence[0],
        endpoints.map((e) => e.evidence),
      ),
    };
  },
};
