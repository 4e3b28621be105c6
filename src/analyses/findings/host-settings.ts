/**
 * Kernel and engine settings that break Docker networking: IPv4 forwarding, bridge netfilter,
 * dockerd without iptables management.
 *
 *   net.ipv4.ip_forward = 0
 *   # net.bridge.bridge-nf-call-iptables: absent
 *   /usr/bin/dockerd -H fd:// --iptables=false
 */
import type { Finding, FindingFamily } from '../types.js';
import { bridgeName, hostNs, sysctl } from '../util.js';
import { finding } from './make.js';

export const hostSettings: FindingFamily = {
  id: 'host-settings',
  kinds: ['ip-forward-off', 'bridge-nf-call-off', 'docker-iptables-off'],
  run: ({ model }) => {
    const out: Finding[] = [];
    // Without Docker, forwarding off is the normal state of a host that is no router.
    if (!model.docker.installed) return out;
    const fwd = sysctl(model, 'net.ipv4.ip_forward');
    if (fwd && fwd.value === '0')
      out.push(
        finding(
          'ip-forward-off',
          'net.ipv4.ip_forward',
          `net.ipv4.ip_forward is 0 while Docker is installed${model.containers.length ? ` and ${model.containers.length} container(s) use its networks` : ''}.`,
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
            ? `net.bridge.bridge-nf-call-iptables does not exist (br_netfilter is not loaded), so traffic inside ${dockerBridges.join(', ')} is not filtered.`
            : `net.bridge.bridge-nf-call-iptables is ${nf.value}: traffic inside ${dockerBridges.join(', ')} is not filtered.`,
          [nf.evidence],
        ),
      );
    const d = model.dockerDaemon;
    if (d && d.iptables === false)
      out.push(
        finding(
          'docker-iptables-off',
          'dockerd --iptables=false',
          `dockerd (pid ${d.pid}) runs with --iptables=false.`,
          [d.evidence],
        ),
      );
    return out;
  },
};
