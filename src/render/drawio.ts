/**
 * The figure of a step as a draw.io (diagrams.net) file: the uncompressed `mxfile` XML that
 * diagrams.net opens and edits, written from the same Figure data as the Mermaid source
 * (mermaid/flowchart.ts), so both show the same nodes, groups and edges:
 *
 *   <mxCell id="n5" value="3: docker0 (bridge)&#xa;172.17.0.1/16" style="shape=process;..." vertex="1" parent="g1">
 *     <mxGeometry x="20" y="36" width="190" height="60" as="geometry"/></mxCell>
 *   <mxCell id="e3" value="tcp 60000 → 8080" style="endArrow=classic;..." edge="1" parent="1" source="n4" target="n8">
 *
 * The layout is simple and deterministic (diagrams.net users re-arrange with Arrange > Layout
 * anyway): the children of each group in a grid, groups sized around them, the top level in a
 * row. Mermaid's invisible edges only rank its layout; they are not written.
 *
 * Labels are plain text (`html=0`): diagrams.net then shows a label as written and never
 * interprets markup in it. Text from the bundle is XML-escaped here, and characters XML 1.0
 * cannot hold (most control characters) are replaced, or the file would not open at all.
 */

import { DEFAULT_MAX_LINE, truncate } from './mermaid/escape.js';
import { CLASS_DEFS, type ClassName, type EdgeKind, type Figure, type Shape } from './mermaid/flowchart.js';

/** Characters XML 1.0 cannot hold: control characters and lone surrogates. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\n\r\u0085\u2028\u2029]/g;

/** One displayed line as the figure shows it: cut to the Mermaid figure's length, one line, no bidi tricks. */
export function drawioLine(text: string, max = DEFAULT_MAX_LINE): string {
  return truncate(String(text), max)
    .replace(LINE_BREAKS, ' ')
    .replace(NOT_XML, '\ufffd')
    .replace(BIDI, '\ufffd');
}

/** Text for an XML attribute value (newlines kept as character references). */
export function xmlAttr(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#xa;');
}

function labelOf(lines: readonly string[], max?: number): string {
  return lines
    .filter((l) => l !== '')
    .map((l) => drawioLine(l, max))
    .join('\n');
}

const SHAPE_STYLE: Record<Shape, string> = {
  rect: 'rounded=0',
  round: 'rounded=1;arcSize=30',
  hexagon: 'shape=hexagon;perimeter=hexagonPerimeter2;size=0.1',
  subroutine: 'shape=process;size=0.06',
};

const EDGE_STYLE: Record<Exclude<EdgeKind, 'invisible'>, string> = {
  link: 'endArrow=none',
  veth: 'endArrow=none;strokeWidth=3',
  routed: 'endArrow=none;dashed=1;dashPattern=2 3',
  publish: 'endArrow=classic',
  client: 'endArrow=classic;dashed=1;dashPattern=2 3',
  uncaptured: 'endArrow=none;dashed=1;dashPattern=2 3',
};

/** Mermaid classDef CSS (`fill:#fff3e0,stroke:#616161,...`) -> draw.io style keys. */
const CLASS_STYLE = new Map<ClassName, string>(
  CLASS_DEFS.map(([name, css]) => {
    const keys: string[] = [];
    for (const part of css.split(',')) {
      const [k, v] = part.split(':') as [string, string | undefined];
      if (v === undefined) continue;
      if (k === 'fill') keys.push(`fillColor=${v}`);
      else if (k === 'stroke') keys.push(`strokeColor=${v}`);
      else if (k === 'stroke-width') keys.push(`strokeWidth=${Number.parseFloat(v)}`);
      else if (k === 'color') keys.push(`fontColor=${v}`);
      else if (k === 'stroke-dasharray') keys.push('dashed=1', `dashPattern=${v}`);
    }
    return [name, keys.join(';')];
  }),
);

const CHAR_W = 7;
const LINE_H = 16;
const PAD = 16;
const TITLE_H = 28;
const GAP = 30;

interface Box {
  w: number;
  h: number;
  /** Position of each child, relative to this box. */
  at: Map<string, { x: number; y: number }>;
}

/**
 * The mxfile of one figure. `name` is the page name diagrams.net shows (`step 3`).
 */
