/**
 * The flowchart writer: Mermaid `flowchart` source out of nodes, groups (subgraphs), edges and
 * classes, with generated ids (n1, n2 ... and g1, g2 ..., never taken from data), the shapes and
 * line styles the figure uses, the classDef lines, and the legend that explains them:
 *
 *   n5[["3: docker0 (bridge)<br/>172.17.0.1/16<br/>UP<br/>Docker network bridge"]]
 *   n4 -->|"tcp 60000 → 8080"| n8
 *
 * Separate because it knows Mermaid's syntax and nothing of Docker: the layouts (detailed.ts,
 * aggregated.ts) say what to draw, this says how it is written, so a rule of the syntax (a shape
 * that costs 45 KB of SVG, a line style, the escaping of escape.ts) changes in one place for both.
 */

import { label } from './escape.js';
import { fw } from './words.js';

// No stadium or flag: Mermaid draws them as rough.js paths of ~45 KB each.
export type Shape = 'rect' | 'round' | 'hexagon' | 'subroutine';
const SHAPES: Record<Shape, readonly [string, string]> = {
  rect: ['[', ']'],
  round: ['(', ')'],
  hexagon: ['{{', '}}'],
  subroutine: ['[[', ']]'],
};

/** Line styles, explained in the legend. */
export type EdgeKind = 'link' | 'veth' | 'routed' | 'publish' | 'client' | 'uncaptured' | 'invisible';
const EDGES: Record<EdgeKind, string> = {
  invisible: '~~~',
  link: '---',
  veth: '===',
  routed: '-.-',
  publish: '-->',
  client: '-.->',
  uncaptured: '-.-',
};

/** Classes: state (border) and kind (fill). Order here is the order of the classDef lines. */
export const CLASS_DEFS: readonly [ClassName, string][] = [
  ['host', 'fill:#fafafa,stroke:#616161,stroke-width:1px,color:#212121'],
  ['lan', 'fill:#eceff1,stroke:#455a64,stroke-width:1px,color:#263238'],
  ['iface', 'fill:#ffffff,color:#212121'],
  ['bridge', 'fill:#fff3e0,color:#212121'],
  ['port', 'fill:#fffde7,stroke:#f9a825,stroke-width:1px,color:#212121'],
  ['service', 'fill:#f5f5f5,stroke:#9e9e9e,stroke-width:1px,color:#212121'],
  ['container', 'fill:#e3f2fd,stroke:#1565c0,stroke-width:1px,color:#0d47a1'],
  ['sandbox', 'fill:#f3e5f5,stroke:#6a1b9a,stroke-width:1px,color:#4a148c'],
  ['overlay', 'fill:#ede7f6,stroke:#4527a0,stroke-width:2px,color:#311b92'],
  ['compose', 'fill:#e0f2f1,stroke:#00695c,stroke-width:2px,stroke-dasharray:8 4,color:#004d40'],
  ['legend', 'fill:#ffffff,stroke:#bdbdbd,stroke-width:1px,color:#424242'],
  ['note', 'fill:#fffde7,stroke:#bdbdbd,stroke-width:1px,color:#424242'],
  ['up', 'stroke:#2e7d32,stroke-width:2px'],
  ['down', 'stroke:#c62828,stroke-width:2px,stroke-dasharray:5 3'],
  ['unknown', 'stroke:#757575,stroke-width:1px,stroke-dasharray:2 2'],
];
export type ClassName =
  | 'host'
  | 'lan'
  | 'iface'
  | 'bridge'
  | 'port'
  | 'service'
  | 'container'
  | 'sandbox'
  | 'overlay'
  | 'compose'
  | 'legend'
  | 'note'
  | 'up'
  | 'down'
  | 'unknown';

/** A node of the figure: its displayed lines (unescaped), shape and classes (kind, then state). */
export interface FigureNode {
  id: string;
  lines: string[];
  shape: Shape;
  classes: ClassName[];
  /** The group it is drawn in, when in one. */
  parent?: string;
}

/** A group (Mermaid subgraph, draw.io container): its title and the ids drawn inside, in order. */
export interface FigureGroup {
  id: string;
  title: string[];
  cls: ClassName;
  direction?: 'LR' | 'TB';
  parent?: string;
  children: string[];
}

/** An edge between two nodes or groups; `text` is its label, unescaped. */
export interface FigureEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  text?: string[];
}

/**
 * What a layout drew, as data: every writer (Mermaid here, draw.io in ../drawio.ts) reads this,
 * so the figures cannot disagree on a node or an edge. Typed and JSON-serialisable.
 */
export interface Figure {
  nodes: FigureNode[];
  groups: FigureGroup[];
  edges: FigureEdge[];
  /** Ids drawn at the top level, in order. */
  root: string[];
  /** Class assignments in the order they were made: the order of Mermaid's `class` lines. */
  tags: [string, ClassName][];
}

