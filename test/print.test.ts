/**
 * Paper: the four slide steps printed through the real pipeline (renderOutputs, Chromium
 * network-isolated, figures pre-rendered) as the review PDF (a document to read: at most 20 A4
 * pages, issue 13), the worksheet (`--audience handout --blanks`) and its answer key (at most 3 A4
 * pages per step each, issue 15). Every page is rendered by poppler's pdftoppm and checked for
 * ink, and the print layout for anything wider than the page (which the PDF would cut off); the
 * page and text facts come from pdfinfo and pdftotext, not from our own layout code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { renderHtml } from '../src/render/html.js';
import { BLANK } from '../src/render/mermaid/blanks.js';
import { stepDiagram } from '../src/render/mermaid/index.js';
import { type OutputOptions, outputBytes, renderOutputs } from '../src/render/outputs.js';
import type { Report } from '../src/report/types.js';
import { hasCommand, missing, testBrowserPath } from './support/env.js';

const root = join(import.meta.dirname, '..');
const samples = [1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`));

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(r.status, `${cmd}: ${r.stderr}`).toBe(0);
  return r.stdout;
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Answer and question text as a reader sees it: code spans lose their backticks. */
const plain = (s: string) => squash(s.replace(/`/g, ''));

/** The paragraphs of an answer (list items and blank-line separated text), as printed text. */
function paragraphs(answer: string): string[] {
  const out: string[] = [];
  for (const para of answer.split(/\n\s*\n/)) {
    let text: string[] = [];
    for (const line of para.split('\n')) {
      if (/^\s*- /.test(line)) {
        if (text.length) out.push(plain(text.join(' ')));
        text = [];
        out.push(plain(line.replace(/^\s*- /, '')));
      } else if (line.trim()) text.push(line);
    }
    if (text.length) out.push(plain(text.join(' ')));
  }
  return out.filter((p) => p.length > 0);
}

interface Pgm {
  w: number;
  h: number;
  px: Buffer;
}

function readPgm(file: string): Pgm {
  const b = readFileSync(file);
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(b.subarray(0, 64).toString('latin1'));
  expect(m).not.toBeNull();
  const w = Number(m![1]);
  const h = Number(m![2]);
  return { w, h, px: b.subarray(m![0].length, m![0].length + w * h) };
}

/** Share of non-white pixels. */
function ink(p: Pgm): number {
  let n = 0;
  for (const v of p.px) if (v < 200) n++;
  return n / p.px.length;
}

/** A4's width less the PDF's 11 mm side margins (src/render/pdf.ts), in CSS pixels. */
const CONTENT_PX = Math.floor(((210 - 22) / 25.4) * 96);

interface Printed {
  pdf: string;
  pages: number;
  /** Text of each page (pdftotext), index 0 = page 1. */
  text: string[];
  /** First page (1-based) of each step: where its label first appears after the previous step's. */
  stepStart: number[];
}

const browserPath = testBrowserPath();
const skip = missing({
  chromium: browserPath !== undefined,
  pdfinfo: hasCommand('pdfinfo'),
  pdftotext: hasCommand('pdftotext'),
  pdftoppm: hasCommand('pdftoppm'),
});

describe('the worksheet figure with blanks (no browser)', () => {
  it('keeps every interface index and drops every interface name', async () => {
    const report = await buildReport(samples);
    for (const step of report.steps) {
      const full = stepDiagram(step.model);
      const blank = stepDiagram(step.model, { blanks: true });
      expect(blank.figure.nodes).toHaveLength(full.figure.nodes.length);
      expect(blank.figure.edges).toEqual(full.figure.edges);
      const names = step.model.namespaces.flatMap((ns) => ns.interfaces.map((i) => i.name));
      let blanked = 0;
      full.figure.nodes.forEach((n, k) => {
        const first = n.lines[0] ?? '';
        const m = /^(\d+): (\S+)/.exec(first);
        const b = blank.figure.nodes[k]!.lines[0] ?? '';
        if (!m) {
          expect(b).toBe(first);
          return;
        }
        blanked++;
        // The index stays (the student matches it with `ip addr`), the name goes.
        expect(b.startsWith(`${m[1]}: ${BLANK}`), b).toBe(true);
        expect(names.some((name) => m[2]!.startsWith(name))).toBe(true);
        expect(b).not.toContain(m[2]);
      });
      // Every step of the course has interfaces in its figure.
      expect(blanked).toBeGreaterThan(0);
      expect(blank.source).toContain(BLANK);
    }
  });

  it("the worksheet and the key have no appendix: each evidence link lands on a line of the step's outputs", async () => {
    const report = await buildReport(samples);
    for (const audience of ['handout', 'answers'] as const) {
      const html = renderHtml(report, { audience });
      const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
      expect(new Set(ids).size, `${audience}: duplicate ids`).toBe(ids.length);
      expect(html).not.toContain('id="appendix"');
      const hrefs = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
      for (const h of hrefs) expect(ids, `${audience}: #${h}`).toContain(h);
      const evidence = [...html.matchAll(/class="ev" href="#([^"]+)"/g)].map((m) => m[1]!);
      expect(evidence.length > 0).toBe(audience === 'answers');
      for (const e of evidence) expect(e).toMatch(/-f\d+-L\d+$/);
    }
  });

  it('the CLI refuses --blanks without --audience handout (usage error, exit 2)', () => {
    const out = mkdtempSync(join(tmpdir(), 'dockernet-blanks-'));
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/dockernet.js'), 'report', samples[0]!, '-o', out, '--blanks', '--no-browser'],
      { encoding: 'utf8', env: { ...process.env, DOCKERNET_FROM_SOURCE: '1' } },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--blanks');
  });
});