export function drawioFile(fig: Figure, name: string): string {
  const nodes = new Map(fig.nodes.map((n) => [n.id, n]));
  const groups = new Map(fig.groups.map((g) => [g.id, g]));
  const size = new Map<string, Box>();

  const measure = (id: string): Box => {
    const known = size.get(id);
    if (known) return known;
    const n = nodes.get(id);
    let box: Box;
    if (n) {
      const lines = labelOf(n.lines).split('\n');
      const longest = Math.max(...lines.map((l) => Array.from(l).length), 4);
      box = { w: longest * CHAR_W + 2 * PAD, h: lines.length * LINE_H + PAD, at: new Map() };
    } else {
      const g = groups.get(id)!;
      const kids = g.children.map((c) => [c, measure(c)] as const);
      // A grid about as wide as tall; a group laid out left to right by Mermaid gets one row of up to 5.
      const cols = Math.max(
        1,
        g.direction === 'LR' ? Math.min(5, kids.length) : Math.ceil(Math.sqrt(kids.length)),
      );
      const at = new Map<string, { x: number; y: number }>();
      const colW: number[] = [];
      const rowH: number[] = [];
      kids.forEach(([, b], i) => {
        colW[i % cols] = Math.max(colW[i % cols] ?? 0, b.w);
        rowH[Math.floor(i / cols)] = Math.max(rowH[Math.floor(i / cols)] ?? 0, b.h);
      });
      kids.forEach(([c], i) => {
        const col = i % cols;
        const row = Math.floor(i / cols);
        const x = PAD + colW.slice(0, col).reduce((t, w) => t + w + GAP, 0);
        const y = TITLE_H + rowH.slice(0, row).reduce((t, h) => t + h + GAP, 0);
        at.set(c, { x, y });
      });
      const inner = (xs: number[]) => xs.reduce((t, v) => t + v, 0) + GAP * Math.max(0, xs.length - 1);
      const titleW = Array.from(labelOf(g.title, 40)).length * CHAR_W + 2 * PAD;
      box = {
        w: Math.max(titleW, inner(colW) + 2 * PAD),
        h: TITLE_H + inner(rowH) + PAD,
        at,
      };
    }
    size.set(id, box);
    return box;
  };

  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  const geometry = (x: number, y: number, b: Box) =>
    `<mxGeometry x="${x}" y="${y}" width="${b.w}" height="${b.h}" as="geometry"/>`;
  const write = (id: string, parent: string, x: number, y: number): void => {
    const b = measure(id);
    const n = nodes.get(id);
    if (n) {
      const style = [
        SHAPE_STYLE[n.shape],
        'whiteSpace=wrap;html=0;fontSize=12',
        ...n.classes.map((c) => CLASS_STYLE.get(c) ?? ''),
      ]
        .filter(Boolean)
        .join(';');
      cells.push(
        `<mxCell id="${id}" value="${xmlAttr(labelOf(n.lines))}" style="${style};" vertex="1" parent="${parent}">${geometry(x, y, b)}</mxCell>`,
      );
      return;
    }
    const g = groups.get(id)!;
    const style = [
      'rounded=0;html=0;container=1;collapsible=0;recursiveResize=0',
      'verticalAlign=top;align=left;spacingLeft=8;fontStyle=1;fontSize=12',
      CLASS_STYLE.get(g.cls) ?? '',
    ]
      .filter(Boolean)
      .join(';');
    cells.push(
      `<mxCell id="${id}" value="${xmlAttr(labelOf(g.title, 40))}" style="${style};" vertex="1" parent="${parent}">${geometry(x, y, b)}</mxCell>`,
    );
    for (const c of g.children) {
      const p = b.at.get(c)!;
      write(c, id, p.x, p.y);
    }
  };
  let x = 20;
  for (const id of fig.root) {
    write(id, '1', x, 20);
    x += measure(id).w + GAP * 2;
  }
  fig.edges.forEach((e, i) => {
    if (e.kind === 'invisible') return;
    const value = e.text ? xmlAttr(labelOf(e.text)) : '';
    cells.push(
      `<mxCell id="e${i + 1}" value="${value}" style="${EDGE_STYLE[e.kind]};html=0;rounded=1;labelBackgroundColor=#ffffff;fontSize=11;" edge="1" parent="1" source="${e.from}" target="${e.to}"><mxGeometry relative="1" as="geometry"/></mxCell>`,
    );
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="dockernet" type="device">',
    `  <diagram id="topology" name="${xmlAttr(drawioLine(name))}">`,
    '    <mxGraphModel grid="1" gridSize="10" page="0" arrows="1" connect="1" math="0" shadow="0">',
    '      <root>',
    ...cells.map((c) => `        ${c}`),
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}
