/**
 * The model of one step: one host and the network namespaces seen from it, correlated from the
 * parsed outputs. Plain JSON data; every fact carries the evidence (bundle file and line) it
 * came from, so answers and findings can cite it.
 */

import type { IpRule } from '../parsers/ip-rule.js';
import type { ModelFirewall } from './firewall.js';

export interface Evidence {
  file: string;
  line?: number;
}

export interface ModelAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefixLength: number;
  /** The address with its prefix as printed: 172.17.0.1/16. */
  cidr: string;
  /** The network it sits in: 172.17.0.0/16. */
  network: string;
  scope?: string;
  broadcast?: string;
}

export interface ModelInterface {
  ifindex: number;
  name: string;
  /** ifindex of the other end (veth `@ifN`), meaningful in the namespace named by linkNetnsid. */
  peerIfindex?: number;
  linkNetnsid?: number;
  /** vlan/macvlan parent from `name@parent`. */
  parent?: string;
  /** What it is: loopback, physical, bridge, veth, vxlan, tunnel, dummy, ... (from flags, details and correlation). */
  kind: string;
  flags: string[];
  /** Operational state as printed (UP, DOWN, UNKNOWN). */
  state?: string;
  adminUp: boolean;
  /** Carrier: LOWER_UP present. A bridge has carrier only while one of its ports has. */
  lowerUp: boolean;
  noCarrier: boolean;
  mtu?: number;
  mac?: string;
  master?: string;
  addresses: ModelAddress[];
  evidence: Evidence;
}

export interface ModelBridge {
  name: string;
  bridgeId?: string;
  stp?: boolean;
  ports: string[];
  /** The bridge's own interface (same name), when ip addr showed it. */
  hasInterface: boolean;
  evidence: Evidence[];
}

export interface ModelRoute {
  table: string;
  family: 'inet' | 'inet6';
  type: string;
  dst: string;
  via?: string;
  dev?: string;
  proto?: string;
  scope?: string;
  src?: string;
  metric?: number;
  flags: string[];
  nexthops?: { via?: string; dev?: string; weight?: number; flags: string[] }[];
  evidence: Evidence;
}

export interface ModelSocket {
  /** tcp, tcp6, udp, udp6, unix, ... as printed. */
  proto: string;
  transport: string;
  family: 'inet' | 'inet6' | 'unix' | 'other';
  localAddress: string;
  localPort: string;
  /** Numeric port, also when netstat printed a service name (ssh -> 22). */
  localPortNumber?: number;
  foreignAddress: string;
  foreignPort: string;
  state?: string;
  listening: boolean;
  /** Bound to every address (0.0.0.0, ::, *). */
  wildcard: boolean;
  /** Bound to a loopback address only. */
  loopback: boolean;
  pid?: number;
  program?: string;
  /** Full command line of the owning process when ps showed it. */
  processCommand?: string;
  evidence: Evidence;
}

export interface ModelProcess {
  pid: number;
  ppid?: number;
  user: string;
  name: string;
  command: string;
  evidence: Evidence;
}

export interface ModelNamespace {
  /** 'host', 'container:<name>', 'netns:<name>'. */
  id: string;
  kind: 'host' | 'container' | 'sandbox';
  name: string;
  /** The container whose namespace this is, when known. */
  container?: string;
  interfaces: ModelInterface[];
  bridges: ModelBridge[];
  routes: ModelRoute[];
  sockets: ModelSocket[];
  processes: ModelProcess[];
  /** Which captures exist for this namespace (ip-addr, netstat ...): tells absent from empty. */
  captured: string[];
  /** netfilter rule sets (iptables-save, ip6tables-save, nft list ruleset); absent when none was captured. */
  firewall?: ModelFirewall;
  /** Policy routing rules (`ip rule`); absent when not captured. */
  ipRules?: ModelIpRule[];
}

/** One `ip rule` of a namespace (the parser's record with evidence instead of a line). */
export interface ModelIpRule extends Omit<IpRule, 'line'> {
  family: 'inet' | 'inet6';
  evidence: Evidence;
}

