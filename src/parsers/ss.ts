/**
 * Parser for iproute2 `ss` socket listings of Internet sockets: `ss -tulpan` (what the collector
 * runs), `ss -tunap`, `ss -lntu`, `ss -tanp`, `ss -wanp`, with or without `-n`, `-p`, `-e`.
 *
 *   Netid State  Recv-Q Send-Q   Local Address:Port   Peer Address:PortProcess
 *   udp   UNCONN 0      0      0.0.0.0%docker0:67          0.0.0.0:*    users:(("busybox",pid=119,fd=5))
 *   tcp   LISTEN 0      9                    *:8443              *:*    users:(("busybox",pid=114,fd=3))
 *   tcp   ESTAB  0      0      [::ffff:172.17.0.2]:8080 [::ffff:172.17.0.1]:33784 users:(("cat",pid=127,fd=1),("cat",pid=127,fd=0))
 *
 * One record per socket, with netstat's field names (see NetstatSocket) so that the model can
 * treat both alike, plus every process that holds the socket. Things that are not obvious:
 *
 * - Columns are split at whitespace, never at header positions: ss pads columns to the widest
 *   value and glues the last header words together when a column is full (`Address:PortProcess`,
 *   even `Address:PortPeer`), so the header only says whether a `Netid` column exists.
 * - `Netid` is printed only when more than one socket type was asked for (`-tu`, not `-t`).
 *   Without it the transport is guessed for the whole output (`protoGuess: true`): any TCP-only
 *   state (LISTEN, TIME-WAIT...) means `-t`; only UNCONN rows whose local "port" is an IP
 *   protocol number (1 icmp, 58 ipv6-icmp, 255 raw...) and no peer mean `-w` (raw sockets print
 *   the protocol there); other UNCONN means `-u`; ESTAB alone is taken as TCP.
 * - Address family. Since iproute2 4.x, IPv6 addresses are bracketed (`[::1]:53`) and the IPv6
 *   wildcard of a dual-stack socket (`IPV6_V6ONLY` off) prints as `*`, while a v6only one prints
 *   `[::]`. Older ss prints IPv6 unbracketed (`:::22`) and `*` for the IPv4 wildcard. The style is
 *   decided once per output: old when an IPv6 address is unbracketed, when `users:` has the
 *   pre-3.16 form, or when an IPv4 address faces a `*` (new ss prints `*` only for IPv6 sockets;
 *   `tcp LISTEN 0 128 127.0.0.1:25 *:*` is old); new when something is bracketed, `0.0.0.0`
 *   appears or the header has `Process`; with no evidence either way (every row `*:port`), new,
 *   with a warning. `*` becomes `::` (new
 *   style, with `v6only: false`) or `0.0.0.0` (old style), so the address matches netstat's and
 *   /proc's. `-e` prints `v6only:0|1` explicitly, which wins. `proto` is the Netid plus `6` for an
 *   IPv6 socket (an IPv4-mapped `[::ffff:127.0.0.1]` socket is tcp6, as in /proc/net/tcp6).
 * - `0.0.0.0%docker0:67` / `*%ens18:546`: a socket bound to a device (SO_BINDTODEVICE, e.g. a DHCP
 *   server); the device goes to `localInterface`.
 * - States are ss's short words; `state` gets netstat's (`ESTAB` -> ESTABLISHED, `TIME-WAIT` ->
 *   TIME_WAIT) and `stateRaw` keeps ss's when they differ. UNCONN is the kernel's TCP_CLOSE,
 *   which netstat prints as no state for UDP and CLOSE for TCP and raw sockets: the same here.
 * - Processes: `users:(("node",pid=21,fd=3))`; before iproute2 3.16 (2014) without keys,
 *   `users:(("sshd",1231,3))`; several entries when a socket is shared (forked servers, or two
 *   fds of one process). `pid`/`program` take the first one, `processes` keeps all. Names are
 *   quoted and may hold spaces, commas or parentheses.
 * - `-e` adds `uid:N ino:N sk:X cgroup:... v6only:N <->`; `-o` adds `timer:(...)`: uid -> `user`,
 *   ino -> `inode`, timer -> `timer`, the rest is kept in `extra` as printed.
 * - Rows of other socket kinds (`u_str`, `nl`, `p_raw`, `v_str`...) are skipped with one warning.
 */
