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
import type { NetstatSocket } from './netstat.js';
import { RAW_PROTOCOL_PORTS } from './proc-net-hex.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines, wordBounds } from './util.js';

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

/** Netids of Internet sockets; other Netids (unix, netlink, packet, vsock...) are skipped. */
const INET_NETIDS = new Set(['tcp', 'udp', 'raw', 'sctp', 'mptcp', 'dccp', 'udplite']);
const OTHER_NETIDS = /^(u_str|u_dgr|u_seq|unix|nl|p_raw|p_dgr|v_str|v_dgr|tipc|xdp|icmp6?|\?\?\?)$/;

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

interface Endpoint {
  address: string;
  port: string;
  iface: string | undefined;
  family: 4 | 6 | undefined;
  /** The wildcard was printed as `*`. */
  star: boolean;
  bracketed: boolean;
}

function splitEndpoint(text: string): Endpoint {
  const i = text.lastIndexOf(':');
  let host = i < 0 ? text : text.slice(0, i);
  const port = i < 0 ? '' : text.slice(i + 1);
  let iface: string | undefined;
  // The device follows the address: `0.0.0.0%docker0`, `[fe80::1]%eth0`, `*%ens18`.
  const pct = host.startsWith('[') ? host.indexOf('%', host.indexOf(']')) : host.indexOf('%');
  if (pct >= 0) {
    iface = host.slice(pct + 1);
    host = host.slice(0, pct);
  }
  const bracketed = host.startsWith('[') && host.endsWith(']');
  if (bracketed) host = host.slice(1, -1);
  const family = host === '*' ? undefined : host.includes(':') ? 6 : digitsAndDots(host) ? 4 : undefined;
  // One shape for every endpoint (no conditional spread): 40,000 of them in a 20,000-row output.
  return { address: host, port, iface, family, star: host === '*', bracketed };
}

/** `/^[\d.]+$/` by character code (it runs for both ends of every row). */
function digitsAndDots(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 46 && (c < 48 || c > 57)) return false;
  }
  return true;
}

/** `/^\d+$/` by character code. */
function allDigits(s: string | undefined): boolean {
  if (!s) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

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
  const fail = () => {
    processes.length = before;
    return -1;
  };
  let i = 'users:('.length;
  while (s[i] === '(') {
    i++;
    if (s[i] !== '"') return fail();
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
    if (end < 0) return fail();
    const name = s.slice(i + 1, end);
    const close = s.indexOf(')', end);
    if (close < 0) return fail();
    const p: SsProcess = { name };
    // Each comma-separated field `pid=N`, `fd=N` (or a bare N: pid first, fd second), as
    // /^(?:(pid|fd)=)?(\d+)$/, read in place.
    for (let from = end + 2, k = 0; from <= close; k++) {
      let to = s.indexOf(',', from);
      if (to < 0 || to > close) to = close;
      const named = s.startsWith('pid=', from) ? 'pid' : s.startsWith('fd=', from) ? 'fd' : undefined;
      const start = named ? from + named.length + 1 : from;
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
      const key = named ?? (k === 0 ? 'pid' : k === 1 ? 'fd' : undefined);
      // Long digit strings as Number() reads them (beyond 2^53 the sum above would differ).
      if (value >= 0 && key) p[key] = to - start <= 15 ? value : Number(s.slice(start, to));
      from = to + 1;
    }
    processes.push(p);
    i = close + 1;
    if (s[i] === ',') i++;
  }
  if (s[i] !== ')') return fail();
  return i + 1;
}

/** Guess the transport of an output without a Netid column (see the file comment). */
function guessTransport(rows: { state: string; local: Endpoint; peer: Endpoint }[]): string {
  const states = new Set(rows.map((r) => r.state));
  if ([...states].some((s) => s !== 'UNCONN' && s !== 'ESTAB')) return 'tcp';
  const unconn = rows.filter((r) => r.state === 'UNCONN');
  if (unconn.length === 0) return 'tcp';
  const raw = unconn.every(
    (r) => RAW_PROTOCOL_PORTS.has(r.local.port) && (r.peer.port === '*' || r.peer.port === '0'),
  );
  return raw ? 'raw' : 'udp';
}

interface Row {
  lineNo: number;
  netid: string | undefined;
  state: string;
  recvQ: number;
  sendQ: number;
  local: Endpoint;
  peer: Endpoint;
  rest: string;
}

