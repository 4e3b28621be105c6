/**
 * Docker network settings: inter-container communication on the default bridge, subnets that
 * overlap host routes, overlay MTU against the uplink, containers in host network mode.
 *
 *   "com.docker.network.bridge.enable_icc": "true"
 *   172.17.0.0/16 via 192.168.178.254 dev ens18          (a LAN route vs docker0's 172.17.0.0/16)
 */
import type { Finding, FindingFamily } from '../types.js';
import { bridgeName, evidenceList, hostNs, isDefaultBridge, overlaps, parsePrefix4, tr } from '../util.js';
import { finding } from './make.js';

/** VXLAN over IPv4: outer IP 20 + UDP 8 + VXLAN 8 + inner Ethernet 14 bytes. */
const VXLAN_OVERHEAD = 50;

export const dockerNetworks: FindingFamily = {
  id: 'docker-networks',
  kinds: ['default-bridge-icc', 'subnet-overlaps-route', 'overlay-mtu-mismatch', 'container-host-network'],
  run: (input) => {
    const { model } = input;
    const t = tr(input);
    const out: Finding[] = [];
    const host = hostNs(model);

    for (const n of model.dockerNetworks.filter(isDefaultBridge)) {
      const icc = n.options['com.docker.network.bridge.enable_icc'];
      // An inspected default bridge without the option has Docker's default, icc on.
      if (icc === 'true' || (icc === undefined && n.inspected))
        out.push(
          finding(
            'default-bridge-icc',
            n.name,
            t('fd.default-bridge-icc', {
              name: n.name,
              bridge: bridgeName(n) ?? '',
              icc: icc ?? '',
              endpoints: n.endpoints.length > 1 ? n.endpoints.length : 0,
            }),
            evidenceList(n.evidence[0]),
          ),
        );
    }

    // Each Docker bridge's own subnet routes (`dev subnet`), and the host's IPv4 unicast routes of
    // the main table, parsed once (5,000 routes x 50 networks on a big host). A route through a
    // Docker bridge to one of that bridge's subnets is that network's own route, checked on its own.
    const bridgeRoutes = new Set<string>();
    for (const o of model.dockerNetworks) {
      const b = bridgeName(o);
      if (b) for (const x of o.subnets) bridgeRoutes.add(`${b} ${x.subnet}`);
    }
    const routes = (host?.routes ?? []).flatMap((r) => {
      if (r.table !== 'main' || r.family !== 'inet' || r.dst === 'default' || r.type !== 'unicast') return [];
      if (r.dev && bridgeRoutes.has(`${r.dev} ${r.dst}`)) return [];
      const rp = parsePrefix4(r.dst);
      return rp && rp.len > 0 ? [{ r, rp }] : [];
    });
    for (const n of model.dockerNetworks) {
      const own = bridgeName(n);
      // macvlan/ipvlan put containers on their parent's LAN: its subnet is the LAN's by design.
      const parent = /^(macvlan|ipvlan)$/.test(n.driver) ? n.options.parent?.split('.')[0] : undefined;
      for (const s of n.subnets) {
        const sp = parsePrefix4(s.subnet);
        if (!sp) continue;
        for (const { r, rp } of routes) {
          if (own && r.dev === own) continue;
          if (parent && r.dev === parent) continue;
          if (!overlaps(sp, rp)) continue;
          out.push(
            finding(
              'subnet-overlaps-route',
              `${n.name} ${s.subnet}`,
              t('fd.subnet-overlaps-route', {
                name: n.name,
                subnet: s.subnet,
                bridge: own ?? '',
                route: `${r.dst}${r.via ? ` via ${r.via}` : ''}${r.dev ? ` dev ${r.dev}` : ''}`,
              }),
              evidenceList(n.evidence[0], r.evidence),
            ),
          );
        }
      }
    }

    const overlays = model.dockerNetworks.filter((n) => n.driver === 'overlay');
    if (overlays.length && host) {
      const def = host.routes.find(
        (r) => r.table === 'main' && r.dst === 'default' && r.family === 'inet' && r.dev,
      );
      const uplink = def ? host.interfaces.find((i) => i.name === def.dev) : undefined;
      if (uplink?.mtu !== undefined) {
        for (const n of overlays) {
          const opt = Number(n.options['com.docker.network.driver.mtu']);
          // libnetwork sizes the overlay's interfaces at (mtu option or 1500) - 50; the encapsulated packet is the full option.
          const observed = model.namespaces
            .filter((ns) => ns.kind === 'sandbox' && ns.name.startsWith(`1-${n.id.slice(0, 10)}`))
            .flatMap((ns) => ns.interfaces.filter((i) => i.kind !== 'loopback' && i.mtu !== undefined));
          const inner = observed.length
            ? Math.max(...observed.map((i) => i.mtu!))
            : (Number.isFinite(opt) && opt > 0 ? opt : 1500) - VXLAN_OVERHEAD;
          const outer = inner + VXLAN_OVERHEAD;
          if (outer > uplink.mtu)
            out.push(
              finding(
                'overlay-mtu-mismatch',
                n.name,
                t('fd.overlay-mtu-mismatch', {
                  name: n.name,
                  inner,
                  source: observed.length
                    ? 'observed'
                    : Number.isFinite(opt) && opt > 0
                      ? 'option'
                      : 'default',
                  opt: Number.isFinite(opt) ? opt : '',
                  outer,
                  uplink: uplink.name,
                  mtu: uplink.mtu,
                }),
                evidenceList(n.evidence[0], uplink.evidence, observed[0]?.evidence),
              ),
            );
        }
      }
    }

    // `networkMode` comes from docker inspect (HostConfig.NetworkMode); without it nothing is raised.
    for (const c of model.containers) {
      if (c.networkMode === 'host')
        out.push(
          finding(
            'container-host-network',
            c.name,
            t('fd.container-host-network', { name: c.name }),
            evidenceList(c.evidence),
          ),
        );
    }
    return out;
  },
};
