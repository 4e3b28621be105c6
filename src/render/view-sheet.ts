/**
 * The worksheet layout (`--audience handout`) and its answer key (`--audience answers`): per
 * step, the outputs the questions are about, trimmed to the lines the answers cite, then the
 * figure, then the questions with ruled space (handout) or with their answers (answers). No
 * tables, no findings, no appendix: a teacher prints it, at most 3 A4 pages per step for the
 * course's slide samples (test/print.test.ts).
 *
 *   $ ip addr show  in host · host/ip-addr.out · 9 of 16 lines
 *     1 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 ...
 *     …
 */
import type { ReportStep } from '../report/types.js';
import { keep, linesHtml, wideLines } from './view-lines.js';

/** Lines kept around each cited line: the worksheet is tighter than the PDF's appendix. */
const SHEET_CONTEXT = 1;
/** A file this short is shown whole: cutting it would save nothing and lose its shape. */
const SHORT_FILE = 8;

/**
 * The raw outputs one step's answered questions cite, in the order the questions first cite
 * them; each with its lines trimmed to the cited ones (and SHEET_CONTEXT around them). The line
 * anchors are the appendix's (`<step>-f<i>-L<n>`), so the answer key's evidence links land here.
 */
export function sheetFiles(step: ReportStep) {
  const cited = new Map<string, Set<number>>();
  for (const a of step.analysis?.answers ?? []) {
    if (a.status !== 'answered') continue;
    for (const e of a.evidence) {
      if (e.line === undefined) continue;
      const set = cited.get(e.file) ?? new Set<number>();
      set.add(e.line);
      cited.set(e.file, set);
    }
  }
  return [...cited].flatMap(([path, lines]) => {
    const i = step.files.findIndex((f) => f.path === path);
    const f = step.files[i];
    if (!f || f.text === '') return [];
    const cmd = f.commandIndex !== undefined ? step.commands[f.commandIndex] : undefined;
    const all = f.text.replace(/\n$/, '').split('\n');
    const whole = all.length <= SHORT_FILE;
    const shown = whole ? all.length : keep(all.length, lines, SHEET_CONTEXT).filter(Boolean).length;
    return [
      {
        anchor: `${step.anchor}-f${i}`,
        path,
        command: cmd?.command ?? '',
        scope: cmd?.scope ?? '',
        linesHtml: linesHtml(all, `${step.anchor}-f${i}`, whole ? 'full' : 'cited', lines, SHEET_CONTEXT),
        wide: wideLines(all, whole ? 'full' : 'cited', lines, SHEET_CONTEXT),
        trimmed: shown < all.length,
        shownLines: shown,
        totalLines: all.length,
      },
    ];
  });
}

export type SheetFile = ReturnType<typeof sheetFiles>[number];
