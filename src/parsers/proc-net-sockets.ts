/**
 * Parser for the kernel's socket tables `/proc/net/tcp`, `tcp6`, `udp`, `udp6`, `raw`, `raw6`
 * (what the collector reads instead of running `ss` when that could load a kernel module, and
 * what it reads for a container without nsenter).
 *
 *     sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *      0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 280960 1 ...
 *      0: 0000000000000000FFFF00000100007F:0051 00000000000000000000000000000000:0000 0A ...
 *
 * Records have netstat's field names (see NetstatSocket), as `netstat -an` would print the same
 * sockets. Things that are not obvious:
 *
 * - Addresses: each 32-bit word of the address is printed with `%08X` as a host integer, so on
 *   little-endian machines (x86, arm64: every Docker host we know of) the bytes of each word come
 *   out reversed: `0100007F` is 127.0.0.1. Big-endian hosts (s390x) are not detected. 8 hex
 *   digits mean IPv4, 32 mean IPv6 (`proto` tcp/tcp6...); IPv6 is printed like iproute2 does
 *   (`::ffff:127.0.0.1`). Ports are hex; port 0 becomes `*` as in netstat and ss. Raw sockets put
 *   their IP protocol number in the local port (`0001` icmp, `003A` ipv6-icmp).
 * - The transport is not in the text. For the collector it comes from the command id, and the
 *   model should use the small wrapper parsers `proc-net-tcp` (tcp + tcp6), `proc-net-udp` and
 *   `proc-net-raw`, which pass it to `parseProcNet(text, transport)`. This generic parser, for a
 *   file of unknown origin, infers it per header section and marks the result `protoGuess: true`:
 *     1. the tcp header ends at `inode`, the udp and raw headers add `ref pointer drops`
 *        (reliable: it is how the kernel prints them; not marked as a guess);
 *     2. without a header, a TCP-only state (0A LISTEN, 06 TIME_WAIT...) means tcp;
 *     3. udp vs raw: raw when every row has remote port 0 and a local "port" that is a common IP
 *        protocol number for raw sockets (1, 2, 6, 17, 58, 112, 255...); udp otherwise, since
 *        unconnected UDP (07) and raw sockets look alike.
 * - States are the kernel's TCP state numbers in hex (include/net/tcp_states.h): mapped to
 *   netstat's words, the code kept in `stateRaw`. UDP reuses 07 (TCP_CLOSE) for "unconnected",
 *   which netstat prints as no state: UDP records have no `state` then; raw sockets get CLOSE.
 * - `uid` goes to `user` (what `netstat -e -n` prints there), `inode` to `inode`; the timer and
 *   retransmit columns are not kept. TIME_WAIT rows carry inode 0 and fewer trailing fields.
 */
import { coded } from '../i18n/coded.js';
import type { NetstatSocket } from './netstat.js';
import { addressFromWords, RAW_PROTOCOL_PORTS } from './proc-net-hex.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export type Transport = 'tcp' | 'udp' | 'raw';

export interface ProcNetSocket extends NetstatSocket {
  /** Set when the transport was inferred from the text rather than given by the command id. */
  protoGuess?: true;
}

const TCP_STATES: Record<number, string> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECV',
  4: 'FIN_WAIT1',
  5: 'FIN_WAIT2',
  6: 'TIME_WAIT',
  7: 'CLOSE',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  // TCP_NEW_SYN_RECV (a request socket) and TCP_BOUND_INACTIVE (Linux 6.5): netstat has no word.
  12: 'SYN_RECV',
  13: 'CLOSE',
};

const HEADER_RE = /^\s*sl\s+local_address\s+rem(ote)?_address\s+st\b/;
const ROW_RE =
  /^\s*(\d+):\s+([0-9A-Fa-f]+):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]+):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{2})\s+([0-9A-Fa-f]+):([0-9A-Fa-f]+)\s+\S+\s+\S+\s+(\d+)\s+(-?\d+)\s+(\d+)/;

interface Row {
  lineNo: number;
  local: string;
  localPort: string;
  remote: string;
  remotePort: string;
  st: string;
  tx: number;
  rx: number;
  uid: string;
  inode: number;
}

interface Section {
  /** The header's shape: 'tcp' (ends at inode), 'udp-raw' (ref pointer drops), none. */
  header?: 'tcp' | 'udp-raw';
  headerLine?: number;
  rows: Row[];
}

const port = (hex: string) => {
  const n = Number.parseInt(hex, 16);
  return n === 0 ? '*' : String(n);
};

