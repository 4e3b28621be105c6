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
import type { Lang } from '../../i18n/index.js';
import { Builder, type Figure } from './flowchart.js';
import { fw, withFigureLang } from './words.js';

const MAX_OVERLAYS = 8;

/** A service task's container is `<service>.<slot>.<task id>`: the figure names it `<service>.<slot>`. */
const shortName = (name: string) => /^(.+\.\d+)\.[a-z0-9]{25}$/.exec(name)?.[1] ?? name;
const MAX_NAMES = 3;

export interface ClusterDiagram {
  source: string;
  figure: Figure;
  nodeCount: number;
  edgeCount: number;
  /** True when the cluster was over CLUSTER_BUDGET: nodes as single boxes, only incomplete tunnels drawn. */
  aggregated: boolean;
}

function nodeTitle(n: ClusterNode): string[] {
  const role = [n.role, n.managerStatus].filter(Boolean).join(', ');
  return [
    `${n.hostname || n.address || n.key}${role ? ` (${role})` : ''}`,
    n.step === undefined
      ? fw('fig.cl.not-captured', { seen: n.seenIn.join(', ') })
      : fw('fig.cl.engine', { version: n.engineVersion ?? '?' }),
  ];
}

/** Above these, the figure is aggregated (Mermaid's limit is 500 edges; a page shows ~60 boxes). */
export const CLUSTER_BUDGET = { maxNodes: 12, maxPairs: 60, maxEdges: 300 } as const;

interface Pair {
  a: string;
  b: string;
  nets: string[];
  both: boolean;
}

/** One entry per node pair, whatever the number of networks between them. */
function pairsOf(cluster: ClusterModel): Pair[] {
  const pairs = new Map<string, Pair>();
  for (const t of cluster.tunnels) {
    const key = `${t.a.node} ${t.b.node}`;
    const p = pairs.get(key) ?? { a: t.a.node, b: t.b.node, nets: [], both: true };
    p.nets.push(
      `${t.networkName}${t.vni !== undefined ? ` VNI ${t.vni}` : ''}${t.a.fdb && t.b.fdb ? '' : ` ${fw('fig.cl.one-side')}`}`,
    );
    p.both &&= t.a.fdb && t.b.fdb;
    pairs.set(key, p);
  }
  return [...pairs.values()];
}

/** The figure in `lang` (its words: `fig.cl.*`); names, addresses and VNIs as the data has them. */
export function clusterDiagram(cluster: ClusterModel, lang?: Lang): ClusterDiagram {
  return withFigureLang(lang, () => drawCluster(cluster));
}

function drawCluster(cluster: ClusterModel): ClusterDiagram {
  const pairs = pairsOf(cluster);
  if (cluster.nodes.length > CLUSTER_BUDGET.maxNodes || pairs.length > CLUSTER_BUDGET.maxPairs)
    return aggregatedCluster(cluster, pairs);
  const b = new Builder();
  const underlayOf = new Map<string, string>();
  for (const n of cluster.nodes) {
    b.group(nodeTitle(n), 'host', () => {
      const u = n.underlay;
      const id = b.node(
        [
          u ? `${u.interface} ${n.address ?? ''}`.trim() : (n.address ?? fw('fig.cl.no-underlay')),
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
            `${fw('fig.cl.overlay', { name: o.name })}${vni !== undefined ? ` · VNI ${vni}` : ''}`,
            ...(o.subnets.length ? [o.subnets.join(', ')] : []),
            cs.length
              ? `${fw('fig.cl.containers', { n: cs.length })}: ${cs.slice(0, MAX_NAMES).join(', ')}${cs.length > MAX_NAMES ? ', …' : ''}`
              : on?.namespace
                ? fw('fig.cl.no-container')
                : fw('fig.cl.ns-not-captured'),
          ],
          'round',
          'overlay',
        );
        b.edge(id, ov, 'link');
      }
      if (mine.length > MAX_OVERLAYS)
        b.node([fw('fig.cl.more-overlays', { n: mine.length - MAX_OVERLAYS })], 'rect', 'note');
    });
  }
  for (const p of pairs) {
    const a = underlayOf.get(p.a);
    const z = underlayOf.get(p.b);
    if (!a || !z) continue;
    const shown = p.nets.slice(0, MAX_OVERLAYS);
    if (p.nets.length > MAX_OVERLAYS) shown.push(fw('fig.cl.more', { n: p.nets.length - MAX_OVERLAYS }));
    b.edge(a, z, p.both ? 'veth' : 'uncaptured', ['VXLAN', ...shown]);
  }
  b.node(
    [
      fw('fig.legend'),
      fw('fig.cl.legend-box'),
      fw('fig.cl.legend-round'),
      fw('fig.cl.legend-thick'),
      fw('fig.cl.legend-thick2'),
      fw('fig.cl.legend-dotted'),
      fw('fig.cl.legend-dotted2'),
    ],
    'rect',
    'legend',
  );
  return {
    source: b.source('LR'),
    figure: b.figure,
    nodeCount: b.nodes,
    edgeCount: b.edges,
    aggregated: false,
  };
}

/**
 * A big cluster: one box per node (its overlays and containers counted), and only the tunnels
 * that are NOT seen from both ends drawn (dotted): the healthy full mesh is one note with its
 * count, the tables list every tunnel. At most maxEdges lines; the rest counted in the note.
 */
function aggregatedCluster(cluster: ClusterModel, pairs: Pair[]): ClusterDiagram {
  const b = new Builder();
  const idOf = new Map<string, string>();
  for (const n of cluster.nodes) {
    const overlays = cluster.overlays.filter((o) => o.onNode.some((x) => x.node === n.key)).length;
    const containers = cluster.overlays.reduce(
      (k, o) => k + o.containers.filter((c) => c.node === n.key).length,
      0,
    );
    idOf.set(
      n.key,
      b.node(
        [
          ...nodeTitle(n),
          `${n.address ?? '?'}${n.underlay?.mtu !== undefined ? ` MTU ${n.underlay.mtu}` : ''}`,
          fw('fig.cl.counts', { overlays, containers }),
        ],
        'rect',
        'host',
        n.step === undefined ? 'unknown' : 'up',
      ),
    );
  }
  const broken = pairs.filter((p) => !p.both);
  const drawn = broken.slice(0, CLUSTER_BUDGET.maxEdges);
  for (const p of drawn) {
    const a = idOf.get(p.a);
    const z = idOf.get(p.b);
    if (a && z)
      b.edge(a, z, 'uncaptured', [
        'VXLAN',
        ...p.nets.slice(0, 3),
        ...(p.nets.length > 3 ? [fw('fig.cl.more', { n: p.nets.length - 3 })] : []),
      ]);
  }
  b.node(
    [
      fw('fig.cl.agg-nodes', { nodes: cluster.nodes.length, pairs: pairs.length }),
      fw('fig.cl.agg-both', { n: pairs.length - broken.length }),
      fw('fig.cl.agg-dotted', { n: drawn.length, more: broken.length - drawn.length }),
      fw('fig.cl.agg-table'),
    ],
    'rect',
    'legend',
  );
  return {
    source: b.source('LR'),
    figure: b.figure,
    nodeCount: b.nodes,
    edgeCount: b.edges,
    aggregated: true,
  };
}