import { coded } from '../i18n/coded.js';
import {
  type Codes,
  codesOf,
  digitsAt,
  indexOfWord,
  integerAt,
  lineEnd,
  nextLine,
  oneOf,
  spaceEnd,
  wordEnd,
  words,
} from './codes.js';
import type { NetstatSocket } from './netstat.js';
import { RAW_PROTOCOL_PORTS } from './proc-net-hex.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, isSpaceCode, rejected, result } from './util.js';

export interface SsProcess {
  name: string;
  pid?: number;
  fd?: number;
}

export interface SsSocket extends NetstatSocket {
  /** The device a socket is bound to: `0.0.0.0%docker0:67` -> `docker0`. */
  localInterface?: string;
  /** For IPv6 sockets when the output tells: false for a dual-stack socket (`*`), true for `[::]`. */
  v6only?: boolean;
  processes: SsProcess[];
  /** Set when the output has no Netid column and the transport was guessed (see the file comment). */
  protoGuess?: true;
  /** `-e`/`-i`/`-m` words this parser does not map (`sk:1036`, `cgroup:/`, `<->`). */
  extra?: string[];
}

const STATES: Record<string, string> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'NEW-SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  UNCONN: 'CLOSE',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  'BOUND-INACTIVE': 'CLOSE',
  UNKNOWN: 'UNKNOWN',
};

/** What splitEndpoint reads from an address word (filled in place: two per row, no object each). */
interface Endpoint {
  address: string;
  port: string;
  iface: string | undefined;
  family: 4 | 6 | undefined;
  /** The wildcard was printed as `*`. */
  star: boolean;
  bracketed: boolean;
}

function endpoint(): Endpoint {
  return { address: '', port: '', iface: undefined, family: undefined, star: false, bracketed: false };
}

/**
 * The address word `text[a, b)` into `out`: `host:port` split at the LAST colon, then the device
 * after `%` (`0.0.0.0%docker0`, `[fe80::1]%eth0`, `*%ens18`), then the brackets. Read by
 * character code over the word in place; only the parts kept are sliced.
 */
function splitEndpoint(text: string, codes: Codes, a: number, limit: number, out: Endpoint): number {
  // One pass over the word, which ends at whitespace or `limit`, notes what the splits need: the
  // last colon (host:port), the first colon (IPv6), the first `]`, the first `%` and the first
  // after that `]` (the device), the first character after `a` that is neither a digit nor a
  // dot (IPv4).
  let lastColon = -1;
  let firstColon = -1;
  let close = -1;
  let pct = -1;
  let pctAfterClose = -1;
  let other = -1;
  let b = a;
  for (; b < limit; b++) {
    const c = codes[b]!;
    if ((c >= 48 && c <= 57) || c === 46) continue;
    if (isSpaceCode(c)) break;
    if (other < 0 && b > a) other = b;
    const i = b;
    if (c === 58 /* : */) {
      lastColon = i;
      if (firstColon < 0) firstColon = i;
    } else if (c === 93 /* ] */) {
      if (close < 0) close = i;
    } else if (c === 37 /* % */) {
      if (pct < 0) pct = i;
      if (close >= 0 && pctAfterClose < 0) pctAfterClose = i;
    }
  }
  let hostEnd = lastColon < 0 ? b : lastColon;
  out.port = lastColon < 0 ? '' : text.slice(lastColon + 1, b);
  // The device follows the address; in a bracketed one, after the `]` when the host has one
  // (host.indexOf('%', host.indexOf(']')) with indexOf's -1 read as 0).
  const open = codes[a] === 91; /* [ */
  const p = open && close >= 0 && close < hostEnd ? pctAfterClose : pct;
  out.iface = undefined;
  if (p >= 0 && p < hostEnd) {
    out.iface = text.slice(p + 1, hostEnd);
    hostEnd = p;
  }
  let start = a;
  const bracketed = open && hostEnd - a >= 2 && codes[hostEnd - 1] === 93; /* ] */
  if (bracketed) {
    start++;
    hostEnd--;
  }
  out.bracketed = bracketed;
  // The family from the characters: `*` none, a colon 6, digits and dots only 4, else none.
  const star = hostEnd - start === 1 && codes[start] === 42; /* * */
  out.star = star;
  let family: 4 | 6 | undefined;
  if (!star && hostEnd > start) {
    if (firstColon >= start && firstColon < hostEnd) family = 6;
    else if ((other < 0 || other >= hostEnd) && (start > a || isDigitOrDot(codes[a]!))) family = 4;
  }
  out.family = family;
  out.address = star ? '*' : text.slice(start, hostEnd);
  return b;
}

