/**
 * Parser for the collector's `sys-class-net` listing (format `sys-class-net v1`, described in
 * docs/bundle-format.md): one line per entry of /sys/class/net, as `key=value` pairs.
 *
 *   # sys-class-net v1: one interface per line; - = unknown or none
 *   name=docker0 ifindex=3 iflink=3 operstate=down carrier=0 mtu=1500 address=02:42:a5:fc:1c:e7 type=1 master=- devtype=bridge role=bridge backing=virtual
 *   name=veth9c996da ifindex=5 iflink=4 operstate=up carrier=1 mtu=1500 address=5a:44:8e:75:a9:b1 type=1 master=docker0 devtype=- role=port backing=virtual
 *
 * One record per interface. Things that are not obvious:
 *
 * - `-` means unknown or none: the key is left out of the record.
 * - `iflink` is the peer's ifindex for a veth, in the PEER's namespace (like `@ifN` in `ip
 *   addr`); for most other devices it equals `ifindex`. `carrier` is unreadable (`-`) while the
 *   device is down.
 * - Keys may come in any order, and later collector versions may add keys: unknown keys are
 *   kept in `extra` as strings. A line without `name=` is reported and skipped.
 * - A value never contains spaces (interface names cannot), so pairs split at whitespace.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface SysClassNetInterface {
  name: string;
  ifindex?: number;
  /** The peer's ifindex (veth, in the peer's namespace), or the parent's; equals ifindex otherwise. */
  iflink?: number;
  operstate?: string;
  /** 1 carrier, 0 no carrier; absent while the device is down. */
  carrier?: number;
  mtu?: number;
  address?: string;
  /** ARPHRD number: 1 ether, 772 loopback, 65534 none. */
  type?: number;
  /** The bridge or bond the device is enslaved to. */
  master?: string;
  /** DEVTYPE from uevent: bridge, vlan, vxlan, bond, wlan... */
  devtype?: string;
  /** `bridge` for a bridge, `port` for a bridge port. */
  role?: string;
  /** `device` when backed by hardware, `virtual` otherwise. */
  backing?: string;
  extra?: Record<string, string>;
  line: number;
}

const NUMERIC = new Set(['ifindex', 'iflink', 'carrier', 'mtu', 'type']);
const TEXT = new Set(['operstate', 'address', 'master', 'devtype', 'role', 'backing']);
const ORDER = ['name', ...['ifindex', 'iflink', 'operstate', 'carrier', 'mtu', 'address', 'type'], 'master'];

function parse(text: string): ParseResult<SysClassNetInterface> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  const warnings: ParseWarning[] = [];
  const records: SysClassNetInterface[] = [];
  let header = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) {
      if (/sys-class-net v(\d+)/.test(trimmed)) {
        header = true;
        const v = Number(/sys-class-net v(\d+)/.exec(trimmed)![1]);
        if (v !== 1) warnings.push({ line, ...coded('format-version', { version: v }) });
      }
      return;
    }
    const pairs = trimmed.split(/\s+/).map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? undefined : ([p.slice(0, eq), p.slice(eq + 1)] as const);
    });
    const name = pairs.find((p) => p?.[0] === 'name')?.[1];
    if (pairs.some((p) => p === undefined) || name === undefined || name === '-' || name === '') {
      warnings.push({ line, ...coded('not-interface-line', { text: trimmed.slice(0, 100) }) });
      return;
    }
    const rec: Record<string, unknown> = {};
    const extra: Record<string, string> = {};
    for (const [k, v] of pairs as (readonly [string, string])[]) {
      if (k === 'name') continue;
      if (NUMERIC.has(k)) {
        if (v === '-') continue;
        if (/^-?\d+$/.test(v)) rec[k] = Number(v);
        else warnings.push({ line, ...coded('not-a-number', { key: k, value: v }) });
      } else if (TEXT.has(k)) {
        if (v !== '-') rec[k] = v;
      } else extra[k] = v;
    }
    const out: Record<string, unknown> = { name };
    for (const k of [...ORDER, 'devtype', 'role', 'backing']) if (rec[k] !== undefined) out[k] = rec[k];
    if (Object.keys(extra).length > 0) out['extra'] = extra;
    out['line'] = line;
    records.push(out as unknown as SysClassNetInterface);
  });
  if (!header && records.length === 0)
    return rejected('not a sys-class-net listing: no `# sys-class-net v1` header and no `name=...` lines');
  if (!header) warnings.push(coded('no-sys-class-net-header'));
  return result(records, capWarnings(warnings));
}

export const sysClassNet: Parser<SysClassNetInterface> = {
  id: 'sys-class-net',
  description: "Interfaces from the collector's /sys/class/net listing (sys-class-net v1)",
  commands: ['read /sys/class/net/*/{ifindex,iflink,operstate,carrier,mtu,address,type,master,uevent}'],
  parse,
};
