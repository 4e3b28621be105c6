/**
 * Parser for the socket listings of net-tools `netstat` (and BusyBox `netstat`): `netstat -an`,
 * `netstat --inet -taup`, `netstat -tulp`, `netstat -tulpan`, `netstat -taupn`, with or without
 * `-n`, `-e` (User, Inode) and `-o` (Timer), in English or another locale.
 *
 *   Aktive Internetverbindungen (Server und stehende Verbindungen)
 *   Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
 *   tcp6       0      0 :::60000                :::*                    LISTEN      3491/docker-proxy
 *   tcp        0     64 dh-home2.home:ssh       pc-home2.home:52125     VERBUNDEN   1049/sshd: root@pts
 *   udp        0      0 localhost:domain        0.0.0.0:*                           526/systemd-resolve
 *   Active UNIX domain sockets (servers and established)
 *   Proto RefCnt Flags       Type       State         I-Node   Path
 *   unix  2      [ ACC ]     STREAM     LISTENING     14391    /var/run/docker.sock
 *
 * One record per socket row, Internet and UNIX alike. Things that are not obvious:
 *
 * - Locales. net-tools translates the section titles, the state words and, in some languages,
 *   the UNIX header (`Pfad`, `Typ`, `Etat`), but not `Proto`. German `VERBUNDEN` is ESTABLISHED
 *   in the Internet section and CONNECTED in the UNIX section, so each section has its own table.
 *   `state` is always the English word; `stateRaw` keeps what was printed when it differs. A
 *   word in no table becomes `UNKNOWN` with a warning rather than being guessed.
 * - Columns come from the header: `-e` adds `User Inode`, `-p` adds `PID/Program name`, `-o`
 *   adds `Timer`. Rows are split at whitespace, not at header positions, because copied output
 *   (the course slides) is re-spaced or TAB-separated and localised words shift the columns.
 * - The State column is empty for unconnected UDP sockets, so a row has fewer words. The state
 *   is therefore whatever stands between the foreign address and the first column the header
 *   says follows it (User, or the PID/Program field). The slides show `*` there once: that is
 *   read as "no state" too (kept in `stateRaw`).
 * - Raw sockets print the kernel's TCP state NUMBER (`7` is TCP_CLOSE): mapped to its name.
 * - The PID/Program field is `pid/argv0` cut to 19 characters by netstat (`dockerd-curren`,
 *   `./socket-fixtu`), may contain spaces (`1060/sshd: root@pts`: sshd rewrites its argv), and
 *   is `-` when the owner is unknown (another user's process without root, TIME_WAIT sockets).
 * - BusyBox prints `tcp` (not `tcp6`) for IPv6 sockets: the address (`:::8080`) tells them apart.
 * - Addresses are split at the LAST colon (`:::60000`, `[::]:mdns`); without `-n` they are
 *   names (`localhost:domain`, `0.0.0.0:ssh`) and stay as printed: resolving is not our job.
 * - Non-root runs print a note on stderr, `(Not all processes could be identified, ...)` over
 *   two lines; when stderr is merged into the capture it becomes a warning, since it means
 *   PID/Program is missing for other users' sockets.
 */
import { coded } from '../i18n/coded.js';
import {
  type Codes,
  codesOf,
  digitsAt,
  integerAt,
  Kept,
  lineEnd,
  nextLine,
  oneOf,
  spaceEnd,
  wordEnd,
  words,
} from './codes.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import {
  capWarnings,
  detectErrorText,
  isDigitCode,
  isSpaceCode,
  rejected,
  result,
  tokenize,
} from './util.js';

