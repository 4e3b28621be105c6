/**
 * Question: what are the `ingress` overlay network and its sandbox? (`docker network inspect
 * ingress`, `ip addr` in `ingress_sbox` and in the overlay namespace `1-<id>`)
 *
 *   "ingress-sbox": { "Name": "ingress-endpoint", "IPv4Address": "10.255.0.2/16" }
 *   8: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 ... inet 10.255.0.2/16
 */
import type { Question } from '../types.js';
import { code, evidenceList, list, nsLabel, socketAddr } from '../util.js';

export const ingressSandbox: Question = {
  id: 'ingress-sandbox',
  needs: ['docker', 'docker.networks'],
  question: ({ model }) => {
    const n = model.dockerNetworks.find((x) => x.ingress);
    return `What are the ${code(n?.name ?? 'ingress')} overlay network and its sandbox?`;
  },
  appliesTo: ({ model }) =>
    model.dockerNetworks.some((x) => x.ingress) ? true : 'there is no ingress network (swarm mode is off)',
  answer: ({ model }) => {
    const n = model.dockerNetworks.find((x) => x.ingress)!;
    const vni = n.options['com.docker.network.driver.overlay.vxlanid_list'];
    const sbox = n.endpoints.find((e) => e.sandbox);
    const paragraphs = [
      `${code(n.name)} is an overlay network (driver ${n.driver}, scope ${n.scope}) with ${list(
        n.subnets.map((s) => `${code(s.subnet)}${s.gateway ? ` (gateway ${code(s.gateway)})` : ''}`),
      )}${vni ? `, carried between nodes as VXLAN id ${vni} over UDP port 4789` : ''}. It is the swarm's routing mesh: a port published by a service is opened on every node, and a connection to it is forwarded over this network to a task of that service, on whichever node it runs.`,
    ];
    if (sbox)
      paragraphs.push(
        `Its endpoint ${code(sbox.key)} (${code(sbox.name)}${sbox.ipv4 ? `, ${sbox.ipv4}` : ''}) is not a container: it is the ingress sandbox, a network namespace of its own that Docker keeps under \`/var/run/docker/netns/\`. It receives published service traffic from the host and balances it to the tasks.`,
      );
    const evidence = [n.evidence[0], sbox?.evidence];
    const sboxNs = model.namespaces.find((x) => x.kind === 'sandbox' && /ingress[_-]sbox/.test(x.name));
    if (sboxNs) {
      const ifs = sboxNs.interfaces.filter((i) => i.kind !== 'loopback');
      paragraphs.push(
        `The capture of ${nsLabel(model, sboxNs.id)} shows ${list(
          ifs.map((i) => {
            const l = model.vethLinks.find(
              (x) =>
                (x.a.namespace === sboxNs.id && x.a.ifname === i.name) ||
                (x.b.namespace === sboxNs.id && x.b.ifname === i.name),
            );
            const o = l ? (l.a.namespace === sboxNs.id && l.a.ifname === i.name ? l.b : l.a) : undefined;
            return `${code(i.name)} ${i.addresses.map((a) => code(a.cidr)).join(', ')} (MTU ${i.mtu ?? '?'})${
              o ? `, whose peer is ${code(o.ifname)} in ${nsLabel(model, o.namespace)}` : ''
            }`;
          }),
        )}. One leg sits on the overlay, the other on the gateway bridge.`,
      );
      evidence.push(...ifs.map((i) => i.evidence));
      const lst = sboxNs.sockets.filter((s) => s.listening);
      if (lst.length)
        paragraphs.push(
          `Inside it listen ${list(lst.map((s) => code(socketAddr(s))))} (Docker's embedded DNS).`,
        );
    }
    const ovNs = model.namespaces.find(
      (x) => x.kind === 'sandbox' && x !== sboxNs && x.interfaces.some((i) => i.kind === 'vxlan'),
    );
    if (ovNs) {
      const br = ovNs.bridges[0];
      const vx = ovNs.interfaces.find((i) => i.kind === 'vxlan');
      paragraphs.push(
        `The overlay itself lives in ${nsLabel(model, ovNs.id)} (named after the start of the network id): ${
          br ? `the bridge ${code(br.name)} with ports ${list(br.ports.map(code))}` : 'its interfaces'
        }${vx ? `; ${code(vx.name)} is the VXLAN device that wraps frames into UDP for the other nodes` : ''}.${
          vx?.mtu !== undefined
            ? ` Its MTU ${vx.mtu} leaves room for the 50 bytes of VXLAN headers inside a 1500-byte packet.`
            : ''
        }`,
      );
      evidence.push(br?.evidence[0], vx?.evidence);
    } else if (!sboxNs) {
      paragraphs.push(
        "The sandbox namespaces were not captured in this step, so only Docker's view is shown.",
      );
    }
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: 'subnet', value: n.subnets.map((s) => s.subnet).join(', ') || 'unknown' },
        { label: 'VXLAN id', value: vni ?? 'not shown' },
        { label: 'sandbox address', value: sbox?.ipv4 ?? 'unknown' },
      ],
      evidence: evidenceList(evidence.filter((e) => e !== undefined)),
    };
  },
};
