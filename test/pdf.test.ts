/**
 * PDF through real headless Chromium (every request blocked; as root inside a namespace without
 * network): the four slide samples, checked with poppler's pdfinfo, pdftotext and pdftoppm.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { launchBrowser } from '../src/render/browser.js';
import { renderHtml } from '../src/render/html.js';
import { headerTemplate, PdfTimeoutError, renderPdf } from '../src/render/pdf.js';
import type { Report } from '../src/report/types.js';
import { hasCommand, missing, testBrowserPath } from './support/env.js';

const root = join(import.meta.dirname, '..');
const browserPath = testBrowserPath();
const skip = missing({
  chromium: browserPath !== undefined,
  pdfinfo: hasCommand('pdfinfo'),
  pdftotext: hasCommand('pdftotext'),
  pdftoppm: hasCommand('pdftoppm'),
});

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(r.status, `${cmd}: ${r.stderr}`).toBe(0);
  return r.stdout;
};

/** Share of a PGM (P5, 8 bit) image's pixels that are not white. */
function inkRatio(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  expect(header).not.toBeNull();
  const [all, w, h] = header!;
  const pixels = pgm.subarray(all.length, all.length + Number(w) * Number(h));
  let ink = 0;
  for (const p of pixels) if (p < 200) ink++;
  return ink / pixels.length;
}

describe('headerTemplate', () => {
  it('escapes the title and sets an explicit font size', () => {
    const h = headerTemplate('<img src=x onerror=alert(1)> & "host"');
    expect(h).not.toContain('<img');
    expect(h).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;host&quot;');
    expect(h).toContain('font-size:8px');
  });
});

