/**
 * Question: where is interface N, and what does `vethXXX@ifN` mean? (`ip addr` on the host and in
 * the container)
 *
 *   5: veth9c996da@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP
 *       link/ether 42:62:55:48:ac:18 brd ff:ff:ff:ff:ff:ff link-netnsid 0
 *   4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP     (container)
 */
import type { ModelInterface, StepModel } from '../../model/types.js';
import type { Question } from '../types.js';
import { code, evidenceList, hostNs, nsById, nsLabel } from '../util.js';

function hostVeths(model: StepModel): ModelInterface[] {
  return (hostNs(model)?.interfaces ?? []).filter((i) => i.kind === 'veth' && i.peerIfindex !== undefined);
}

function peerOf(model: StepModel, i: ModelInterface) {
  const host = hostNs(model)!;
  const l = model.vethLinks.find(
    (x) =>
      (x.a.namespace === host.id && x.a.ifname === i.name) ||
      (x.b.namespace === host.id && x.b.ifname === i.name),
  );
  if (!l) return undefined;
  const other = l.a.namespace === host.id && l.a.ifname === i.name ? l.b : l.a;
  const ns = nsById(model, other.namespace);
  return { other, ns, iface: ns?.interfaces.find((x) => x.name === other.ifname), link: l };
}

/** Prefer a veth whose peer was captured, on a bridge. */
function pick(model: StepModel): ModelInterface | undefined {
  const v = hostVeths(model);
  return v.find((i) => peerOf(model, i) && i.master) ?? v.find((i) => peerOf(model, i)) ?? v[0];
}

export const vethPeer: Question = {
  id: 'veth-peer',
  needs: ['host.interfaces'],
  question: ({ model }) => {
    const i = pick(model);
    return i
      ? `Where is interface ${i.peerIfindex}, and what does ${code(`${i.name}@if${i.peerIfindex}`)} mean?`
      : 'Where is the other end of a veth interface?';
  },
  appliesTo: ({ model }) => (pick(model) ? true : 'the host has no veth interface with a peer index'),
  answer: ({ model }) => {
    const i = pick(model)!;
    const p = peerOf(model, i);
    const paragraphs = [
      `${code(`${i.ifindex}: ${i.name}@if${i.peerIfindex}`)} is one end of a veth pair, a virtual cable: what goes in at one end comes out at the other. \`@if${i.peerIfindex}\` names the other end by its interface index, ${i.peerIfindex}. ${
        i.linkNetnsid !== undefined
          ? `\`link-netnsid ${i.linkNetnsid}\` says that index lives in another network namespace, the one the host knows by the id ${i.linkNetnsid}; indexes count per namespace, which is why the host's own list has no interface ${i.peerIfindex}.`
          : `The host's own list has no interface ${i.peerIfindex}, so it lives in another network namespace (this output shows no \`link-netnsid\`).`
      }`,
    ];
    if (p) {
      const pi = p.iface;
      paragraphs.push(
        `The capture of ${nsLabel(model, p.other.namespace)} shows it: ${code(`${p.other.ifindex}: ${p.other.ifname}${pi?.peerIfindex !== undefined ? `@if${pi.peerIfindex}` : ''}`)}${
          pi?.addresses.length ? ` with ${pi.addresses.map((a) => code(a.cidr)).join(', ')}` : ''
        }, whose \`@if${i.ifindex}\` points back to the host's ${code(i.name)}. Inside, the end is called ${code(p.other.ifname)}: the container sees an ordinary Ethernet interface.`,
      );
      if (pi?.flags.includes('M-DOWN'))
        paragraphs.push(
          `Its \`M-DOWN\` flag is an artefact of the tool: \`ip\` looked up the peer's index ${i.ifindex} in the container's own namespace, where it does not exist, and reported that "master" as down.`,
        );
    } else {
      paragraphs.push('The namespace of the other end was not captured, so the capture cannot show it.');
    }
    if (i.master)
      paragraphs.push(
        `${code(`master ${i.master}`)}: the host end is a port of the bridge ${code(i.master)}, so the container is plugged into that switch.`,
      );
    const others = hostVeths(model).filter((x) => x !== i);
    if (others.length)
      paragraphs.push(
        `The other veth ends on the host: ${others
          .map((x) => {
            const q = peerOf(model, x);
            return `${code(`${x.name}@if${x.peerIfindex}`)}${q ? ` -> ${code(q.other.ifname)} in ${nsLabel(model, q.other.namespace)}` : ' (peer not captured)'}`;
          })
          .join('; ')}.`,
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'host end', value: `${i.ifindex}: ${i.name}` },
        { label: 'peer index', value: String(i.peerIfindex) },
        { label: 'link-netnsid', value: i.linkNetnsid !== undefined ? String(i.linkNetnsid) : 'not shown' },
        {
          label: 'peer',
          value: p ? `${p.other.ifname} in ${nsLabel(model, p.other.namespace)}` : 'not captured',
        },
      ],
      evidence: evidenceList(i.evidence, p?.link.evidence),
    };
  },
};