/**
 * A veth end whose peer could not be told apart: several captured namespaces hold an interface
 * with the peer's ifindex that could be it (an ifindex is unique only within one namespace).
 */
export interface AmbiguousVeth {
  namespace: string;
  ifname: string;
  ifindex: number;
  peerIfindex: number;
  /** The candidates, as `<namespace> <ifname>`. */
  candidates: string[];
  evidence: Evidence[];
}

/** Both ends of a veth pair, each named by namespace id and interface name. */
export interface VethLink {
  a: { namespace: string; ifname: string; ifindex: number };
  b: { namespace: string; ifname: string; ifindex: number };
  evidence: Evidence[];
}

export interface ModelDockerEndpoint {
  /** Container id, or a sandbox key such as ingress-sbox. */
  key: string;
  name: string;
  ipv4?: string;
  ipv6?: string;
  mac?: string;
  sandbox: boolean;
  evidence: Evidence;
}

export interface ModelDockerNetwork {
  id: string;
  name: string;
  driver: string;
  scope: string;
  subnets: { subnet: string; gateway?: string }[];
  /** Linux bridge behind a bridge-driver network (docker0, docker_gwbridge, br-<id>). */
  bridge?: string;
  internal: boolean;
  ingress: boolean;
  attachable: boolean;
  enableIPv6: boolean;
  options: Record<string, string>;
  endpoints: ModelDockerEndpoint[];
  /** False when only `docker network ls` listed it (no inspect output). */
  inspected: boolean;
  evidence: Evidence[];
}

export type PortSource = 'docker-proxy' | 'docker-inspect' | 'iptables-dnat';

export interface ModelPublishedPort {
  proto: string;
  hostIp: string;
  hostPort: number;
  containerIp?: string;
  containerPort?: number;
  container?: string;
  /** Where the mapping was seen: docker-proxy's command line or socket, docker inspect, a DNAT rule. */
  sources: PortSource[];
  /** PID of the docker-proxy process forwarding it, when one does (the userland proxy is on). */
  pid?: number;
  evidence: Evidence[];
}

export interface ModelContainer {
  name: string;
  id?: string;
  pid?: number;
  image?: string;
  /** running, exited, ... from docker inspect. */
  status?: string;
  /** default, bridge, host, none, container:<id>, or a network name (docker inspect). */
  networkMode?: string;
  /** Namespace id of its captures, when the bundle has them. */
  namespace?: string;
  networks: { network: string; ipv4?: string; ipv6?: string; mac?: string }[];
  evidence: Evidence[];
}

export interface ModelDocker {
  installed: boolean;
  clientVersion?: string;
  serverVersion?: string;
  apiVersion?: string;
  serverError?: string;
  evidence: Evidence[];
}

export interface StepModel {
  hostname: string;
  namespaces: ModelNamespace[];
  vethLinks: VethLink[];
  /** veth ends with more than one possible peer: not paired, flagged. */
  ambiguousVeths?: AmbiguousVeth[];
  docker: ModelDocker;
  dockerNetworks: ModelDockerNetwork[];
  containers: ModelContainer[];
  publishedPorts: ModelPublishedPort[];
  /** Kernel settings of the host from the `sysctl-net` capture; absent when it was not captured. */
  sysctls?: ModelSysctl[];
  /** dockerd's networking switches as its command line shows them; absent when ps did not show dockerd. */
  dockerDaemon?: ModelDockerDaemon;
}

export interface ModelSysctl {
  /** Dotted name as `sysctl` prints it: net.ipv4.ip_forward. */
  key: string;
  /** Value as read; undefined when the file does not exist (e.g. br_netfilter not loaded). */
  value?: string;
  evidence: Evidence;
}

export interface ModelDockerDaemon {
  pid: number;
  command: string;
  /** Long options from the command line: `--iptables=false` -> iptables: 'false'; a bare switch -> 'true'. */
  options: Record<string, string>;
  /** `--iptables`: false when dockerd was told not to manage iptables; undefined when not on the command line. */
  iptables?: boolean;
  ip6tables?: boolean;
  ipForward?: boolean;
  ipMasq?: boolean;
  icc?: boolean;
  userlandProxy?: boolean;
  evidence: Evidence;
}
