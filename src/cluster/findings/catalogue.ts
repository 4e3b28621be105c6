/**
 * The text of every cluster finding kind. `Record<ClusterFindingKind, ...>`: a kind without its
 * text does not compile.
 */
import type { ClusterFindingInfo, ClusterFindingKind } from './types.js';

export const clusterFindingInfo: Record<ClusterFindingKind, ClusterFindingInfo> = {
  'node-missing-from-peers': {
    severity: 'high',
    title: 'Node missing from an overlay peer list',
    explanation:
      "Every node that has an overlay network is listed in the network's `Peers` on the others (gossip over 7946). A node with the network that another node does not list gets no VXLAN from it: containers on the two nodes cannot reach each other over this overlay, and DNS may still resolve the names.",
    remediation:
      'Check 7946/tcp+udp between the two nodes (firewall, `--advertise-addr` on the right interface), `docker node ls` on a manager, and the engine logs (`memberlist`, `networkdb`). Re-joining the node re-announces it.',
    notApplicable:
      'Nodes that do not have the network (no task or container on it), and nodes whose inspect printed no Peers list.',
  },
  'vni-mismatch': {
    severity: 'high',
    title: 'VNI differs between nodes',
    explanation:
      "An overlay network has one VXLAN id (VNI) in the whole swarm. Nodes (or a node's engine and its kernel device) that disagree encapsulate with different VNIs: the receiving kernel drops the frames, and the overlay is split.",
    remediation:
      'Remove and recreate the network (or restart the engine on the odd node so that it re-reads the network from the managers); check for stale `1-<id>` namespaces left by an old engine.',
    notApplicable:
      'Networks whose VNI every node and kernel device agree on, and nodes whose inspect shows no VNI.',
  },
  'underlay-mtu-too-small': {
    severity: 'medium',
    title: 'Underlay MTU too small for VXLAN',
    explanation:
      'VXLAN adds 50 bytes (outer Ethernet, IP, UDP and VXLAN headers) to every frame of the overlay. When the underlay interface carrying them has a smaller MTU than the overlay MTU + 50, full-size packets are dropped or fragmented: small requests work, big responses hang (TLS handshakes, file transfers).',
    remediation:
      'Create the overlay with `--opt com.docker.network.driver.mtu=<underlay MTU - 50>`, or raise the underlay MTU (jumbo frames) on every node.',
    notApplicable:
      'Overlays whose MTU plus 50 fits the underlay of the node, and nodes whose underlay interface was not found.',
  },
  'swarm-port-blocked': {
    severity: 'high',
    title: 'Swarm port blocked between nodes',
    explanation:
      "Nodes talk on 2377/tcp (to managers), 7946/tcp+udp (gossip: membership and overlay peers) and 4789/udp (VXLAN data). The packet path from another node's address to this node's address is dropped by this node's firewall: the swarm, or its overlays, break between those two nodes.",
    remediation:
      "Accept these ports from the other nodes' addresses in INPUT (before any DROP), e.g. `iptables -I INPUT -s <node> -p udp --dport 4789 -j ACCEPT`, or the matching ufw/firewalld rules.",
    notApplicable:
      'Paths that are delivered or whose socket is not captured, single-node clusters, and nodes without a captured firewall.',
  },
  'swarm-port-reachable-from-outside': {
    severity: 'medium',
    title: 'Swarm port reachable from outside the cluster',
    explanation:
      "A packet from an address that is no node of the cluster reaches a swarm port of this node through its firewall. 2377 and 7946 accept cluster traffic (TLS with the swarm's certificates), and 4789 has no authentication at all: anyone who can send UDP to it can inject frames into unencrypted overlays.",
    remediation:
      "Accept 2377, 7946 and 4789 only from the nodes' addresses (or the underlay network) and drop them from elsewhere; use `--data-path-addr` on a private interface, and `--opt encrypted` for overlays that cross untrusted networks.",
    notApplicable:
      "Ports the firewall drops from outside, and paths the evaluator could not follow (no firewall captured is not 'reachable').",
  },
  'task-without-overlay-namespace': {
    severity: 'high',
    title: "Task on a node without the overlay's namespace",
    explanation:
      "A container or service task is on an overlay network on this node, but the node's bundle has no `1-<network id>` namespace for that network: the bridge and vxlan device that carry it are missing, so the task cannot reach anything on the overlay.",
    remediation:
      "Restart the task (`docker service update --force`) or the engine; check the engine log for the overlay driver's errors (vxlan device creation, VNI in use).",
    notApplicable:
      'Nodes whose bundle has no Docker namespaces at all (the collector could not enter them: nothing is known), and tasks on other nodes.',
  },
  'cluster-analysis-error': {
    severity: 'info',
    title: 'A cluster check failed',
    explanation: 'One of the cluster checks threw an error; the other checks ran. The detail names it.',
    remediation: 'Report it with the bundles; the rest of the report is unaffected.',
    notApplicable: 'Every check that ran to its end.',
  },
};
