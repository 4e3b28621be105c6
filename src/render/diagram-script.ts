/**
 * Mermaid's script and configuration, shared by the pre-rendering page (diagrams.ts) and the
 * no-browser HTML that draws its figures itself. No puppeteer import here.
 */
import { createRequire } from 'node:module';

/**
 * Path of mermaid's own IIFE bundle (every diagram type): the reference the flowchart-only bundle
 * is checked against (test/mermaid-bundle.test.ts).
 */
export function mermaidScriptPath(): string {
  return createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
}

export const DIAGRAM_FONT = '"Liberation Sans", "DejaVu Sans", Arial, sans-serif';

/** Mermaid's limits, kept at their defaults (stepDiagram stays well under them). */
export const MAX_TEXT_SIZE = 50_000;
export const MAX_EDGES = 500;

export function mermaidConfig(seed = 'dockernet'): Record<string, unknown> {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    htmlLabels: false,
    flowchart: {
      htmlLabels: false,
      curve: 'basis',
      nodeSpacing: 30,
      rankSpacing: 45,
      padding: 8,
      wrappingWidth: 260,
    },
    theme: 'neutral',
    fontFamily: DIAGRAM_FONT,
    themeVariables: { fontFamily: DIAGRAM_FONT, fontSize: '14px' },
    deterministicIds: true,
    deterministicIDSeed: seed,
    maxTextSize: MAX_TEXT_SIZE,
    maxEdges: MAX_EDGES,
  };
}

/**
 * The SVG as a data: URI for `<img src>`. An SVG shown as an image runs no script and loads
 * nothing, and a page's CSP then needs only `img-src data:` (the inline <style> and style=""
 * attributes of the SVG would otherwise need their own CSP allowances).
 */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