function isDigitOrDot(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}

/** The Internet Netids as constants (no slice per row), and `proto` of their IPv6 sockets. */
const INET_NETID_LIST = ['tcp', 'udp', 'raw', 'sctp', 'mptcp', 'dccp', 'udplite'];
const INET_NETIDS = words(INET_NETID_LIST);
const PROTO6 = new Map(INET_NETID_LIST.map((n) => [n, `${n}6`]));

const STATE_WORDS = Object.keys(STATES);
const STATE_LIST = words(STATE_WORDS);
/** netstat's name of each of STATE_WORDS, by index (no keyed lookup by string per row). */
const STATE_NAMES = STATE_WORDS.map((w) => STATES[w]!);
const OTHER_NETIDS = /^(u_str|u_dgr|u_seq|unix|nl|p_raw|p_dgr|v_str|v_dgr|tipc|xdp|icmp6?|\?\?\?)$/;

/**
 * `/users:\(\("[^"]*",\d/.test(rest)`, the users:(...) form of ss before iproute2 3.16, by
 * indexOf (it runs on every row of an output without old-style evidence).
 */
function oldUsersForm(rest: string): boolean {
  for (let i = rest.indexOf('users:(("'); i >= 0; i = rest.indexOf('users:(("', i + 1)) {
    const q = rest.indexOf('"', i + 9);
    if (q < 0) return false;
    if (rest.charCodeAt(q + 1) === 44 /* , */) {
      const c = rest.charCodeAt(q + 2);
      if (c >= 48 && c <= 57) return true;
    }
  }
  return false;
}

/**
 * Parse `users:((...),(...))` starting at `s[0]` into `processes`; returns the length consumed, or
 * -1 (and `processes` as it was) when the field is not readable.
 */
function parseUsers(s: string, processes: SsProcess[]): number {
  if (!s.startsWith('users:((')) return -1;
  const before = processes.length;
  let i = 'users:('.length;
  while (s.charCodeAt(i) === 40 /* ( */) {
    i++;
    if (s.charCodeAt(i) !== 34 /* " */) {
      processes.length = before;
      return -1;
    }
    // The name is quoted; a name may itself contain `"`, so it ends at the `",` that is followed
    // by the pid (`pid=` or a digit).
    let j = i + 1;
    let end = -1;
    while (j < s.length) {
      const q = s.indexOf('",', j);
      if (q < 0) break;
      // `pid=` or a digit after the `",` (checked in place: no copy of the rest of the line).
      const at = s.startsWith('pid=', q + 2) ? q + 6 : q + 2;
      const c = s.charCodeAt(at);
      if (c >= 48 && c <= 57) {
        end = q;
        break;
      }
      j = q + 1;
    }
    const close = end < 0 ? -1 : s.indexOf(')', end);
    if (close < 0) {
      processes.length = before;
      return -1;
    }
    const name = s.slice(i + 1, end);
    let pid: number | undefined;
    let fd: number | undefined;
    // Each comma-separated field `pid=N`, `fd=N` (or a bare N: pid first, fd second), as
    // /^(?:(pid|fd)=)?(\d+)$/, read in place. A key set again keeps its place, as an assignment
    // would: `fd` goes first only when it came before any pid.
    let fdFirst = false;
    for (let from = end + 2, k = 0; from <= close; k++) {
      let to = s.indexOf(',', from);
      if (to < 0 || to > close) to = close;
      const named = s.startsWith('pid=', from) ? 1 : s.startsWith('fd=', from) ? 2 : 0;
      const start = named === 1 ? from + 4 : named === 2 ? from + 3 : from;
      let value = -1;
      if (start < to) {
        value = 0;
        for (let c = start; c < to; c++) {
          const d = s.charCodeAt(c) - 48;
          if (d < 0 || d > 9) {
            value = -1;
            break;
          }
          value = value * 10 + d;
        }
      }
      const key = named !== 0 ? named : k === 0 ? 1 : k === 1 ? 2 : 0;
      if (value >= 0 && key !== 0) {
        // Long digit strings as Number() reads them (beyond 2^53 the sum above would differ).
        const v = to - start <= 15 ? value : Number(s.slice(start, to));
        if (key === 1) pid = v;
        else {
          if (pid === undefined && fd === undefined) fdFirst = true;
          fd = v;
        }
      }
      from = to + 1;
    }
    // One literal per key order (an absent field is undefined: JSON leaves it out).
    processes.push(fdFirst && pid !== undefined ? { name, fd, pid } : { name, pid, fd });
    i = close + 1;
    if (s.charCodeAt(i) === 44 /* , */) i++;
  }
  if (s.charCodeAt(i) !== 41 /* ) */) {
    processes.length = before;
    return -1;
  }
  return i + 1;
}

