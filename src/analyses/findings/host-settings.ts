/**
 * Kernel and engine settings that break Docker networking: IPv4 forwarding, bridge netfilter,
 * dockerd without iptables management.
 *
 *   net.ipv4.ip_forward = 0
 *   # net.bridge.bridge-nf-call-iptables: absent
 *   /usr/bin/dockerd -H fd:// --iptables=false
 */
import type { Finding, FindingFamily } from '../types.js';
import { bridgeName, hostNs, sysctl, tr } from '../util.js';
import { finding } from './make.js';

export const hostSettings: FindingFamily = {
  id: 'host-settings',
  kinds: ['ip-forward-off', 'bridge-nf-call-off', 'docker-iptables-off'],
  run: (input) => {
    const { model } = input;
    const t = tr(input);
    const out: Finding[] = [];
    // Without Docker, forwarding off is the normal state of a host that is no router.
    if (!model.docker.installed) return out;
    const fwd = sysctl(model, 'net.ipv4.ip_forward');
    if (fwd && fwd.value === '0')
      out.push(
        finding(
          'ip-forward-off',
          'net.ipv4.ip_forward',
          t('fd.ip-forward-off', { n: model.containers.length }),
          [fwd.evidence],
        ),
      );
    const host = hostNs(model);
    const dockerBridges = model.dockerNetworks
      .filter((n) => n.driver === 'bridge')
      .map((n) => bridgeName(n))
      .filter((b) => b !== undefined && host?.interfaces.some((i) => i.name === b));
    const nf = sysctl(model, 'net.bridge.bridge-nf-call-iptables');
    if (nf && dockerBridges.length && nf.value !== '1')
      out.push(
        finding(
          'bridge-nf-call-off',
          'net.bridge.bridge-nf-call-iptables',
          nf.value === undefined
            ? t('fd.bridge-nf-call-missing', { bridges: dockerBridges as string[] })
            : t('fd.bridge-nf-call-off', { value: nf.value, bridges: dockerBridges as string[] }),
          [nf.evidence],
        ),
      );
    const d = model.dockerDaemon;
    if (d && d.iptables === false)
      out.push(
        finding(
          'docker-iptables-off',
          'dockerd --iptables=false',
          t('fd.docker-iptables-off', { pid: d.pid ?? '?' }),
          [d.evidence],
        ),
      );
    return out;
  },
};
