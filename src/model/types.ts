/**
 * The model of one step: one host and the network namespaces seen from it, correlated from the
 * parsed outputs. Plain JSON data; every fact carries the evidence (bundle file and line) it
 * came from, so answers and findings can cite it.
 */

import type { IpRule } from '../parsers/ip-rule.js';
import type { Evidence } from './evidence-type.js';
import type { ModelFirewall } from './firewall-types.js';

export type { Evidence } from './evidence-type.js';

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
  /** ifindex of the other end (veth `@ifN`) or of the parent (macvlan `@ifN`), meaningful in the namespace named by linkNetnsid. */
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
  /** vxlan: the VNI; macvlan/ipvlan: the mode; vlan: the id (from `ip -d` details or `ip -j -d` linkinfo). */
  vni?: number;
  linkMode?: string;
  vlanId?: number;
  addresses: ModelAddress[];
  evidence: Evidence;
}

export interface ModelBridge {
  name: string;
  bridgeId?: string;
  stp?: boolean;
  ports: string[];
  /**
   * `bridge link`: each port's STP state (forwarding, blocking, disabled...) and, with `-d`,
   * its options (hairpin, isolated...). Absent when `bridge link` was not captured.
   */
  portStates?: Record<string, { state?: string; hairpin?: string; isolated?: string }>;
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

/**
 * What a namespace is for. Docker's own sandboxes are told apart by the name of their file
 * under `<exec-root>/netns`: `ingress_sbox` (swarm's ingress), `1-<network id>` (an overlay
 * network's bridge and vxlan), `lb_<network id>` (an overlay's load balancer); a 12-hex name is
 * a container's sandbox.
 */
/** The parts of a namespace, each built from captures listed in order of preference (namespaces.ts). */
export type NamespaceFacet = 'interfaces' | 'routes' | 'bridges' | 'sockets' | 'processes';

export type NamespaceRole = 'host' | 'container' | 'ingress' | 'overlay' | 'load-balancer' | 'sandbox';

export interface ModelNamespace {
  /**
   * 'host', 'container:<owner>' (the container that created it, whichever container's scope it
   * was captured under), 'netns:<file name>'.
   */
  id: string;
  kind: 'host' | 'container' | 'sandbox';
  role: NamespaceRole;
  name: string;
  /** The container that created this namespace (its network mode is not `container:...`). */
  container?: string;
  /** Its identity: the inode of the namespace, when the collector could read it. */
  inode?: number;
  /** Docker's namespace file for it (SandboxKey, or the file under `<exec-root>/netns`). */
  sandboxKey?: string;
  /** Containers started with `--network container:<owner>`: they use this namespace too. */
  sharers: string[];
  /** Host namespace only: containers started with `--network host`. */
  hostModeContainers?: string[];
  /** The bundle scopes that are this namespace (the one captured first, then its aliases). */
  scopes: string[];
  interfaces: ModelInterface[];
  bridges: ModelBridge[];
  routes: ModelRoute[];
  sockets: ModelSocket[];
  processes: ModelProcess[];
  /** Which captures exist for this namespace (ip-addr, netstat ...): tells absent from empty. */
  captured: string[];
  /**
   * Which captures each facet was built from, first the one that won (`interfaces: ['ip-addr',
   * 'ip-d-link']`; `sockets: ['ss']`). A facet missing here was not captured: absent, not empty.
   * Questions, the diff and the appendix ask this instead of keeping their own lists of ids.
   */
  fedBy: Partial<Record<NamespaceFacet, string[]>>;
  /** netfilter rule sets (iptables-save, ip6tables-save, nft list ruleset); absent when none was captured. */
  firewall?: ModelFirewall;
  /** Policy routing rules (`ip rule`); absent when not captured. */
  ipRules?: ModelIpRule[];
  /**
   * `bridge fdb show` entries that name a remote VTEP (`dst`): in an overlay namespace, the
   * other swarm nodes this node sends VXLAN to (neighbours.ts). Absent when not captured.
   */
  fdb?: ModelFdbEntry[];
  /** The neighbour table (`ip -j neigh show`); absent when not captured. */
  neighbours?: ModelNeighbour[];
}

/** A forwarding entry behind a remote VTEP: `MAC dev vxlan0 dst 10.99.0.3 self permanent`. */
export interface ModelFdbEntry {
  mac: string;
  dev: string;
  /** The remote VTEP's underlay address. */
  dst: string;
  vni?: number;
  /** permanent, static, dynamic. */
  state: string;
  evidence: Evidence;
}

/** One neighbour entry: `10.50.0.4 dev vxlan0 lladdr 02:42:0a:32:00:04 PERMANENT`. */
export interface ModelNeighbour {
  address: string;
  family: 'inet' | 'inet6';
  dev?: string;
  lladdr?: string;
  state: string[];
  evidence: Evidence;
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

/**
 * What an endpoint of a Docker network is. Besides containers, Docker attaches hidden endpoints:
 * `gateway_<container id>` on docker_gwbridge (the way out of an overlay container), the
 * `ingress-endpoint` of `ingress-sbox`, and `<network>-endpoint` of an overlay's load balancer
 * (`lb-<network>`).
 */
export type EndpointRole = 'container' | 'gateway' | 'ingress' | 'load-balancer';

export interface ModelDockerEndpoint {
  /** Container id, or a sandbox key such as ingress-sbox. */
  key: string;
  name: string;
  ipv4?: string;
  ipv6?: string;
  mac?: string;
  /** True for Docker's own sandboxes and hidden endpoints (not a container's own leg). */
  sandbox: boolean;
  role: EndpointRole;
  /** The container this endpoint belongs to (also for its gateway leg), when known. */
  container?: string;
  /** The namespace it lives in, when known (a container's, ingress_sbox, lb_...). */
  namespace?: string;
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
  /** macvlan/ipvlan: the parent interface on the host (option `parent`, e.g. eth0 or eth0.10). */
  parent?: string;
  /**
   * Docker 27+ bridge gateway modes (`com.docker.network.bridge.gateway_mode_ipv4/6`): nat (the
   * default: masquerade out, DNAT in), nat-unprotected (no filtering of direct access), routed
   * (no NAT: containers addressed directly), isolated (no gateway at all).
   */
  gatewayModeIPv4?: string;
  gatewayModeIPv6?: string;
  internal: boolean;
  ingress: boolean;
  attachable: boolean;
  enableIPv6: boolean;
  options: Record<string, string>;
  endpoints: ModelDockerEndpoint[];
  /** Swarm overlays: the nodes that have the network (`Peers`: name and underlay address). */
  peers?: { name: string; ip: string }[];
  /** `docker network inspect --verbose` on a manager: services with their VIP and tasks on this node. */
  services?: {
    name: string;
    vip?: string;
    /** Published ports as printed (`Target: 80, Publish: 8080`). */
    ports?: string[];
    tasks: { name: string; ip?: string; hostIp?: string }[];
  }[];
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
  /** running, exited, created, ... from docker inspect. */
  status?: string;
  /** default, bridge, host, none, container:<id>, or a network name (docker inspect). */
  networkMode?: string;
  /**
   * The Compose stack it belongs to (labels com.docker.compose.project, .service,
   * .container-number): figures and tables group its containers under the project's name.
   */
  compose?: { project: string; service?: string; number?: string };
  /**
   * How it is networked: its own namespace (`own`), the host's (`host`), an empty one with only
   * lo (`none`), another container's (`shared`, see sharesWith).
   */
  networking?: 'own' | 'host' | 'none' | 'shared';
  /** With `--network container:X`: X's name. */
  sharesWith?: string;
  /** Namespace id it runs in ('host' for host mode, the owner's for a sharer), when captured. */
  namespace?: string;
  /**
   * Its legs on Docker networks. `role: 'gateway'` is the docker_gwbridge leg Docker adds to a
   * container on an overlay network (an endpoint named gateway_<id>, not in its inspect).
   */
  networks: {
    network: string;
    ipv4?: string;
    ipv6?: string;
    mac?: string;
    role?: 'gateway';
    /** Docker 28+ gw-priority: the network with the highest one gives the default route. */
    gwPriority?: number;
  }[];
  evidence: Evidence[];
}

/** A namespace file under `<exec-root>/netns` that is no namespace any more. */
export interface StaleNamespace {
  name: string;
  path?: string;
  reason: string;
  /** The container whose sandbox it was (SandboxID or SandboxKey), when one still says so. */
  leftBy?: string;
  evidence: Evidence[];
}

/**
 * A link that is not a veth pair: a macvlan/ipvlan/vlan child and its parent (often across
 * namespaces: the child in a container, the parent on the host), or a vxlan device with its VNI.
 */
export interface ModelLink {
  kind: 'macvlan' | 'ipvlan' | 'vlan' | 'vxlan';
  child: { namespace: string; ifname: string; ifindex: number };
  /** macvlan/ipvlan/vlan: the parent device, when it could be told. */
  parent?: { namespace: string; ifname: string; ifindex: number };
  mode?: string;
  vni?: number;
  /** vxlan: the Docker network whose VNI it carries, when known. */
  network?: string;
  evidence: Evidence[];
}

export interface ModelDocker {
  installed: boolean;
  clientVersion?: string;
  serverVersion?: string;
  apiVersion?: string;
  serverError?: string;
  /** From `docker info`: iptables or nftables (Docker 29's backend); absent when the engine does not say. */
  firewallBackend?: string;
  /** Swarm state from `docker info` (JSON preferred): inactive, active, ... */
  swarm?: {
    state: string;
    nodeId?: string;
    nodeAddr?: string;
    isManager?: boolean;
    managers?: number;
    nodes?: number;
    /** `docker node ls` (managers only): every node of the cluster. */
    nodeList?: {
      id: string;
      hostname: string;
      self: boolean;
      status: string;
      availability: string;
      managerStatus?: string;
      engineVersion?: string;
      /** `docker node inspect` Status.Addr: the node's own address. */
      addr?: string;
      /** `docker node inspect` Spec.Role: manager or worker. */
      role?: string;
    }[];
  };
  defaultAddressPools?: { base: string; size: number }[];
  /** The engine's own WARNING lines (`docker info`). */
  warnings?: string[];
  /**
   * Whether ports are published through docker-proxy processes: true when one runs, false when
   * ports are published and none does (`"userland-proxy": false`: DNAT and hairpin NAT only).
   */
  userlandProxy?: boolean;
  /** How the engine drives the firewall (engine-firewall.ts): backend, userland proxy, ip6tables. */
  engineFirewall?: ModelEngineFirewall;
  evidence: Evidence[];
}

/**
 * `how`: where the value comes from. `default`: nobody set it, the engine's default for its
 * version; `version`: an engine older than 28 only has the iptables backend.
 */
export interface ModelEngineFirewall {
  backend?: {
    /** iptables or nftables, as Docker names them. */
    value: string;
    /** iptables only: which iptables the rules were written with (the save header). */
    variant?: 'nft' | 'legacy';
    how: 'daemon-json' | 'docker-info' | 'version';
    evidence: Evidence[];
  };
  userlandProxy?: {
    value: boolean;
    how: 'dockerd-args' | 'daemon-json' | 'default';
    /** docker-proxy processes seen in ps. */
    processes: number;
    evidence: Evidence[];
  };
  ip6tables?: {
    value: boolean;
    how: 'dockerd-args' | 'daemon-json' | 'default';
    /** ip6tables-save was captured: whether it holds Docker's chains. */
    chains?: boolean;
    evidence: Evidence[];
  };
}

export interface StepModel {
  hostname: string;
  namespaces: ModelNamespace[];
  vethLinks: VethLink[];
  /** veth ends with more than one possible peer: not paired, flagged. */
  ambiguousVeths?: AmbiguousVeth[];
  /** macvlan/ipvlan/vlan children with their parents, vxlan devices with their VNI. */
  links: ModelLink[];
  /** Files under `<exec-root>/netns` that are no namespace any more. */
  staleNamespaces: StaleNamespace[];
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
