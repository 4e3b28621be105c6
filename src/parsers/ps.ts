/**
 * Parser for process listings: procps `ps aux`, `ps -ef`, `ps -eo pid,ppid,user,args`, `ps auxm`,
 * `ps -eLf`, and BusyBox `ps` in its layouts (`PID USER TIME COMMAND`, `PID USER VSZ STAT
 * COMMAND`, `PID USER COMMAND`).
 *
 *   USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
 *   root           1  4.6  0.1 728748 42688 ?        Sl   09:49   0:00 npm
 *   root          13  6.6  0.1 728748 43560 ?        Sl   09:49   0:00 node server.js
 *   PID   USER     TIME  COMMAND
 *     1   root      0:00  npm
 *
 * One record per process. Things that are not obvious:
 *
 * - Columns come from the header, and a row is split at whitespace, not at header positions:
 *   columns are right- or left-aligned depending on the column and the ps implementation, and
 *   copied output (the slides) is re-spaced. Only the last column, the command, holds spaces,
 *   so it is the rest of the line.
 * - Thread rows are not processes: `ps auxm` prints one row per thread under its process with
 *   `-` as PID; `ps -eLf` repeats the process once per thread (LWP != PID). They are counted in
 *   `threads` of their process instead.
 * - `name` is the program, not the command line: the basename of argv[0] (`/usr/bin/python3`
 *   -> `python3`); a process title ending in ':' loses it (`sshd: root@pts/0` -> `sshd`); a
 *   login shell's leading '-' is dropped; BusyBox prints the kernel's `comm` in braces before
 *   argv when they differ (`{MainThread} node server.js` -> `node`, `comm` keeps MainThread).
 * - A command in [brackets] has no argv: a kernel thread (`[kworker/0:1-events]`) or a zombie
 *   (procps adds ` <defunct>`, BusyBox does not). It is a zombie when STAT says `Z` or
 *   `<defunct>` follows; otherwise a kernel thread when its parent is kthreadd (2) or none (0),
 *   or, without a PPID column, when kthreadd itself is listed: inside a container's PID
 *   namespace kernel threads are invisible, so a bracketed command there is not one.
 * - USER is as printed: procps cuts long names with `+` (`systemd+`), BusyBox to 8 characters,
 *   and both print a numeric uid (`102`) when the user has no passwd entry (common in
 *   containers, where the image's /etc/passwd is not the host's).
 * - BusyBox scales VSZ (`711m`): converted back to KiB, rounded as printed.
 * - procps 3.3 printed `Warning: bad ps syntax...` before the header for `ps -aux`: lines
 *   before the header are kept as warnings.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import {
  capWarnings,
  decimal,
  decimalAt,
  detectErrorText,
  isSpaceCode,
  rejected,
  result,
  splitLines,
  wordBounds,
} from './util.js';

export interface PsProcess {
  pid: number;
  ppid?: number;
  /** User name or numeric uid as printed; '' when the listing has no user column. */
  user: string;
  /** Full args as printed. */
  command: string;
  /** Program name: basename of argv0, kernel threads without brackets, 'sshd' for 'sshd: root@pts/0'. */
  name: string;
  /** Controlling terminal; absent for '?' (none). */
  tty?: string;
  stat?: string;
  time?: string;
  /** START (`ps aux`) or STIME (`ps -ef`). */
  start?: string;
  cpu?: number;
  mem?: number;
  /** KiB. */
  vsz?: number;
  /** KiB. */
  rss?: number;
  /** Number of threads when the listing shows them (`ps auxm`, `ps -eLf`). */
  threads?: number;
  kernelThread?: boolean;
  /** A zombie (`<defunct>`, STAT Z). */
  zombie?: boolean;
  /** BusyBox: the kernel's comm when it differs from argv0 (`{MainThread}`). */
  comm?: string;
  line: number;
}

