/**
 * The packet-path evaluator's data: a packet (who sends it, to which address and port) and the
 * path the kernel would make it take, hop by hop, with the verdict. Plain JSON.
 *
 *   { from: { kind: 'outside', uplink: 'eth0' }, dst: '10.99.0.2', proto: 'tcp', dport: 60000 }
 *   -> delivered to httpd (pid 1094) in container:whoami, via nat PREROUTING DNAT ... filter FORWARD
 */
import type { Evidence } from '../model/types.js';

export type PacketSource =
  | { kind: 'outside'; uplink?: string }
  | { kind: 'host' }
  | { kind: 'namespace'; id: string }
  | { kind: 'container'; name: string };

export interface Packet {
  from: PacketSource;
  /** Source address; chosen like the kernel does (route's prefsrc, a neighbour on the uplink) when absent. */
  src?: string;
  dst: string;
  proto: 'tcp' | 'udp';
  dport: number;
  /** Default 40000 (an ephemeral port). */
  sport?: number;
}

export type Verdict =
  | 'delivered'
  | 'dropped'
  | 'rejected'
  | 'no-route'
  | 'no-listener'
  /** The packet left the captured host (out of an uplink): what happens next is not in the dump. */
  | 'left-host'
  | 'unknown';

export interface HopRule {
  /** `filter`, `nat`, or `nft ip docker-bridges`. */
  table: string;
  chain: string;
  /** 1-based position in the chain; absent for a chain policy. */
  index?: number;
  text: string;
}

export interface Hop {
  /** Namespace id: host, container:<name>, netns:<name>. */
  namespace: string;
  /** 'nat PREROUTING', 'route', 'filter FORWARD', 'bridge docker0', 'veth', 'socket'... */
  stage: string;
  /** One sentence: what happened here. */
  detail: string;
  /** The rule that decided, with the chains jumped through to reach it. */
  rule?: HopRule;
  trail?: string[];
  /** The packet after this hop when it changed (DNAT, SNAT). */
  packet?: { src: string; dst: string; sport: number; dport: number };
  evidence: Evidence[];
}

export interface PacketPath {
  packet: Packet;
  verdict: Verdict;
  /** Why, in one sentence: "dropped by rule 1 of DOCKER-USER", "unknown, because of rule 4 of ...". */
  reason: string;
  /** Where it was accepted: the namespace and the socket with its process. */
  delivered?: { namespace: string; socket: string; pid?: number; program?: string };
  hops: Hop[];
  /** What the evaluator assumed (first packet, state NEW; sysctls of namespaces not captured...). */
  assumptions: string[];
  /**
   * `left-host` through a port whose other end is on another host (TraceHooks.bridgeMiss: an
   * overlay's vxlan device): where, and the packet as it left (src/cluster/reach.ts goes on).
   */
  exit?: {
    namespace: string;
    ifname: string;
    packet: { src: string; dst: string; sport: number; dport: number };
  };
}