/**
 * The rest of a row `text[a, b)` when it is exactly `users:(("name",pid=N,fd=M),...)` with no `"`
 * in a name, no name ending in `(` and numbers of at most 15 digits: its processes, read in place
 * as parseUsers would (same processes, same key order), in an array of their exact length; else
 * undefined. Such a rest also never looks like the pre-3.16 form to oldUsersForm: its only
 * `users:(("` is at the start, and the first `"` after it is followed by `,pid=`.
 */
function usersInPlace(text: string, codes: Codes, a: number, b: number): SsProcess[] | undefined {
  if (!isUsersOpen(codes, a)) return undefined;
  let found: SsProcess[] | undefined;
  let i = a + 7;
  while (codes[i] === 40 /* ( */ && i < b) {
    i++;
    const nameStart = i + 1;
    if (codes[i] !== 34 /* " */) return undefined;
    let q = nameStart;
    while (q < b && codes[q] !== 34) q++;
    if (q >= b || codes[q - 1] === 40 || codes[q + 1] !== 44 || !isPidKey(codes, q + 2)) return undefined;
    let j = q + 6;
    const pidStart = j;
    let pid = 0;
    for (let c = codes[j]!; c >= 48 && c <= 57 && j < b; c = codes[++j]!) pid = pid * 10 + c - 48;
    if (j === pidStart || j - pidStart > 15 || codes[j] !== 44 || !isFdKey(codes, j + 1)) return undefined;
    j += 4;
    const fdStart = j;
    let fd = 0;
    for (let c = codes[j]!; c >= 48 && c <= 57 && j < b; c = codes[++j]!) fd = fd * 10 + c - 48;
    if (j === fdStart || j - fdStart > 15 || codes[j] !== 41 /* ) */ || j >= b) return undefined;
    const p: SsProcess = { name: text.slice(nameStart, q), pid, fd };
    // A one-element literal for the usual single process (an array grown by push from empty
    // reserves 16 slots, and 20,000 of them would stay in the records).
    if (found === undefined) found = [p];
    else found.push(p);
    i = j + 1;
    if (codes[i] === 44 /* , */ && i < b) i++;
  }
  return i + 1 === b && codes[i] === 41 /* ) */ ? found : undefined;
}

/** `text.startsWith('users:((', i)` by character code (as isPidKey: it runs for every row). */
function isUsersOpen(codes: Codes, i: number): boolean {
  return (
    codes[i] === 117 &&
    codes[i + 1] === 115 &&
    codes[i + 2] === 101 &&
    codes[i + 3] === 114 &&
    codes[i + 4] === 115 &&
    codes[i + 5] === 58 &&
    codes[i + 6] === 40 &&
    codes[i + 7] === 40
  );
}

