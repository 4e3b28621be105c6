/**
 * Question: which subnet belongs to the bridge `docker0`? (`ip addr`, `ip r`, `docker network inspect`)
 *
 *   inet 172.17.0.1/16 scope global docker0
 *   "Config": [ { "Subnet": "172.17.0.0/16", "Gateway": "172.17.0.1" } ]
 */
import type { Question } from '../types.js';
import { code, defaultBridge, evidenceList, hostNs, list } from '../util.js';
import { defaultBridgeApplies } from './default-bridge-interface.js';

export const defaultBridgeSubnet: Question = {
  id: 'default-bridge-subnet',
  needs: ['host.interfaces', 'docker'],
  question: ({ model }) =>
    `Which subnet belongs to the bridge ${code(defaultBridge(model)?.name ?? 'docker0')}?`,
  appliesTo: defaultBridgeApplies,
  answer: ({ model }) => {
    const b = defaultBridge(model)!;
    const v4 = b.iface?.addresses.filter((a) => a.family === 'inet') ?? [];
    const ipam = b.network?.subnets ?? [];
    const route = hostNs(model)!.routes.find(
      (r) => r.table === 'main' && r.dev === b.name && r.proto === 'kernel' && r.family === 'inet',
    );
    const paragraphs: string[] = [];
    if (v4.length)
      paragraphs.push(
        `From the interface: ${list(v4.map((a) => `${code(a.cidr)} is the address ${code(a.address)} in the network ${code(a.network)}`))}; the prefix length /${v4[0]!.prefixLength} leaves ${Math.max(0, 2 ** (32 - v4[0]!.prefixLength) - 2)} usable addresses.`,
      );
    if (route)
      paragraphs.push(
        `The kernel added the matching connected route ${code(`${route.dst} dev ${route.dev}${route.src ? ` src ${route.src}` : ''}`)}: the whole subnet is reached directly on the bridge.`,
      );
    if (ipam.length) {
      const agrees = v4.some((a) => ipam.some((s) => s.subnet === a.network));
      paragraphs.push(
        `Docker's IPAM for the network ${code(b.network!.name)} says ${list(
          ipam.map((s) => `subnet ${code(s.subnet)}${s.gateway ? ` with gateway ${code(s.gateway)}` : ''}`),
        )}${v4.length ? (agrees ? ', the same subnet' : `, which does not match the interface's ${code(v4[0]!.network)}`) : ''}. Docker hands out container addresses from it; the gateway is the bridge's own address.`,
      );
    }
    const subnet = ipam[0]?.subnet ?? v4[0]?.network ?? 'unknown';
    return {
      answer: paragraphs.join('\n\n') || `No IPv4 address or IPAM subnet was captured for ${code(b.name)}.`,
      facts: [
        { label: 'subnet', value: subnet },
        { label: 'gateway', value: ipam.find((s) => s.gateway)?.gateway ?? v4[0]?.address ?? 'unknown' },
      ],
      evidence: evidenceList(b.iface?.evidence, route?.evidence, b.network?.evidence[0]),
    };
  },
};