function parse(text: string): ParseResult<SsSocket> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');

  const warnings: ParseWarning[] = [];
  const rows: Row[] = [];
  let headers = 0;
  /** iproute2 >= 5.x names a `Process` column; its ss prints the IPv4 wildcard as `0.0.0.0`. */
  let processHeader = false;
  let hasNetid: boolean | undefined;
  const skipped = new Map<string, number>();

  // The first six words of a row as offsets (wordBounds: no object per word).
  const bounds = new Int32Array(12);
  const word = (raw: string, k: number) => raw.slice(bounds[2 * k]!, bounds[2 * k + 1]!);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    const n = wordBounds(raw, 6, bounds);
    if (n === 0) continue;
    const first = word(raw, 0);
    // A header starts with `Netid` or `State` (the regex runs only then).
    if ((first === 'Netid' || first === 'State') && /^(Netid\s+)?State\s+Recv-Q/.test(raw.trim())) {
      const trimmed = raw.trim();
      headers++;
      if (/Process/.test(trimmed)) processHeader = true;
      hasNetid = trimmed.startsWith('Netid');
      continue;
    }
    const inet = INET_NETIDS.has(first);
    if (!inet && (OTHER_NETIDS.test(first) || (hasNetid && /^[a-z_?]+$/.test(first)))) {
      skipped.set(first, (skipped.get(first) ?? 0) + 1);
      continue;
    }
    const withNetid = hasNetid ?? inet;
    const k = withNetid ? 1 : 0;
    // state, recvQ, sendQ, local, peer: words k..k+4
    if (n < k + 5 || !allDigits(word(raw, k + 1)) || !allDigits(word(raw, k + 2))) {
      warnings.push({ line: lineNo, ...coded('unrecognised-line', { text: raw.trim().slice(0, 100) }) });
      continue;
    }
    rows.push({
      lineNo,
      netid: withNetid ? first : undefined,
      state: word(raw, k),
      recvQ: Number(word(raw, k + 1)),
      sendQ: Number(word(raw, k + 2)),
      local: splitEndpoint(word(raw, k + 3)),
      peer: splitEndpoint(word(raw, k + 4)),
      rest: raw.slice(bounds[2 * (k + 4) + 1]!).trim(),
    });
  }

  if (headers === 0 && rows.length === 0) {
    return rejected('not ss output: no `State Recv-Q ...` header and no socket rows');
  }
  if (headers === 0) warnings.push(coded('ss-no-header'));
  for (const [netid, n] of skipped) warnings.push(coded('ss-skipped-netid', { n, netid }));

  // Old ss prints IPv6 unbracketed (`:::22`) and `*` for the IPv4 wildcard.
  const oldEvidence = rows.some(
    (r) =>
      (!r.local.bracketed && r.local.family === 6) ||
      (!r.peer.bracketed && r.peer.family === 6) ||
      // before iproute2 3.16 users:(("sshd",1231,3)): long before brackets and `0.0.0.0`
      oldUsersForm(r.rest) ||
      // new ss prints `*` only for IPv6 sockets, which never have an IPv4 address on either end
      (r.local.family === 4 && r.peer.star) ||
      (r.peer.family === 4 && r.local.star),
  );
  const newEvidence =
    processHeader ||
    rows.some(
      (r) =>
        r.local.bracketed ||
        r.local.address === '0.0.0.0' ||
        r.peer.bracketed ||
        r.peer.address === '0.0.0.0',
    );
  const oldStyle = oldEvidence;
  if (!oldEvidence && !newEvidence && rows.some((r) => r.local.star))
    warnings.push(coded('ss-star-ambiguous'));
  const guessed = rows.some((r) => r.netid === undefined) ? guessTransport(rows) : undefined;

  const records = rows.map((r): SsSocket => {
    let extra: string[] | undefined;
    const processes: SsProcess[] = [];
    let user: string | undefined;
    let inode: number | undefined;
    let timer: string | undefined;
    let v6onlyFlag: boolean | undefined;
    let rest = r.rest;
    while (rest !== '') {
      const used = parseUsers(rest, processes);
      if (used >= 0) {
        rest = used === rest.length ? '' : rest.slice(used).trim();
        continue;
      }
      if (rest.startsWith('users:(')) warnings.push({ line: r.lineNo, ...coded('ss-unreadable-users') });
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

    const six = r.local.family === 6 || r.peer.family === 6 || (!oldStyle && r.local.star);
    const any = six ? '::' : '0.0.0.0';
    const transport = r.netid ?? guessed ?? 'tcp';
    let v6only: boolean | undefined = v6onlyFlag;
    if (v6only === undefined && six && !oldStyle) {
      if (r.local.star) v6only = false;
      else if (r.local.address === '::' && r.local.bracketed) v6only = true;
    }

    const st = STATES[r.state];
    if (st === undefined)
      warnings.push({ line: r.lineNo, ...coded('unknown-state-quoted', { state: r.state }) });
    // Built in the key order of the JSON output (golden files): the scalar fields, then
    // `processes`, `line` last; assigned in place, no copy per row.
    const rec = {
      proto: six ? `${transport}6` : transport,
      recvQ: r.recvQ,
      sendQ: r.sendQ,
      localAddress: r.local.star ? any : r.local.address,
      localPort: r.local.port,
    } as SsSocket;
    if (r.local.iface !== undefined) rec.localInterface = r.local.iface;
    rec.foreignAddress = r.peer.star ? any : r.peer.address;
    rec.foreignPort = r.peer.port;
    // UNCONN is TCP_CLOSE: netstat prints no state for UDP and CLOSE for TCP and raw sockets.
    if (!(r.state === 'UNCONN' && transport.startsWith('udp'))) rec.state = st ?? 'UNKNOWN';
    if (rec.state !== r.state) rec.stateRaw = r.state;
    if (user !== undefined) rec.user = user;
    if (inode !== undefined) rec.inode = inode;
    const firstProc = processes[0];
    if (firstProc?.pid !== undefined) rec.pid = firstProc.pid;
    if (firstProc) rec.program = firstProc.name;
    if (timer !== undefined) rec.timer = timer;
    if (v6only !== undefined) rec.v6only = v6only;
    if (r.netid === undefined) rec.protoGuess = true;
    if (extra !== undefined) rec.extra = extra;
    rec.processes = processes;
    rec.line = r.lineNo;
    return rec;
  });
  return result(records, capWarnings(warnings));
}

export const ss: Parser<SsSocket> = {
  id: 'ss',
  description: 'Internet sockets from iproute2 `ss` (-tulpan and friends, old and new users:(...) forms)',
  commands: ['ss -tulpan', 'ss -tunap', 'ss -lntu', 'ss -tanp', 'ss -wanp', 'ss -tulpane'],
  parse,
};