/** `text.startsWith('pid=', i)` by character code (a call to startsWith costs more per row). */
function isPidKey(codes: Codes, i: number): boolean {
  return codes[i] === 112 && codes[i + 1] === 105 && codes[i + 2] === 100 && codes[i + 3] === 61;
}

/** `text.startsWith('fd=', i)` by character code. */
function isFdKey(codes: Codes, i: number): boolean {
  return codes[i] === 102 && codes[i + 1] === 100 && codes[i + 2] === 61;
}

/** What one pass over the text found; records as built with the style and transport it was given. */
interface Scan {
  records: SsSocket[];
  /** `unrecognised-line`, in line order (they come first). */
  rowWarnings: ParseWarning[];
  /** Per record (`ss-unreadable-users`, `unknown-state-quoted`): they come last. */
  recordWarnings: ParseWarning[];
  headers: number;
  skipped: Map<string, number>;
  oldEvidence: boolean;
  newEvidence: boolean;
  anyLocalStar: boolean;
  /** Some row had no Netid: its transport is `guess`. */
  anyNoNetid: boolean;
  guess: string;
}

/**
 * One pass over the lines of `text` (the lines of util.splitLines, found by indexOf: no array of
 * lines), each row scanned by character code and its record built at once in one object
 * literal (every record the same shape; absent fields are undefined, which JSON leaves out).
 * The address style and a guessed transport depend on the whole output; parse() runs a second
 * pass with them when the first one's assumptions (new style, a Netid on every row) were wrong.
 */
