/**
 * Mermaid for flowcharts only (src/render/mermaid-bundle.ts), checked against mermaid's own
 * complete bundle in real headless Chromium: the same sources give the same SVG bytes, another
 * diagram type fails with a message naming why, and the pages Chromium opens from its command
 * line (the CLI's diagram pages) are ready, loaded nothing, and draw the same figures.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClusterReport, buildReport } from '../src/pipeline.js';
import { blockRequests, launchBrowser } from '../src/render/browser.js';
import { startBrowser } from '../src/render/browser-start.js';
import {
  mermaidConfig,
  mermaidScriptPath,
  type PreparedPage,
  prepareDiagramPage,
  renderDiagrams,
} from '../src/render/diagrams.js';
import { clusterDiagram } from '../src/render/mermaid/cluster.js';
import { stepDiagram } from '../src/render/mermaid/index.js';
import {
  buildFlowchartBundle,
  builtFlowchartBundle,
  FLOWCHART_BUNDLE_PATH,
  flowchartBundle,
} from '../src/render/mermaid-bundle.js';
import {
  bigHost,
  HOSTILE_NAMES,
  hostileModel,
  step1,
  step2,
  step3,
  step4,
} from './fixtures-mermaid/models.js';
import { missing, testBrowserPath } from './support/env.js';

const browserPath = testBrowserPath();
const skip = missing({ chromium: browserPath !== undefined });

const sources = [
  ...[step1(), step2(), step3(), step4(), bigHost(1000, 50)].map((m) => stepDiagram(m).source),
  ...HOSTILE_NAMES.slice(0, 8).map((name, i) => stepDiagram(hostileModel(name, i % 2 === 0)).source),
];

describe('the flowchart bundle', () => {
  it('names the mermaid it was made of, and is a fraction of mermaid.min.js', async () => {
    const version = (createRequire(import.meta.url)('mermaid/package.json') as { version: string }).version;
    const text = await flowchartBundle();
    expect(text.split('\n')[0]).toBe(`/* dockernet: mermaid ${version}, flowcharts only */`);
    const full = readFileSync(mermaidScriptPath(), 'utf8').length;
    expect(text.length).toBeLessThan(full / 3);
    // Nothing in it fetches: mermaid's loaders of other diagram types are stubs.
    expect(text).toContain('dockernet draws flowcharts only; not bundled:');
  });

  it('npm run build wrote the same bundle a checkout without a build makes', async () => {
    const built = builtFlowchartBundle();
    if (built === undefined && process.env.CI === 'true')
      expect.fail(`${FLOWCHART_BUNDLE_PATH} missing or stale: npm ci runs the build`);
    if (built === undefined) {
      console.warn(`\n*** ${FLOWCHART_BUNDLE_PATH} is not built: compared nothing ***\n`);
      return;
    }
    expect(await buildFlowchartBundle()).toBe(built);
  }, 60_000);
});

describe.skipIf(skip)('the flowchart bundle in Chromium', () => {
  let browser: Browser;
  /** A page with mermaid's complete bundle, initialised with the same configuration. */
  async function referencePage(): Promise<PreparedPage> {
    const page = await browser.newPage();
    const attempted = await blockRequests(page);
    await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: mermaidScriptPath() });
    await page.evaluate((config) => {
      (window as unknown as { mermaid: { initialize(c: unknown): void } }).mermaid.initialize(config);
    }, mermaidConfig());
    return { page, attempted };
  }

  /**
   * Besides the generated models: the figures of real captures, every construct our writers
   * use (the cluster figure, the engine samples' overlays and published ports, German words,
   * the worksheet's blanks), since the bundle's edits to mermaid (mermaid-bundle.ts PATCHES)
   * must change nothing a figure shows.
   */
  const captured: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser(browserPath!);
    const samples = join(import.meta.dirname, '..', 'samples');
    const engine = await buildReport(
      ['engine-step2.tar.gz', 'engine-step4.tar.gz', 'engine-ufw-28.5.tar.gz'].map((f) => join(samples, f)),
    );
    for (const s of engine.steps) captured.push(stepDiagram(s.model).source);
    captured.push(stepDiagram(engine.steps[1]!.model, { lang: 'de', blanks: true }).source);
    const cluster = await buildClusterReport([join(samples, 'cluster-mixed')]);
    captured.push(
      clusterDiagram(cluster.cluster!.model).source,
      clusterDiagram(cluster.cluster!.model, 'de').source,
    );
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("draws every figure byte for byte as mermaid's complete bundle does", async () => {
    const blocked: string[][] = [];
    const all = [...sources, ...captured];
    expect(captured).toHaveLength(6);
    const ours = await renderDiagrams(all, {
      browser,
      pages: [prepareDiagramPage(browser)],
      png: true,
      onBlocked: (u) => blocked.push(u),
    });
    const theirs = await renderDiagrams(all, { browser, pages: [referencePage()], png: true });
    expect(ours.map((r) => r.error)).toEqual(all.map(() => undefined));
    expect(ours.map((r) => r.svg)).toEqual(theirs.map((r) => r.svg));
    expect(ours.map((r) => r.png?.length)).toEqual(theirs.map((r) => r.png?.length));
    expect(blocked).toEqual([[]]);
  }, 120_000);

  it('a diagram page is a page of its own, never one the browser already has (a PDF being made)', async () => {
    const others = [...(await browser.pages()), await browser.newPage()];
    const prepared = await prepareDiagramPage(browser);
    expect(others).not.toContain(prepared.page);
    await prepared.page.close();
  }, 60_000);

  it('fails another diagram type with a message, and goes on with the flowcharts', async () => {
    const r = await renderDiagrams(['sequenceDiagram\n  a->>b: hi', sources[0]!], {
      browser,
      pages: [prepareDiagramPage(browser)],
    });
    expect(r[0]?.error).toMatch(/flowcharts only; not bundled: .*sequenceDiagram/);
    expect(r[1]?.svg).toMatch(/^<svg/);
  }, 60_000);
});

describe.skipIf(skip)("the CLI's diagram pages, opened by Chromium from its command line", () => {
  // One page, and two (an idle machine's choice: headless Chromium refuses two start URLs, so
  // the second is made after connecting; with two URLs it exited at once).
  it.each([1, 2])(
    '%i page(s): ready, loaded nothing, and draw what a served page draws',
    async (count) => {
      const started = await startBrowser({
        browser: browserPath!,
        formats: ['html'],

        pages: count,
      });
      const session = await started.ready!;
      try {
        const pages = await Promise.all(session.pages);
        expect(pages.length).toBe(count);
        expect(pages[0]!.page.url()).toMatch(/^file:\/\/.*\/dockernet-start\.html$/);
        for (const p of pages) expect(await p.page.evaluate('window.dockernetReady')).toBe('ok');
        const blocked: string[][] = [];
        const drawn = await renderDiagrams(sources.slice(0, 4), {
          browser: session.browser,
          pages: session.pages,
          onBlocked: (u) => blocked.push(u),
        });
        const served = await renderDiagrams(sources.slice(0, 4), {
          browser: session.browser,
          pages: [prepareDiagramPage(session.browser)],
        });
        expect(drawn.map((r) => r.svg)).toEqual(served.map((r) => r.svg));
        expect(drawn.every((r) => r.svg?.startsWith('<svg'))).toBe(true);
        expect(blocked).toEqual([[]]);
      } finally {
        await session.browser.close();
      }
    },
    120_000,
  );
});