export interface NetstatSocket {
  /** tcp, tcp6, udp, udp6, raw, raw6, udpl, udpl6, sctp, unix... as printed. */
  proto: string;
  recvQ?: number;
  sendQ?: number;
  /** Split at the LAST colon: ':::60000' -> '::' and '60000'; 'localhost:domain' -> 'localhost', 'domain'. */
  localAddress?: string;
  localPort?: string;
  foreignAddress?: string;
  foreignPort?: string;
  /**
   * Normalised English: LISTEN, ESTABLISHED, TIME_WAIT, CLOSE_WAIT, SYN_SENT, ..., UNKNOWN for
   * Internet sockets; netstat's UNIX words (LISTENING, CONNECTED, ...) for UNIX sockets. Absent
   * for UDP rows with no state.
   */
  state?: string;
  /** As printed, when it differs from `state` (VERBUNDEN, '7', '*'). */
  stateRaw?: string;
  /** `-e`: owner, a name or (with -n) a uid. */
  user?: string;
  inode?: number;
  pid?: number;
  /** argv[0] as netstat cut it (19 characters with the PID), may contain spaces. */
  program?: string;
  /** `-o`: 'off (0.00/0/0)', 'timewait (58.54/0/0)', ... */
  timer?: string;
  /** UNIX sockets: reference count. */
  refCnt?: number;
  /** UNIX sockets: the words inside `[ ]` (ACC, W, N). */
  flags?: string[];
  /** UNIX sockets: STREAM, DGRAM, SEQPACKET, ... */
  unixType?: string;
  /** UNIX sockets: the bound path; abstract names start with '@'. */
  path?: string;
  line: number;
}

/** The kernel's TCP state numbers (include/net/tcp_states.h), which raw sockets print as is. */
const TCP_STATE_NUMBERS = [
  '',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
];

/** The state words netstat prints for Internet sockets: the kernel's, and UNKNOWN. */
const INET_STATES = new Set([...TCP_STATE_NUMBERS.slice(1), 'UNKNOWN']);

/** net-tools translations (po/de, pt_BR, cs, sv, fr) of the Internet states that differ from English. */
const INET_TRANSLATIONS: Record<string, string> = {
  VERBUNDEN: 'ESTABLISHED',
  UNBEKANNT: 'UNKNOWN',
  ESTABELECIDA: 'ESTABLISHED',
  SYN_ENVIADO: 'SYN_SENT',
  SYN_RECEBIDO: 'SYN_RECV',
  ESPERA_FIN1: 'FIN_WAIT1',
  ESPERA_FIN2: 'FIN_WAIT2',
  FECHAR: 'CLOSE',
  ESPERANDO_FECHAR: 'CLOSE_WAIT',
  ÚLTIMO_ACK: 'LAST_ACK',
  OUÇA: 'LISTEN',
  FECHANDO: 'CLOSING',
  DESCONHECIDA: 'UNKNOWN',
  SPOJENO: 'ESTABLISHED',
  ZAVŘEN: 'CLOSE',
  'POSLEDNÍ ACK': 'LAST_ACK',
  NASLOUCHÁ: 'LISTEN',
  ZAVÍRÁ: 'CLOSING',
  NEZNÁM: 'UNKNOWN',
  ETABLERAD: 'ESTABLISHED',
  STÄNG: 'CLOSE',
  STÄNG_VÄNTA: 'CLOSE_WAIT',
  LYSSNAR: 'LISTEN',
  STÄNGER: 'CLOSING',
  OKÄND: 'UNKNOWN',
  INCONNU: 'UNKNOWN',
};

const UNIX_STATES = new Set(['FREE', 'LISTENING', 'CONNECTING', 'CONNECTED', 'DISCONNECTING', 'UNKNOWN']);

const UNIX_TRANSLATIONS: Record<string, string> = {
  FREI: 'FREE',
  HÖRT: 'LISTENING',
  VERBINDUNGSAUFBAU: 'CONNECTING',
  VERBUNDEN: 'CONNECTED',
  VERBINDUNGSABBAU: 'DISCONNECTING',
  UNBEKANNT: 'UNKNOWN',
  LIVRE: 'FREE',
  OUVINDO: 'LISTENING',
  CONECTANDO: 'CONNECTING',
  CONECTADO: 'CONNECTED',
  DESCONECTANDO: 'DISCONNECTING',
  DESCONHECIDA: 'UNKNOWN',
  NEALOKOVÁN: 'FREE',
  NASLOUCHÁ: 'LISTENING',
  SPOJUJE: 'CONNECTING',
  SPOJEN: 'CONNECTED',
  ODPOJUJE: 'DISCONNECTING',
  NEZNÁM: 'UNKNOWN',
  LEDIG: 'FREE',
  LYSSNAR: 'LISTENING',
  ANSLUTER: 'CONNECTING',
  ANSLUTEN: 'CONNECTED',
  'KOPPLAR FRÅN': 'DISCONNECTING',
  OKÄND: 'UNKNOWN',
  LIBRE: 'FREE',
  ENCONNEXION: 'CONNECTING',
  CONNECTE: 'CONNECTED',
  ENDECONNEXION: 'DISCONNECTING',
  INCONNU: 'UNKNOWN',
};