function scan(text: string, oldStyle: boolean, guessed: string | undefined): Scan {
  const records: SsSocket[] = [];
  const rowWarnings: ParseWarning[] = [];
  const recordWarnings: ParseWarning[] = [];
  let headers = 0;
  /** iproute2 >= 5.x names a `Process` column; its ss prints the IPv4 wildcard as `0.0.0.0`. */
  let processHeader = false;
  let hasNetid: boolean | undefined;
  const skipped = new Map<string, number>();
  let oldEvidence = false;
  let newEvidence = false;
  let anyLocalStar = false;
  let anyNoNetid = false;
  // guessTransport's inputs: a state other than UNCONN/ESTAB; UNCONN rows; all of them raw-like.
  let otherState = false;
  let unconn = 0;
  let allUnconnRaw = true;

  // The text as code units (codes.ts: one load per character instead of a charCodeAt call).
  const codes = codesOf(text);
  const bounds = new Int32Array(8);
  const local = endpoint();
  const peer = endpoint();
  const len = text.length;
  let lineNo = 0;
  for (let pos = 0; pos < len; ) {
    const ls = pos;
    const le = lineEnd(text, codes, ls);
    pos = nextLine(codes, le);
    lineNo++;
    // The first four words as offsets (util.wordBounds on the line); the addresses that follow
    // are read as they are scanned (below).
    let n = 0;
    let i = ls;
    while (n < 4) {
      i = spaceEnd(codes, i, le);
      if (i >= le) break;
      bounds[2 * n] = i;
      i = wordEnd(codes, i, le);
      bounds[2 * n + 1] = i;
      n++;
    }
    if (n === 0) continue;
    const w0 = bounds[0]!;
    const w1 = bounds[1]!;
    // A header starts with `Netid` or `State` (the regex runs only then).
    if (w1 - w0 === 5 && (text.startsWith('Netid', w0) || text.startsWith('State', w0))) {
      const trimmed = text.slice(ls, le).trim();
      if (/^(Netid\s+)?State\s+Recv-Q/.test(trimmed)) {
        headers++;
        if (/Process/.test(trimmed)) processHeader = true;
        hasNetid = trimmed.startsWith('Netid');
        continue;
      }
    }
    const inet = oneOf(codes, w0, w1, INET_NETIDS);
    let first = inet;
    if (inet === undefined) {
      first = text.slice(w0, w1);
      if (OTHER_NETIDS.test(first) || (hasNetid && /^[a-z_?]+$/.test(first))) {
        skipped.set(first, (skipped.get(first) ?? 0) + 1);
        continue;
      }
    }
    const withNetid = hasNetid ?? inet !== undefined;
    const k = withNetid ? 1 : 0;
    // state, recvQ, sendQ, local, peer: words k..k+4. The addresses, each read in the one pass
    // that finds where it ends (splitEndpoint), after the word k+2.
    let localEnd = -1;
    let peerEnd = -1;
    if (n >= k + 3) {
      let a = spaceEnd(codes, bounds[2 * k + 5]!, le);
      if (a < le) {
        localEnd = splitEndpoint(text, codes, a, le, local);
        a = spaceEnd(codes, localEnd, le);
        if (a < le) peerEnd = splitEndpoint(text, codes, a, le, peer);
      }
    }
    if (
      peerEnd < 0 ||
      !digitsAt(codes, bounds[2 * k + 2]!, bounds[2 * k + 3]!) ||
      !digitsAt(codes, bounds[2 * k + 4]!, bounds[2 * k + 5]!)
    ) {
      const raw = text.slice(ls, le);
      rowWarnings.push({ line: lineNo, ...coded('unrecognised-line', { text: raw.trim().slice(0, 100) }) });
      continue;
    }
    const netid = withNetid ? first : undefined;
    const sa = bounds[2 * k]!;
    const sb = bounds[2 * k + 1]!;
    const si = indexOfWord(codes, sa, sb, STATE_LIST);
    const state = si >= 0 ? STATE_WORDS[si]! : text.slice(sa, sb);
    const recvQ = integerAt(codes, text, bounds[2 * k + 2]!, bounds[2 * k + 3]!);
    const sendQ = integerAt(codes, text, bounds[2 * k + 4]!, bounds[2 * k + 5]!);
    // The rest of the line after the peer, trimmed.
    const rs = spaceEnd(codes, peerEnd, le);
    let re = le;
    while (re > rs && isSpaceCode(codes[re - 1]!)) re--;
    // The usual rest, `users:(("name",pid=N,fd=M),...)` alone, is read in place (usersInPlace);
    // anything else as a string by the general loop below.
    const inPlace = rs < re ? usersInPlace(text, codes, rs, re) : undefined;
    const restText = rs < re && inPlace === undefined ? text.slice(rs, re) : '';

    // Evidence of the address style and the inputs of a transport guess (see the file comment).
    if (!oldEvidence)
      oldEvidence =
        (!local.bracketed && local.family === 6) ||
        (!peer.bracketed && peer.family === 6) ||
        // before iproute2 3.16 users:(("sshd",1231,3)): long before brackets and `0.0.0.0`
        // (never so when read in place: see usersInPlace)
        oldUsersForm(restText) ||
        // new ss prints `*` only for IPv6 sockets, which never have an IPv4 address on either end
        (local.family === 4 && peer.star) ||
        (peer.family === 4 && local.star);
    if (!newEvidence)
      newEvidence =
        local.bracketed || local.address === '0.0.0.0' || peer.bracketed || peer.address === '0.0.0.0';
    if (local.star) anyLocalStar = true;
    if (netid === undefined) anyNoNetid = true;
    if (state === 'UNCONN') {
      unconn++;
      if (allUnconnRaw && !(RAW_PROTOCOL_PORTS.has(local.port) && (peer.port === '*' || peer.port === '0')))
        allUnconnRaw = false;
    } else if (state !== 'ESTAB') otherState = true;

    let extra: string[] | undefined;
    const processes: SsProcess[] = inPlace ?? [];
    let user: string | undefined;
    let inode: number | undefined;
    let timer: string | undefined;
    let v6onlyFlag: boolean | undefined;
    let rest = restText;
    while (rest !== '') {
      const used = parseUsers(rest, processes);
      if (used >= 0) {
        rest = used === rest.length ? '' : rest.slice(used).trim();
        continue;
      }
      if (rest.startsWith('users:(')) recordWarnings.push({ line: lineNo, ...coded('ss-unreadable-users') });
      const timerM = /^timer:\([^)]*\)/.exec(rest);
      const word = timerM ? timerM[0] : (/^\S+/.exec(rest)?.[0] ?? '');
      rest = rest.slice(word.length).trim();
      const kv = /^(uid|ino|v6only):(\d+)$/.exec(word);
      if (timerM) timer = word.slice('timer:('.length, -1);
      else if (kv?.[1] === 'uid') user = kv[2];
      else if (kv?.[1] === 'ino') inode = Number(kv[2]);
      else if (kv?.[1] === 'v6only') v6onlyFlag = kv[2] === '1';
      else if (extra) extra.push(word);
      else extra = [word];
    }

    const six = local.family === 6 || peer.family === 6 || (!oldStyle && local.star);
    const any = six ? '::' : '0.0.0.0';
    const transport = netid ?? guessed ?? 'tcp';
    let v6only: boolean | undefined = v6onlyFlag;
    if (v6only === undefined && six && !oldStyle) {
      if (local.star) v6only = false;
      else if (local.address === '::' && local.bracketed) v6only = true;
    }
    // (STATES[state] for a word not in the table, `constructor` too, as before.)
    const st = si >= 0 ? STATE_NAMES[si] : STATES[state];
    if (st === undefined) recordWarnings.push({ line: lineNo, ...coded('unknown-state-quoted', { state }) });
    // UNCONN is TCP_CLOSE: netstat prints no state for UDP and CLOSE for TCP and raw sockets.
    const stateOut = state === 'UNCONN' && transport.startsWith('udp') ? undefined : (st ?? 'UNKNOWN');
    const firstProc = processes[0];
    // One literal in the key order of the JSON output (golden files): every record has the same
    // shape; a field the row does not have is undefined, which JSON.stringify leaves out.
    records.push({
      proto: six ? (PROTO6.get(transport) ?? `${transport}6`) : transport,
      recvQ,
      sendQ,
      localAddress: local.star ? any : local.address,
      localPort: local.port,
      localInterface: local.iface,
      foreignAddress: peer.star ? any : peer.address,
      foreignPort: peer.port,
      state: stateOut,
      stateRaw: stateOut !== state ? state : undefined,
      user,
      inode,
      pid: firstProc?.pid,
      program: firstProc?.name,
      timer,
      v6only,
      protoGuess: netid === undefined ? true : undefined,
      extra,
      processes,
      line: lineNo,
    });
  }
  if (processHeader) newEvidence = true;
  const guess = otherState || unconn === 0 ? 'tcp' : allUnconnRaw ? 'raw' : 'udp';
  return {
    records,
    rowWarnings,
    recordWarnings,
    headers,
    skipped,
    oldEvidence,
    newEvidence,
    anyLocalStar,
    anyNoNetid,
    guess,
  };
}

