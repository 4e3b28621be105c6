/**
 * The figure as a draw.io file and as a PNG, and the Compose grouping of the figure:
 * - every node, group and edge of the Mermaid figure is a cell of the draw.io file (compared
 *   from the shared Figure data and by reading both outputs), for the course steps, a big
 *   aggregated host and the hostile names;
 * - the file parses as XML in Chromium's DOMParser (the parser diagrams.net, a web app, reads
 *   it with), has the mxfile/diagram/mxGraphModel/root structure and cells 0 and 1, and every
 *   label reads back as the figure's text (hostile names included);
 * - the standalone SVG renders in librsvg (rsvg-convert) and the PNG is the page's screenshot;
 * - containers of a Compose project are in one box named after it, in both layouts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../src/model/types.js';
import { blockRequests, launchBrowser } from '../src/render/browser.js';
import { renderDiagrams, svgFile } from '../src/render/diagrams.js';
import { drawioFile, drawioLine } from '../src/render/drawio.js';
import { displayedText, label } from '../src/render/mermaid/escape.js';
import type { Figure } from '../src/render/mermaid/flowchart.js';
import { DIAGRAM_BUDGET, stepDiagram } from '../src/render/mermaid/index.js';
import {
  bigHost,
  HOSTILE_NAMES,
  hostileModel,
  step1,
  step2,
  step3,
  step4,
} from './fixtures-mermaid/models.js';
import { parseFlow, shown } from './fixtures-mermaid/parse.js';
import { hasCommand, missing, testBrowserPath } from './support/env.js';

/** step 3 with whoami in Compose project `shop` (service web). */
function composeStep3(): StepModel {
  const m = step3();
  for (const c of m.containers) c.compose = { project: 'shop', service: 'web', number: '1' };
  return m;
}

/** A big host whose containers belong to 12 Compose projects of 3 services each. */
function composeBigHost(): StepModel {
  const m = bigHost(600, 30);
  m.containers.forEach((c, i) => {
    c.compose = { project: `stack-${i % 12}`, service: ['web', 'db', 'cache'][i % 3]! };
  });
  return m;
}

const cases: { name: string; model: StepModel }[] = [
  { name: 'step 1', model: step1() },
  { name: 'step 2', model: step2() },
  { name: 'step 3', model: step3() },
  { name: 'step 4', model: step4() },
  { name: 'step 4, sandbox not captured', model: step4(false) },
  { name: 'step 3, Compose project shop', model: composeStep3() },
  { name: '1,000 containers on 50 networks (aggregated)', model: bigHost(1000, 50) },
  { name: '600 containers in 12 Compose projects (aggregated)', model: composeBigHost() },
  ...HOSTILE_NAMES.map((n, i) => ({ name: `hostile ${i + 1}`, model: hostileModel(n, i % 2 === 0) })),
  // Compose project and service names come from the captured host too.
  ...HOSTILE_NAMES.map((n, i) => {
    const model = hostileModel(n, i % 2 === 1);
    for (const c of model.containers) c.compose = { project: n, service: `s${n}` };
    return { name: `hostile Compose project ${i + 1}`, model };
  }),
];

interface Cell {
  id: string;
  value: string;
  parent: string;
  vertex: boolean;
  edge: boolean;
  source: string;
  target: string;
}

