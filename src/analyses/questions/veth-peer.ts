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
import { code, evidenceList, hostNs, nsById, nsLabel, tr, vethLinkAt } from '../util.js';

function hostVeths(model: StepModel): ModelInterface[] {
  return (hostNs(model)?.interfaces ?? []).filter((i) => i.kind === 'veth' && i.peerIfindex !== undefined);
}

function peerOf(model: StepModel, i: ModelInterface) {
  const host = hostNs(model)!;
  const l = vethLinkAt(model, host.id, i.name);
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
  question: (input) => {
    const i = pick(input.model);
    return i
      ? tr(input)('q.veth-peer.question', {
          index: i.peerIfindex ?? '?',
          name: `${i.name}@if${i.peerIfindex}`,
        })
      : tr(input)('q.veth-peer.question-none');
  },
  appliesTo: (input) => (pick(input.model) ? true : tr(input)('q.veth-peer.na')),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const i = pick(model)!;
    const p = peerOf(model, i);
    const paragraphs = [
      `${t('q.veth-peer.pair', { ifindex: i.ifindex, name: i.name, peer: i.peerIfindex ?? '?' })} ${
        i.linkNetnsid !== undefined
          ? t('q.veth-peer.netnsid', { nsid: i.linkNetnsid, peer: i.peerIfindex ?? '?' })
          : t('q.veth-peer.no-netnsid', { peer: i.peerIfindex ?? '?' })
      }`,
    ];
    if (p) {
      const pi = p.iface;
      paragraphs.push(
        t('q.veth-peer.other-end', {
          ns: nsLabel(model, p.other.namespace, t),
          end: `${p.other.ifindex}: ${p.other.ifname}${pi?.peerIfindex !== undefined ? `@if${pi.peerIfindex}` : ''}`,
          addrs: pi?.addresses.map((a) => code(a.cidr)) ?? [],
          ifindex: i.ifindex,
          host: i.name,
          inside: p.other.ifname,
        }),
      );
      if (pi?.flags.includes('M-DOWN')) paragraphs.push(t('q.veth-peer.m-down', { ifindex: i.ifindex }));
    } else {
      paragraphs.push(t('q.veth-peer.not-captured'));
    }
    if (i.master) paragraphs.push(t('q.veth-peer.master', { master: i.master }));
    const others = hostVeths(model).filter((x) => x !== i);
    if (others.length)
      paragraphs.push(
        t('q.veth-peer.others', {
          others: others.map((x) => {
            const q = peerOf(model, x);
            return t('q.veth-peer.other', {
              name: `${x.name}@if${x.peerIfindex}`,
              peer: q?.other.ifname ?? '',
              ns: q ? nsLabel(model, q.other.namespace, t) : '',
            });
          }),
        }),
      );
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.veth-peer.fact.host-end'), value: `${i.ifindex}: ${i.name}` },
        { label: t('q.veth-peer.fact.peer-index'), value: String(i.peerIfindex) },
        {
          label: 'link-netnsid',
          value: i.linkNetnsid !== undefined ? String(i.linkNetnsid) : t('q.not-shown'),
        },
        {
          label: t('q.veth-peer.fact.peer'),
          value: p
            ? `${p.other.ifname} ${t('q.in-ns', { ns: nsLabel(model, p.other.namespace, t) })}`
            : t('q.not-captured'),
        },
      ],
      evidence: evidenceList(i.evidence, p?.link.evidence),
    };
  },
};
