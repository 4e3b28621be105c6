/**
 * Mermaid's script and configuration, shared by the pre-rendering page (diagrams.ts) and the
 * no-browser HTML that draws its figures itself. No puppeteer import here.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** Path of mermaid's IIFE bundle (sets window.mermaid), also used to inline it when no browser exists. */
export function mermaidScriptPath(): string {
  return createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
}

/**
 * Folder of mermaid's ESM build (mermaid.esm.min.mjs and its chunks). The pre-rendering page
 * imports it as modules, so only what a flowchart needs is parsed (~0.9 MB of the 3.5 MB).
 */
export function mermaidModuleDir(): string {
  return dirname(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.esm.min.mjs'));
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
