/**
 * ClusterModel -> Mermaid flowchart: one box per node (its hostname, role and engine), holding
 * its underlay interface and one box per overlay it has (VNI, containers counted); one line per
 * pair of nodes for their VXLAN tunnels, labelled with the overlays (and VNIs) it carries. A solid
 * line: both ends have a forwarding entry naming the other (fdb `dst`); dotted: only one end, or
 * only the Peers lists, say so. Aggregated like the single-host figure: lines are per node pair
 * (never per network), containers are counted (the first few named), and a node with more
 * overlays than MAX_OVERLAYS shows the rest counted in one box.
 *
 *   subgraph g1["node1 (manager, Leader)<br/>engine 20.10.24"]
 *     n1["eth0 10.99.0.2<br/>MTU 1500"]
 *     n2["overlay ovl · VNI 4097<br/>1 container: c1"]
 *   end
 *   n1 ---|"ovl VNI 4097"| n4
 *
 * Every label goes through escape.ts (via flowchart.ts): hostnames and container names are
 * chosen by the captured hosts.
 */
import type { ClusterModel, ClusterNode } from '../../cluster/types.js';
import { Builder, type Figure } from './flowchart.js';

const MAX_OVERLAYS = 8;

/** A service task's container is `<service>.<slot>.<task id>`: the figure names it `<service>.<slot>`. */
const shortName = (name: string) => /^(.+\.\d+)\.[a-z0-9]{25}$/.exec(name)?.[1] ?? name;
const MAX_NAMES = 3;

export interface ClusterDiagram {
  source: string;
  figure: Figure;
  nodeCount: number;
  edgeCount: number;
}

function nodeTitle(n: ClusterNode): string[] {
  const role = [n.role, n.managerStatus].filter(Boolean).join(', ');
  return [
    `${n.hostname || n.address || n.key}${role ? ` (${role})` : ''}`,
    n.step === undefined
      ? `not captured (seen in ${n.seenIn.join(', ')})`
      : `engine ${n.engineVersion ?? '?'}`,
  ];
}

export function clusterDiagram(cluster: ClusterModel): ClusterDiagram {
  const b = new Builder();
  const underlayOf = new Map<string, string>();
  for (const n of cluster.nodes) {
    b.group(nodeTitle(n), 'host', () => {
      const u = n.underlay;
      const id = b.node(
        [
          u ? `${u.interface} ${n.address ?? ''}`.trim() : (n.address ?? 'underlay not captured'),
          ...(u?.mtu !== undefined ? [`MTU ${u.mtu}`] : []),
        ],
        'rect',
        'iface',
        n.step === undefined ? 'unknown' : 'up',
      );
      underlayOf.set(n.key, id);
      const mine = cluster.overlays.filter((o) => o.onNode.some((x) => x.node === n.key));
      for (const o of mine.slice(0, MAX_OVERLAYS)) {
        const cs = o.containers.filter((c) => c.node === n.key).map((c) => shortName(c.name));
        const on = o.onNode.find((x) => x.node === n.key);
        const vni = on?.kernelVni ?? on?.vnis[0];
        const ov = b.node(
          [
            `overlay ${o.name}${vni !== undefined ? ` · VNI ${vni}` : ''}`,
            ...(o.subnets.length ? [o.subnets.join(', ')] : []),
            cs.length
              ? `${cs.length} container(s): ${cs.slice(0, MAX_NAMES).join(', ')}${cs.length > MAX_NAMES ? ', …' : ''}`
              : on?.namespace
                ? 'no container'
                : 'namespace not captured',
          ],
          'round',
          'overlay',
        );
        b.edge(id, ov, 'link');
      }
      if (mine.length > MAX_OVERLAYS)
        b.node([`${mine.length - MAX_OVERLAYS} more overlay(s)`], 'rect', 'note');
    });
  }
  // One line per node pair, whatever the number of networks between them.
  const pairs = new Map<string, { a: string; b: string; nets: string[]; both: boolean }>();
  for (const t of cluster.tunnels) {
    const key = `${t.a.node} ${t.b.node}`;
    const p = pairs.get(key) ?? { a: t.a.node, b: t.b.node, nets: [], both: true };
    p.nets.push(
      `${t.networkName}${t.vni !== undefined ? ` VNI ${t.vni}` : ''}${t.a.fdb && t.b.fdb ? '' : ' (one side)'}`,
    );
    p.both &&= t.a.fdb && t.b.fdb;
    pairs.set(key, p);
  }
  for (const p of pairs.values()) {
    const a = underlayOf.get(p.a);
    const z = underlayOf.get(p.b);
    if (!a || !z) continue;
    const shown = p.nets.slice(0, MAX_OVERLAYS);
    if (p.nets.length > MAX_OVERLAYS) shown.push(`${p.nets.length - MAX_OVERLAYS} more`);
    b.edge(a, z, p.both ? 'veth' : 'uncaptured', ['VXLAN', ...shown]);
  }
  b.node(
    [
      'Legend',
      'box: a swarm node',
      'round: an overlay on it',
      'thick line: VXLAN tunnel,',
      'fdb entries on both ends',
      'dotted line: seen from one',
      'end, or in Peers only',
    ],
    'rect',
    'legend',
  );
  return { source: b.source('LR'), figure: b.figure, nodeCount: b.nodes, edgeCount: b.edges };
}
