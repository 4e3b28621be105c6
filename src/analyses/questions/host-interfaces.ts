/**
 * Question: which interfaces does the host have? (`ip addr show`)
 *
 *   2: ens18: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
 *       inet 192.168.178.42/24 brd 192.168.178.255 scope global ens18
 */
import type { ModelInterface } from '../../model/types.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, list, plural } from '../util.js';

function line(i: ModelInterface): string {
  const addrs = i.addresses.map((a) => code(a.cidr));
  const extra = [
    i.state ? `state ${i.state}` : '',
    i.mtu !== undefined ? `MTU ${i.mtu}` : '',
    i.master ? `port of ${code(i.master)}` : '',
  ].filter(Boolean);
  return `- ${code(`${i.ifindex}: ${i.name}`)} (${i.kind}${extra.length ? `, ${extra.join(', ')}` : ''})${
    addrs.length ? `: ${list(addrs)}` : ': no address'
  }`;
}

export const hostInterfaces: Question = {
  id: 'host-interfaces',
  needs: ['host.interfaces'],
  question: (input) =>
    `Which network interfaces does the host${input.model.hostname ? ` ${input.model.hostname}` : ''} have?`,
  appliesTo: () => true,
  answer: ({ model }) => {
    const host = hostNs(model)!;
    const ifs = host.interfaces;
    const kinds = new Map<string, number>();
    for (const i of ifs) kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
    const v4 = ifs.flatMap((i) =>
      i.addresses
        .filter((a) => a.family === 'inet' && i.kind !== 'loopback')
        .map((a) => `${code(a.cidr)} on ${code(i.name)}`),
    );
    const paragraphs = [
      `\`ip addr\` lists ${plural(ifs.length, 'interface')} on the host:\n${ifs.map(line).join('\n')}`,
      'Each block is one interface: its index and name, the flags in angle brackets (`UP`: switched on by the administrator; `LOWER_UP`: the link below has carrier; `NO-CARRIER`: it has none), the MTU, the operational `state`, the MAC address (`link/ether`) and its addresses (`inet` for IPv4, `inet6` for IPv6, each with its prefix length). `lo` is the loopback interface, which only the host itself can reach.',
    ];
    if (v4.length)
      paragraphs.push(`The host's IPv4 ${v4.length === 1 ? 'address is' : 'addresses are'} ${list(v4)}.`);
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'interfaces', value: String(ifs.length) },
        { label: 'kinds', value: [...kinds].map(([k, n]) => `${k} ${n}`).join(', ') },
        ...(v4.length ? [{ label: 'IPv4 addresses', value: v4.join(', ').replace(/`/g, '') }] : []),
      ],
      evidence: evidenceList(ifs.map((i) => i.evidence)),
    };
  },
};
