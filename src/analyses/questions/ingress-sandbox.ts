/**
 * Question: what are the `ingress` overlay network and its sandbox? (`docker network inspect
 * ingress`, `ip addr` in `ingress_sbox` and in the overlay namespace `1-<id>`)
 *
 *   "ingress-sbox": { "Name": "ingress-endpoint", "IPv4Address": "10.255.0.2/16" }
 *   8: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 ... inet 10.255.0.2/16
 */
import type { Question } from '../types.js';
import { code, evidenceList, nsLabel, socketAddr, tr } from '../util.js';

export const ingressSandbox: Question = {
  id: 'ingress-sandbox',
  needs: ['docker', 'docker.networks'],
  question: (input) => {
    const n = input.model.dockerNetworks.find((x) => x.ingress);
    return tr(input)('q.ingress-sandbox.question', { name: n?.name ?? 'ingress' });
  },
  appliesTo: (input) =>
    input.model.dockerNetworks.some((x) => x.ingress) ? true : tr(input)('q.ingress-sandbox.na'),
  answer: (input) => {
    const t = tr(input);
    const { model } = input;
    const n = model.dockerNetworks.find((x) => x.ingress)!;
    const vni = n.options['com.docker.network.driver.overlay.vxlanid_list'];
    const sbox = n.endpoints.find((e) => e.sandbox);
    const paragraphs = [
      t('q.ingress-sandbox.what', {
        name: n.name,
        driver: n.driver,
        scope: n.scope,
        subnets: n.subnets.map((s) => t('q.subnet-gateway', { subnet: s.subnet, gateway: s.gateway ?? '' })),
        vni: vni ?? '',
      }),
    ];
    if (sbox)
      paragraphs.push(
        t('q.ingress-sandbox.sandbox', { key: sbox.key, name: sbox.name, ipv4: sbox.ipv4 ?? '' }),
      );
    const evidence = [n.evidence[0], sbox?.evidence];
    const sboxNs = model.namespaces.find((x) => x.kind === 'sandbox' && /ingress[_-]sbox/.test(x.name));
    if (sboxNs) {
      const ifs = sboxNs.interfaces.filter((i) => i.kind !== 'loopback');
      paragraphs.push(
        t('q.ingress-sandbox.legs', {
          ns: nsLabel(model, sboxNs.id, t),
          ifs: ifs.map((i) => {
            const l = model.vethLinks.find(
              (x) =>
                (x.a.namespace === sboxNs.id && x.a.ifname === i.name) ||
                (x.b.namespace === sboxNs.id && x.b.ifname === i.name),
            );
            const o = l ? (l.a.namespace === sboxNs.id && l.a.ifname === i.name ? l.b : l.a) : undefined;
            return t('q.ingress-sandbox.leg', {
              name: i.name,
              addrs: i.addresses.map((a) => code(a.cidr)).join(', '),
              mtu: i.mtu ?? '?',
              peer: o?.ifname ?? '',
              ns: o ? nsLabel(model, o.namespace, t) : '',
            });
          }),
        }),
      );
      evidence.push(...ifs.map((i) => i.evidence));
      const lst = sboxNs.sockets.filter((s) => s.listening);
      if (lst.length)
        paragraphs.push(t('q.ingress-sandbox.dns', { sockets: lst.map((s) => code(socketAddr(s))) }));
    }
    const ovNs = model.namespaces.find(
      (x) => x.kind === 'sandbox' && x !== sboxNs && x.interfaces.some((i) => i.kind === 'vxlan'),
    );
    if (ovNs) {
      const br = ovNs.bridges[0];
      const vx = ovNs.interfaces.find((i) => i.kind === 'vxlan');
      paragraphs.push(
        t('q.ingress-sandbox.overlay', {
          ns: nsLabel(model, ovNs.id, t),
          bridge: br?.name ?? '',
          ports: br ? br.ports.map(code) : [],
          vxlan: vx?.name ?? '',
          mtu: vx?.mtu ?? '',
        }),
      );
      evidence.push(br?.evidence[0], vx?.evidence);
    } else if (!sboxNs) {
      paragraphs.push(t('q.ingress-sandbox.not-captured'));
    }
    return {
      answer: paragraphs.join('\n\n'),
      facts: [
        { label: t('q.fact.subnet'), value: n.subnets.map((s) => s.subnet).join(', ') || t('label.unknown') },
        { label: t('q.ingress-sandbox.fact.vni'), value: vni ?? t('q.not-shown') },
        { label: t('q.ingress-sandbox.fact.sandbox'), value: sbox?.ipv4 ?? t('label.unknown') },
      ],
      evidence: evidenceList(evidence.filter((e) => e !== undefined)),
    };
  },
};