describe.skipIf(skip)('paper: review PDF, worksheet and answer key of the four slide steps', () => {
  let report: Report;
  /** The same steps in German: longer words, the same layout (issue 15: the course is German). */
  let reportDe: Report;
  const dir = mkdtempSync(join(tmpdir(), 'dockernet-print-'));
  const printed: Record<'review' | 'handout' | 'answers' | 'handout-de' | 'answers-de', Printed> =
    {} as never;

  async function print(
    name: keyof typeof printed,
    opts: Partial<OutputOptions>,
    r = report,
  ): Promise<Printed> {
    const out = await renderOutputs(r, {
      formats: ['pdf'],
      audience: 'review',
      browser: browserPath!,
      ...opts,
    });
    const pdf = out.files.find((f) => f.name === 'report.pdf');
    expect(pdf, out.notes.join('; ')).toBeDefined();
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, outputBytes(pdf!.data));
    const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]))?.[1]);
    const text = Array.from({ length: pages }, (_, i) =>
      squash(run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), path, '-'])),
    );
    const stepStart: number[] = [];
    let from = 0;
    for (const s of r.steps) {
      const label = squash(s.label);
      const at = text.findIndex((t, i) => i >= from && t.includes(label));
      expect(at, `step ${s.index} "${label}" in ${name}`).toBeGreaterThanOrEqual(0);
      stepStart.push(at + 1);
      from = at;
    }
    return { pdf: path, pages, text, stepStart };
  }

  beforeAll(async () => {
    report = await buildReport(samples);
    reportDe = await buildReport(samples, { lang: 'de' });
    printed.review = await print('review', {});
    printed.handout = await print('handout', { audience: 'handout', blanks: true });
    printed.answers = await print('answers', { audience: 'answers' });
    printed['handout-de'] = await print('handout-de', { audience: 'handout', blanks: true }, reportDe);
    printed['answers-de'] = await print('answers-de', { audience: 'answers' }, reportDe);
    for (const [name, p] of Object.entries(printed))
      console.log(`${name}: ${p.pages} pages, steps start on pages ${p.stepStart.join(', ')}`);
  }, 240_000);

  /** Pages of each step of a worksheet (each step starts on a fresh page). */
  const pagesPerStep = (p: Printed) =>
    p.stepStart.map((start, i) => (p.stepStart[i + 1] ?? p.pages + 1) - start);

  it('the review PDF is at most 20 A4 pages (issue 13), the default cited appendix included', () => {
    const p = printed.review;
    expect(run('pdfinfo', [p.pdf])).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(p.pages).toBeLessThanOrEqual(20);
    expect(p.text.join(' ')).toContain('Appendix');
  });

  it('the review PDF keeps what a reader needs: every step, finding, change list, question and figure', () => {
    const all = p(printed.review);
    for (const s of report.steps) {
      for (const f of s.analysis?.findings ?? []) expect(all).toContain(plain(f.subject));
      for (const a of s.analysis?.answers ?? []) expect(all).toContain(plain(a.question));
      if (s.analysis?.diff) expect(all).toContain(`Changes since “${squash(s.analysis.diff.from)}”`);
    }
    // The figure of each step (an SVG, printed as vector drawing) with its caption.
    for (const s of report.steps) expect(all).toContain(`Figure ${s.index}: interfaces, bridges`);
  });

  it('the worksheet and the answer key take at most 3 A4 pages per step and 12 in all, in English and German', () => {
    for (const name of ['handout', 'answers', 'handout-de', 'answers-de'] as const) {
      const per = pagesPerStep(printed[name]);
      expect(per, name).toHaveLength(4);
      for (const n of per) expect(n, `${name}: ${per.join(', ')}`).toBeLessThanOrEqual(3);
      expect(printed[name].pages, name).toBeLessThanOrEqual(12);
      // Each step after the first starts on a fresh page: the page begins with its heading
      // (after the running header, the report's title).
      const r = name.endsWith('-de') ? reportDe : report;
      printed[name].stepStart.slice(1).forEach((start, i) => {
        const first = printed[name].text[start - 1]!;
        const at = first.indexOf(squash(r.steps[i + 1]!.label));
        expect(at, name).toBeGreaterThanOrEqual(0);
        expect(at, name).toBeLessThan(r.title.length + 20);
      });
    }
  });

  it('the worksheet asks every question of each step and gives no answer away', () => {
    const h = printed.handout;
    const all = p(h);
    report.steps.forEach((s, i) => {
      const text = h.text.slice(h.stepStart[i]! - 1, (h.stepStart[i + 1] ?? h.pages + 1) - 1).join(' ');
      const answered = (s.analysis?.answers ?? []).filter((a) => a.status === 'answered');
      expect(answered.length).toBeGreaterThan(0);
      for (const a of answered) expect(text, `step ${s.index}`).toContain(plain(a.question));
    });
    for (const s of report.steps)
      for (const a of s.analysis?.answers ?? [])
        for (const para of paragraphs(a.answer).filter((x) => x.length >= 40))
          expect(all, `answer of ${a.id} in step ${s.index}`).not.toContain(para.slice(0, 40));
    expect(all).not.toContain('Evidence:');
    // The figure asks for the interface names; the outputs are there to find them.
    expect(all).toContain('Fill in the name of each interface');
    expect(all).toContain('$ ip addr');
  });

  it('the answer key holds every answer (a paragraph repeated from an earlier step once, where it first came), in both languages', () => {
    for (const [name, r] of [
      ['answers', report],
      ['answers-de', reportDe],
    ] as const) {
      const all = p(printed[name]);
      expect(all).toContain(name === 'answers' ? 'Answer key' : 'Lösungen');
      for (const s of r.steps) {
        for (const a of (s.analysis?.answers ?? []).filter((x) => x.status === 'answered')) {
          expect(all, name).toContain(plain(a.question));
          for (const para of paragraphs(a.answer).filter((x) => x.length >= 40))
            expect(all, `${name}: answer of ${a.id} in step ${s.index}`).toContain(para.slice(0, 40));
        }
      }
    }
  });

  it('every page renders with ink on it', () => {
    for (const [name, p] of Object.entries(printed)) {
      const prefix = join(dir, `${name}-page`);
      run('pdftoppm', ['-gray', '-r', '50', p.pdf, prefix]);
      const files = readdirSync(dir)
        .filter((f) => f.startsWith(`${name}-page`) && f.endsWith('.pgm'))
        .sort();
      expect(files, name).toHaveLength(p.pages);
      for (const f of files) expect(ink(readPgm(join(dir, f))), `${name} ${f}`).toBeGreaterThan(0.002);
    }
  });

  /**
   * Chromium clips what is wider than the page's content box (no ink ever reaches the margin), so
   * overflow is checked in the print layout itself: the page as printed (print media, details
   * open) at the width of A4's content box must have no element reaching past it. The engine
   * samples (long MACs, IPv6 addresses, 64-hex network ids) are checked too.
   */
  it('nothing is wider than the page (print layout, A4 content width)', async () => {
    const { launchBrowser } = await import('../src/render/browser.js');
    const browser = await launchBrowser(browserPath!);
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: CONTENT_PX, height: 1000 });
      const wide = (extra = '') =>
        page.evaluate(`(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
          ${extra}
          const W = document.documentElement.clientWidth;
          return [...document.querySelectorAll('body *')].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > W + 1;
          }).map((el) => el.tagName + ': ' + (el.textContent || '').slice(0, 60));
        })()`) as Promise<string[]>;
      const engine = await buildReport(
        ['engine-step2', 'engine-step3', 'engine-step4'].map((s) => join(root, 'samples', `${s}.tar.gz`)),
      );
      for (const [which, r] of [
        ['slides', report],
        ['engine', engine],
      ] as const) {
        for (const audience of ['review', 'handout', 'answers'] as const) {
          await page.setContent(renderHtml(r, { audience, appendix: 'cited', compact: false }));
          await page.emulateMediaType('print');
          expect(await wide(), `${which} ${audience}`).toEqual([]);
        }
      }
      // The check sees an overflow when there is one.
      expect(
        (
          await wide(
            "document.body.insertAdjacentHTML('beforeend', '<table><tr><td>' + 'x'.repeat(300) + '</td></tr></table>');",
          )
        ).length,
      ).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });

  /** The whole PDF as one line of text. */
  function p(x: Printed): string {
    return x.text.join(' ');
  }
});
