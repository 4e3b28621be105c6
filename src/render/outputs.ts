/**
 * The "render" stage: one Report -> the files of the output folder (report.html, report.json,
 * report.md, report.pdf, diagrams/step-N.mmd, .drawio, .svg and .png). One browser at most per run, shared by
 * the diagrams and the PDF; puppeteer is only loaded when a browser is used, so HTML without a
 * browser stays fast.
 */
import type { Report } from '../report/types.js';
import { type BrowserStart, startBrowser } from './browser-start.js';
import type { Format } from './formats.js';
import { type HtmlOptions, isCompact, renderHtml, type StepDiagrams } from './html.js';
import { stepDiagram } from './mermaid/index.js';
import type { AppendixMode } from './view.js';
import type { Audience } from './view-analyses.js';

export { abandonBrowser, type BrowserStart, startBrowser } from './browser-start.js';
export { FORMATS, type Format } from './formats.js';

export interface OutputOptions {
  formats: Format[];
  audience: Audience;
  /** A browser executable, or false to use none (no pre-rendered diagrams, no PDF). */
  browser?: string | false;
  paper?: 'a4' | 'letter';
  /** The PDF's appendix of raw outputs (default cited: the lines findings and answers cite). */
  appendix?: AppendixMode;
  /** Progress lines for the slow parts (browser launch, diagrams, PDF). */
  progress?: (msg: string) => void;
}

export interface OutputFile {
  /** Path inside the output folder. */
  name: string;
  data: string | Buffer;
}

export interface OutputResult {
  files: OutputFile[];
  /** Things the user should know: no browser found, a diagram that failed... */
  notes: string[];
  /** Where the browser came from, when one was used. */
  browser?: string;
}

export async function renderOutputs(
  report: Report,
  opts: OutputOptions,
  started?: BrowserStart,
): Promise<OutputResult> {
  const progress = opts.progress ?? (() => {});
  const files: OutputFile[] = [];
  const figures = report.steps.map((s) => stepDiagram(s.model));
  const sources = figures.map((d) => d.source);
  const { drawioFile } = await import('./drawio.js');
  figures.forEach((d, i) => {
    files.push({ name: `diagrams/step-${i + 1}.mmd`, data: `${d.source}\n` });
    // The same nodes and edges, for diagrams.net: people edit it and paste it into their wiki.
    files.push({ name: `diagrams/step-${i + 1}.drawio`, data: drawioFile(d.figure, `step ${i + 1}`) });
  });

  let diagrams: StepDiagrams | undefined;
  const start = started ?? (await startBrowser({ ...opts, figures: report.steps.length }));
  const notes: string[] = [...start.notes];
  const browserPath = start.path;
  const { NO_BROWSER_HELP } = await import('./browser-find.js');
  const session = await start.ready;
  const browser = session?.browser;
  try {
    if (session) {
      progress(`rendering ${sources.length} diagram(s) in Chromium (${browserPath})`);
      const { renderDiagrams } = await import('./diagrams.js');
      const rendered = await renderDiagrams(sources, {
        browser: session.browser,
        pages: session.pages,
        idPrefix: 'topology',
        png: true,
      });
      diagrams = {
        mode: 'svg',
        sources,
        svgs: rendered.map((r) => r.svg),
        errors: rendered.map((r) => r.error),
      };
      const { svgFile } = await import('./diagrams.js');
      rendered.forEach((r, i) => {
        if (r.svg) files.push({ name: `diagrams/step-${i + 1}.svg`, data: svgFile(r.svg) });
        if (r.png) files.push({ name: `diagrams/step-${i + 1}.png`, data: r.png });
        else notes.push(`the figure of step ${i + 1} could not be drawn: ${r.error ?? 'unknown error'}`);
      });
    } else {
      const { mermaidScriptPath, mermaidConfig } = await import('./diagram-script.js');
      diagrams = { mode: 'script', sources, scriptPath: mermaidScriptPath(), config: mermaidConfig() };
      if (opts.formats.includes('html'))
        notes.push(
          "diagrams are drawn by mermaid's script inside report.html when it is opened (no browser to pre-render them)",
        );
    }

    const htmlOpts: HtmlOptions = { audience: opts.audience, diagrams };
    const html = renderHtml(report, htmlOpts);
    if (opts.formats.includes('html')) files.push({ name: 'report.html', data: html });
    if (opts.formats.includes('json'))
      files.push({ name: 'report.json', data: `${JSON.stringify(report, null, 2)}\n` });
    if (opts.formats.includes('md')) {
      const { renderMarkdown } = await import('./markdown.js');
      files.push({
        name: 'report.md',
        data: renderMarkdown(report, { audience: opts.audience, diagrams: sources }),
      });
    }
    if (opts.formats.includes('pdf')) {
      if (browser) {
        progress('printing the PDF');
        const { renderPdf } = await import('./pdf.js');
        // The PDF shows pre-rendered figures: the page's own script mode is never printed.
        // The PDF is a document to read: its appendix shows only what the report cites (by default).
        const pdfAppendix = opts.appendix ?? 'cited';
        // A compact page (big host) fills its blocks by script when opened: paper needs them static.
        const pdfHtml =
          pdfAppendix === 'full' && !isCompact(report, htmlOpts)
            ? html
            : renderHtml(report, { ...htmlOpts, appendix: pdfAppendix, compact: false });
        const pdf = await renderPdf(browser, pdfHtml, { paper: opts.paper ?? 'a4', title: report.title });
        files.push({ name: 'report.pdf', data: pdf });
      } else {
        notes.push(
          `report.pdf was not written: ${opts.browser === false ? 'a PDF needs a browser, and --no-browser was given' : NO_BROWSER_HELP}`,
        );
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
  }
  return { files, notes, ...(browserPath ? { browser: browserPath } : {}) };
}