type Field =
  | 'user'
  | 'pid'
  | 'ppid'
  | 'lwp'
  | 'nlwp'
  | 'cpu'
  | 'mem'
  | 'vsz'
  | 'rss'
  | 'tty'
  | 'stat'
  | 'start'
  | 'time'
  | 'skip';

const COLUMNS: Record<string, Field> = {
  USER: 'user',
  UID: 'user',
  RUSER: 'user',
  EUSER: 'user',
  PID: 'pid',
  PPID: 'ppid',
  LWP: 'lwp',
  SPID: 'lwp',
  TID: 'lwp',
  NLWP: 'nlwp',
  THCNT: 'nlwp',
  '%CPU': 'cpu',
  '%MEM': 'mem',
  VSZ: 'vsz',
  VSIZE: 'vsz',
  RSS: 'rss',
  RSZ: 'rss',
  TTY: 'tty',
  TT: 'tty',
  STAT: 'stat',
  S: 'stat',
  START: 'start',
  STIME: 'start',
  TIME: 'time',
  C: 'skip',
  NI: 'skip',
  PRI: 'skip',
  F: 'skip',
  SZ: 'skip',
  PSR: 'skip',
  ADDR: 'skip',
  WCHAN: 'skip',
  PGID: 'skip',
  SID: 'skip',
  GROUP: 'skip',
  RGROUP: 'skip',
  ELAPSED: 'skip',
};

/** Where each read field sits in a row's values. */
const SLOT: Record<Exclude<Field, 'skip'>, number> = {
  user: 0,
  pid: 1,
  ppid: 2,
  lwp: 3,
  nlwp: 4,
  cpu: 5,
  mem: 6,
  vsz: 7,
  rss: 8,
  tty: 9,
  stat: 10,
  start: 11,
  time: 12,
};

const COMMAND_COLUMNS = new Set(['COMMAND', 'CMD', 'ARGS', 'COMM']);

interface Column {
  field: Field;
  /** Index in a row's values (SLOT), -1 for a column not read. */
  slot: number;
  /** How many words the column takes in a row (`STARTED` for lstart takes five). */
  words: number;
}

function headerColumns(line: string): Column[] | undefined {
  if (!line.includes('PID')) return undefined;
  const words = line.trim().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  if (!words.includes('PID') || !COMMAND_COLUMNS.has(last)) return undefined;
  return words.slice(0, -1).map((w) => {
    if (w === 'STARTED' || w === 'LSTART') return { field: 'skip', slot: -1, words: 5 };
    const field = COLUMNS[w] ?? 'skip';
    return { field, slot: field === 'skip' ? -1 : SLOT[field], words: 1 };
  });
}

/** BusyBox scales sizes: `711m`, `1.2g`; back to KiB. */
function kib(s: string): number | undefined {
  // procps prints plain KiB: no regex for those (this runs twice per row).
  const plain = decimal(s);
  if (plain !== undefined) return Math.round(plain);
  const m = /^(\d+(?:\.\d+)?)([kmgt]?)$/i.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, k: 1, m: 1024, g: 1024 ** 2, t: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

interface NameInfo {
  name: string;
  bracketed: boolean;
  defunct: boolean;
  comm?: string;
}

function programName(command: string): NameInfo {
  let cmd = command.trim();
  const defunct = cmd.endsWith(' <defunct>');
  if (defunct) cmd = cmd.slice(0, -' <defunct>'.length);
  // The regexes only for the rare commands that start with a bracket or a brace.
  const bracket = cmd.startsWith('[') ? /^\[(.+)\]$/.exec(cmd) : null;
  if (bracket?.[1]) return { name: bracket[1], bracketed: true, defunct };
  let comm: string | undefined;
  const brace = cmd.startsWith('{') ? /^\{([^}]*)\}\s+(.+)$/.exec(cmd) : null;
  if (brace?.[1] !== undefined && brace[2]) {
    comm = brace[1];
    cmd = brace[2];
  }
  let end = 0;
  while (end < cmd.length && !isSpaceCode(cmd.charCodeAt(end))) end++;
  let argv0 = cmd.slice(0, end);
  // Process titles: `sshd: root@pts/0`, `nginx: worker process`, `postgres: checkpointer`.
  if (argv0.endsWith(':') && argv0.length > 1) argv0 = argv0.slice(0, -1);
  // Login shells: argv0 `-bash`.
  if (argv0.startsWith('-') && argv0.length > 1) argv0 = argv0.slice(1);
  const slash = argv0.lastIndexOf('/');
  const name = slash >= 0 && slash < argv0.length - 1 ? argv0.slice(slash + 1) : argv0;
  return comm === undefined ? { name, bracketed: false, defunct } : { name, bracketed: false, defunct, comm };
}

