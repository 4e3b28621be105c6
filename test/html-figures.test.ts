/**
 * The CLI writes report.html while Chromium still draws the figures (render/outputs.ts): the page
 * is rendered around a placeholder per figure, then each drawn SVG takes its placeholder's place.
 * The result must be the page renderHtml writes with those SVGs, byte for byte, on the four
 * slides (static page) and on the same report forced into the compact page. The CLI also
 * compresses the compact page's data blocks off the main thread (renderHtmlAsync): same bytes.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { figurePlaceholders, renderHtml, renderHtmlAsync, withFigures } from '../src/render/html.js';
import { stepDiagram } from '../src/render/mermaid/index.js';
import type { Report } from '../src/report/types.js';

const root = join(import.meta.dirname, '..');
const samples = [1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`));

describe('figures put into a page rendered before they were drawn', () => {
  let report: Report;
  let sources: string[];
  // Not mermaid's output (no browser here): SVGs with the characters the escaping must get right.
  const svgs = () =>
    sources.map(
      (_, i) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="${10 + i}"><text>step ${i + 1} &amp; "eth0" = 'x' \u00b7 \u2192</text></svg>`,
    );

  beforeAll(async () => {
    report = await buildReport(samples, { generatedAt: '2000-01-01T00:00:00.000Z' });
    sources = report.steps.map((s) => stepDiagram(s.model).source);
  });

  for (const compact of [false, true]) {
    it(`gives renderHtml's bytes (${compact ? 'compact' : 'static'} page)`, () => {
      const drawn = svgs();
      const placeholders = figurePlaceholders(sources);
      const early = renderHtml(report, { compact, diagrams: placeholders });
      const filled = withFigures(early, placeholders, drawn);
      const direct = renderHtml(report, {
        compact,
        diagrams: { mode: 'svg', sources, svgs: drawn, errors: sources.map(() => undefined) },
      });
      expect(filled).toBeDefined();
      expect(filled!.length).toBe(direct.length);
      expect(filled === direct).toBe(true);
      // Every figure is in the page, and no placeholder is left.
      for (const svg of drawn)
        expect(filled).toContain(Buffer.from(svg).toString('base64').replace(/=/g, '&#x3D;'));
      expect(filled).not.toContain('data-dockernet');
      for (const p of placeholders.svgs)
        expect(filled).not.toContain(Buffer.from(p!).toString('base64').slice(0, 60));
    });
  }

  it('gives nothing when a figure was not drawn: its place shows an error, so the page is rendered again', () => {
    const drawn: (string | undefined)[] = svgs();
    drawn[2] = undefined;
    const placeholders = figurePlaceholders(sources);
    const early = renderHtml(report, { diagrams: placeholders });
    expect(withFigures(early, placeholders, drawn)).toBeUndefined();
  });

  it('gives nothing for a page without the placeholders (rendered with other figures)', () => {
    const placeholders = figurePlaceholders(sources);
    const other = renderHtml(report, { diagrams: figurePlaceholders(sources) });
    expect(withFigures(other, placeholders, svgs())).toBeUndefined();
  });
});

describe('renderHtmlAsync (data blocks compressed on the thread pool)', () => {
  it("gives renderHtml's bytes, compact and static", async () => {
    const report = await buildReport(samples, { generatedAt: '2000-01-01T00:00:00.000Z' });
    for (const compact of [true, false]) {
      const page = await renderHtmlAsync(report, { compact });
      expect(page === renderHtml(report, { compact })).toBe(true);
      // The compact page has its groups (the slides' small matrix stays inline: no `r`) and the index.
      const blocks = [...page.matchAll(/<script type="application\/gzip" id="dn-z-(.)">/g)].map((m) => m[1]);
      expect(blocks).toEqual(compact ? ['t', 'a', 'i'] : []);
    }
  });
});
