/**
 * VXLAN tunnels: for each overlay, each pair of nodes that one of them names as the other end.
 * A node names another in two ways: its overlay namespace's fdb has an entry with `dst <the
 * other node's address>` (the kernel will send VXLAN there: a remote VTEP), and its Peers list
 * has that address (the engine's view). A healthy tunnel has the fdb entry on both sides; the
 * ends keep which evidence each side has, so a one-sided tunnel shows as such.
 *
 *   02:42:0a:32:00:04 dev vxlan0 dst 10.99.0.3 link-netnsid 0 self permanent
 *
 * The fdb has entries only for remote endpoints the node learnt about (containers or tasks on
 * the network elsewhere); two nodes with the network and nothing on it on one side have no
 * entries: the tunnel then rests on Peers alone.
 */
import { at } from './evidence.js';
import type { ClusterStage, NodeInput } from './input.js';
import { nodeByAddress, nodeKeyOf } from './nodes.js';
import { overlayNamespace } from './overlays.js';
import type { ClusterModel, ClusterTunnel, TunnelEnd } from './types.js';

/** Remote VTEP addresses named by a node for one network, with the fdb lines. */
function vtepsOf(i: NodeInput, networkId: string) {
  const ns = overlayNamespace(i.model, networkId);
  return ns?.fdb ?? [];
}

export const tunnels: ClusterStage = {
  id: 'tunnels',
  build(inputs, model) {
    const out: ClusterTunnel[] = [];
    const order = (k: string) => model.nodes.findIndex((n) => n.key === k);
    for (const o of model.overlays) {
      const pairs = new Map<string, ClusterTunnel>();
      const endOf = (t: ClusterTunnel, node: string): TunnelEnd => (t.a.node === node ? t.a : t.b);
      const pair = (x: string, y: string): ClusterTunnel => {
        const [a, b] = order(x) <= order(y) ? [x, y] : [y, x];
        const id = `${a} ${b}`;
        let t = pairs.get(id);
        if (!t) {
          const end = (node: string): TunnelEnd => {
            const addr = model.nodes.find((n) => n.key === node)?.address;
            return { node, ...(addr ? { vtep: addr } : {}), fdb: false, peers: false, evidence: [] };
          };
          t = { network: o.id, networkName: o.name, a: end(a), b: end(b) };
          if (o.vnis.length === 1) t.vni = o.vnis[0]!;
          pairs.set(id, t);
        }
        return t;
      };
      for (const i of inputs) {
        const self = nodeKeyOf(i);
        for (const e of vtepsOf(i, o.id)) {
          const other = nodeByAddress(model, e.dst);
          if (!other || other.key === self) continue;
          const end = endOf(pair(self, other.key), self);
          end.fdb = true;
          end.evidence.push(...at(i.step, e.evidence));
        }
        const on = o.onNode.find((x) => x.node === self);
        for (const ip of on?.peers ?? []) {
          const other = nodeByAddress(model, ip);
          if (!other || other.key === self) continue;
          const end = endOf(pair(self, other.key), self);
          if (!end.peers) end.evidence.push(...on!.evidence.slice(0, 1));
          end.peers = true;
        }
      }
      out.push(
        ...[...pairs.values()].sort(
          (x, y) => order(x.a.node) - order(y.a.node) || order(x.b.node) - order(y.b.node),
        ),
      );
    }
    model.tunnels = out;
  },
};

/** Tunnels between two nodes, whatever the network (the figure draws one edge per pair). */
export function tunnelsBetween(model: ClusterModel, a: string, b: string): ClusterTunnel[] {
  return model.tunnels.filter(
    (t) => (t.a.node === a && t.b.node === b) || (t.a.node === b && t.b.node === a),
  );
}
