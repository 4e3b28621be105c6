/**
 * Report -> one self-contained HTML file: inline CSS allowed by hash in a Content-Security-Policy
 * that also forbids frames, fonts, images from anywhere but data: and every fetch. A report
 * opened from a ticket cannot reach the network, and markup in a hostile bundle cannot run:
 * Handlebars escapes every {{value}}, and the CSP is the second line.
 *
 * Diagrams: pre-rendered SVGs are shown as <img src="data:image/svg+xml..."> (an SVG image runs
 * no script and loads nothing). Without a browser to pre-render them, the page carries mermaid's
 * script inline, allowed by its hash and by nothing else, and draws them when opened; mermaid's
 * SVGs need inline styles then, so only that mode allows 'unsafe-inline' styles.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { translator } from '../i18n/index.js';
import type { Report } from '../report/types.js';
import { svgDataUri } from './diagram-script.js';
import { registerI18nHelpers } from './i18n-helpers.js';
import { type LazyGroup, LazyStore, PAGE_SCRIPT, wantsCompact } from './lazy.js';
import { registerRows } from './rows.js';
import { loadTemplates, readTemplate, TEMPLATE_DIR } from './templates.js';
import { type AppendixMode, reportView } from './view.js';
import type { Audience } from './view-analyses.js';

let compiled: Handlebars.TemplateDelegate | undefined;

/**
 * `{{#lazy group="t" summary="..." inline=bool}}...{{/lazy}}`: the block as it is on a static page
 * (no store) or when `inline`; in compact mode a collapsed `<details>` whose content is stored
 * compressed (src/render/lazy.ts) and filled by the page's script when opened.
 */
function registerLazy(hb: typeof Handlebars): void {
  hb.registerHelper('lazy', function (this: unknown, options: Handlebars.HelperOptions) {
    const store: unknown = options.data?.root?.lazy;
    if (!(store instanceof LazyStore) || options.hash.inline) return options.fn(this);
    const group: LazyGroup = options.hash.group === 'r' ? 'r' : 't';
    const id = store.reserve(group);
    store.fill(id, options.fn(this));
    const n = options.hash.rows;
    const t = translator(options.data?.root?.lang);
    const text = String(options.hash.summary ?? '');
    const rows =
      n === undefined
        ? text
        : typeof n === 'number'
          ? t('report.lazy-rows', { summary: text, n })
          : `${text} (${String(n)})`;
    const summary = hb.Utils.escapeExpression(rows);
    return `<details class="lazy"><summary>${summary}</summary><div class="lazy-body" data-lazy="${id}">${noScriptNote(t)}</div></details>`;
  });
  // `{{#lazyFile text anchor}}metadata{{/lazyFile}}`: one appendix file in compact mode, its
  // metadata and text stored together; the page numbers the lines itself.
  hb.registerHelper(
    'lazyFile',
    function (this: unknown, text: unknown, anchor: unknown, options: Handlebars.HelperOptions) {
      const store: unknown = options.data?.root?.lazy;
      if (!(store instanceof LazyStore)) return options.fn(this);
      const id = store.add('a', [options.fn(this), String(text)]);
      const t = translator(options.data?.root?.lang);
      return `<div class="lazy-body" data-lazy="${id}" data-anchor="${hb.Utils.escapeExpression(String(anchor))}">${noScriptNote(t)}</div>`;
    },
  );
}

/** What a reader without JavaScript sees in place of a stored block. */
function noScriptNote(t: ReturnType<typeof translator>): string {
  return `<span class="muted lazy-note">${Handlebars.Utils.escapeExpression(t('report.lazy-needs-js'))}</span>`;
}

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  registerLazy(hb);
  registerI18nHelpers(hb);
  registerRows(hb);
  const main = loadTemplates(hb, {
    dir: TEMPLATE_DIR,
    partialsDir: join(TEMPLATE_DIR, 'partials'),
    precompiled: 'templates.precompiled.cjs',
    options: { strict: false, preventIndent: true },
  });
  compiled = main;
  return main;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * `inlineStyles`: mermaid's SVGs drawn in the page carry style attributes; the compact mode's own
 * script inserts markup without any, so it keeps the styles to the stylesheet's hash.
 */