/** A row read, before the whole listing is seen (thread rows follow, kthreadd may come later). */
interface Draft {
  rec: Omit<PsProcess, 'line' | 'threads' | 'kernelThread' | 'zombie' | 'comm'>;
  info: NameInfo;
  threads?: number;
  line: number;
}

function parse(text: string): ParseResult<PsProcess> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');

  const drafts: Draft[] = [];
  const warnings: ParseWarning[] = [];
  let columns: Column[] | undefined;
  let last: Draft | undefined;
  const byPid = new Map<number, Draft>();
  let unknownWarned = false;
  // Per header: words a row needs before its command, and reused scratch arrays.
  let need = 0;
  let bounds = new Int32Array(0);
  // Per field slot: the word index of its column in the row (-1: no such column), so that a
  // field is sliced (or read as a number) straight from the line, only when used.
  const slotWord = new Int32Array(Object.keys(SLOT).length);
  let hasLwp = false;
  // The row being read, and its field accessors (made once, not per row).
  let row = '';
  /** A field's word: its text, or undefined without its column. */
  const field = (slot: number): string | undefined => {
    const w = slotWord[slot]!;
    return w < 0 ? undefined : row.slice(bounds[2 * w]!, bounds[2 * w + 1]!);
  };
  /** decimal() of a field's word, read in place (no slice for the common integers). */
  const numberOf = (slot: number): number | undefined => {
    const w = slotWord[slot]!;
    return w < 0 ? undefined : decimalAt(row, bounds[2 * w]!, bounds[2 * w + 1]!);
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    const header = headerColumns(raw);
    if (header) {
      columns = header;
      need = header.reduce((n, c) => n + c.words, 0);
      bounds = new Int32Array(2 * (need + 1));
      // A later column of the same field wins.
      slotWord.fill(-1);
      let w = 0;
      for (const col of header) {
        if (col.slot >= 0) slotWord[col.slot] = w;
        w += col.words;
      }
      hasLwp = slotWord[SLOT.lwp]! >= 0;
      last = undefined;
      const unknown = raw
        .trim()
        .split(/\s+/)
        .slice(0, -1)
        .filter((w) => !(w in COLUMNS) && w !== 'STARTED' && w !== 'LSTART');
      if (unknown.length > 0 && !unknownWarned) {
        warnings.push({ line: lineNo, ...coded('columns-not-read', { columns: unknown.join(', ') }) });
        unknownWarned = true;
      }
      continue;
    }
    if (!columns) {
      warnings.push({ line: lineNo, ...coded('ps-before-header', { text: raw.trim().slice(0, 120) }) });
      continue;
    }
    const words = wordBounds(raw, need + 1, bounds);
    if (words <= need) {
      warnings.push({
        line: lineNo,
        ...coded('row-fewer-columns-than-header', { text: raw.trim().slice(0, 120) }),
      });
      continue;
    }
    row = raw;
    const command = raw.slice(bounds[2 * need]!).trimEnd();
    const pidText = field(SLOT.pid);

    // Thread rows: `ps auxm` puts `-` in PID; `ps -eLf` repeats the process with another LWP.
    if (pidText === '-') {
      if (last) last.threads = (last.threads ?? 0) + 1;
      else warnings.push({ line: lineNo, ...coded('thread-without-process') });
      continue;
    }
    const pid = numberOf(SLOT.pid);
    if (pid === undefined || !Number.isInteger(pid)) {
      warnings.push({ line: lineNo, ...coded('pid-not-number', { text: raw.trim().slice(0, 120) }) });
      continue;
    }
    const lwp = hasLwp ? field(SLOT.lwp) : undefined;
    if (lwp !== undefined && lwp !== pidText) {
      const owner = byPid.get(pid);
      if (owner && slotWord[SLOT.nlwp]! < 0) owner.threads = (owner.threads ?? 1) + 1;
      continue;
    }

    const info = programName(command);
    const user = field(SLOT.user) ?? '';
    const ppid = numberOf(SLOT.ppid);
    const rec: Omit<PsProcess, 'line'> =
      ppid === undefined
        ? { pid, user, command, name: info.name }
        : { pid, ppid, user, command, name: info.name };
    const tty = field(SLOT.tty);
    if (tty !== undefined && tty !== '?' && tty !== '-') rec.tty = tty;
    const stat = field(SLOT.stat);
    if (stat !== undefined && stat !== '-') rec.stat = stat;
    const time = field(SLOT.time);
    if (time !== undefined) rec.time = time;
    const start = field(SLOT.start);
    if (start !== undefined) rec.start = start;
    const cpu = numberOf(SLOT.cpu);
    if (cpu !== undefined) rec.cpu = cpu;
    const mem = numberOf(SLOT.mem);
    if (mem !== undefined) rec.mem = mem;
    // Sizes: plain KiB read in place; BusyBox's scaled `711m` through kib().
    const vszN = numberOf(SLOT.vsz);
    const vsz = vszN !== undefined ? Math.round(vszN) : kib(field(SLOT.vsz) ?? '');
    if (vsz !== undefined) rec.vsz = vsz;
    const rssN = numberOf(SLOT.rss);
    const rss = rssN !== undefined ? Math.round(rssN) : kib(field(SLOT.rss) ?? '');
    if (rss !== undefined) rec.rss = rss;
    const nlwp = numberOf(SLOT.nlwp);
    const draft: Draft = { rec, info, line: lineNo };
    if (nlwp !== undefined) draft.threads = nlwp;
    drafts.push(draft);
    last = draft;
    byPid.set(pid, draft);
  }

  if (!columns) return rejected('not ps output: no header line with PID and COMMAND/CMD');
  // Kernel threads are only listed where kthreadd (PID 2) is visible: inside a container's PID
  // namespace a bracketed command is a zombie (or a process without argv), never a kernel thread.
  const kthreaddListed = drafts.some((d) => d.info.bracketed && d.rec.pid === 2);
  const records = drafts.map(({ rec, info, threads, line }): PsProcess => {
    // Completed in place, in the key order of the JSON output (no copy per row).
    const out = rec as PsProcess;
    if (threads !== undefined) out.threads = threads;
    const zombie = info.defunct || (rec.stat?.startsWith('Z') ?? false);
    const parentSaysKernel = rec.ppid === undefined ? kthreaddListed : rec.ppid === 0 || rec.ppid === 2;
    if (info.bracketed && !zombie && parentSaysKernel) out.kernelThread = true;
    if (zombie) out.zombie = true;
    if (info.comm !== undefined) out.comm = info.comm;
    out.line = line;
    return out;
  });
  return result(records, capWarnings(warnings));
}

export const ps: Parser<PsProcess> = {
  id: 'ps',
  description: 'procps and BusyBox process listings (ps aux, ps -ef, ps -eo ..., BusyBox ps)',
  commands: ['ps aux', 'ps -ef', 'ps -eo pid,ppid,user,args', 'ps auxm', 'ps -eLf', 'ps'],
  parse,
};