const UNIX_TYPES = new Set(['STREAM', 'DGRAM', 'RAW', 'RDM', 'SEQPACKET', 'UNKNOWN']);
const UNIX_TYPE_TRANSLATIONS: Record<string, string> = {
  SEQPAKET: 'SEQPACKET',
  RÅ: 'RAW',
  UNBEKANNT: 'UNKNOWN',
  DESCONHECIDA: 'UNKNOWN',
  NEZNÁM: 'UNKNOWN',
  OKÄND: 'UNKNOWN',
  INCONNU: 'UNKNOWN',
};

/** The first words of Internet rows: `/^(tcp|udp|udpl|udplite|raw|sctp)6?$/`. */
const INET_PROTOS = new Set(['tcp', 'udp', 'udpl', 'udplite', 'raw', 'sctp'].flatMap((p) => [p, `${p}6`]));
/** `unix`, or `??` for a UNIX socket of an unknown protocol family member. */
const UNIX_PROTO = /^(unix|\?\?)$/;
/** The `-o` timer at the end of a row: `off (0.00/0/0)`, `timewait (58.54/0/0)`, `aus (...)`. */
const TIMER_AT_END = /\s(\S+ \([\d./-]+\))\s*$/;
const TITLE = /^(Active|Aktive|Aktiva|Aktivní|Ative|Connexions|Sockets|Domain)\b/;

type Section = 'inet' | 'unix' | 'other';

interface Layout {
  section: Section;
  hasUser: boolean;
  hasProgram: boolean;
  hasTimer: boolean;
  /** false when no header was seen and the columns are guessed row by row. */
  fromHeader: boolean;
}

function layoutFromHeader(header: string): Layout {
  let section: Section = 'other';
  if (/Recv-Q|Send-Q/.test(header)) section = 'inet';
  else if (/RefCnt|RefZäh|CntRef|RefCpt|Čítač|I-Node|I-Uzel/.test(header)) section = 'unix';
  return {
    section,
    hasUser: section === 'inet' && /\bInode\b/i.test(header),
    hasProgram: /PID\//.test(header),
    hasTimer: /\bTimer\b/.test(header),
    fromHeader: true,
  };
}

const GUESSED: Layout = {
  section: 'other',
  hasUser: false,
  hasProgram: false,
  hasTimer: false,
  fromHeader: false,
};

function normaliseState(
  raw: string,
  known: Set<string>,
  translations: Record<string, string>,
): { state?: string; stateRaw?: string; unknown?: boolean } {
  if (raw === '') return {};
  // The slides' step-1 capture has `*` in the State column of a UDP row: no state.
  if (raw === '*') return { stateRaw: raw };
  const upper = raw.toUpperCase();
  if (known.has(upper)) return upper === raw ? { state: raw } : { state: upper, stateRaw: raw };
  if (/^\d+$/.test(raw)) {
    const name = TCP_STATE_NUMBERS[Number(raw)];
    return name ? { state: name, stateRaw: raw } : { state: 'UNKNOWN', stateRaw: raw, unknown: true };
  }
  const translated = translations[upper];
  if (translated) return { state: translated, stateRaw: raw };
  return { state: 'UNKNOWN', stateRaw: raw, unknown: true };
}

/** A record before its `line` is appended, so that `line` stays the last key. */
type Draft = Omit<NetstatSocket, 'line'>;

/** The draft completed in place (no copy per row): `line` becomes its last key. */
function withLine(rec: Draft, line: number): NetstatSocket {
  const out = rec as NetstatSocket;
  out.line = line;
  return out;
}

