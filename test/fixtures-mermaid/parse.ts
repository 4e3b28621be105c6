/**
 * Mermaid's own parser, in Node, for structural tests of generated sources. Mermaid imports
 * DOMPurify, which has no sanitize/addHook without a DOM; parsing does not need them, so they are
 * stubbed before mermaid is loaded. (Rendering, where sanitizing matters, is tested in Chromium.)
 */
import DOMPurify from 'dompurify';

type Loose = Record<string, unknown>;
const purify = DOMPurify as unknown as Loose;
if (typeof purify.sanitize !== 'function') {
  purify.sanitize = (s: string) => s;
  purify.addHook = () => undefined;
  purify.removeHook = () => undefined;
  purify.removeHooks = () => undefined;
  purify.removeAllHooks = () => undefined;
}

interface MermaidCore {
  parse(text: string, opts?: { suppressErrors?: boolean }): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; classes: string[]; type?: string; link?: string }>;
  getEdges(): { start: string; end: string; text?: string; type?: string; stroke?: string }[];
  getSubGraphs(): { id: string; title: string; nodes: string[]; classes: string[] }[];
  getClasses(): Map<string, { id: string; styles: string[] }>;
  getTooltip?(id: string): string | undefined;
}

let loaded: Promise<MermaidCore> | undefined;
function mermaid(): Promise<MermaidCore> {
  loaded ??= import('mermaid/dist/mermaid.core.mjs' as string).then((m: { default: MermaidCore }) => m.default);
  return loaded;
}

/** What Mermaid shows of a label with htmlLabels off: its entity placeholders and <br/> undone. */
export function shown(text: string | undefined): string {
  return (text ?? '')
    .replace(/\ufb02\u00b0\u00b0(\d+)\u00b6\u00df/g, '&#$1;')
    .replace(/\ufb02\u00b0(\w+)\u00b6\u00df/g, '&$1;')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export interface ParsedFlow {
  vertices: { id: string; text: string; classes: string[]; link?: string }[];
  edges: { start: string; end: string; text: string; type?: string; stroke?: string }[];
  subgraphs: { id: string; title: string; nodes: string[]; classes: string[] }[];
  classNames: string[];
}

/** Throws Mermaid's parse error when the source does not parse. */
export async function parseFlow(source: string): Promise<ParsedFlow> {
  const m = await mermaid();
  await m.parse(source);
  const { db } = await m.mermaidAPI.getDiagramFromText(source);
  const vertices = [...db.getVertices().values()].map((v) => {
    const out: ParsedFlow['vertices'][number] = { id: v.id, text: shown(v.text), classes: [...v.classes] };
    if (v.link) out.link = v.link;
    return out;
  });
  return {
    vertices,
    edges: db.getEdges().map((e) => {
      const out: ParsedFlow['edges'][number] = { start: e.start, end: e.end, text: shown(e.text) };
      if (e.type !== undefined) out.type = e.type;
      if (e.stroke !== undefined) out.stroke = e.stroke;
      return out;
    }),
    subgraphs: db.getSubGraphs().map((g) => ({ id: g.id, title: shown(g.title), nodes: [...g.nodes], classes: [...(g.classes ?? [])] })),
    classNames: [...db.getClasses().keys()],
  };
}

export async function parses(source: string): Promise<boolean> {
  const m = await mermaid();
  return (await m.parse(source, { suppressErrors: true })) !== false;
}
