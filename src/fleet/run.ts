/**
 * `dockernet fleet`: many unrelated hosts, one report each plus an index. Hosts are streamed: a
 * host's report is built, rendered, written and dropped before the next bundle is read, so memory
 * stays that of the biggest host and time grows linearly with the number of hosts
 * (docs/performance.md, "Fleets"). One browser and one diagram page (mermaid loaded once) serve
 * every host's figures; a page a diagram broke is replaced, a browser that died is started again.
 * A bundle that cannot be read or analysed becomes a row with its error, never a lost host.
 */
import { basename, join } from 'node:path';
import type { ReadLimits } from '../bundle/limits.js';
import { localizeText } from '../i18n/coded.js';
import { type Lang, translator } from '../i18n/index.js';
import { buildReport } from '../pipeline.js';
import { type OutputData, writeOutputFile } from '../render/output-data.js';
import type { BrowserStart, Format } from '../render/outputs.js';
import type { AppendixMode } from '../render/view.js';
import type { Audience } from '../render/view-analyses.js';
import { VERSION } from '../version.js';
import { renderFleetHtml } from './index-html.js';
import { renderFleetMarkdown } from './index-md.js';
import { FLEET_SCHEMA, FLEET_SCHEMA_VERSION, type FleetIndex, type FleetRow, rowOf } from './row.js';
import { SlugAllocator } from './slug.js';

export interface FleetOptions {
  /** Formats of each host's report (the index is always html, json and md). */
  formats: Format[];
  audience: Audience;
  browser?: string | false;
  paper?: 'a4' | 'letter';
  appendix?: AppendixMode;
  limits?: ReadLimits;
  /** Fixed timestamp (tests). */
  generatedAt?: string;
  progress?: (msg: string) => void;
  /** The language of the reports and the index (default English). */
  lang?: Lang;
  /** Called after each host is written (the bench samples memory here). */
  onHost?: (row: FleetRow, done: number, total: number) => void;
}

export interface FleetResult {
  index: FleetIndex;
  /** Paths of index.html, index.json, index.md. */
  indexFiles: string[];
  /** Things to tell the user once (no browser, a figure that failed on a host...). */
  notes: string[];
  /** Files written for the hosts. */
  hostFiles: number;
}

/** The output folder could not be written: the CLI exits with its output code. */
export class FleetWriteError extends Error {}

const REPORT_FILES: Record<Format, string> = {
  html: 'report.html',
  json: 'report.json',
  md: 'report.md',
  pdf: 'report.pdf',
};

function write(path: string, data: OutputData): void {
  try {
    writeOutputFile(path, data);
  } catch (e) {
    throw new FleetWriteError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

/** The input's file name without .tar.gz: what a row is called when its bundle names no host. */
function inputName(input: string): string {
  return basename(input.replace(/\/+$/, '')).replace(/\.(tar\.gz|tgz)$/i, '') || input;
}

export async function runFleet(inputs: string[], outDir: string, opts: FleetOptions): Promise<FleetResult> {
  const progress = opts.progress ?? (() => {});
  const t = translator(opts.lang ?? 'en');
  const { abandonBrowser, renderOutputs, startBrowser } = await import('../render/outputs.js');
  const browserOpts = {
    formats: opts.formats,
    ...(opts.lang ? { lang: opts.lang } : {}),
    ...(opts.browser !== undefined ? { browser: opts.browser } : {}),
  };
  let started: BrowserStart = await startBrowser({ ...browserOpts, shared: true });
  const notes = new Set<string>();
  const slugs = new SlugAllocator();
  const rows: FleetRow[] = [];
  let hostFiles = 0;

  /** Before each host: a diagram page that works, in a browser that is still there. */
  const ensureSession = async (): Promise<void> => {
    if (!started.ready) return;
    let failure: unknown;
    const session = await started.ready.catch((e: unknown) => {
      failure = e;
      return undefined;
    });
    if (!session) {
      // It never started: the rest of the fleet goes without (figures drawn by each page's
      // script, as with --no-browser) rather than trying to launch it once per host.
      notes.add(`the browser could not be started (${String(failure)}): no figure pre-rendered, no PDF`);
      started = await startBrowser({ ...browserOpts, browser: false, shared: true });
      return;
    }
    if (!session.browser.connected) {
      await abandonBrowser(started);
      progress('the browser is gone: starting it again');
      started = await startBrowser({ ...browserOpts, shared: true });
      return;
    }
    for (const [k, p] of session.pages.entries()) {
      const page = await p.catch(() => undefined);
      if (!page || page.page.isClosed()) {
        const { prepareDiagramPage } = await import('../render/diagrams.js');
        const fresh = prepareDiagramPage(session.browser);
        fresh.catch(() => undefined);
        session.pages[k] = fresh;
      }
    }
  };

  try {
    for (const [i, input] of inputs.entries()) {
      const fallback = inputName(input);
      progress(t('fleet.cli.progress', { i: i + 1, n: inputs.length, input }));
      let row: FleetRow;
      // Known once the report is built: a host whose rendering fails keeps its name in the row.
      let host = fallback;
      try {
        const report = await buildReport([input], {
          ...(opts.limits ? { limits: opts.limits } : {}),
          ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
          ...(opts.lang ? { lang: opts.lang } : {}),
        });
        const base = rowOf(report, input, fallback);
        host = base.host;
        if (base.error) {
          row = base;
        } else {
          const slug = slugs.next(base.host);
          await ensureSession();
          const result = await renderOutputs(
            report,
            {
              formats: opts.formats,
              audience: opts.audience,
              ...(opts.browser !== undefined ? { browser: opts.browser } : {}),
              ...(opts.paper ? { paper: opts.paper } : {}),
              ...(opts.appendix ? { appendix: opts.appendix } : {}),
            },
            started,
          );
          for (const f of result.files) write(join(outDir, slug, f.name), f.data);
          hostFiles += result.files.length;
          for (const n of result.notes)
            notes.add(/step 1|Schritt 1/.test(n) ? `${base.host} (${slug}/): ${n}` : n);
          const files: FleetRow['files'] = {};
          for (const f of opts.formats)
            if (result.files.some((x) => x.name === REPORT_FILES[f])) files[f] = `${slug}/${REPORT_FILES[f]}`;
          row = { ...base, slug, files };
        }
      } catch (e) {
        if (e instanceof FleetWriteError) throw e;
        const { BundleReadError } = await import('../bundle/read.js');
        const msg = e instanceof Error ? e.message : String(e);
        row = {
          input,
          host,
          error:
            e instanceof BundleReadError
              ? localizeText(opts.lang ?? 'en', e)
              : t('fleet.unexpected', { error: msg }),
        };
      }
      rows.push(row);
      opts.onHost?.(row, i + 1, inputs.length);
    }
  } finally {
    await abandonBrowser(started);
  }

  const index: FleetIndex = {
    schema: FLEET_SCHEMA,
    schemaVersion: FLEET_SCHEMA_VERSION,
    generator: { name: 'dockernet', version: VERSION },
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    ...(opts.lang ? { lang: opts.lang } : {}),
    hosts: rows,
  };
  const indexFiles = [
    [join(outDir, 'index.html'), renderFleetHtml(index)],
    [join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`],
    [join(outDir, 'index.md'), renderFleetMarkdown(index)],
  ] as const;
  for (const [p, data] of indexFiles) write(p, data);
  return { index, indexFiles: indexFiles.map(([p]) => p), notes: [...notes], hostFiles };
}
