/**
 * Parser for the collector's `sysctl-net` capture: the networking sysctls read from /proc/sys in
 * the layout `sysctl` prints (also `sysctl net.ipv4.ip_forward ...` and `sysctl -a` output).
 *
 *   net.ipv4.ip_forward = 1
 *   # net.bridge.bridge-nf-call-iptables: absent
 *
 * One record per key. Things that are not obvious:
 *
 * - `# <key>: absent` is the collector's way of saying the file does not exist: for the
 *   net.bridge.* keys that means the br_netfilter module is not loaded, which is not the same as
 *   the value 0. Such a record has `absent: true` and no value.
 * - Other comment lines and blank lines are skipped; a line that is neither is a warning.
 * - Values keep their inner blanks (`net.ipv4.ip_local_port_range = 32768	60999` has a TAB).
 * - `sysctl: cannot stat /proc/sys/...: No such file or directory` (procps) is an error line for
 *   one key; it becomes an absent record when the key can be read from it, else a warning.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { detectErrorText, rejected, result, splitLines } from './util.js';

export interface SysctlRecord {
  /** Dotted name: net.ipv4.ip_forward. */
  key: string;
  value?: string;
  /** The file does not exist on this kernel (module not loaded, IPv6 disabled at boot, ...). */
  absent?: boolean;
  line: number;
}

const VALUE_RE = /^\s*([A-Za-z0-9_.\-/]+)\s*=\s?(.*?)\s*$/;
const ABSENT_RE = /^#\s*([A-Za-z0-9_.\-/]+):\s*absent\s*$/;
const CANNOT_STAT_RE = /^sysctl: cannot stat \/proc\/sys\/(\S+?):/;

function parse(text: string): ParseResult<SysctlRecord> {
  const lines = splitLines(text);
  const records: SysctlRecord[] = [];
  const warnings: ParseWarning[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (s === '') return;
    const absent = ABSENT_RE.exec(s);
    if (absent) {
      records.push({ key: absent[1]!, absent: true, line });
      return;
    }
    if (s.startsWith('#') || s.startsWith(';')) return;
    const stat = CANNOT_STAT_RE.exec(s);
    if (stat) {
      records.push({ key: stat[1]!.replace(/\//g, '.'), absent: true, line });
      return;
    }
    const m = VALUE_RE.exec(raw);
    if (m && m[1]!.includes('.')) {
      records.push({ key: m[1]!.replace(/\//g, '.'), value: m[2]!, line });
      return;
    }
    warnings.push({ line, ...coded('not-key-value', { text: s.slice(0, 80) }) });
  });
  if (records.length === 0) {
    const err = detectErrorText(text);
    if (err) return rejected(err);
    if (warnings.length > 0) return rejected('no "key = value" line: not sysctl output');
  }
  return result(records, warnings);
}

export const sysctlNet: Parser<SysctlRecord> = {
  id: 'sysctl-net',
  description: 'networking sysctls as `sysctl` prints them (the collector reads them from /proc/sys/net)',
  commands: ['sysctl net.ipv4.ip_forward ...', 'sysctl -a', 'read /proc/sys/net/... (collector)'],
  parse,
};
