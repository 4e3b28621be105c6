import { join } from 'node:path';
import Handlebars from 'handlebars';
import { isLang, type MessageId, translator } from '../i18n/index.js';
import type { Report } from '../report/types.js';
import { registerI18nHelpers } from './i18n-helpers.js';
import { loadTemplates, TEMPLATE_DIR } from './templates.js';
import { reportView } from './view.js';
import type { Audience, TextPart } from './view-analyses.js';

export interface MarkdownOptions {
  audience?: Audience;
  /** One Mermaid source per step (same order as report.steps); a missing one is left out. */
  diagrams?: (string | undefined)[];
  /**
   * The formats written beside report.md (default: html and json), for what the rows MD_ROWS
   * leaves out point to: report.html, report.json, or how to get them when neither is written.
   */
  formats?: readonly string[];
}

/** Newlines, tabs and other control characters: one space (a cell or a list item is one line). */
function oneLine(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
}

/**
 * Escape text so that Markdown and HTML read it as plain characters. Characters are escaped where
 * they could start structure, not everywhere, so the Markdown source stays readable
 * (`docker_gwbridge`, `DOWN -> UP`, `root@pts/0`).
 */
export function mdText(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = oneLine(String(value));
  s = s
    // HTML: no tag, comment or autolink can open without '<'; '&' only where it would make an entity.
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    // Code spans, emphasis, links and images, table cells, strikethrough, escapes.
    .replace(/[\\`*[|~]/g, (c) => `\\${c}`)
    // Underscore emphasis needs a non-alphanumeric neighbour: keep snake_case whole.
    .replace(/_/g, (c, i: number, all: string) =>
      /[A-Za-z0-9]/.test(all[i - 1] ?? '') && /[A-Za-z0-9]/.test(all[i + 1] ?? '') ? c : `\\${c}`,
    )
    // Headings and issue references (#12), @mentions: only after a non-word character.
    .replace(/(?<!\w)[#@]/g, '\\$&');
  // Structure that only counts at the start of a line: blockquote, list markers, setext and thematic rules.
  s = s
    .replace(/^(\s*)>/, '$1&gt;')
    .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)([-=])(?=[-=\s]*$)/, '$1\\$2');
  return s;
}

/** Text for an HTML block (a `<summary>`): one line, `&`, `<`, `>` and `"` as entities. */
export function htmlText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return oneLine(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Tables and lists of report.md stop after this many rows. The Markdown is what people paste into
 * a ticket or a chat (a GitHub comment holds 65,536 characters): on a big host its full tables
 * were 18 MB (20,000 sockets in an answer and again in the host's table, 5,000 routes, a section
 * per container) and took 2 s of a 7 s run. What is left out is counted where it would have been,
 * with a pointer to the formats written beside it that keep every row (report.html, report.json;
 * `mdWhere`), or how to get them. No slide sample reaches it.
 */
export const MD_ROWS = 50;

/** How `{{#rows list "kind"}}` says what it left out: as a table row, a list item, a comma list or a paragraph. */
const MORE: Record<string, { id: MessageId; line: (text: string, cols: number) => string }> = {
  // A table row of the table's `cols` cells (GFM would take fewer, but not every reader does).
  row: { id: 'md.more-rows', line: (text, cols) => `| ${text} |${' |'.repeat(Math.max(0, cols - 1))}\n` },
  item: { id: 'md.more-items', line: (text) => `- ${text}\n` },
  inline: { id: 'md.more-evidence', line: (text) => `, ${text}` },
  paragraph: { id: 'md.more-paragraphs', line: (text) => `${text}\n\n` },
  section: { id: 'md.more-namespaces', line: (text) => `${text}\n\n` },
};

/** Raw outputs longer than this show only their cited lines with context (the HTML has them all). */
export const MD_RAW_LINES = 200;
const MD_CONTEXT = 2;

/**
 * The raw outputs a step's findings and answers cite, for collapsed blocks: the whole text when
 * short, else the cited lines (numbered) with context and `…` for what is left out.
 */
function citedOutputs(step: Report['steps'][number]) {
  const cited = new Map<string, Set<number>>();
  // The evidence the Markdown shows: each list's first MD_ROWS (templates: {{#rows evidence}}).
  for (const e of [
    ...(step.analysis?.findings ?? []).flatMap((f) => f.evidence.slice(0, MD_ROWS)),
    ...(step.analysis?.answers ?? []).flatMap((a) => a.evidence.slice(0, MD_ROWS)),
  ]) {
    if (e.line === undefined) continue;
    cited.set(e.file, (cited.get(e.file) ?? new Set()).add(e.line));
  }
  return step.files
    .filter((f) => cited.has(f.path) && f.text !== '')
    .map((f) => {
      // Control characters (a terminal escape in a captured output) are shown, not sent.
      const lines = f.text
        .replace(/\n$/, '')
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd')
        .split('\n');
      const cmd = f.commandIndex !== undefined ? step.commands[f.commandIndex] : undefined;
      let text = lines.join('\n');
      let excerpt = false;
      if (lines.length > MD_RAW_LINES) {
        excerpt = true;
        const keep = new Array<boolean>(lines.length).fill(false);
        for (const c of cited.get(f.path) ?? [])
          for (let n = Math.max(1, c - MD_CONTEXT); n <= Math.min(lines.length, c + MD_CONTEXT); n++)
            keep[n - 1] = true;
        const width = String(lines.length).length;
        const out: string[] = [];
        lines.forEach((l, i) => {
          if (keep[i]) out.push(`${String(i + 1).padStart(width)}  ${l}`);
          else if (keep[i - 1] || i === 0) out.push('…');
        });
        text = out.join('\n');
      }
      return { path: f.path, command: cmd?.command ?? '', lines: lines.length, excerpt, text };
    });
}

function longestRun(s: string, ch: string): number {
  let max = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > max) max = run;
  }
  return max;
}

/** An inline code span; `inCell` also escapes pipes, which GFM splits cells on even inside code. */
export function mdCode(value: unknown, inCell = false): string {
  if (value === undefined || value === null || value === '') return '';
  let s = oneLine(String(value));
  // GFM splits a row before parsing inlines: its scanner reads `\` + punctuation as one unit, so a
  // pipe is a cell boundary unless an odd run of backslashes precedes it. Make every run odd.
  if (inCell) s = s.replace(/(\\*)\|/g, (_, run: string) => `${run}${run.length % 2 ? '\\\\' : '\\'}|`);
  const ticks = '`'.repeat(longestRun(s, '`') + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ')) ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

/** A fenced code block that no line of `source` can close. */
export function mdFence(info: string, source: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(source, '`') + 1));
  return `${fence}${info}\n${source.replace(/\n+$/, '')}\n${fence}`;
}

function parts(value: unknown, inCell: boolean): string {
  if (!Array.isArray(value)) return mdText(value);
  return (value as TextPart[]).map((p) => (p.code ? mdCode(p.text, inCell) : mdText(p.text))).join('');
}

let hb: typeof Handlebars | undefined;
let compiled: Handlebars.TemplateDelegate | undefined;

function engine(): Handlebars.TemplateDelegate {
  if (!hb || !compiled) {
    hb = Handlebars.create();
    hb.registerHelper('md', (v: unknown) => mdText(v));
    // Names in a message's parameters are data: escaped like {{md x}}.
    registerI18nHelpers(hb, (v) => (typeof v === 'number' ? v : mdText(v)));
    hb.registerHelper('code', (v: unknown) => mdCode(v));
    hb.registerHelper('cellcode', (v: unknown) => mdCode(v, true));
    /** TextPart[] (answers, findings) as one line of text with code spans. */
    hb.registerHelper('rich', (v: unknown) => parts(v, false));
    hb.registerHelper('cellrich', (v: unknown) => parts(v, true));
    /**
     * `{{#rows list "row|item|inline|paragraph|section" cols=N}}...{{/rows}}` (cols: a table's
     * column count, for "row"; a list for the columns after the first, as the reachability
     * tables' sources): `{{#each list}}` over the first
     * MD_ROWS items, then one line saying how many were left out (MORE). Same frames as each
     * (`@index`, `@last` of the rows shown, `../`), since it is each over a shorter list.
     */
    const each = hb.helpers.each as Handlebars.HelperDelegate;
    hb.registerHelper(
      'rows',
      function (this: unknown, list: unknown, kind: unknown, options: Handlebars.HelperOptions) {
        const all = Array.isArray(list) ? list : [];
        const more = all.length - MD_ROWS;
        if (more <= 0) return each.call(this, all, options);
        const how = MORE[String(kind)] ?? MORE.row!;
        const lang = options.data?.root?.lang;
        const where = String(options.data?.root?.mdWhere ?? '');
        const text = translator(isLang(lang) ? lang : 'en')(how.id, { n: more, where });
        const c: unknown = options.hash?.cols;
        const cols = Array.isArray(c) ? 1 + c.length : Number(c ?? 1);
        return `${each.call(this, all.slice(0, MD_ROWS), options)}${how.line(text, cols)}`;
      },
    );
    hb.registerHelper('fence', (info: unknown, v: unknown) => mdFence(String(info), String(v ?? '')));
    hb.registerHelper('html', (v: unknown) => htmlText(v));
    /** A list of values joined for one table cell: code spans separated by <br>. */
    hb.registerHelper('codelist', (v: unknown) =>
      Array.isArray(v) ? v.map((x) => mdCode(x, true)).join('<br>') : '',
    );
    hb.registerHelper('textlist', (v: unknown) =>
      Array.isArray(v) ? v.map((x) => mdText(x)).join('<br>') : '',
    );
    const dir = join(TEMPLATE_DIR, 'markdown');
    compiled = loadTemplates(hb, {
      dir,
      partialsDir: dir,
      precompiled: 'templates-markdown.precompiled.cjs',
      options: { noEscape: true, strict: false, preventIndent: true },
    });
  }
  return compiled;
}

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  // The compact page's file views: status and warnings without each line of each output as HTML
  // (the Markdown has no appendix of its own; citedOutputs reads the texts). Namespaces deferred:
  // only the MD_ROWS shown get their view (a 1,000-container host made 1,001 for 50).
  const view = reportView(report, opts.audience ?? 'review', 'full', true, true);
  const t = translator(report.lang);
  const steps = view.steps.map((s, i) => {
    const step = report.steps[i]!;
    const files = step.files.map((f, n) => ({
      path: f.path,
      size: f.size,
      status: s.files[n]?.status ?? '',
      warnings: s.files[n]?.warnings.length ?? 0,
      note: [f.truncated ? t('appendix.truncated') : '', f.encoding !== 'utf8' ? f.encoding : '']
        .filter(Boolean)
        .join(', '),
    }));
    const diagram = opts.diagrams?.[i];
    // The rest stay deferred: {{#rows}} only counts them.
    const namespaces = s.namespaces.map((ns, k) => (k < MD_ROWS && 'later' in ns ? ns.later() : ns));
    return {
      ...s,
      namespaces,
      mdFiles: files,
      rawOutputs: citedOutputs(step),
      diagram: diagram ? diagram : undefined,
    };
  });
  // `--cluster`: the cluster figure follows the steps' (outputs.ts).
  const clusterDiagram = view.cluster ? opts.diagrams?.[report.steps.length] : undefined;
  const html = opts.formats?.includes('html') ?? true;
  const json = opts.formats?.includes('json') ?? true;
  const text = engine()({
    view: { ...view, isAnswers: view.audience === 'answers', steps, clusterDiagram },
    lang: report.lang ?? 'en',
    mdWhere: t(
      html && json ? 'md.where-both' : html ? 'md.where-html' : json ? 'md.where-json' : 'md.where-none',
    ),
  });
  // Templates stay readable with blank lines around blocks; the output keeps at most one.
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
