/**
 * The rows of the HTML report's biggest tables (routes, sockets, processes), every evidence link
 * and the text of answers and findings (`code` parts), written in code instead of Handlebars: a 1,000-container host has ~30,000 such rows, and
 * Handlebars' per-cell lookups, helper and partial calls were most of the HTML render (issue 13,
 * docs/performance.md "Session 4"). The markup is the one the templates had (namespace-html.ts
 * writes the table and its header); every value is escaped with Handlebars' own escapeExpression.
 *
 *   {{{rows 'route' routes}}}   {{> ev ev}}   {{{textHtml parts}}}   {{{listItemsHtml items}}}
 *   {{{reachRows rows}}}   {{{reachPaths paths anchor}}}   (the reachability matrix, reach.hbs)
 */
import Handlebars from 'handlebars';
import { isLang, type Lang, translator } from '../i18n/index.js';
import { LazyStore } from './lazy.js';
import type { EvidenceLink } from './view-anchors.js';
import type { ReachView } from './view-reach.js';

const esc = Handlebars.Utils.escapeExpression;

/** Helper and partial options: only the root data (the page's `lazy` store and `lang`) is used. */
interface Data {
  data?: { root?: { lazy?: unknown; lang?: unknown } };
}

const titles = new Map<Lang, (text: string) => string>();

function evidenceTitle(lang: Lang): (text: string) => string {
  let title = titles.get(lang);
  if (!title) {
    const t = translator(lang);
    title = (text) => t('label.evidence-title', { text });
    titles.set(lang, title);
  }
  return title;
}

/**
 * One evidence link, `<a class="ev" href="#file-L12" title="evidence: file:12">file:12</a>`.
 * Inside a stored block (compact mode, src/render/lazy.ts) the title is left out: it repeats the
 * link's text and was ~10% of a 20,000-row table after compression.
 */
export function evidenceHtml(e: EvidenceLink | undefined, options: Data | undefined): string {
  if (!e) return '';
  const root = options?.data?.root;
  const text = esc(e.text);
  const href = esc(e.href);
  if (root?.lazy instanceof LazyStore && root.lazy.inBlock) return `<a class="ev" href="${href}">${text}</a>`;
  const title = evidenceTitle(isLang(root?.lang) ? root.lang : 'en');
  return `<a class="ev" href="${href}" title="${esc(title(String(e.text ?? '')))}">${text}</a>`;
}

type Cells = Record<string, unknown> & { ev?: EvidenceLink };

/** Each table: its cells in order, `code` for a `<code>` cell, a class for a `<td class>` cell. */
const TABLES: Record<string, { indent: string; cells: [string, ('code' | string)?][] }> = {
  route: {
    indent: '      ',
    cells: [
      ['type'],
      ['dst', 'code'],
      ['via', 'code'],
      ['dev'],
      ['proto'],
      ['scope'],
      ['src', 'code'],
      ['flags', 'flags'],
    ],
  },
  listening: {
    indent: '      ',
    cells: [
      ['proto'],
      ['local', 'code'],
      ['localPortNumber'],
      ['bind'],
      ['state'],
      ['process'],
      ['command', 'cmd'],
    ],
  },
  connected: {
    indent: '      ',
    cells: [['proto'], ['local', 'code'], ['foreign', 'code'], ['state'], ['process'], ['command', 'cmd']],
  },
  process: { indent: '        ', cells: [['pid'], ['ppid'], ['user'], ['command', 'cmd']] },
};

/** `{{{rows 'route' routes}}}`: the table's rows, each cell escaped, the evidence link last. */
export function tableRows(kind: string, rows: readonly Cells[], options: Data): string {
  const table = TABLES[kind];
  if (!table) throw new Error(`rows: unknown table '${kind}'`);
  let out = '';
  for (const r of rows) {
    out += `${table.indent}<tr>`;
    for (const [key, how] of table.cells) {
      const v = esc(r[key] as string);
      if (how === 'code') out += `<td><code>${v}</code></td>`;
      else if (how) out += `<td class="${how}">${v}</td>`;
      else out += `<td>${v}</td>`;
    }
    out += `<td>${evidenceHtml(r.ev, options)}</td></tr>\n`;
  }
  return out;
}

/** A text's parts (view-analyses.ts textParts): plain text, and `code` parts in <code>. */
interface TextPart {
  text: string;
  code: boolean;
}

/** `{{{textHtml parts}}}`: the parts escaped, code parts in <code> (an answer's list has 20,000 items on a big host). */
export function textHtml(parts: readonly TextPart[]): string {
  let out = '';
  for (const p of parts) out += p.code ? `<code>${esc(p.text)}</code>` : esc(p.text);
  return out;
}

/** `{{{listItemsHtml items}}}`: one `<li>` per item, each a list of parts. */
export function listItemsHtml(items: readonly (readonly TextPart[])[]): string {
  let out = '';
  for (const item of items) out += `<li>${textHtml(item)}</li>`;
  return out;
}