/** What Mermaid's source says: node ids, group ids, and drawn edges (not the invisible `~~~`). */
function mermaidShape(source: string) {
  const nodes = [...source.matchAll(/^\s+(n\d+)[[({]/gm)].map((m) => m[1]!);
  const groups = [...source.matchAll(/^\s+subgraph (g\d+)\[/gm)].map((m) => m[1]!);
  const edges = [
    ...source.matchAll(/^ {2}([ng]\d+) (---|===|-\.-|-->|-\.->)(?:\|"[^"]*"\|)? ([ng]\d+)$/gm),
  ].map((m) => `${m[1]} ${m[3]}`);
  return { nodes, groups, edges };
}

/** The same from the draw.io file's text, by its cells. */
function drawioShape(xml: string) {
  const cells = [...xml.matchAll(/<mxCell id="([^"]+)"([^>]*)>/g)];
  const attr = (s: string, a: string) => new RegExp(`\\s${a}="([^"]*)"`).exec(s)?.[1];
  return {
    nodes: cells.filter((c) => c[1]!.startsWith('n') && c[2]!.includes('vertex="1"')).map((c) => c[1]!),
    groups: cells.filter((c) => c[1]!.startsWith('g') && c[2]!.includes('container=1')).map((c) => c[1]!),
    edges: cells
      .filter((c) => c[2]!.includes('edge="1"'))
      .map((c) => `${attr(c[2]!, 'source')} ${attr(c[2]!, 'target')}`),
  };
}

describe('draw.io file from the shared figure', () => {
  for (const c of cases) {
    it(`${c.name}: every node, group and edge of the Mermaid figure`, () => {
      const d = stepDiagram(c.model);
      const xml = drawioFile(d.figure, c.name);
      const mm = mermaidShape(d.source);
      const dx = drawioShape(xml);
      expect(dx.nodes).toEqual(mm.nodes);
      expect(dx.nodes).toHaveLength(d.nodeCount);
      expect(dx.groups).toEqual(mm.groups);
      expect(dx.edges).toEqual(mm.edges);
      const visible = d.figure.edges.filter((e) => e.kind !== 'invisible');
      expect(dx.edges).toEqual(visible.map((e) => `${e.from} ${e.to}`));
      // Labels are attribute values: nothing in them can open a tag or end the attribute.
      for (const [, v] of xml.matchAll(/\svalue="([^"]*)"/g)) {
        expect(v).not.toMatch(/[<>]/);
        expect(v).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#xa);)/);
      }
      expect(stepDiagram(c.model).source).toBe(d.source);
      expect(drawioFile(stepDiagram(c.model).figure, c.name)).toBe(xml);
    });
  }

  it('hostile Compose project names: Mermaid parses each figure and shows the name as written', async () => {
    for (const [i, n] of HOSTILE_NAMES.entries()) {
      const c = cases.find((x) => x.name === `hostile Compose project ${i + 1}`)!;
      const d = stepDiagram(c.model);
      const flow = await parseFlow(d.source);
      const box = d.figure.groups.find((g) => g.cls === 'compose')!;
      const parsed = flow.subgraphs.find((g) => g.id === box.id)!;
      expect(shown(parsed.title), `hostile ${i + 1}`).toBe(shown(displayedText(label(box.title, 40))).trim()); // Mermaid trims titles
      expect(box.title[0]).toBe(`Compose project ${n}`);
    }
  });

  it('Compose: the detailed figure puts the project’s containers in one box named after it', () => {
    const d = stepDiagram(composeStep3());
    expect(d.aggregated).toBe(false);
    const box = d.figure.groups.find((g) => g.title[0] === 'Compose project shop');
    expect(box?.cls).toBe('compose');
    const inside = box!.children.map((id) => d.figure.groups.find((g) => g.id === id)?.title[0]);
    expect(inside).toEqual(['container whoami-port60000 (service web)']);
    expect(d.source).toContain('subgraph g2["Compose project shop"]');
    expect(d.figure.nodes.some((n) => n.lines.includes('teal dashed box: Compose project'))).toBe(true);
    // Without Compose labels the figure says nothing of Compose.
    expect(stepDiagram(step3()).source).not.toMatch(/Compose|compose/);
  });

  it('a host just over the budget: every interface kept, only the unpublished listeners counted', () => {
    const m = bigHost(22, 4, 1000);
    const full = stepDiagram(m, { maxNodes: 200 });
    const d = stepDiagram(m);
    expect(full.nodeCount).toBeGreaterThan(DIAGRAM_BUDGET.maxNodes);
    expect(d.aggregated).toBe(false);
    expect(d.nodeCount).toBeLessThanOrEqual(DIAGRAM_BUDGET.maxNodes);
    const ifaces = (x: typeof d) =>
      x.figure.nodes.filter((n) => n.classes.includes('iface') || n.classes.includes('container'));
    expect(ifaces(d).map((n) => n.lines)).toEqual(ifaces(full).map((n) => n.lines));
    // svc-1 publishes nothing: its listener is counted; svc-0 publishes :61000 → 8080: its listener stays a node.
    expect(d.figure.groups.find((g) => g.title[0]?.startsWith('container svc-1 '))?.title).toEqual([
      'container svc-1 · +1 listening',
    ]);
    expect(d.figure.nodes.some((n) => n.lines[0] === ':8080 app')).toBe(true);
  });

  it('Compose on a big host: a box per project (the biggest), under the node budget, ports visible', () => {
    const m = composeBigHost();
    const d = stepDiagram(m);
    expect(d.aggregated).toBe(true);
    expect(d.nodeCount).toBeLessThanOrEqual(DIAGRAM_BUDGET.maxNodes);
    const boxes = d.figure.groups.filter((g) => g.cls === 'compose');
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) expect(b.title[0]).toMatch(/^Compose project stack-\d+$/);
    const first = boxes[0]!;
    const texts = first.children.map((id) => d.figure.nodes.find((n) => n.id === id)!.lines.join(' '));
    // 600 containers / 12 projects = 50 each, on 3 services.
    expect(texts).toEqual(
      expect.arrayContaining([expect.stringMatching(/^service (web|db|cache) \d+ containers$/)]),
    );
    const counted = d.figure.nodes.find((n) => /more Compose project/.test(n.lines[0] ?? ''));
    if (boxes.length < 12) expect(counted?.lines[0]).toBe(`+${12 - boxes.length} more Compose projects`);
    // Every published port is still in the figure, by its host port.
    for (const p of m.publishedPorts)
      expect(d.source).toMatch(new RegExp(`:${p.hostPort}\\b|${p.hostPort} →`));
  });
});

const browserPath = testBrowserPath();
const skip = missing({
  chromium: browserPath !== undefined,
  'rsvg-convert (librsvg2-bin)': hasCommand('rsvg-convert'),
});

describe.skipIf(skip)('draw.io in a browser’s XML parser, SVG in librsvg, PNG from Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(browserPath!);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('every draw.io file parses as XML and reads back as the figure', async () => {
    const page = await browser.newPage();
    await blockRequests(page);
    for (const c of cases) {
      const d = stepDiagram(c.model);
      const xml = drawioFile(d.figure, c.name);
      const read = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const err = doc.getElementsByTagName('parsererror')[0]?.textContent;
        const path = ['mxfile', 'diagram', 'mxGraphModel', 'root'];
        let el: Element | null = doc.documentElement;
        const shape: string[] = [];
        for (const name of path) {
          if (el?.tagName !== name) break;
          shape.push(name);
          el = el.firstElementChild;
        }
        const cells = [...doc.getElementsByTagName('mxCell')].map((x) => ({
          id: x.getAttribute('id') ?? '',
          value: x.getAttribute('value') ?? '',
          parent: x.getAttribute('parent') ?? '',
          vertex: x.getAttribute('vertex') === '1',
          edge: x.getAttribute('edge') === '1',
          source: x.getAttribute('source') ?? '',
          target: x.getAttribute('target') ?? '',
        }));
        return { err, shape, cells };
      }, xml);
      expect(read.err, c.name).toBeUndefined();
      expect(read.shape).toEqual(['mxfile', 'diagram', 'mxGraphModel', 'root']);
      checkCells(d.figure, read.cells, c.name);
    }
    await page.close();
  }, 120_000);

  it('the standalone SVG renders in librsvg; the PNG is the SVG drawn by the same page', async () => {
    const models = [composeStep3(), hostileModel(HOSTILE_NAMES[0]!), bigHost(1000, 50)];
    const rendered = await renderDiagrams(
      models.map((m) => stepDiagram(m).source),
      { browser, png: true, idPrefix: 'png' },
    );
    const dir = mkdtempSync(join(tmpdir(), 'dockernet-rsvg-'));
    for (const [i, r] of rendered.entries()) {
      expect(r.error).toBeUndefined();
      const file = svgFile(r.svg!);
      // Labels are SVG text, not HTML in <foreignObject> (htmlLabels: false): librsvg draws them.
      expect(file).not.toMatch(/<foreignObject/i);
      expect(file).toMatch(/<text[^>]*>/);
      writeFileSync(join(dir, `f${i}.svg`), file);
      const run = spawnSync('rsvg-convert', [join(dir, `f${i}.svg`), '-o', join(dir, `f${i}.png`)], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const rsvg = pngSize(readFileSync(join(dir, `f${i}.png`)));
      const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(file)!.map(Number);
      expect(rsvg).toEqual({ width: w, height: h });
      // Chromium's screenshot of the same file: the same size, give or take the rounding.
      const shot = pngSize(r.png!);
      expect(Math.abs(shot.width - w!)).toBeLessThanOrEqual(1);
      expect(Math.abs(shot.height - h!)).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});

function checkCells(fig: Figure, cells: Cell[], name: string): void {
  expect(cells[0]).toMatchObject({ id: '0', parent: '' });
  expect(cells[1]).toMatchObject({ id: '1', parent: '0' });
  const byId = new Map(cells.map((c) => [c.id, c]));
  expect(byId.size, name).toBe(cells.length);
  for (const n of fig.nodes) {
    const cell = byId.get(n.id)!;
    expect(cell.vertex).toBe(true);
    expect(cell.parent).toBe(n.parent ?? '1');
    expect(cell.value).toBe(
      n.lines
        .filter((l) => l !== '')
        .map((l) => drawioLine(l))
        .join('\n'),
    );
  }
  for (const g of fig.groups) {
    const cell = byId.get(g.id)!;
    expect(cell.parent).toBe(g.parent ?? '1');
    expect(cell.value).toBe(g.title.map((l) => drawioLine(l, 40)).join('\n'));
  }
  const edges = cells.filter((c) => c.edge);
  expect(edges).toHaveLength(fig.edges.filter((e) => e.kind !== 'invisible').length);
  for (const e of edges) {
    expect(byId.has(e.source)).toBe(true);
    expect(byId.has(e.target)).toBe(true);
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
