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
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { translator } from '../i18n/index.js';
import type { Report } from '../report/types.js';
import { rawFileHtml } from './appendix-html.js';
import { svgDataUri } from './diagram-script.js';
import { registerI18nHelpers } from './i18n-helpers.js';
import { LazyStore, lazyBlock, noScriptNote, PAGE_SCRIPT, wantsCompact } from './lazy.js';
import { namespaceHtml } from './namespace-html.js';
import { registerRows } from './rows.js';
import { loadTemplates, readTemplate, TEMPLATE_DIR } from './templates.js';
import {
  type AppendixMode,
  type DeferredNamespaceView,
  type FileView,
  type NamespaceView,
  reportView,
} from './view.js';
import type { Audience } from './view-analyses.js';

let compiled: Handlebars.TemplateDelegate | undefined;

/**
 * `{{#lazy group="t" summary="..." inline=bool}}...{{/lazy}}`: the block as it is on a static page
 * (no store) or when `inline`; in compact mode a collapsed `<details>` whose content is stored
 * compressed (src/render/lazy.ts) and filled by the page's script when opened.
 */
function registerLazy(hb: typeof Handlebars): void {
  hb.registerHelper('lazy', function (this: unknown, options: Handlebars.HelperOptions) {
    const root = options.data?.root;
    return lazyBlock(
      root?.lazy,
      root?.lang,
      {
        group: options.hash.group === 'r' ? 'r' : 't',
        summary: String(options.hash.summary ?? ''),
        rows: options.hash.rows,
        inline: options.hash.inline,
      },
      () => options.fn(this),
    );
  });
  // `{{#lazyFile text anchor}}metadata{{/lazyFile}}`: one appendix file in compact mode, its
  // metadata and text stored together; the page numbers the lines itself.
  hb.registerHelper(
    'lazyFile',
    function (this: unknown, text: unknown, anchor: unknown, options: Handlebars.HelperOptions) {
      const store: unknown = options.data?.root?.lazy;
      if (!(store instanceof LazyStore)) return options.fn(this);
      const id = store.add('a', [options.fn(this), String(text)]);
      return `<div class="lazy-body" data-lazy="${id}" data-anchor="${hb.Utils.escapeExpression(String(anchor))}">${noScriptNote(options.data?.root?.lang)}</div>`;
    },
  );
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
  registerCodePartials(hb);
  compiled = main;
  return main;
}

/**
 * Partials written in code (speed, see namespace-html.ts and appendix-html.ts), registered after the templates' own
 * so that they win over a stale precompiled file that still has a template of that name.
 */
function registerCodePartials(hb: typeof Handlebars): void {
  hb.registerPartial('namespace', ((
    ctx: NamespaceView | DeferredNamespaceView,
    options: Parameters<typeof namespaceHtml>[1],
  ) => namespaceHtml('later' in ctx ? ctx.later() : ctx, options)) as unknown as Handlebars.Template);
  hb.registerPartial('rawfile', ((ctx: FileView, options: Parameters<typeof rawFileHtml>[1]) =>
    rawFileHtml(ctx, options)) as unknown as Handlebars.Template);
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

/** A figure's `<img src>` as the page has it (Handlebars escapes `=` of the base64). */
const imgSrc = (svg: string) => Handlebars.Utils.escapeExpression(svgDataUri(svg));

/**
 * Pre-rendered figures that are not drawn yet: the CLI writes the page while Chromium still draws
 * them (outputs.ts), each figure's image a placeholder, then puts the drawn SVGs in their places
 * (withFigures). A placeholder carries a random token, so no text of a bundle can be one.
 */
export function figurePlaceholders(sources: string[]): StepDiagrams & { mode: 'svg' } {
  const token = randomUUID();
  return {
    mode: 'svg',
    sources,
    svgs: sources.map((_, i) => `<svg xmlns="http://www.w3.org/2000/svg" data-dockernet="${token}-${i}"/>`),
    errors: sources.map(() => undefined),
  };
}

/**
 * The page rendered with `placeholders`, each figure's image now `svgs[i]`: the same bytes as
 * renderHtml with these SVGs. Undefined when a figure was not drawn (the page then shows an
 * error instead of an image and must be rendered again) or its placeholder is not in the page.
 */
export function withFigures(
  html: string,
  placeholders: StepDiagrams & { mode: 'svg' },
  svgs: (string | undefined)[],
): string | undefined {
  let out = html;
  for (const [i, placeholder] of placeholders.svgs.entries()) {
    const svg = svgs[i];
    const parts = out.split(imgSrc(placeholder!));
    if (svg === undefined || parts.length < 2) return undefined;
    out = parts.join(imgSrc(svg));
  }
  return out;
}

export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const { html, lazy } = renderPage(report, opts);
  return lazy ? withDataBlocks(html, lazy.dataBlocks()) : html;
}

/**
 * renderHtml, the same bytes, with the compact page's data blocks compressed on libuv's threads
 * (side by side, while this thread is free: the CLI then takes Chromium's figures in).
 */
export async function renderHtmlAsync(report: Report, opts: HtmlOptions = {}): Promise<string> {
  const { html, lazy } = renderPage(report, opts);
  return lazy ? withDataBlocks(html, await lazy.dataBlocksAsync()) : html;
}

/** The data blocks go last, after every block was stored while rendering. */
function withDataBlocks(html: string, blocks: string): string {
  const end = html.lastIndexOf('</body>');
  return `${html.slice(0, end)}${blocks}\n${html.slice(end)}`;
}

/** The page without its data blocks, and the compact page's store of them. */
function renderPage(report: Report, opts: HtmlOptions): { html: string; lazy?: LazyStore } {
  const css = readTemplate('report.css') + readTemplate('analyses.css') + readTemplate('print.css');
  const compact = isCompact(report, opts);
  const view = reportView(report, opts.audience ?? 'review', opts.appendix ?? 'full', compact, true);
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
  return lazy ? { html, lazy } : { html };
}