function parse(text: string): ParseResult<SsSocket> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  // Every line blank (as splitLines(text).every((l) => l.trim() === '')).
  if (!/\S/.test(text)) return rejected('empty output');

  // First as most outputs are: new style, a Netid on every row; again when that was wrong.
  let s = scan(text, false, undefined);
  if (s.oldEvidence || s.anyNoNetid) s = scan(text, s.oldEvidence, s.anyNoNetid ? s.guess : undefined);

  if (s.headers === 0 && s.records.length === 0) {
    return rejected('not ss output: no `State Recv-Q ...` header and no socket rows');
  }
  const warnings = s.rowWarnings;
  if (s.headers === 0) warnings.push(coded('ss-no-header'));
  for (const [netid, n] of s.skipped) warnings.push(coded('ss-skipped-netid', { n, netid }));
  if (!s.oldEvidence && !s.newEvidence && s.anyLocalStar) warnings.push(coded('ss-star-ambiguous'));
  for (const w of s.recordWarnings) warnings.push(w);
  return result(s.records, capWarnings(warnings));
}

export const ss: Parser<SsSocket> = {
  id: 'ss',
  description: 'Internet sockets from iproute2 `ss` (-tulpan and friends, old and new users:(...) forms)',
  commands: ['ss -tulpan', 'ss -tunap', 'ss -lntu', 'ss -tanp', 'ss -wanp', 'ss -tulpane'],
  parse,
};