describe.skipIf(skip)('PDF of the four slide samples', () => {
  let browser: Browser;
  let report: Report;
  let dir: string;
  let pdfPath: string;
  let ms = 0;
  const blocked: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dockernet-pdf-'));
    report = await buildReport([1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`)));
    browser = await launchBrowser(browserPath!);
    const t0 = Date.now();
    const pdf = await renderPdf(browser, renderHtml(report), { title: report.title, blocked });
    ms = Date.now() - t0;
    pdfPath = join(dir, 'report.pdf');
    writeFileSync(pdfPath, pdf);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is an A4 PDF with a page per step at least, and loads nothing', () => {
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const info = run('pdfinfo', [pdfPath]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(blocked).toEqual([]);
    console.log(`renderPdf: ${pages} pages in ${ms} ms`);
  });

  it('holds every step, the header title and "Page X of Y"', () => {
    const text = run('pdftotext', [pdfPath, '-']).replace(/\s+/g, ' ');
    for (const s of report.steps) expect(text).toContain(s.label.replace(/\s+/g, ' '));
    expect(text).toContain(report.title);
    expect(text).toMatch(/Page 1 of \d+/);
    // The appendix prints open: raw output lines are in the PDF.
    expect(text).toContain('docker-proxy');
    expect(text).toContain('Appendix');
  });

  it('every page renders with ink on it', () => {
    const out = join(dir, 'page');
    run('pdftoppm', ['-gray', '-r', '50', pdfPath, out]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.pgm'));
    const count = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdfPath]))?.[1]);
    expect(pages).toHaveLength(count);
    for (const p of pages) {
      const ratio = inkRatio(readFileSync(join(dir, p)));
      expect(ratio, p).toBeGreaterThan(0.002);
    }
    run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfPath, join(dir, 'first')]);
    const png = readdirSync(dir).find((f) => f.startsWith('first') && f.endsWith('.png'));
    expect(png).toBeDefined();
    expect(readFileSync(join(dir, png!)).length).toBeGreaterThan(5000);
  });

  it('letter paper on request', async () => {
    const one = { ...report, steps: report.steps.slice(0, 1) };
    const pdf = await renderPdf(browser, renderHtml(one), {
      title: 'x',
      paper: 'letter',
      openDetails: false,
    });
    const p = join(dir, 'letter.pdf');
    writeFileSync(p, pdf);
    expect(run('pdfinfo', [p])).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });

  it('untagged without bookmarks by default, its contents and evidence still links; bookmarks on request', async () => {
    // Links stay in the default PDF (the table of contents, evidence): pdftohtml would list
    // them; here their annotations are counted in the file.
    const plain = readFileSync(pdfPath);
    expect(run('pdfinfo', [pdfPath])).toMatch(/^Tagged:\s+no/m);
    expect(plain.includes('/Outlines')).toBe(false);
    expect(plain.toString('latin1').match(/\/Subtype\s*\/Link/g)?.length ?? 0).toBeGreaterThan(20);
    const one = { ...report, steps: report.steps.slice(0, 1) };
    const marked = await renderPdf(browser, renderHtml(one), { title: 'x', outline: true });
    const p = join(dir, 'outline.pdf');
    writeFileSync(p, marked);
    expect(marked.includes('/Outlines')).toBe(true);
  });

  it('a draft completed with its figures prints what the final page prints; a failed figure reloads', async () => {
    const one = { ...report, steps: report.steps.slice(3) };
    const sources = ['flowchart LR\n  a --> b'];
    const svg = (w: number, label: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="120"><rect width="${w}" height="120" fill="#336"/><text x="10" y="60" fill="#fff">${label}</text></svg>`;
    const page = (svgs: (string | undefined)[], errors: (string | undefined)[] = []) =>
      renderHtml(one, {
        diagrams: { mode: 'svg', sources, svgs, errors },
        appendix: 'cited',
        compact: false,
      });
    const placeholder = svg(8, 'placeholder');
    const drawn = svg(600, 'the drawn figure');
    const asPages = async (pdf: Buffer, name: string) => {
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, pdf);
      run('pdftoppm', ['-gray', '-r', '40', file, join(dir, name)]);
      return readdirSync(dir)
        .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm'))
        .sort()
        .map((f) => readFileSync(join(dir, f)));
    };
    const uri = (x: string) => `data:image/svg+xml;base64,${Buffer.from(x).toString('base64')}`;
    const direct = await asPages(await renderPdf(browser, page([drawn]), { title: 't' }), 'direct');
    const filled = await asPages(
      await renderPdf(
        browser,
        { draft: page([placeholder]), final: Promise.resolve({ fill: [[uri(placeholder), uri(drawn)]] }) },
        { title: 't' },
      ),
      'filled',
    );
    expect(filled.length).toBe(direct.length);
    expect(filled.map((p, i) => p.equals(direct[i]!))).toEqual(direct.map(() => true));
    // The placeholder page differs from the final one: the comparison above can fail.
    const draftOnly = await asPages(await renderPdf(browser, page([placeholder]), { title: 't' }), 'draft');
    expect(draftOnly.some((p, i) => !direct[i] || !p.equals(direct[i]!))).toBe(true);
    // A figure that failed: the final HTML is loaded in place of the draft, its error printed.
    const failed = await renderPdf(
      browser,
      { draft: page([placeholder]), final: Promise.resolve({ html: page([undefined], ['mermaid broke']) }) },
      { title: 't' },
    );
    writeFileSync(join(dir, 'failed.pdf'), failed);
    expect(run('pdftotext', [join(dir, 'failed.pdf'), '-'])).toContain('mermaid broke');
    // A draft missing a placeholder is an error, not a PDF without its figure.
    await expect(
      renderPdf(
        browser,
        { draft: page([placeholder]), final: Promise.resolve({ fill: [[uri(drawn), uri(placeholder)]] }) },
        { title: 't' },
      ),
    ).rejects.toThrow(/no image/);
  });

  it('a page that tries to load something is blocked and reported', async () => {
    const seen: string[] = [];
    const html = '<!DOCTYPE html><title>t</title><img src="http://example.invalid/x.png"><p>hello</p>';
    const pdf = await renderPdf(browser, html, { title: 't', blocked: seen });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(seen).toEqual(['http://example.invalid/x.png']);
  });

  it('gives up after the hard timeout and closes its page', async () => {
    const before = (await browser.pages()).length;
    await expect(
      renderPdf(browser, renderHtml(report), { title: 't', timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(PdfTimeoutError);
    expect((await browser.pages()).length).toBe(before);
  });
});
