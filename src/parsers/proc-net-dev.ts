/**
 * Parser for `/proc/net/dev`: per-interface packet and byte counters of one network namespace.
 *
 *   Inter-|   Receive                                                |  Transmit
 *    face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
 *       lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
 *   veth9c996da:     702       9    0    0    0     0          0         0     1954      19    0    0    0     0       0          0
 *
 * One record per interface. Things that are not obvious:
 *
 * - The name is right-aligned to 6 characters and followed by `:`; longer names push the
 *   numbers right, and on old kernels the first counter is glued to the colon
 *   (`eth0:1234567 ...`). Names cannot contain `:`, so the first colon ends the name.
 * - The two header lines are fixed text; when the header is missing the columns are still read
 *   in the kernel's order (8 receive, 8 transmit) with a warning.
 * - Counters are 64-bit; JSON numbers hold them exactly up to 2^53 (9 PB), enough for any host.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface ProcNetDevCounters {
  name: string;
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  rxFifo: number;
  rxFrame: number;
  rxCompressed: number;
  rxMulticast: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
  txFifo: number;
  txCollisions: number;
  txCarrier: number;
  txCompressed: number;
  line: number;
}

const FIELDS = [
  'rxBytes',
  'rxPackets',
  'rxErrors',
  'rxDropped',
  'rxFifo',
  'rxFrame',
  'rxCompressed',
  'rxMulticast',
  'txBytes',
  'txPackets',
  'txErrors',
  'txDropped',
  'txFifo',
  'txCollisions',
  'txCarrier',
  'txCompressed',
] as const;

function parse(text: string): ParseResult<ProcNetDevCounters> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  const warnings: ParseWarning[] = [];
  const records: ProcNetDevCounters[] = [];
  let header = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (/^Inter-\|/.test(trimmed) || /^face\s*\|/.test(trimmed)) {
      header = true;
      return;
    }
    const m = /^([^\s:]+):\s*(.*)$/.exec(trimmed);
    const nums = m ? m[2]!.split(/\s+/) : [];
    if (!m || nums.length < FIELDS.length || !nums.every((n) => /^\d+$/.test(n))) {
      warnings.push({ line, ...coded('unrecognised-line', { text: trimmed.slice(0, 100) }) });
      return;
    }
    if (nums.length > FIELDS.length)
      warnings.push({ line, ...coded('extra-counters', { n: nums.length - FIELDS.length }) });
    const rec: Record<string, unknown> = { name: m[1] };
    FIELDS.forEach((f, k) => {
      rec[f] = Number(nums[k]);
    });
    rec['line'] = line;
    records.push(rec as unknown as ProcNetDevCounters);
  });
  if (!header && records.length === 0)
    return rejected('not /proc/net/dev: no `Inter-|` header and no counters');
  if (!header) warnings.push(coded('no-dev-header'));
  return result(records, capWarnings(warnings));
}

export const procNetDev: Parser<ProcNetDevCounters> = {
  id: 'proc-net-dev',
  description: 'Interface byte, packet, error and drop counters from /proc/net/dev',
  commands: ['cat /proc/net/dev'],
  parse,
};