function splitProgram(field: string, rec: Draft): void {
  if (field === '-' || field === '') return;
  // `1234/name` (as /^(\d+)\/(.*)$/), read by character code: it runs for every row.
  let i = 0;
  while (i < field.length && isDigitCode(field.charCodeAt(i))) i++;
  if (i === 0 || field.charCodeAt(i) !== 47 /* / */) {
    rec.program = field;
    return;
  }
  rec.pid = Number(field.slice(0, i));
  const name = field.slice(i + 1);
  if (name !== '' && name !== '-') rec.program = name;
}

function isInt(s: string | undefined): s is string {
  if (!s) return false;
  for (let i = 0; i < s.length; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}

/** Where the PID/Program field starts (`/^(\d+\/|-$)/`: `1234/name` or a lone `-`), on the word line[from, to). */
function programStarts(codes: Codes, from: number, to: number): boolean {
  if (to - from === 1 && codes[from]! === 45 /* - */) return true;
  let i = from;
  while (i < to && isDigitCode(codes[i]!)) i++;
  return i > from && i < to && codes[i]! === 47 /* / */;
}

/** normaliseState of the Internet states, once per distinct word (a 20,000-row output has a dozen). */
const inetStates = new Map<string, ReturnType<typeof normaliseState>>();
function inetState(raw: string): ReturnType<typeof normaliseState> {
  let st = inetStates.get(raw);
  if (!st) {
    st = normaliseState(raw, INET_STATES, INET_TRANSLATIONS);
    if (inetStates.size < 1000) inetStates.set(raw, st);
  }
  return st;
}

/** The Internet state words netstat prints as is (matched in place: no slice, no lookup). */
const INET_STATE_WORDS = words([...INET_STATES]);

/** The host of `host:port` in `text[a, b)`, brackets removed (unbracket, in place). */
function hostAt(codes: Codes, a: number, b: number, kept: Kept, k: number): string {
  if (b - a >= 2 && codes[a]! === 91 /* [ */ && codes[b - 1]! === 93 /* ] */)
    return kept.slice(k, a + 1, b - 1);
  return kept.slice(k, a, b);
}

/**
 * One Internet socket row. `b` holds the offsets in `text` of the row's `n` words
 * (util.wordBounds): word k is `text.slice(b[2k], b[2k + 1])`; the row is `text[ls, le)`. No
 * object per word, the record built at once in one literal of one shape (absent fields are
 * undefined, which JSON leaves out), in the key order of the JSON output.
 */
function parseInetRow(
  text: string,
  codes: Codes,
  ls: number,
  le: number,
  b: Int32Array,
  n: number,
  proto: string,
  layout: Layout,
  lineNo: number,
  warnings: ParseWarning[],
  kept: Kept,
): NetstatSocket | undefined {
  const word = (k: number) => text.slice(b[2 * k]!, b[2 * k + 1]!);
  // proto recvQ sendQ local foreign
  if (n < 5) return undefined;
  if (!digitsAt(codes, b[2]!, b[3]!) || !digitsAt(codes, b[4]!, b[5]!)) return undefined;

  let end = le;
  let timer: string | undefined;
  if (layout.hasTimer) {
    const m = TIMER_AT_END.exec(text.slice(ls, le));
    if (m?.[1]) {
      timer = m[1];
      end = ls + m.index;
    }
  }
  // The words after `foreign` up to the timer: words 5 .. restEnd-1.
  let restEnd = 5;
  while (restEnd < n && b[2 * restEnd + 1]! <= end) restEnd++;
  // Without a header, guess: a `pid/name` word means there is a program column.
  let hasProgram = layout.hasProgram;
  if (!layout.fromHeader) {
    hasProgram = false;
    for (let k = 5; k < restEnd && !hasProgram; k++) hasProgram = /^\d+\/\S/.test(word(k));
  }
  let progIdx = -1;
  if (hasProgram) {
    for (let k = 5 + (layout.hasUser ? 2 : 0); k < restEnd; k++)
      if (programStarts(codes, b[2 * k]!, b[2 * k + 1]!)) {
        progIdx = k;
        break;
      }
    if (progIdx < 0) warnings.push({ line: lineNo, ...coded('netstat-no-program') });
  }
  let stateEnd = progIdx >= 0 ? progIdx : restEnd;
  let user: string | undefined;
  let inode: string | undefined;
  if (layout.hasUser) {
    if (stateEnd - 5 >= 2) {
      user = word(stateEnd - 2);
      inode = word(stateEnd - 1);
      stateEnd -= 2;
    } else {
      warnings.push({ line: lineNo, ...coded('netstat-no-user-inode') });
    }
  }
  // The state: none, a word printed as `state` is (LISTEN...), else normalised (inetState) from
  // the state words joined by one space (a translated state may be two words).
  let state: string | undefined;
  let stateRaw: string | undefined;
  const same = stateEnd === 6 ? oneOf(codes, b[10]!, b[11]!, INET_STATE_WORDS) : undefined;
  if (same !== undefined) state = same;
  else if (stateEnd > 5) {
    let stateText = word(5);
    for (let k = 6; k < stateEnd; k++) stateText += ` ${word(k)}`;
    const st = inetState(stateText);
    if (st.unknown)
      warnings.push({ line: lineNo, ...coded('unknown-state-quoted', { state: String(st.stateRaw) }) });
    state = st.state;
    stateRaw = st.stateRaw;
  }
  let inodeN: number | undefined;
  if (isInt(inode)) inodeN = Number(inode);
  else if (inode !== undefined) warnings.push({ line: lineNo, ...coded('inode-not-number', { inode }) });

  // The PID/Program field: `1234/name` up to the timer, trimmed (splitProgram, in place).
  let pid: number | undefined;
  let program: string | undefined;
  if (progIdx >= 0) {
    const fs = b[2 * progIdx]!;
    let fe = end;
    while (fe > fs && isSpaceCode(codes[fe - 1]!)) fe--;
    if (!(fe - fs === 1 && codes[fs]! === 45) /* - */ && fe > fs) {
      let i = fs;
      while (i < fe && isDigitCode(codes[i]!)) i++;
      if (i === fs || codes[i]! !== 47 /* / */) program = text.slice(fs, fe);
      else {
        pid = integerAt(codes, text, fs, i);
        if (!(fe === i + 1 || (fe === i + 2 && codes[i + 1]! === 45))) program = kept.slice(0, i + 1, fe);
      }
    }
  }

  // host:port split at the LAST colon (util.splitHostPort, in place: two words per row).
  const la = b[6]!;
  const lb = b[7]!;
  const fa = b[8]!;
  const fb = b[9]!;
  let lc = lb - 1;
  while (lc >= la && codes[lc]! !== 58 /* : */) lc--;
  let fc = fb - 1;
  while (fc >= fa && codes[fc]! !== 58 /* : */) fc--;
  return {
    proto,
    recvQ: integerAt(codes, text, b[2]!, b[3]!),
    sendQ: integerAt(codes, text, b[4]!, b[5]!),
    localAddress: lc < la ? kept.slice(1, la, lb) : hostAt(codes, la, lc, kept, 1),
    localPort: lc < la ? '' : kept.slice(2, lc + 1, lb),
    foreignAddress: fc < fa ? kept.slice(3, fa, fb) : hostAt(codes, fa, fc, kept, 3),
    foreignPort: fc < fa ? '' : kept.slice(4, fc + 1, fb),
    state,
    stateRaw,
    user,
    inode: inodeN,
    pid,
    program,
    timer,
    line: lineNo,
  };
}

function parseUnixRow(
  line: string,
  layout: Layout,
  lineNo: number,
  warnings: ParseWarning[],
): NetstatSocket | undefined {
  const m = /^(\S+)\s+(\d+)\s+\[([^\]]*)\]\s+(\S+)(.*)$/.exec(line);
  if (!m) return undefined;
  const [, proto = '', refCnt = '', flags = '', typeRaw = '', tail = ''] = m;
  const rec: Draft = { proto, refCnt: Number(refCnt), flags: flags.split(/\s+/).filter((w) => w !== '') };
  const type = normaliseState(typeRaw, UNIX_TYPES, UNIX_TYPE_TRANSLATIONS);
  rec.unixType = type.state ?? typeRaw;
  const tailStart = line.length - tail.length;
  const tokens = tokenize(tail);
  // The inode is the first number (or `-` on kernels without inodes); the state words, possibly
  // none (unconnected DGRAM), stand before it.
  const inodeIdx = tokens.findIndex((t) => /^(\d+|-)$/.test(t.text));
  if (inodeIdx < 0) {
    warnings.push({ line: lineNo, ...coded('unix-no-inode') });
    return withLine(rec, lineNo);
  }
  const st = normaliseState(
    tokens
      .slice(0, inodeIdx)
      .map((t) => t.text)
      .join(' '),
    UNIX_STATES,
    UNIX_TRANSLATIONS,
  );
  if (st.unknown)
    warnings.push({ line: lineNo, ...coded('unknown-state-quoted', { state: String(st.stateRaw) }) });
  if (st.state !== undefined) rec.state = st.state;
  if (st.stateRaw !== undefined) rec.stateRaw = st.stateRaw;
  const inodeTok = tokens[inodeIdx];
  if (inodeTok && inodeTok.text !== '-') rec.inode = Number(inodeTok.text);
  let after = inodeTok ? line.slice(tailStart + inodeTok.end) : '';
  if (layout.hasProgram) {
    // `PID/Program name` is padded to 20 characters and may contain single spaces, so the path
    // starts after the first run of two or more spaces; failing that, at a last word that
    // looks like a path.
    const field = after.trim();
    let prog = field;
    let path = '';
    const gap = /\s{2,}/.exec(field);
    if (gap) {
      prog = field.slice(0, gap.index);
      path = field.slice(gap.index).trim();
    } else {
      const sp = field.lastIndexOf(' ');
      const last = field.slice(sp + 1);
      if (sp > 0 && /^[/@]/.test(last)) {
        prog = field.slice(0, sp).trim();
        path = last;
      }
    }
    splitProgram(prog, rec);
    after = path;
  }
  const path = after.trim();
  if (path !== '') rec.path = path;
  return withLine(rec, lineNo);
}

