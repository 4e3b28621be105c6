/**
 * StepModel -> Mermaid flowchart source: the figure a teacher draws after `ip addr`, `brctl show`,
 * `ip route` and `netstat` of one step (the course's "Results summarized in a figure"). Left to
 * right: the LAN and its gateway; the host with its uplink (the interface of the default route),
 * what listens on it, the docker-proxy of each published port, each bridge with its Docker
 * network, its veth ends; then, inside the host, one box per container or Docker sandbox with its
 * interfaces and listening ports. Thick lines are veth pairs, dotted lines what the host routes,
 * arrows the published ports. For step 3:
 *
 *   LAN 192.168.178.0/24 --- 2: ens18 -.routed.- 3: docker0 (bridge) --- 5: veth9c996da@if4 === 4: eth0@if5
 *                              \-.tcp :60000.-> host :60000 docker-proxy --tcp 60000 → 8080--> :8080 node
 *
 * Node ids are generated (n1, n2 ... and g1, g2 ... in the order of the walk, which depends only
 * on the model), never taken from data; every label goes through escape.ts. The same model always
 * gives the same source, byte for byte.
 *
 * Mermaid has limits (500 edges, 50,000 characters; over the latter it draws an error picture),
 * and a figure with hundreds of boxes teaches nothing: a host over the budget (maxNodes,
 * maxChars, maxEdges) first gets the compact detailed figure (only the listeners published ports
 * lead to, the others counted in their box's title), and when that does not fit either, an
 * aggregated figure with one node per bridge or network and its container count, published
 * ports kept visible.
 *
 * This file is the entry point and the budget, and only that: the choice between the layouts.
 * The jobs live apart (flowchart.ts writes the syntax, topology.ts reads the model, detailed.ts
 * and aggregated.ts lay the figure out) so each can be read and changed without the others.
 */
import type { Lang } from '../../i18n/index.js';
import type { StepModel } from '../../model/types.js';
import { aggregated, summarise, tooLarge } from './aggregated.js';
import { withBlanks } from './blanks.js';
import { detailed, detailedNodesAtLeast } from './detailed.js';
import { type Builder, type Figure, mermaidSource } from './flowchart.js';
import { Lookup } from './topology.js';
import { withFigureLang } from './words.js';

export interface StepDiagramOptions {
  /** Above this many nodes the figure is aggregated (default 60: more boxes than that teach nothing on a page). */
  maxNodes?: number;
  /** Above this many characters of source the figure is aggregated (default 40,000; Mermaid's limit is 50,000). */
  maxChars?: number;
  /** Above this many edges the figure is aggregated (default 400; Mermaid's limit is 500). */
  maxEdges?: number;
  /** The language of the figure's words (default English); names and addresses stay as they are. */
  lang?: Lang;
  /** The worksheet's figure: interface names replaced by blanks to fill in (blanks.ts). */
  blanks?: boolean;
}

export interface StepDiagram {
  source: string;
  /** What the source was written from: nodes, groups and edges as data (the draw.io file reads it too). */
  figure: Figure;
  nodeCount: number;
  edgeCount: number;
  aggregated: boolean;
}

export const DIAGRAM_BUDGET = { maxNodes: 60, maxChars: 40_000, maxEdges: 400 } as const;

/**
 * The topology figure of one step. The detailed figure when it fits the budget, else the
 * aggregated one (caps halved until it fits), else one box saying it is too large: never a source
 * Mermaid would refuse or draw as an error.
 */
export function stepDiagram(model: StepModel, opts: StepDiagramOptions = {}): StepDiagram {
  return withFigureLang(opts.lang, () => drawStep(model, opts));
}

function drawStep(model: StepModel, opts: StepDiagramOptions): StepDiagram {
  const maxNodes = opts.maxNodes ?? DIAGRAM_BUDGET.maxNodes;
  const maxChars = opts.maxChars ?? DIAGRAM_BUDGET.maxChars;
  const maxEdges = opts.maxEdges ?? DIAGRAM_BUDGET.maxEdges;
  const fits = (r: { source: string; b: Builder }) =>
    r.b.nodes <= maxNodes && r.source.length <= maxChars && r.b.edges <= maxEdges;
  const result = (r: { source: string; b: Builder }, aggregated: boolean): StepDiagram => {
    const figure = opts.blanks ? withBlanks(r.b.figure) : r.b.figure;
    return {
      // Every layout writes `flowchart LR`; blanks change labels only, never the layout's budget.
      source: opts.blanks ? mermaidSource(figure, 'LR') : r.source,
      figure,
      nodeCount: r.b.nodes,
      edgeCount: r.b.edges,
      aggregated,
    };
  };
  const lk = new Lookup(model);
  // Drawing thousands of interfaces only to throw them away costs seconds: skip when hopeless.
  if (detailedNodesAtLeast(model) <= maxNodes) {
    const full = detailed(lk, 'LR');
    if (fits(full)) return result(full, false);
    // Just over the budget: the same figure without the listeners no published port leads to
    // (counted in each box's title) often fits, and keeps every interface and veth pair.
    const compact = detailed(lk, 'LR', true);
    if (fits(compact)) return result(compact, false);
  }
  const summaries = summarise(lk);
  for (let shrink = 1; shrink <= 64; shrink *= 2) {
    const agg = aggregated(lk, summaries, 'LR', maxNodes, shrink);
    if (fits(agg)) return result(agg, true);
  }
  return result(tooLarge(lk, 'LR'), true);
}
