/**
 * The model of a swarm cluster at one time: several StepModels (one bundle per node, captured
 * together) joined by what ties nodes together: swarm node ids and underlay addresses, overlay
 * network ids, the VXLAN forwarding entries that name other nodes (remote VTEPs), services and
 * their tasks. Plain JSON like every stage's output. Every fact cites the bundle it came from:
 * `ClusterEvidence` is a model Evidence plus the report step (1-based) of that node's bundle.
 */
import type { Evidence } from '../model/types.js';

export interface ClusterEvidence extends Evidence {
  /** The report step (1-based) whose bundle holds the file. */
  step: number;
}

export type NodeRole = 'manager' | 'worker';

export interface ClusterNode {
  /** Stable key: the swarm node id, else `host:<hostname>` (a bundle whose engine did not say). */
  key: string;
  hostname: string;
  nodeId?: string;
  role?: NodeRole;
  /** `docker node ls` MANAGER STATUS: Leader, Reachable, Unreachable. */
  managerStatus?: string;
  /** Ready, Down... (`docker node ls` STATUS). */
  status?: string;
  /** Active, Pause, Drain. */
  availability?: string;
  engineVersion?: string;
  /** The node's swarm address (`docker info` Swarm.NodeAddr, else a Peers entry). */
  address?: string;
  /** The host interface holding `address` (the underlay), with its MTU. */
  underlay?: { interface: string; mtu?: number; addresses: string[] };
  /** The report step of this node's bundle; absent for a node only named by another (node ls, Peers). */
  step?: number;
  /** Which sources name this node: its own bundle, a manager's `docker node ls`, a Peers list. */
  seenIn: ('bundle' | 'node-ls' | 'peers')[];
  evidence: ClusterEvidence[];
}

/** What one node says about one overlay network. */
export interface OverlayOnNode {
  node: string;
  /** VNIs from the engine (`com.docker.network.driver.overlay.vxlanid_list`). */
  vnis: number[];
  /** The VNI of the vxlan device in the network's namespace (`1-<id>`), as the kernel has it. */
  kernelVni?: number;
  /** The MTU of that vxlan device. */
  vxlanMtu?: number;
  /** The model's namespace id of `1-<id>` on this node, when it was captured. */
  namespace?: string;
  /** The node's Peers list (underlay addresses), when its inspect printed one. */
  peers?: string[];
  evidence: ClusterEvidence[];
}

export interface ClusterOverlay {
  id: string;
  name: string;
  ingress: boolean;
  attachable: boolean;
  subnets: string[];
  /** The VNIs every node says, distinct (more than one is a finding). */
  vnis: number[];
  /** Node keys that have the network (it is in their inspect). */
  nodes: string[];
  onNode: OverlayOnNode[];
  /** Containers (not Docker's own sandboxes) attached on each node. */
  containers: { node: string; name: string; ipv4?: string; evidence: ClusterEvidence }[];
}

/** One end of a tunnel: what the node at this end has that names the other end. */
export interface TunnelEnd {
  node: string;
  /** This node's VTEP (its underlay address). */
  vtep?: string;
  /** The other node's address appears as `dst` in this node's fdb for the network. */
  fdb: boolean;
  /** The other node's address is in this node's Peers list. */
  peers: boolean;
  evidence: ClusterEvidence[];
}

/** The VXLAN tunnel of one overlay between two nodes. */
export interface ClusterTunnel {
  network: string;
  networkName: string;
  vni?: number;
  a: TunnelEnd;
  b: TunnelEnd;
}

export interface ClusterService {
  name: string;
  network: string;
  networkName: string;
  vip?: string;
  ports: string[];
  tasks: { name: string; ip?: string; hostIp?: string; node?: string }[];
  evidence: ClusterEvidence[];
}

/** One node's part in the ingress path of a published port (the routing mesh). */
export interface IngressHop {
  node: string;
  /** nat DOCKER-INGRESS DNAT to the ingress sandbox (`172.18.0.2:8080`), when the rule exists. */
  dnatTo?: string;
  /** The node has the `ingress_sbox` namespace captured. */
  ingressSandbox: boolean;
  /** The ingress sandbox's mangle rule marking the port for IPVS (`MARK set 0x100`). */
  mark?: string;
  /** IPVS was captured in the ingress sandbox (`ipvsadm`), or why it could not be. */
  ipvs: 'captured' | 'not-captured';
  evidence: ClusterEvidence[];
}

export interface IngressPath {
  proto: 'tcp' | 'udp';
  port: number;
  /** The service publishing it, when a Services entry says so. */
  service?: string;
  hops: IngressHop[];
}

export interface ClusterModel {
  nodes: ClusterNode[];
  overlays: ClusterOverlay[];
  tunnels: ClusterTunnel[];
  services: ClusterService[];
  ingress: IngressPath[];
}
