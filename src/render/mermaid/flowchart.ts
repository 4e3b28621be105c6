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

// No stadium or flag: Mermaid draws them as rough.js paths of ~45 KB each.
type Shape = 'rect' | 'round' | 'hexagon' | 'subroutine';
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
const CLASS_DEFS: readonly [string, string][] = [
  ['host', 'fill:#fafafa,stroke:#616161,stroke-width:1px,color:#212121'],
  ['lan', 'fill:#eceff1,stroke:#455a64,stroke-width:1px,color:#263238'],
  ['iface', 'fill:#ffffff,color:#212121'],
  ['bridge', 'fill:#fff3e0,color:#212121'],
  ['port', 'fill:#fffde7,stroke:#f9a825,stroke-width:1px,color:#212121'],
  ['service', 'fill:#f5f5f5,stroke:#9e9e9e,stroke-width:1px,color:#212121'],
  ['container', 'fill:#e3f2fd,stroke:#1565c0,stroke-width:1px,color:#0d47a1'],
  ['sandbox', 'fill:#f3e5f5,stroke:#6a1b9a,stroke-width:1px,color:#4a148c'],
  ['overlay', 'fill:#ede7f6,stroke:#4527a0,stroke-width:2px,color:#311b92'],
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
  | 'legend'
  | 'note'
  | 'up'
  | 'down'
  | 'unknown';

export class Builder {
  private body: string[] = [];
  private edgeLines: string[] = [];
  private edgeKeys = new Set<string>();
  private classes = new Map<ClassName, string[]>();
  private depth = 1;
  nodes = 0;
  edges = 0;
  private groups = 0;

  node(lines: readonly string[], shape: Shape, ...classes: ClassName[]): string {
    const id = `n${++this.nodes}`;
    const [open, close] = SHAPES[shape];
    this.body.push(`${'  '.repeat(this.depth)}${id}${open}${label(lines)}${close}`);
    for (const c of classes) this.tag(id, c);
    return id;
  }

  group(title: readonly string[], cls: ClassName, fill: () => void, direction?: 'LR' | 'TB'): string {
    const id = `g${++this.groups}`;
    const pad = '  '.repeat(this.depth);
    // Titles do not wrap: shorter than node lines.
    this.body.push(`${pad}subgraph ${id}[${label(title, 40)}]`);
    this.depth++;
    if (direction) this.body.push(`${'  '.repeat(this.depth)}direction ${direction}`);
    fill();
    this.depth--;
    this.body.push(`${pad}end`);
    this.tag(id, cls);
    return id;
  }

  edge(a: string, b: string, kind: EdgeKind, text?: readonly string[]): void {
    const key = [a, b].sort().join(' ');
    if (a === b || this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges++;
    const lbl = text && text.length > 0 ? `|${label(text)}|` : '';
    this.edgeLines.push(`  ${a} ${EDGES[kind]}${lbl} ${b}`);
  }

  tag(id: string, cls: ClassName): void {
    const ids = this.classes.get(cls) ?? [];
    ids.push(id);
    this.classes.set(cls, ids);
  }

  source(direction: 'LR' | 'TB'): string {
    const out = [`flowchart ${direction}`, ...this.body, ...this.edgeLines];
    for (const [name, style] of CLASS_DEFS) {
      const ids = this.classes.get(name as ClassName);
      if (!ids || ids.length === 0) continue;
      out.push(`  classDef ${name} ${style}`);
      // Mermaid accepts long id lists; chunks keep lines readable in the .mmd file.
      for (let i = 0; i < ids.length; i += 40) out.push(`  class ${ids.slice(i, i + 40).join(',')} ${name}`);
    }
    return `${out.join('\n')}\n`;
  }
}

/** One box, so it takes one slot beside the LAN instead of a row across the figure. */
const LEGEND_LINES = [
  'Legend',
  'green border: UP',
  'red dashed border: DOWN',
  'grey dotted border: state unknown',
  'blue: container',
  'purple: Docker sandbox',
  'thick line: veth pair',
  'line: bridge port, link',
  'dotted line: routed by the host',
  'or a veth not captured',
  'arrow: published port',
];

export function legend(b: Builder): void {
  b.node(LEGEND_LINES, 'rect', 'legend');
}
