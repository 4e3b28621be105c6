/**
 * Question: how does the host route its traffic? (`ip route show table main`, `ip r`)
 *
 *   default via 192.168.178.1 dev ens18 proto static
 *   172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown
 */
import type { ModelRoute } from '../../model/types.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, plural } from '../util.js';

function describe(r: ModelRoute): string {
  const what =
    r.dst === 'default' ? 'the default route: everything without a more specific route' : `to ${code(r.dst)}`;
  const how = r.via
    ? `goes to the gateway ${code(r.via)}${r.dev ? ` through ${code(r.dev)}` : ''}`
    : r.dev
      ? `is delivered directly on ${code(r.dev)} (a connected network${r.src ? `, sent from ${code(r.src)}` : ''})`
      : 'has no device';
  const flags = r.flags.length ? ` [${r.flags.join(', ')}]` : '';
  const proto =
    r.proto === 'kernel' ? ', added by the kernel for an address' : r.proto ? `, proto ${r.proto}` : '';
  return `- ${what} ${how}${proto}${flags}`;
}

export const hostRoutes: Question = {
  id: 'host-routes',
  needs: ['host.routes'],
  question: () => 'How does the host route its IPv4 traffic (routing table main)?',
  appliesTo: ({ model }) =>
    hostNs(model)!.routes.some((r) => r.table === 'main' && r.family === 'inet') ||
    'no IPv4 route in table main was captured',
  answer: ({ model }) => {
    const routes = hostNs(model)!.routes.filter((r) => r.table === 'main' && r.family === 'inet');
    const def = routes.find((r) => r.dst === 'default');
    const local = hostNs(model)!.routes.filter((r) => r.table === 'local');
    const paragraphs = [
      `Table main holds ${plural(routes.length, 'IPv4 route')}:\n${routes.map(describe).join('\n')}`,
      'The kernel picks the most specific matching route (the longest prefix). Routes with `proto kernel scope link` appear by themselves when an address is put on an interface: the network of that address is reachable directly on that link. `src` is the address the host uses as sender on that route.',
    ];
    if (!def) paragraphs.push('There is no default route: the host can reach only the networks listed.');
    if (local.length)
      paragraphs.push(
        `Table local (${plural(local.length, 'route')}) is the kernel's own: one \`local\` route per address of the host and the \`broadcast\` routes of each network. The administrator manages table main, the kernel table local.`,
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'routes (main, IPv4)', value: String(routes.length) },
        {
          label: 'default gateway',
          value: def?.via ? `${def.via}${def.dev ? ` dev ${def.dev}` : ''}` : 'none',
        },
      ],
      evidence: evidenceList(routes.map((r) => r.evidence)),
    };
  },
};