export function cspFor(css: string, scripts: string[] = [], inlineStyles = scripts.length > 0): string {
  return [
    "default-src 'none'",
    inlineStyles ? "style-src 'unsafe-inline'" : `style-src ${sha256(css)}`,
    ...(scripts.length > 0 ? [`script-src ${scripts.map(sha256).join(' ')}`] : []),
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The figure of each step: a pre-rendered SVG, or its Mermaid source for the page to draw. */
export type StepDiagrams =
  | { mode: 'svg'; sources: string[]; svgs: (string | undefined)[]; errors: (string | undefined)[] }
  | {
      mode: 'script';
      sources: string[];
      /** Mermaid for flowcharts (mermaid-bundle.ts), inlined: the page draws its figures when opened. */
      script: string;
      config: Record<string, unknown>;
    };

export interface HtmlOptions {
  audience?: Audience;
  /** The figures were drawn with blanks (--blanks): their captions say what to fill in. */
  blanks?: boolean;
  diagrams?: StepDiagrams;
  /** How much of the raw outputs the appendix shows (default full: every file, every line). */
  appendix?: AppendixMode;
  /**
   * Big tables, the reachability matrix and the appendix stored compressed and filled on demand
   * by the page's one script (src/render/lazy.ts). Default: only for a full-appendix page whose
   * estimated static size passes COMPACT_THRESHOLD_BYTES; never for a page to be printed.
   */
  compact?: boolean;
}

/** Whether renderHtml with these options writes the compact page. */
export function isCompact(report: Report, opts: HtmlOptions = {}): boolean {
  if (opts.compact !== undefined) return opts.compact;
  return (opts.appendix ?? 'full') === 'full' && wantsCompact(report);
}

/** A node line of the Mermaid source (`  n5[["3: docker0 (bridge)..."]]`), see mermaid/flowchart.ts. */
const FIGURE_NODE = /^\s*n\d+[[({]/gm;
const BIG_FIGURE_NODES = 10;

export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const css = readTemplate('report.css') + readTemplate('analyses.css') + readTemplate('print.css');
  const compact = isCompact(report, opts);
  const view = reportView(report, opts.audience ?? 'review', opts.appendix ?? 'full', compact);
  const t = translator(report.lang);
  const d = opts.diagrams;
  const scripts: string[] = [];
  const lazy = compact ? new LazyStore() : undefined;
  if (lazy) scripts.push(PAGE_SCRIPT);
  if (d?.mode === 'script') {
    // `</script` cannot occur in the bundle today; escaping it keeps the page well-formed if it ever does.
    scripts.push(d.script.replace(/<\/script/gi, '<\\/script'));
    scripts.push(
      `document.addEventListener('DOMContentLoaded',function(){mermaid.initialize(${JSON.stringify(d.config)});mermaid.run({querySelector:'pre.mermaid'});});`.replace(
        /<\/script/gi,
        '<\\/script',
      ),
    );
  }
  view.steps.forEach((s, i) => {
    const source = d?.sources[i];
    if (source === undefined || !d) return;
    const svg = d.mode === 'svg' ? d.svgs[i] : undefined;
    s.diagram = {
      anchor: `${s.anchor}-topology`,
      source,
      alt: t('diagram.alt', { n: s.index, label: s.label }),
      caption: `${t('diagram.caption', { n: s.index })}${opts.blanks ? ` ${t('diagram.blanks')}` : ''}`,
      img: svg ? svgDataUri(svg) : undefined,
      script: d.mode === 'script',
      error: d.mode === 'svg' ? d.errors[i] : undefined,
      // Paper keeps a figure of a few boxes small and gives a busy one the page's width, so its
      // labels stay readable (print.css).
      big: (source.match(FIGURE_NODE) ?? []).length > BIG_FIGURE_NODES,
    };
  });
  // `--cluster`: the cluster figure follows the steps' figures in `d.sources`.
  const k = view.steps.length;
  if (view.cluster && d && d.sources[k] !== undefined) {
    const svg = d.mode === 'svg' ? d.svgs[k] : undefined;
    view.cluster.diagram = {
      anchor: 'cluster-topology',
      source: d.sources[k],
      alt: `The cluster: ${view.cluster.counts.nodes} node(s) and the VXLAN tunnels between them`,
      caption:
        'The cluster: each node with its underlay interface and its overlays; lines are VXLAN tunnels (thick: forwarding entries on both ends).',
      img: svg ? svgDataUri(svg) : undefined,
      script: d.mode === 'script',
      error: d.mode === 'svg' ? d.errors[k] : undefined,
    };
  }
  const csp = cspFor(css, scripts, d?.mode === 'script');
  const html = template()({ view, css, csp, scripts, lazy, compact, lang: report.lang ?? 'en' });
  if (!lazy) return html;
  // The data blocks go last, after every block was stored while rendering.
  const end = html.lastIndexOf('</body>');
  return `${html.slice(0, end)}${lazy.dataBlocks()}\n${html.slice(end)}`;
}