function guessSection(s: Section): { transport: Transport; guessed: boolean } {
  if (s.header === 'tcp') return { transport: 'tcp', guessed: false };
  const states = s.rows.map((r) => Number.parseInt(r.st, 16));
  if (s.header === undefined && states.some((n) => n !== 1 && n !== 7))
    return { transport: 'tcp', guessed: true };
  const raw =
    s.rows.length > 0 && s.rows.every((r) => r.remotePort === '*' && RAW_PROTOCOL_PORTS.has(r.localPort));
  return { transport: raw ? 'raw' : 'udp', guessed: true };
}

/**
 * Read one or more /proc/net socket tables. `transport` comes from the command id
 * (proc-net-tcp -> 'tcp'); without it, it is inferred as the file comment explains.
 */
export function parseProcNet(text: string, transport?: Transport): ParseResult<ProcNetSocket> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  const warnings: ParseWarning[] = [];
  const sections: Section[] = [];
  let cur: Section | undefined;
  let headers = 0;
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === '') return;
    if (HEADER_RE.test(raw)) {
      headers++;
      cur = { header: /\bdrops\b/.test(raw) ? 'udp-raw' : 'tcp', headerLine: lineNo, rows: [] };
      sections.push(cur);
      return;
    }
    const m = ROW_RE.exec(raw);
    const local = m ? addressFromWords(m[2]!) : undefined;
    const remote = m ? addressFromWords(m[4]!) : undefined;
    if (!m || local === undefined || remote === undefined) {
      warnings.push({ line: lineNo, ...coded('unrecognised-line', { text: raw.trim().slice(0, 100) }) });
      return;
    }
    if (!cur) {
      cur = { rows: [] };
      sections.push(cur);
    }
    cur.rows.push({
      lineNo,
      local,
      localPort: port(m[3]!),
      remote,
      remotePort: port(m[5]!),
      st: m[6]!.toUpperCase(),
      tx: Number.parseInt(m[7]!, 16),
      rx: Number.parseInt(m[8]!, 16),
      uid: m[9]!,
      inode: Number(m[11]),
    });
  });
  if (headers === 0 && sections.length === 0) {
    return rejected('not a /proc/net socket table: no `sl local_address ...` header and no socket rows');
  }
  if (headers === 0) warnings.push(coded('no-sockets-header'));

  const records: ProcNetSocket[] = [];
  for (const s of sections) {
    let t: Transport;
    let guessed = false;
    if (transport) {
      t = transport;
      const expected = transport === 'tcp' ? 'tcp' : 'udp-raw';
      if (s.header !== undefined && s.header !== expected)
        warnings.push({
          line: s.headerLine,
          ...coded('header-mismatch', { looks: s.header, transport }),
        });
    } else ({ transport: t, guessed } = guessSection(s));
    for (const r of s.rows) {
      const code = Number.parseInt(r.st, 16);
      const rec: Omit<ProcNetSocket, 'line'> = {
        proto: r.local.includes(':') ? `${t}6` : t,
        recvQ: r.rx,
        sendQ: r.tx,
        localAddress: r.local,
        localPort: r.localPort,
        foreignAddress: r.remote,
        foreignPort: r.remotePort,
      };
      const name = TCP_STATES[code];
      if (name === undefined) {
        rec.state = 'UNKNOWN';
        warnings.push({ line: r.lineNo, ...coded('unknown-socket-state', { state: r.st }) });
      } else if (t === 'udp' && code === 7) {
        // unconnected UDP: netstat prints no state
      } else {
        if (t !== 'tcp' && code !== 1 && code !== 7)
          warnings.push({ line: r.lineNo, ...coded('tcp-state-in-table', { state: name, transport: t }) });
        rec.state = name;
      }
      rec.stateRaw = r.st;
      rec.user = r.uid;
      rec.inode = r.inode;
      records.push({ ...rec, ...(guessed ? { protoGuess: true as const } : {}), line: r.lineNo });
    }
  }
  return result(records, capWarnings(warnings));
}

export const procNetSockets: Parser<ProcNetSocket> = {
  id: 'proc-net-sockets',
  description: 'Socket tables /proc/net/{tcp,udp,raw}[6] of unknown transport (it is inferred)',
  commands: ['cat /proc/net/tcp', 'cat /proc/net/tcp6', 'cat /proc/net/udp', 'cat /proc/net/raw'],
  parse: (text) => parseProcNet(text),
};
