/**
 * Parser for psmisc (and BusyBox) `pstree -p`, `pstree -ap` and `pstree -pU` process trees.
 *
 *   npm(1)-+-MainThread(4)
 *          |-node(13)-+-{node}(14)
 *          |          `-{node}(19)
 *          |-sleep(5)---sleep(6)
 *          `-{npm}(7)
 *   npm,1
 *     |-node,13 server.js
 *     |   `-{node},14
 *
 * One record per process or thread, with its parent's PID and its depth. Things that are not
 * obvious:
 *
 * - The tree is drawn, not listed: a line starts with the continuation bars of its ancestors,
 *   and `---` / `-+-` chain a child onto the same line. A node's parent is therefore found by
 *   COLUMN: the nearest node above (or to the left) that starts left of it. Siblings start in
 *   the same column, which is what makes this work for both layouts.
 * - `-U` (and a UTF-8 locale on some builds) draws with `─┬├│└`; they are mapped to the ASCII
 *   characters of the same width before reading, so columns do not move.
 * - Threads are shown in braces, `{node}(14)`; `thread` is set and the braces dropped.
 * - `-a` prints `name,pid args` (args without argv0), each process on its own line, and a
 *   zombie in parentheses: `(sleep,6)`.
 * - Names are the kernel's `comm` (15 characters), not argv: `MainThread`, not `python3`.
 *   A name may contain parentheses (`(sd-pam)(1234)`) and single spaces, never two spaces in
 *   a row: that keeps a column listing (`ps`) from being read as a tree.
 * - The course slides print `npm(1) ---node(21)` (a space before `---`): spaces around the
 *   connectors are allowed.
 * - Without `-p` there are no PIDs and identical siblings are folded (`6*[{node}]`): such nodes
 *   cannot be records and are reported as warnings.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface PstreeNode {
  pid: number;
  /** comm as pstree prints it; braces of thread names removed. */
  name: string;
  parentPid?: number;
  thread?: boolean;
  /** `-a`: the arguments after the name. */
  args?: string;
  /** `-a`: pstree marks zombies with parentheses. */
  zombie?: boolean;
  /** 0 for a root of the output. */
  depth: number;
  line: number;
}

const BOX: Record<string, string> = { '─': '-', '┬': '+', '├': '|', '│': '|', '└': '`', '┴': '+', '┼': '+' };
const BOX_CHARS = /[─┬├│└┴┼]/g;

/** `name(pid)` of `-p` (a `,user` or `,pgid` may follow the PID with `-u`/`-g`). */
const P_NODE = /^((?:(?! {2})[^\t])+?)\((\d+)(?:,[^)\s]{1,64})?\)(?=$|\s|-)/;
/**
 * `name,pid args` of `-a`, or `(name,pid)` for a zombie. Tried first: an argument list may
 * contain `(digits)` that would pass for a `-p` node, but a `-p` node never has `,digits` after
 * its name.
 */
const A_NODE = /^(\()?((?:(?! {2})[^,()\t])+?),(\d+)(\))?(?=\s|$)\s*(.*)$/;
/** What joins a parent and its first child on one line. */
const CONNECTOR = /^\s*(?:---|-\+-)\s*/;

interface Open {
  col: number;
  pid: number;
  depth: number;
}

function parse(text: string): ParseResult<PstreeNode> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');

  const records: PstreeNode[] = [];
  const warnings: ParseWarning[] = [];
  const stack: Open[] = [];
  let unparsed = 0;

  const add = (col: number, pid: number, rawName: string, lineNo: number, extra: Partial<PstreeNode>) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.col ?? -1) >= col) stack.pop();
    const parent = stack[stack.length - 1];
    const thread = /^\{.*\}$/.test(rawName);
    const name = thread ? rawName.slice(1, -1) : rawName;
    const depth = parent ? parent.depth + 1 : 0;
    const rec: Omit<PstreeNode, 'depth' | 'line'> = { pid, name };
    if (parent) rec.parentPid = parent.pid;
    if (thread) rec.thread = true;
    records.push({ ...rec, ...extra, depth, line: lineNo });
    stack.push({ col, pid, depth });
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').replace(BOX_CHARS, (c) => BOX[c] ?? c);
    if (line.trim() === '') continue;
    // Leading bars and the branch mark (`|-`, `` `- ``) of this line.
    let pos = /^[ |`]*/.exec(line)?.[0].length ?? 0;
    if (pos > 0 && line[pos] === '-' && /[|`]/.test(line[pos - 1] ?? '')) pos++;

    let first = true;
    while (pos < line.length) {
      const rest = line.slice(pos);
      const a = first ? A_NODE.exec(rest) : null;
      if (a?.[2] !== undefined && a[3] !== undefined) {
        const extra: Partial<PstreeNode> = {};
        if (a[5]) extra.args = a[5].trimEnd();
        if (a[1] && a[4]) extra.zombie = true;
        add(pos, Number(a[3]), a[2], lineNo, extra);
        break;
      }
      const p = P_NODE.exec(rest);
      if (p?.[1] !== undefined && p[2] !== undefined) {
        add(pos, Number(p[2]), p[1], lineNo, {});
        pos += p[0].length;
        const c = CONNECTOR.exec(line.slice(pos));
        if (!c) break;
        pos += c[0].length;
        first = false;
        continue;
      }
      unparsed++;
      if (unparsed <= 5) {
        warnings.push({
          line: lineNo,
          ...coded('pstree-no-pid', { column: pos + 1, text: rest.trim().slice(0, 80) }),
        });
      }
      break;
    }
  }
  if (unparsed > 5) warnings.push(coded('pstree-more-without-pid', { n: unparsed - 5 }));
  if (records.length === 0) {
    return rejected(
      unparsed > 0 && /---|-\+-|[|`]-/.test(text)
        ? 'pstree output without PIDs (run as `pstree`, not `pstree -p`): no process can be identified'
        : 'not `pstree -p` output: no `name(pid)` or `name,pid` node found',
    );
  }
  return result(records, capWarnings(warnings));
}

export const pstree: Parser<PstreeNode> = {
  id: 'pstree',
  description: 'psmisc / BusyBox process tree with PIDs (pstree -p, pstree -ap)',
  commands: ['pstree -p', 'pstree -ap', 'pstree -pU'],
  parse,
};