/** The root's language (`lang` at the template's root), English when it names none. */
function langOf(options: Data | undefined): Lang {
  const lang = options?.data?.root?.lang;
  return isLang(lang) ? lang : 'en';
}

/**
 * `{{{reachRows rows}}}`: the rows of one table of the reachability matrix (reach.hbs), one cell
 * per source linking to its path (~14,000 cells on the bench's big host).
 */
export function reachRowsHtml(rows: ReachView['tables'][number]['rows']): string {
  let out = '';
  for (const r of rows) {
    out += `      <tr><th scope="row" class="dst"><span class="dst-where">${esc(r.where)}</span> <code class="dst-addr">${esc(r.addressText)}</code><br><span class="muted dst-label">${esc(r.label)}</span></th>`;
    for (const c of r.cells) {
      if (c.empty) {
        out += '<td></td>';
        continue;
      }
      const v = esc(c.verdict);
      out += `<td class="v-cell v-${v}"><a class="v v-${v}" href="${esc(c.href)}" title="${esc(c.title)}" aria-label="${esc(c.label)}">${esc(c.text)}</a></td>`;
    }
    out += '</tr>\n';
  }
  return out;
}

/** `a; b; c` of escaped texts (`{{#each xs}}{{this}}{{#unless @last}}; {{/unless}}{{/each}}`). */
const joined = (xs: readonly unknown[]) => xs.map((x) => esc(x as string)).join('; ');

/**
 * `{{{reachPaths paths anchor}}}`: the section of each path a matrix cell links to (reach.hbs;
 * up to HTML_PATHS of them, each with its hops and their evidence links). `anchor` is the
 * matrix's, for the link back.
 */
export function reachPathsHtml(paths: ReachView['paths'], anchor: string, options: Data): string {
  const t = translator(langOf(options));
  const head = `<thead><tr><th>#</th><th>${esc(t('label.namespace'))}</th><th>${esc(t('label.stage'))}</th><th>${esc(t('label.what-happened'))}</th><th>${esc(t('label.evidence'))}</th></tr></thead>`;
  const back = `<p class="path-back"><a href="#${esc(anchor)}">${esc(t('reach.back'))}</a></p>`;
  const assumed = esc(t('reach.assumed'));
  let out = '';
  for (const p of paths) {
    const name = esc(t('reach.path-n', { n: p.n }));
    out += `    <section class="path${p.notable ? ' notable' : ''}" id="${esc(p.anchor)}" aria-label="${name}">\n`;
    out += `      <h4><span class="v v-${esc(p.verdict)}">${esc(p.verdictText)}</span> ${name}: ${esc(p.reason)}</h4>\n`;
    out += `      <p class="muted path-users">${joined(p.usedBy)}${p.moreUsers ? `; ${esc(t('reach.more-cells', { n: p.moreUsers }))}` : ''}</p>\n`;
    out += `      <table class="data path-hops">\n        ${head}\n        <tbody>\n`;
    for (const h of p.hops) {
      out += `          <tr><td>${esc(String(h.n))}</td><td><code>${esc(h.namespace)}</code></td><td>${esc(h.stage)}</td><td>${esc(h.detail)}${h.rule ? `<br><code class="rule">${esc(h.rule)}</code>` : ''}</td><td>`;
      for (const e of h.evidence) out += `${evidenceHtml(e, options)} `;
      out += '</td></tr>\n';
    }
    out += '        </tbody>\n      </table>\n';
    out += `      ${p.assumptions.length ? `<p class="muted path-assumed">${assumed} ${joined(p.assumptions)}.</p>` : ''}\n`;
    out += `      ${back}\n    </section>\n`;
  }
  return out;
}

export function registerRows(hb: typeof Handlebars): void {
  hb.registerPartial('ev', ((ctx: unknown, options?: Data) =>
    ctx && !(Array.isArray(ctx) && ctx.length === 0)
      ? evidenceHtml(ctx as EvidenceLink, options)
      : '') as unknown as Handlebars.Template);
  hb.registerHelper('rows', (kind: unknown, rows: unknown, options: Data) =>
    Array.isArray(rows) ? tableRows(String(kind), rows as Cells[], options) : '',
  );
  hb.registerHelper('textHtml', (parts: unknown) =>
    Array.isArray(parts) ? textHtml(parts as TextPart[]) : '',
  );
  hb.registerHelper('reachRows', (rows: unknown) =>
    Array.isArray(rows) ? reachRowsHtml(rows as ReachView['tables'][number]['rows']) : '',
  );
  hb.registerHelper('reachPaths', (paths: unknown, anchor: unknown, options: Data) =>
    Array.isArray(paths) ? reachPathsHtml(paths as ReachView['paths'], String(anchor ?? ''), options) : '',
  );
  hb.registerHelper('listItemsHtml', (items: unknown) =>
    Array.isArray(items) ? listItemsHtml(items as TextPart[][]) : '',
  );
}