/** The first words of Internet rows (INET_PROTO's words) as constants: matched in place, no slice. */
const INET_PROTO_WORDS = words([...INET_PROTOS]);

/**
 * The lines of `text` are those of util.splitLines (`\n`, or `\r\n` when the text has a CR; no
 * trailing empty line), found by indexOf as offsets: no array of 20,000 line strings, and a line
 * is sliced only where a rare path needs it as a string (titles, notes, UNIX rows, warnings).
 */
function parse(text: string): ParseResult<NetstatSocket> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  // Every line blank (as splitLines(text).every((l) => l.trim() === '')).
  if (!/\S/.test(text)) return rejected('empty output');

  const records: NetstatSocket[] = [];
  const warnings: ParseWarning[] = [];
  let layout: Layout = GUESSED;
  let headers = 0;
  let note: { start: number; lines: number; text: string } | undefined;
  let otherSectionWarned = false;
  // The text as code units (codes.ts: one load per character instead of a charCodeAt call).
  const codes = codesOf(text);
  const kept = new Kept(text, codes, 5);

  const isHeader = (l: string | undefined) => l !== undefined && /^\s*Proto\s/.test(l);
  const len = text.length;
  // The words of a row as offsets in the text (util.wordBounds), grown when a row has more.
  let bounds = new Int32Array(64);

  let lineNo = 0;
  for (let pos = 0; pos < len; ) {
    const ls = pos;
    const le = lineEnd(text, codes, ls);
    pos = nextLine(codes, le);
    lineNo++;
    let n = wordsIn(codes, ls, le, bounds);
    while (n === bounds.length / 2) {
      bounds = new Int32Array(bounds.length * 2);
      n = wordsIn(codes, ls, le, bounds);
    }
    if (n === 0) continue;
    const f0 = bounds[0]!;
    const f1 = bounds[1]!;
    const inetProto = oneOf(codes, f0, f1, INET_PROTO_WORDS);

    // The non-root note (stderr) spans two lines: `(Not all processes ... info` / ` will not ...)`.
    // A note never runs into a header, a title or a socket row: if one comes, the note was cut.
    // (Notes are at most three lines long in every translation.)
    if (note) {
      const trimmed = text.slice(f0, bounds[2 * n - 1]!);
      if (
        note.lines >= 3 ||
        isHeader(text.slice(ls, le)) ||
        TITLE.test(trimmed) ||
        inetProto !== undefined ||
        UNIX_PROTO.test(text.slice(f0, f1))
      ) {
        warnings.push({ line: note.start, ...coded('unterminated-note', { text: note.text }) });
        note = undefined;
      }
    }
    if (note || codes[f0]! === 40 /* ( */) {
      const trimmed = text.slice(f0, bounds[2 * n - 1]!);
      note = note
        ? { start: note.start, lines: note.lines + 1, text: `${note.text} ${trimmed}` }
        : { start: lineNo, lines: 1, text: trimmed };
      if (trimmed.endsWith(')')) {
        const noInfo = /geteuid/.test(note.text);
        warnings.push({
          line: note.start,
          ...coded(noInfo ? 'netstat-no-process-info' : 'netstat-some-process-info', { text: note.text }),
        });
        note = undefined;
      }
      continue;
    }

    // `/^\s*Proto\s/`: the first word is Proto and something follows it.
    if (f1 - f0 === 5 && f1 < le && text.startsWith('Proto', f0)) {
      layout = layoutFromHeader(text.slice(ls, le));
      headers++;
      otherSectionWarned = false;
      continue;
    }

    let rec: NetstatSocket | undefined;
    if (inetProto !== undefined) {
      rec = parseInetRow(
        text,
        codes,
        ls,
        le,
        bounds,
        n,
        inetProto,
        layout.section === 'inet' ? layout : GUESSED,
        lineNo,
        warnings,
        kept,
      );
    } else {
      const first = text.slice(f0, f1);
      const trimmed = text.slice(f0, bounds[2 * n - 1]!);
      if (UNIX_PROTO.test(first)) {
        rec = parseUnixRow(
          text.slice(ls, le),
          layout.section === 'unix' ? layout : { ...GUESSED },
          lineNo,
          warnings,
        );
      } else if (TITLE.test(trimmed) || (pos < len && isHeader(text.slice(pos, lineEnd(text, codes, pos))))) {
        continue; // a section title, in whatever language
      } else if (layout.section === 'other' && layout.fromHeader) {
        // Bluetooth, IPX, AX.25... sections: not sockets this tool models.
        if (!otherSectionWarned)
          warnings.push({
            line: lineNo,
            ...coded('netstat-other-section'),
          });
        otherSectionWarned = true;
        continue;
      } else if (/^warning, got bogus/i.test(trimmed)) {
        warnings.push({ line: lineNo, ...coded('netstat-said', { text: trimmed }) });
        continue;
      }
    }
    if (rec) records.push(rec);
    else {
      const trimmed = text.slice(f0, bounds[2 * n - 1]!);
      warnings.push({ line: lineNo, ...coded('unrecognised-line', { text: trimmed.slice(0, 100) }) });
    }
  }
  if (note) warnings.push({ line: note.start, ...coded('unterminated-note', { text: note.text }) });

  if (headers === 0 && records.length === 0) {
    return rejected('not netstat output: no `Proto ...` header and no socket rows');
  }
  if (headers === 0) warnings.push(coded('netstat-no-header'));
  return result(records, capWarnings(warnings));
}

/** util.wordBounds over `text[from, to)`: offsets in `text`, at most bounds.length / 2 words. */
function wordsIn(codes: Codes, from: number, to: number, bounds: Int32Array): number {
  const max = bounds.length >> 1;
  let n = 0;
  let i = from;
  while (n < max) {
    i = spaceEnd(codes, i, to);
    if (i >= to) break;
    bounds[2 * n] = i;
    i = wordEnd(codes, i, to);
    bounds[2 * n + 1] = i;
    n++;
  }
  return n;
}

export const netstat: Parser<NetstatSocket> = {
  id: 'netstat',
  description: 'net-tools / BusyBox netstat socket listings (Internet and UNIX), any locale',
  commands: [
    'netstat -an',
    'netstat --inet -taup',
    'netstat -tulp',
    'netstat -tulpan',
    'netstat -taupn',
    'netstat -taupeo',
  ],
  parse,
};
