/**
 * Numbered raw lines as HTML for the appendix and the worksheet's outputs: every line, or only
 * the cited ones with `context` lines around them and "…" where lines were left out. Each line
 * carries the anchor evidence links point to (`<file anchor>-L<n>`).
 */
import Handlebars from 'handlebars';

/** Handlebars' own `{{value}}` escaping, for HTML built here rather than in a template. */
const esc = Handlebars.Utils.escapeExpression;

/**
 * How much of the raw outputs the appendix shows: every line (`full`, the HTML's default), only
 * the lines that findings and answers cite with two lines of context (`cited`, the PDF's
 * default), or a list of the files without their text (`none`).
 */
export type AppendixMode = 'full' | 'cited' | 'none';

/** Lines around a cited one that the cited appendix shows. */
export const CONTEXT_LINES = 2;

/** Lines within `context` lines of a cited line (1-based), or none. */
export function keep(total: number, cited: Set<number> | undefined, context = CONTEXT_LINES): boolean[] {
  const k = new Array<boolean>(total).fill(false);
  for (const c of cited ?? [])
    for (let n = Math.max(1, c - context); n <= Math.min(total, c + context); n++) k[n - 1] = true;
  return k;
}

export function shownCount(total: number, cited: Set<number> | undefined): number {
  return keep(total, cited).filter(Boolean).length;
}

export function linesHtml(
  lines: string[],
  anchor: string,
  mode: AppendixMode,
  cited: Set<number> | undefined,
  context = CONTEXT_LINES,
): string {
  const line = (text: string, n: number) =>
    `<span class="ln" id="${anchor}-L${n + 1}"><span class="n">${n + 1}</span>${esc(text)}\n</span>`;
  if (mode === 'full') return lines.map(line).join('');
  if (mode === 'none') return '';
  const k = keep(lines.length, cited, context);
  let html = '';
  let gap = false;
  lines.forEach((text, n) => {
    if (k[n]) {
      if (gap) html += '<span class="gap">…\n</span>';
      gap = false;
      html += line(text, n);
    } else gap = true;
  });
  if (gap && html) html += '<span class="gap">…\n</span>';
  return html;
}

/** Characters of 7.5 px monospace that fit one of the printed appendix's two columns. */
const COLUMN_CHARS = 68;

/**
 * Whether most shown lines are longer than a printed column (netstat, ps): such a file spans the
 * page so that its columns stay aligned; the others are printed two columns to a page.
 */
export function wideLines(
  lines: string[],
  mode: AppendixMode,
  cited: Set<number> | undefined,
  context = CONTEXT_LINES,
): boolean {
  const k = mode === 'cited' ? keep(lines.length, cited, context) : undefined;
  const shown = k ? lines.filter((_, i) => k[i]) : lines;
  return shown.filter((l) => l.length > COLUMN_CHARS).length > shown.length / 4;
}

/**
 * The line count of a raw output and whether it is wide (as wideLines with every line shown),
 * without splitting it: the compact page of a big host needs only these for ~12 MB of outputs in
 * ~300,000 lines, and splitting them made as many strings for nothing. Lines as
 * `text.replace(/\n$/, '').split('\n')` gives them (none for an empty text).
 */
export function lineStats(text: string): { count: number; wide: boolean } {
  if (text === '') return { count: 0, wide: false };
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  let count = 0;
  let long = 0;
  for (let start = 0; ; ) {
    const nl = text.indexOf('\n', start);
    const stop = nl < 0 || nl >= end ? end : nl;
    count++;
    if (stop - start > COLUMN_CHARS) long++;
    if (stop === end) break;
    start = stop + 1;
  }
  return { count, wide: long > count / 4 };
}
