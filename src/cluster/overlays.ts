/**
 * Overlay networks joined across nodes by id (a swarm network has the same id on every node;
 * its name can be reused). Per node: the VNI the engine says (the `vxlanid_list` option), the
 * VNI and MTU the kernel has on the vxlan device in the network's namespace `1-<id prefix>`,
 * the Peers list (underlay addresses of the nodes that have the network), and the containers
 * attached there.
 *
 *   "Options": { "com.docker.network.driver.overlay.vxlanid_list": "4097" },
 *   "Peers": [ { "Name": "dc2a50a93cf5", "IP": "10.99.0.2" } ]
 *   31: vxlan0@if31: <...> mtu 1450 ... vxlan id 4097 srcport 0 0 dstport 4789 ...
 *
 * A Peers entry's Name is networkdb's own node name (neither hostname nor node id): peers are
 * matched to nodes by address. An address no node has becomes a node seen only in Peers.
 */
import type { ModelDockerNetwork, ModelNamespace, StepModel } from '../model/types.js';
import { at } from './evidence.js';
import type { ClusterStage } from './input.js';
import { nodeByAddress, nodeKeyOf } from './nodes.js';
import type { ClusterOverlay, OverlayOnNode } from './types.js';

export const VXLAN_OPTION = 'com.docker.network.driver.overlay.vxlanid_list';

export const isOverlay = (n: ModelDockerNetwork) => n.driver === 'overlay';

/** The namespace Docker made for an overlay on this node: `1-<first 10 characters of the id>`. */
export function overlayNamespace(m: StepModel, networkId: string): ModelNamespace | undefined {
  return m.namespaces.find((ns) => {
    if (ns.role !== 'overlay') return false;
    const name = ns.name.replace(/^.*\//, '');
    const prefix = /^\d+-(\w+)$/.exec(name)?.[1];
    return prefix !== undefined && networkId.startsWith(prefix);
  });
}

export function vnisOf(n: ModelDockerNetwork): number[] {
  return (n.options[VXLAN_OPTION] ?? '')
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((x) => Number.isInteger(x) && x > 0);
}

export const overlays: ClusterStage = {
  id: 'overlays',
  build(inputs, model) {
    const byId = new Map<string, ClusterOverlay>();
    for (const i of inputs) {
      const node = nodeKeyOf(i);
      for (const n of i.model.dockerNetworks.filter(isOverlay)) {
        let o = byId.get(n.id);
        if (!o) {
          o = {
            id: n.id,
            name: n.name,
            ingress: n.ingress,
            attachable: n.attachable,
            subnets: [],
            vnis: [],
            nodes: [],
            onNode: [],
            containers: [],
          };
          byId.set(n.id, o);
        }
        for (const s of n.subnets) if (!o.subnets.includes(s.subnet)) o.subnets.push(s.subnet);
        if (!o.nodes.includes(node)) o.nodes.push(node);
        const on: OverlayOnNode = { node, vnis: vnisOf(n), evidence: at(i.step, n.evidence[0]) };
        const ns = overlayNamespace(i.model, n.id);
        if (ns) {
          on.namespace = ns.id;
          const vx = ns.interfaces.find((x) => x.kind === 'vxlan' || x.vni !== undefined);
          if (vx?.vni !== undefined) on.kernelVni = vx.vni;
          if (vx?.mtu !== undefined) on.vxlanMtu = vx.mtu;
          if (vx) on.evidence.push(...at(i.step, vx.evidence));
        }
        if (n.peers) on.peers = n.peers.map((p) => p.ip).filter(Boolean);
        o.onNode.push(on);
        for (const v of [...on.vnis, ...(on.kernelVni !== undefined ? [on.kernelVni] : [])])
          if (!o.vnis.includes(v)) o.vnis.push(v);
        for (const e of n.endpoints.filter((x) => x.role === 'container')) {
          const c: ClusterOverlay['containers'][number] = {
            node,
            name: e.name,
            evidence: { ...e.evidence, step: i.step },
          };
          if (e.ipv4) c.ipv4 = e.ipv4.split('/')[0]!;
          o.containers.push(c);
        }
      }
    }
    // Addresses in Peers lists that no node has: nodes seen only there.
    for (const o of byId.values())
      for (const on of o.onNode)
        for (const ip of on.peers ?? []) {
          const known = nodeByAddress(model, ip);
          if (known) {
            if (!known.seenIn.includes('peers')) known.seenIn.push('peers');
            continue;
          }
          model.nodes.push({
            key: `addr:${ip}`,
            hostname: '',
            address: ip,
            seenIn: ['peers'],
            evidence: on.evidence.slice(0, 1),
          });
        }
    model.overlays = [...byId.values()].sort(
      (a, b) => Number(b.ingress) - Number(a.ingress) || a.name.localeCompare(b.name),
    );
  },
};
