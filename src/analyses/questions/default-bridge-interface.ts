/**
 * Question: how do you read the `docker0` interface? (`ip addr show`, the default bridge's line)
 *
 *   3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default
 *       inet 172.17.0.1/16 scope global docker0
 */
import type { AnalysisInput, Question } from '../types.js';
import { code, defaultBridge, evidenceList, list } from '../util.js';

export function defaultBridgeApplies({ model }: AnalysisInput): true | string {
  if (!model.docker.installed) return 'Docker is not installed in this step';
  const b = defaultBridge(model);
  if (!b) return "the default Docker bridge was not found in this step's data";
  return true;
}

/** The questions about the bridge's own interface also need its line in `ip addr`. */
export function defaultBridgeInterfaceApplies(input: AnalysisInput): true | string {
  const a = defaultBridgeApplies(input);
  if (a !== true) return a;
  return defaultBridge(input.model)!.iface ? true : 'the bridge has no interface line in `ip addr`';
}

export const defaultBridgeInterface: Question = {
  id: 'default-bridge-interface',
  needs: ['host.interfaces', 'docker'],
  question: ({ model }) => `How do you read the ${code(defaultBridge(model)?.name ?? 'docker0')} interface?`,
  appliesTo: defaultBridgeInterfaceApplies,
  answer: ({ model }) => {
    const b = defaultBridge(model)!;
    const i = b.iface!;
    const v4 = i.addresses.filter((a) => a.family === 'inet');
    const gw = b.network?.subnets.find((s) => s.gateway)?.gateway;
    const paragraphs = [
      `${code(`${i.ifindex}: ${i.name}`)} is a Linux bridge, a virtual switch in the kernel, that dockerd created for its default network${
        b.network ? ` ${code(b.network.name)}` : ''
      }. The line shows the bridge's own interface: the host's port into that switch.`,
      `Flags ${code(`<${i.flags.join(',')}>`)}: ${
        i.adminUp ? '`UP` means dockerd switched it on' : 'without `UP` it is switched off'
      }; ${i.lowerUp ? '`LOWER_UP` means it has carrier' : i.noCarrier ? '`NO-CARRIER` means it has no carrier' : 'no carrier flag is shown'}; operational state ${code(
        i.state ?? 'unknown',
      )}.${i.mtu !== undefined ? ` MTU ${i.mtu}.` : ''}${
        i.mac
          ? ` The MAC ${code(i.mac)}${/^02:42:/i.test(i.mac) ? " starts with 02:42, Docker's locally administered prefix" : ''}.`
          : ''
      }`,
    ];
    if (v4.length)
      paragraphs.push(
        `${list(v4.map((a) => code(a.cidr)))}: the host's address on the bridge network${
          gw && v4.some((a) => a.address === gw)
            ? `, and the gateway Docker gives every container of ${code(b.network!.name)}`
            : ''
        }. Containers attached to this bridge get addresses from ${list(v4.map((a) => code(a.network)))} and send everything else to ${code(v4[0]!.address)}.`,
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'interface', value: `${i.ifindex}: ${i.name}` },
        { label: 'kind', value: i.kind },
        { label: 'state', value: i.state ?? 'unknown' },
        { label: 'addresses', value: i.addresses.map((a) => a.cidr).join(', ') || 'none' },
      ],
      evidence: evidenceList(i.evidence, b.network?.evidence[0]),
    };
  },
};
