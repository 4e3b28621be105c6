/**
 * Question: what does the `linkdown` route of the Docker bridge mean? (`ip r`)
 *
 *   172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown
 */
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, networkOfBridge } from '../util.js';

function bridgeRoutes(model: import('../../model/types.js').StepModel) {
  const host = hostNs(model)!;
  const bridges = new Set(host.interfaces.filter((i) => i.kind === 'bridge').map((i) => i.name));
  for (const b of host.bridges) bridges.add(b.name);
  return host.routes.filter((r) => r.table === 'main' && r.dev !== undefined && bridges.has(r.dev));
}

export const linkdownRoute: Question = {
  id: 'linkdown-route',
  needs: ['host.routes', 'host.interfaces'],
  question: ({ model }) => {
    const r = bridgeRoutes(model).find((x) => x.flags.includes('linkdown'));
    return r
      ? `What does the route ${code(`${r.dst} dev ${r.dev} ... linkdown`)} mean?`
      : 'Why do the routes of the bridges carry no `linkdown` flag?';
  },
  appliesTo: ({ model }) =>
    bridgeRoutes(model).length > 0 ? true : 'no route of the host points to a bridge',
  answer: ({ model }) => {
    const routes = bridgeRoutes(model);
    const down = routes.filter((r) => r.flags.includes('linkdown'));
    const host = hostNs(model)!;
    const paragraphs: string[] = [];
    for (const r of down) {
      const net = networkOfBridge(model, r.dev!);
      const i = host.interfaces.find((x) => x.name === r.dev);
      paragraphs.push(
        `${code(`${r.dst} dev ${r.dev}${r.src ? ` src ${r.src}` : ''}`)} is the connected route the kernel added when ${code(
          r.src ?? 'the address',
        )} was put on ${code(r.dev!)} (\`proto kernel scope link\`)${net ? `: the subnet of the Docker network ${code(net.name)}` : ''}. \`linkdown\` says the device has no carrier${
          i ? ` (${code(r.dev!)} is ${i.state ?? 'DOWN'}${i.noCarrier ? ', NO-CARRIER' : ''})` : ''
        }: no container is attached yet. The route stays in the table, but nothing can answer behind it; the kernel ignores such routes only when \`net.ipv4.conf.${r.dev}.ignore_routes_with_linkdown\` is 1.`,
      );
    }
    const ok = routes.filter((r) => !r.flags.includes('linkdown'));
    if (ok.length)
      paragraphs.push(
        `${ok.map((r) => code(`${r.dst} dev ${r.dev}`)).join(', ')} ${ok.length === 1 ? 'has' : 'have'} no \`linkdown\` flag: the bridge has carrier because a port is attached, and the flag disappeared by itself.`,
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'bridge routes', value: routes.map((r) => `${r.dst} dev ${r.dev}`).join(', ') },
        { label: 'linkdown', value: down.length ? down.map((r) => r.dev).join(', ') : 'none' },
      ],
      evidence: evidenceList(routes.map((r) => r.evidence)),
    };
  },
};
