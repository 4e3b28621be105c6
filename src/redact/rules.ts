/**
 * What `--redact` treats as identifying, as explicit lists (docs/redaction.md says the same).
 *
 * Addresses are redacted when they are public: reachable on the Internet, so they name the host,
 * its provider or its peers. Private, loopback, link-local and other special-purpose ranges are
 * kept: they are the same on every Docker host (172.17.0.0/16, fe80::/64...) and they are what the
 * course is about. The lists follow IANA's special-purpose registries (RFC 6890 and successors).
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** IPv4 ranges that are kept: not globally reachable, or not identifying (multicast, netmasks). */
export const KEPT_IPV4: readonly [string, number, string][] = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0 is "any")'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'shared address space, carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, "private (RFC 1918), Docker's default pools"],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.88.99.0', 24, '6to4 relay anycast (deprecated)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved, and 255.255.255.255 (broadcast, netmasks)'],
];

/** IPv6 ranges that are kept; everything outside 2000::/3 (global unicast) is kept too. */
export const KEPT_IPV6: readonly [string, number, string][] = [
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation (RFC 9637)'],
  ['2001:2::', 48, 'benchmarking'],
];

/** What lies outside these is kept: ::1, ::, fe80::/10, fc00::/7 (ULA), ff00::/8, ::ffff:0:0/96... */
const GLOBAL_UNICAST_V6: [string, number] = ['2000::', 3];

const keptV4 = new BlockList();
for (const [a, p] of KEPT_IPV4) keptV4.addSubnet(a, p, 'ipv4');
const keptV6 = new BlockList();
for (const [a, p] of KEPT_IPV6) keptV6.addSubnet(a, p, 'ipv6');
const globalV6 = new BlockList();
globalV6.addSubnet(GLOBAL_UNICAST_V6[0], GLOBAL_UNICAST_V6[1], 'ipv6');

/**
 * A netmask written as an address (128.0.0.0, 255.255.254.0): kept, it names no host. Only
 * 128.0.0.0 (and the /1 split-default route a VPN installs) falls outside the kept ranges.
 */
function isNetmask(a: string): boolean {
  const n = a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const inv = 0xffffffff - n;
  return n !== 0 && (inv & (inv + 1)) === 0;
}

export function isPublicIPv4(address: string): boolean {
  if (!isIPv4(address)) return false;
  if (isNetmask(address)) return false;
  return !keptV4.check(address, 'ipv4');
}

/** IPv4-mapped (::ffff:a.b.c.d) addresses are judged by their IPv4 part, by the caller. */
export function isPublicIPv6(address: string): boolean {
  if (!isIPv6(address)) return false;
  return globalV6.check(address, 'ipv6') && !keptV6.check(address, 'ipv6');
}

/**
 * MACs that are kept: all-zero (loopback, tunnels), broadcast, and group addresses (the lowest bit
 * of the first octet: 01:00:5e:... IPv4 multicast, 33:33:... IPv6 multicast, 01:80:c2:... STP).
 * They are the same on every host. Every other MAC is redacted, locally administered ones
 * (Docker's 02:42:...) included: some are random per host.
 */
export function isRedactedMac(mac: string): boolean {
  const lower = mac.toLowerCase();
  if (/^(0{1,2}:){5}0{1,2}$/.test(lower)) return false;
  const first = Number.parseInt(lower.split(':')[0] ?? '0', 16);
  return (first & 1) === 0;
}

/**
 * Host names that are not redacted: the same on every machine, or so generic that replacing every
 * occurrence as a word would rewrite unrelated text (a host called `docker` or `bridge`).
 */
export const GENERIC_HOSTNAMES: ReadonlySet<string> = new Set([
  'localhost',
  'localhost.localdomain',
  'localdomain',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-mcastprefix',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-allhosts',
  'host.docker.internal',
  'gateway.docker.internal',
  'docker.internal',
  'host-gateway',
  'ubuntu',
  'debian',
  'docker',
  'host',
  'server',
  'node',
  'default',
  'none',
  'bridge',
  'ingress',
  'container',
  'root',
  'linux',
  'unknown',
  'broadcasthost',
  // Words the outputs use for other things (process, interface and chain names): a host called
  // like one of them is left alone rather than breaking docker-proxy, docker_gwbridge or DOCKER-USER.
  'proxy',
  'docker-proxy',
  'dockerd',
  'containerd',
  'runc',
  'sshd',
  'systemd',
  'gateway',
  'router',
  'input',
  'output',
  'forward',
  'user',
  'filter',
  'nat',
  'raw',
  'mangle',
  'local',
  'main',
  'link',
  'global',
  'overlay',
  'macvlan',
  'ipvlan',
  'vxlan',
  'veth',
  'swarm',
  'manager',
  'worker',
  'leader',
  'active',
  'ready',
]);

/** A name worth redacting: not generic, at least 3 characters, made of host-name characters. */
export function isRedactableName(name: string): boolean {
  const n = name.toLowerCase();
  return n.length >= 3 && /^[a-z0-9][a-z0-9.-]*$/.test(n) && !GENERIC_HOSTNAMES.has(n) && !/^[\d.]+$/.test(n);
}
