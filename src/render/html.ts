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
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Report } from '../report/types.js';
import { readTemplate, TEMPLATE_DIR } from './templates.js';
import { type AppendixMode, reportView } from './view.js';
import type { Audience } from './view-analyses.js';

let compiled: Handlebars.TemplateDelegate | undefined;

/** dist/templates.precompiled.cjs, written at build time; used only while newer than every template. */
const PRECOMPILED = join(TEMPLATE_DIR, '..', 'dist', 'templates.precompiled.cjs');

function newestTemplate(): number {
  const partials = join(TEMPLATE_DIR, 'partials');
  return Math.max(
    statSync(join(TEMPLATE_DIR, 'report.hbs')).mtimeMs,
    ...readdirSync(partials).map((f) => statSync(join(partials, f)).mtimeMs),
  );
}

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  if (existsSync(PRECOMPILED) && statSync(PRECOMPILED).mtimeMs >= newestTemplate()) {
    // Compiling the templates costs ~0.25 s per run; the build precompiles them.
    type Spec = Parameters<typeof Handlebars.template>[0];
    const pre = createRequire(import.meta.url)(PRECOMPILED) as { main: Spec; partials: Record<string, Spec> };
    for (const [name, spec] of Object.entries(pre.partials)) hb.registerPartial(name, hb.template(spec));
    compiled = hb.template(pre.main);
    return compiled;
  }
  for (const f of readdirSync(join(TEMPLATE_DIR, 'partials'))) {
    if (f.endsWith('.hbs')) hb.registerPartial(f.slice(0, -4), readTemplate(join('partials', f)));
  }
  compiled = hb.compile(readTemplate('report.hbs'), { strict: false, preventIndent: true });
  return compiled;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function cspFor(css: string, scripts: string[] = []): string {
  return [
    "default-src 'none'",
    scripts.length > 0 ? "style-src 'unsafe-inline'" : `style-src ${sha256(css)}`,
    ...(scripts.length > 0 ? [`script-src ${scripts.map(sha256).join(' ')}`] : []),
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The figure of each step: a pre-rendered SVG, or its Mermaid source for the page to draw. */
export type StepDiagrams =
  | { mode: 'svg'; sources: string[]; svgs: (string | undefined)[]; errors: (string | undefined)[] }
  | { mode: 'script'; sources: string[]; scriptPath: string; config: Record<string, unknown> };

export interface HtmlOptions {
  audience?: Audience;
  diagrams?: StepDiagrams;
  /** How much of the raw outputs the appendix shows (default full: every file, every line). */
  appendix?: AppendixMode;
}

function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const css = readTemplate('report.css') + readTemplate('analyses.css') + readTemplate('print.css');
  const view = reportView(report, opts.audience ?? 'review', opts.appendix ?? 'full');
  const d = opts.diagrams;
  const scripts: string[] = [];
  if (d?.mode === 'script') {
    // `</script` cannot occur in the bundle today; escaping it keeps the page well-formed if it ever does.
    scripts.push(readFileSync(d.scriptPath, 'utf8').replace(/<\/script/gi, '<\\/script'));
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
      alt: `Topology of step ${s.index}: ${s.label}`,
      caption: `Figure ${s.index}: interfaces, bridges, veth pairs, containers and published ports of this step.`,
      img: svg ? svgDataUri(svg) : undefined,
      script: d.mode === 'script',
      error: d.mode === 'svg' ? d.errors[i] : undefined,
    };
  });
  return template()({ view, css, csp: cspFor(css, scripts), scripts });
}
