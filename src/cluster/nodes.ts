/**
 * The nodes: one per bundle (its engine's `docker info` Swarm section: node id, address, manager
 * or not), joined with every manager's `docker node ls` by node id (hostname, status,
 * availability, manager status, engine version) and, where the collector recorded it, `docker
 * node inspect` (each node's own address). A node that a manager lists but no bundle was captured
 * from is kept, marked as seen only there.
 *
 *   ID                            HOSTNAME   STATUS  AVAILABILITY  MANAGER STATUS  ENGINE VERSION
 *   ds1vlw3c90r5tig801c8o01uq *   node1      Ready   Active        Leader          20.10.24+dfsg1
 */
import type { ModelNamespace } from '../model/types.js';
import { at } from './evidence.js';
import type { ClusterStage, NodeInput } from './input.js';
import type { ClusterNode } from './types.js';

const hostNs = (i: NodeInput): ModelNamespace | undefined => i.model.namespaces.find((n) => n.id === 'host');

export function nodeKeyOf(i: NodeInput): string {
  return i.model.docker.swarm?.nodeId ?? `host:${i.model.hostname || `step-${i.step}`}`;
}

function fromBundle(i: NodeInput): ClusterNode {
  const sw = i.model.docker.swarm;
  const node: ClusterNode = {
    key: nodeKeyOf(i),
    hostname: i.model.hostname,
    step: i.step,
    seenIn: ['bundle'],
    evidence: at(i.step, i.model.docker.evidence[i.model.docker.evidence.length - 1]),
  };
  if (sw?.nodeId) node.nodeId = sw.nodeId;
  if (sw?.isManager !== undefined) node.role = sw.isManager ? 'manager' : 'worker';
  if (i.model.docker.serverVersion) node.engineVersion = i.model.docker.serverVersion;
  if (sw?.nodeAddr) {
    node.address = sw.nodeAddr;
    const host = hostNs(i);
    const dev = host?.interfaces.find((x) => x.addresses.some((a) => a.address === sw.nodeAddr));
    if (dev) {
      node.underlay = { interface: dev.name, addresses: dev.addresses.map((a) => a.cidr) };
      if (dev.mtu !== undefined) node.underlay.mtu = dev.mtu;
      node.evidence.push(...at(i.step, dev.evidence));
    }
  }
  return node;
}

export const nodes: ClusterStage = {
  id: 'nodes',
  build(inputs, model) {
    const byKey = new Map<string, ClusterNode>();
    for (const i of inputs) {
      const n = fromBundle(i);
      // Two bundles of one node (captured twice): the first one given stands for it.
      if (!byKey.has(n.key)) byKey.set(n.key, n);
    }
    // Every manager's view of the cluster.
    for (const i of inputs) {
      const list = i.model.docker.swarm?.nodeList;
      if (!list) continue;
      const ev =
        i.model.docker.evidence.find((e) => /node-inspect/.test(e.file)) ??
        i.model.docker.evidence.find((e) => /node-ls/.test(e.file));
      for (const r of list) {
        let n = byKey.get(r.id);
        if (!n) {
          n = { key: r.id, hostname: r.hostname, nodeId: r.id, seenIn: [], evidence: [] };
          byKey.set(r.id, n);
        }
        if (!n.seenIn.includes('node-ls')) n.seenIn.push('node-ls');
        if (!n.hostname) n.hostname = r.hostname;
        n.status ??= r.status;
        n.availability ??= r.availability;
        if (r.managerStatus) n.managerStatus ??= r.managerStatus;
        n.role ??= r.role === 'manager' || r.managerStatus ? 'manager' : 'worker';
        // A node without a bundle is matched to Peers and fdb entries by this address.
        if (r.addr) n.address ??= r.addr;
        if (r.engineVersion) n.engineVersion ??= r.engineVersion;
        n.evidence.push(...at(i.step, ev));
      }
    }
    model.nodes = [...byKey.values()].sort(
      (a, b) =>
        (a.step ?? Number.POSITIVE_INFINITY) - (b.step ?? Number.POSITIVE_INFINITY) ||
        a.hostname.localeCompare(b.hostname),
    );
  },
};

/** The node whose swarm address is `ip`. */
export function nodeByAddress(model: { nodes: ClusterNode[] }, ip: string): ClusterNode | undefined {
  return model.nodes.find(
    (n) => n.address === ip || n.underlay?.addresses.some((a) => a.split('/')[0] === ip),
  );
}
