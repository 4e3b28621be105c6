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
import {
  codesOf,
  decimalAt,
  Kept,
  lineEnd,
  nextLine,
  sameAt,
  spaceEnd,
  wordCodes,
  wordEnd,
} from './codes.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, decimal, detectErrorText, isSpaceCode, rejected, result } from './util.js';

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

const DEFUNCT = wordCodes(' <defunct>');

/**
 * The lines of `text` (util.splitLines: `\n`, or `\r\n` when the text has a CR; no trailing empty
 * line) as offsets, one pass by indexOf: no array of 20,000 line strings. One pass, one record
 * per process built at once in one object literal (every record the same shape; absent fields
 * are undefined, which JSON leaves out). What depends on later rows is set on the record in
 * place: `threads` (thread rows follow their process) and `kernelThread` of bracketed commands
 * in a listing without PPID (it depends on whether kthreadd is listed anywhere).
 */
function parse(text: string): ParseResult<PsProcess> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  // Every line blank (as splitLines(text).every((l) => l.trim() === '')).
  if (!/\S/.test(text)) return rejected('empty output');

  const records: PsProcess[] = [];
  const warnings: ParseWarning[] = [];
  // The text as code units (codes.ts: one load per character instead of a charCodeAt call).
  const codes = codesOf(text);
  let columns: Column[] | undefined;
  let last: PsProcess | undefined;
  // pid -> record, for `ps -eLf`'s thread rows: kept only once a header has an LWP column.
  let byPid: Map<number, PsProcess> | undefined;
  let unknownWarned = false;
  /** Bracketed commands in a listing without PPID: kernel threads if kthreadd is listed. */
  const maybeKernel: PsProcess[] = [];
  let kthreaddListed = false;
  // Per header: words a row needs before its command, and reused scratch arrays.
  let need = 0;
  let bounds = new Int32Array(0);
  // Per field slot: the word index of its column in the row (-1: no such column), so that a
  // field is sliced (or read as a number) straight from the text, only when used.
  const slotWord = new Int32Array(Object.keys(SLOT).length);
  let hasLwp = false;
  /** A field's word: its text, or undefined without its column. */
  const field = (slot: number): string | undefined => {
    const w = slotWord[slot]!;
    return w < 0 ? undefined : text.slice(bounds[2 * w]!, bounds[2 * w + 1]!);
  };
  /** decimal() of a field's word, read in place (no slice for the common numbers). */
  const numberOf = (slot: number): number | undefined => {
    const w = slotWord[slot]!;
    return w < 0 ? undefined : decimalAt(codes, text, bounds[2 * w]!, bounds[2 * w + 1]!);
  };
  // The strings kept per field (user, stat, start, time, name): a big listing repeats `root`,
  // `Ss`, `0:00`... thousands of times; one string each instead of a copy per row.
  const kept = new Kept(text, codes, 5);
  const keepField = (k: number, slot: number): string | undefined => {
    const w = slotWord[slot]!;
    return w < 0 ? undefined : kept.slice(k, bounds[2 * w]!, bounds[2 * w + 1]!);
  };

  const len = text.length;
  // The next `PID` in the text: only a line holding one can be a header (headerColumns).
  let nextPid = text.indexOf('PID');
  let lineNo = 0;
  for (let pos = 0; pos < len; ) {
    const ls = pos;
    const le = lineEnd(text, codes, ls);
    pos = nextLine(codes, le);
    lineNo++;
    const first = spaceEnd(codes, ls, le);
    if (first === le) continue;
    while (nextPid >= 0 && nextPid < ls) nextPid = text.indexOf('PID', ls);
    const header = nextPid >= 0 && nextPid + 3 <= le ? headerColumns(text.slice(ls, le)) : undefined;
    if (header) {
      const raw = text.slice(ls, le);
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
      if (hasLwp && !byPid) {
        // The rows read so far, as the map would hold them had it been kept all along.
        byPid = new Map();
        for (const r of records) byPid.set(r.pid, r);
      }
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
      const raw = text.slice(ls, le);
      warnings.push({ line: lineNo, ...coded('ps-before-header', { text: raw.trim().slice(0, 120) }) });
      continue;
    }
    // The first need + 1 words as offsets (util.wordBounds on the line).
    let words = 0;
    for (let i = first; words <= need; ) {
      i = spaceEnd(codes, i, le);
      if (i >= le) break;
      bounds[2 * words] = i;
      i = wordEnd(codes, i, le);
      bounds[2 * words + 1] = i;
      words++;
    }
    if (words <= need) {
      const raw = text.slice(ls, le);
      warnings.push({
        line: lineNo,
        ...coded('row-fewer-columns-than-header', { text: raw.trim().slice(0, 120) }),
      });
      continue;
    }
    const pw = slotWord[SLOT.pid]!;
    // Thread rows: `ps auxm` puts `-` in PID; `ps -eLf` repeats the process with another LWP.
    if (pw >= 0 && bounds[2 * pw + 1]! - bounds[2 * pw]! === 1 && codes[bounds[2 * pw]!] === 45) {
      if (last) last.threads = (last.threads ?? 0) + 1;
      else warnings.push({ line: lineNo, ...coded('thread-without-process') });
      continue;
    }
    const pid = numberOf(SLOT.pid);
    if (pid === undefined || !Number.isInteger(pid)) {
      const raw = text.slice(ls, le);
      warnings.push({ line: lineNo, ...coded('pid-not-number', { text: raw.trim().slice(0, 120) }) });
      continue;
    }
    if (hasLwp) {
      const lwp = field(SLOT.lwp);
      if (lwp !== undefined && lwp !== field(SLOT.pid)) {
        const owner = byPid?.get(pid);
        if (owner && slotWord[SLOT.nlwp]! < 0) owner.threads = (owner.threads ?? 1) + 1;
        continue;
      }
    }

    // The command: the rest of the line from its word, trailing whitespace cut.
    const cs = bounds[2 * need]!;
    let ce = le;
    while (ce > cs && isSpaceCode(codes[ce - 1]!)) ce--;
    const command = text.slice(cs, ce);
    // programName, in place for the usual command (no bracket, no brace).
    let name: string;
    let bracketed = false;
    let defunct = false;
    let comm: string | undefined;
    const c0 = codes[cs];
    if (c0 === 91 /* [ */ || c0 === 123 /* { */) {
      const info = programName(command);
      name = info.name;
      bracketed = info.bracketed;
      defunct = info.defunct;
      comm = info.comm;
    } else {
      let end = ce;
      defunct = end - cs >= 10 && sameAt(codes, end - 10, DEFUNCT);
      if (defunct) end -= 10;
      let a0 = cs;
      // argv0 ends at whitespace: `codes[end]` is whitespace (the trimmed end, or the space of
      // ` <defunct>`) or the line's end, where wordEnd stops.
      let e0 = wordEnd(codes, cs, end);
      // Process titles: `sshd: root@pts/0`; login shells: argv0 `-bash`.
      if (e0 - a0 > 1 && codes[e0 - 1] === 58 /* : */) e0--;
      if (e0 - a0 > 1 && codes[a0] === 45 /* - */) a0++;
      let slash = e0 - 1;
      while (slash >= a0 && codes[slash] !== 47 /* / */) slash--;
      name = slash >= a0 && slash < e0 - 1 ? kept.slice(4, slash + 1, e0) : kept.slice(4, a0, e0);
    }
    const ppid = numberOf(SLOT.ppid);
    const ttyRaw = field(SLOT.tty);
    const tty = ttyRaw !== undefined && ttyRaw !== '?' && ttyRaw !== '-' ? ttyRaw : undefined;
    const statRaw = keepField(1, SLOT.stat);
    const stat = statRaw !== undefined && statRaw !== '-' ? statRaw : undefined;
    // Sizes: plain KiB read in place; BusyBox's scaled `711m` through kib().
    const vszN = numberOf(SLOT.vsz);
    const rssN = numberOf(SLOT.rss);
    const zombie = defunct || (stat?.startsWith('Z') ?? false);
    if (bracketed && pid === 2) kthreaddListed = true;
    // In one literal, in the key order of the JSON output.
    const rec: PsProcess = {
      pid,
      ppid,
      user: keepField(0, SLOT.user) ?? '',
      command,
      name,
      tty,
      stat,
      time: keepField(3, SLOT.time),
      start: keepField(2, SLOT.start),
      cpu: numberOf(SLOT.cpu),
      mem: numberOf(SLOT.mem),
      vsz: vszN !== undefined ? Math.round(vszN) : kib(field(SLOT.vsz) ?? ''),
      rss: rssN !== undefined ? Math.round(rssN) : kib(field(SLOT.rss) ?? ''),
      threads: numberOf(SLOT.nlwp),
      kernelThread:
        bracketed && !zombie && ppid !== undefined && (ppid === 0 || ppid === 2) ? true : undefined,
      zombie: zombie ? true : undefined,
      comm,
      line: lineNo,
    };
    // Without a PPID column, a bracketed command is a kernel thread when kthreadd is listed.
    if (bracketed && !zombie && ppid === undefined) maybeKernel.push(rec);
    records.push(rec);
    last = rec;
    byPid?.set(pid, rec);
  }

  if (!columns) return rejected('not ps output: no header line with PID and COMMAND/CMD');
  // Kernel threads are only listed where kthreadd (PID 2) is visible: inside a container's PID
  // namespace a bracketed command is a zombie (or a process without argv), never a kernel thread.
  if (kthreaddListed) for (const r of maybeKernel) r.kernelThread = true;
  return result(records, capWarnings(warnings));
}

export const ps: Parser<PsProcess> = {
  id: 'ps',
  description: 'procps and BusyBox process listings (ps aux, ps -ef, ps -eo ..., BusyBox ps)',
  commands: ['ps aux', 'ps -ef', 'ps -eo pid,ppid,user,args', 'ps auxm', 'ps -eLf', 'ps'],
  parse,
};
