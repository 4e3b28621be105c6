/**
 * Report -> one self-contained HTML file: inline CSS allowed by hash in a Content-Security-Policy
 * that also forbids scripts, frames, fonts, images from anywhere but data: and every fetch. A report
 * opened from a ticket cannot reach the network, and markup in a hostile bundle cannot run:
 * Handlebars escapes every {{value}}, and the CSP is the second line.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Report } from '../report/types.js';
import { readTemplate, TEMPLATE_DIR } from './templates.js';
import { reportView } from './view.js';
import type { Audience } from './view-analyses.js';

let compiled: Handlebars.TemplateDelegate | undefined;
let hb: typeof Handlebars | undefined;

function engine(): { hb: typeof Handlebars; template: Handlebars.TemplateDelegate } {
  if (!hb || !compiled) {
    hb = Handlebars.create();
    for (const f of readdirSync(join(TEMPLATE_DIR, 'partials'))) {
      if (f.endsWith('.hbs')) hb.registerPartial(f.slice(0, -4), readTemplate(join('partials', f)));
    }
    compiled = hb.compile(readTemplate('report.hbs'), { strict: false, preventIndent: true });
  }
  return { hb, template: compiled };
}

export function cspFor(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `style-src 'sha256-${hash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface HtmlOptions {
  audience?: Audience;
}

export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const { template } = engine();
  const css = readTemplate('report.css') + readTemplate('analyses.css');
  return template({ view: reportView(report, opts.audience ?? 'review'), css, csp: cspFor(css) });
}