export class Builder {
  readonly figure: Figure = { nodes: [], groups: [], edges: [], root: [], tags: [] };
  private edgeKeys = new Set<string>();
  private open: FigureGroup[] = [];
  nodes = 0;
  edges = 0;
  private groups = 0;

  private place(id: string): string | undefined {
    const parent = this.open[this.open.length - 1];
    (parent ? parent.children : this.figure.root).push(id);
    return parent?.id;
  }

  node(lines: readonly string[], shape: Shape, ...classes: ClassName[]): string {
    const id = `n${++this.nodes}`;
    const parent = this.place(id);
    this.figure.nodes.push({ id, lines: [...lines], shape, classes, ...(parent ? { parent } : {}) });
    for (const c of classes) this.tag(id, c);
    return id;
  }

  group(title: readonly string[], cls: ClassName, fill: () => void, direction?: 'LR' | 'TB'): string {
    const id = `g${++this.groups}`;
    const parent = this.place(id);
    const g: FigureGroup = {
      id,
      title: [...title],
      cls,
      ...(direction ? { direction } : {}),
      ...(parent ? { parent } : {}),
      children: [],
    };
    this.figure.groups.push(g);
    this.open.push(g);
    fill();
    this.open.pop();
    this.tag(id, cls);
    return id;
  }

  edge(a: string, b: string, kind: EdgeKind, text?: readonly string[]): void {
    const key = [a, b].sort().join(' ');
    if (a === b || this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges++;
    this.figure.edges.push({ from: a, to: b, kind, ...(text && text.length > 0 ? { text: [...text] } : {}) });
  }

  tag(id: string, cls: ClassName): void {
    this.figure.tags.push([id, cls]);
  }

  source(direction: 'LR' | 'TB'): string {
    return mermaidSource(this.figure, direction);
  }
}

/** The Mermaid flowchart source of a figure. */
export function mermaidSource(fig: Figure, direction: 'LR' | 'TB'): string {
  const nodes = new Map(fig.nodes.map((n) => [n.id, n]));
  const groups = new Map(fig.groups.map((g) => [g.id, g]));
  const out = [`flowchart ${direction}`];
  const write = (id: string, depth: number): void => {
    const pad = '  '.repeat(depth);
    const n = nodes.get(id);
    if (n) {
      const [open, close] = SHAPES[n.shape];
      out.push(`${pad}${id}${open}${label(n.lines)}${close}`);
      return;
    }
    const g = groups.get(id)!;
    // Titles do not wrap: shorter than node lines.
    out.push(`${pad}subgraph ${id}[${label(g.title, 40)}]`);
    if (g.direction) out.push(`${'  '.repeat(depth + 1)}direction ${g.direction}`);
    for (const c of g.children) write(c, depth + 1);
    out.push(`${pad}end`);
  };
  for (const id of fig.root) write(id, 1);
  for (const e of fig.edges) {
    const lbl = e.text && e.text.length > 0 ? `|${label(e.text)}|` : '';
    out.push(`  ${e.from} ${EDGES[e.kind]}${lbl} ${e.to}`);
  }
  const classes = new Map<ClassName, string[]>();
  for (const [id, cls] of fig.tags) classes.set(cls, [...(classes.get(cls) ?? []), id]);
  for (const [name, style] of CLASS_DEFS) {
    const ids = classes.get(name);
    if (!ids || ids.length === 0) continue;
    out.push(`  classDef ${name} ${style}`);
    // Mermaid accepts long id lists; chunks keep lines readable in the .mmd file.
    for (let i = 0; i < ids.length; i += 40) out.push(`  class ${ids.slice(i, i + 40).join(',')} ${name}`);
  }
  return `${out.join('\n')}\n`;
}

/** One box, so it takes one slot beside the LAN instead of a row across the figure. */
const LEGEND_LINES = [
  'fig.legend',
  'fig.legend.up',
  'fig.legend.down',
  'fig.legend.unknown',
  'fig.legend.container',
  'fig.legend.sandbox',
  'fig.legend.veth',
  'fig.legend.link',
  'fig.legend.routed',
  'fig.legend.veth-missing',
  'fig.legend.published',
] as const;

/** With `compose`, the legend also explains the Compose project boxes (only then: figures of hosts without Compose stay as they were). */
export function legend(b: Builder, compose = false): void {
  const ids = compose
    ? [...LEGEND_LINES.slice(0, 6), 'fig.legend.compose' as const, ...LEGEND_LINES.slice(6)]
    : LEGEND_LINES;
  b.node(
    ids.map((id) => fw(id)),
    'rect',
    'legend',
  );
}
