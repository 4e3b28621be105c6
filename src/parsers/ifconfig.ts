/**
 * Parser for `ifconfig` / `ifconfig -a`: net-tools 2.x (the current layout), net-tools 1.60 and
 * BusyBox (the old layout, which BusyBox still prints), for hosts without iproute2.
 *
 *   docker0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
 *           inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255
 *           ether 0a:ac:28:6f:6b:1e  txqueuelen 1000  (Ethernet)
 *
 *   docker0   Link encap:Ethernet  HWaddr 0A:AC:28:6F:6B:1E
 *             inet addr:172.17.0.1  Bcast:172.17.255.255  Mask:255.255.0.0
 *             UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
 *
 * Records have the shape of ip-addr's IpInterface (name, flags, mtu, qlen, linkType, mac,
 * addresses with prefix lengths), so the model can use them where `ip` is missing. What ifconfig
 * does not print is left out: there is no ifindex (`index` is absent), no master, no veth peer,
 * no operational state (RUNNING is IFF_RUNNING, i.e. carrier, kept as a flag). Things that are
 * not obvious:
 *
 * - A block starts at column 0; its other lines are indented; blocks are separated by an empty
 *   line. Long names push the old layout's `Link encap` right (`br-5feaa83fde6b Link encap:...`).
 * - An alias (`eth0:1`) is its own block in both layouts, with the IPv4 address the kernel
 *   labelled so: it is merged into `eth0`'s record as an address with `label: 'eth0:1'`, as
 *   `ip addr` shows it.
 * - The prefix length comes from the netmask (`255.255.0.0` -> 16). ifconfig prints
 *   `broadcast 0.0.0.0` / `Bcast:0.0.0.0` for an address that has none: left out, as ip does.
 *   `destination` / `P-t-P:` is the peer of a point-to-point address.
 * - IPv6 scope: `scopeid 0x20<link>` (net-tools 2) or `Scope:Link` (old): normalised to ip's words
 *   (`link`, `global`, `host`, `site`).
 * - MAC addresses: BusyBox and net-tools 1.60 print them in upper case: lowered, as ip prints them.
 * - `Link encap` / the link word: Ethernet/ether -> `ether`, Local Loopback/loop -> `loopback`,
 *   UNSPEC/unspec -> `none` (tun, ipip...), others kept lowercased.
 * - RX/TX packet and byte counters are kept in `stats`.
 */
import { coded } from '../i18n/coded.js';
import type { IpAddress, IpInterface } from './ip-addr.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface IfconfigInterface extends Omit<IpInterface, 'index'> {
  /** ifconfig prints no ifindex. */
  index?: number;
  /** Which layout printed it: `net-tools` 2.x (`flags=...`), or `old` (net-tools 1.60, BusyBox). */
  layout: 'net-tools' | 'old';
  stats?: { rxPackets?: number; rxBytes?: number; txPackets?: number; txBytes?: number };
}

const NEW_HEADER = /^(\S+?):\s+flags=(\d+)<([^>]*)>(.*)$/;
const OLD_HEADER = /^(\S+)\s+Link encap:(.*?)(?:\s+HWaddr\s+(\S+))?\s*$/;

const LINK_TYPES: Record<string, string> = {
  ethernet: 'ether',
  ether: 'ether',
  'local loopback': 'loopback',
  loop: 'loopback',
  unspec: 'none',
};

const SCOPES: Record<string, string> = {
  link: 'link',
  global: 'global',
  host: 'host',
  site: 'site',
  compat: 'compat',
};

function prefixFromMask(mask: string): number | undefined {
  const parts = mask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  const bits = parts.map((p) => p.toString(2).padStart(8, '0')).join('');
  if (!/^1*0*$/.test(bits)) return undefined;
  return bits.indexOf('0') < 0 ? 32 : bits.indexOf('0');
}

function linkType(word: string): string {
  const w = word.trim().toLowerCase();
  return LINK_TYPES[w] ?? w;
}

interface Block {
  name: string;
  line: number;
  lines: { text: string; line: number }[];
}

function readBlock(b: Block, warnings: ParseWarning[]): IfconfigInterface | undefined {
  const header = b.lines[0]!.text;
  const iface: IfconfigInterface = {
    name: b.name,
    layout: 'net-tools',
    flags: [],
    altnames: [],
    addresses: [],
    line: b.line,
  };
  const nh = NEW_HEADER.exec(header);
  const oh = nh ? null : OLD_HEADER.exec(header);
  if (nh) {
    iface.flags = nh[3]!.split(',').filter(Boolean);
    const mtu = /\bmtu (\d+)/.exec(nh[4] ?? '');
    if (mtu) iface.mtu = Number(mtu[1]);
  } else if (oh) {
    iface.layout = 'old';
    iface.linkType = linkType(oh[2] ?? '');
    if (oh[3]) iface.mac = oh[3].toLowerCase();
  } else {
    warnings.push({ line: b.line, ...coded('unknown-interface-header', { text: header.slice(0, 100) }) });
    return undefined;
  }
  const stats: NonNullable<IfconfigInterface['stats']> = {};
  const addr = (a: Omit<IpAddress, 'flags' | 'line'>, line: number) =>
    iface.addresses.push({ ...a, flags: [], line });
  const inet = (address: string, mask?: string, brd?: string, peer?: string, line = 0) => {
    const prefix = mask ? prefixFromMask(mask) : 32;
    if (prefix === undefined) warnings.push({ line, ...coded('unreadable-netmask', { mask: mask ?? '' }) });
    addr(
      {
        family: 'inet',
        address,
        prefixLength: prefix ?? 32,
        ...(brd && brd !== '0.0.0.0' ? { broadcast: brd } : {}),
        ...(peer ? { peer } : {}),
        label: b.name,
      },
      line,
    );
  };
  const inet6 = (address: string, prefixLength: number, scope: string | undefined, line: number) =>
    addr(
      { family: 'inet6', address, prefixLength, ...(scope ? { scope: SCOPES[scope] ?? scope } : {}) },
      line,
    );
  // Sub-line readers, first match wins: [pattern, what to do with the match].
  const readers: [RegExp, (m: RegExpExecArray, line: number) => void][] = [
    [
      /^inet addr:(\S+)(?:\s+P-t-P:(\S+))?(?:\s+Bcast:(\S+))?(?:\s+Mask:(\S+))?/,
      (m, line) => inet(m[1]!, m[4], m[3], m[2], line),
    ],
    [
      /^inet (\S+)(?:\s+netmask (\S+))?(?:\s+broadcast (\S+))?(?:\s+destination (\S+))?/,
      (m, line) => inet(m[1]!, m[2], m[3], m[4], line),
    ],
    [
      /^inet6 addr:\s*(\S+?)\/(\d+)(?:\s+Scope:(\w+))?/,
      (m, line) => inet6(m[1]!, Number(m[2]), m[3]?.toLowerCase(), line),
    ],
    [
      /^inet6 (\S+)\s+prefixlen (\d+)(?:\s+scopeid 0x[0-9a-f]+<(\w+)>)?/,
      (m, line) => inet6(m[1]!, Number(m[2]), m[3], line),
    ],
    [
      /^(ether|loop|unspec|infiniband|ppp|tunnel|sit|ipip|\[[^\]]+\])(?:\s+(\S+))?/,
      (m) => {
        iface.linkType = linkType(m[1]!);
        // `unspec 00-00-00-...`: ip prints no address for such links (link/none).
        if (m[2] && m[2] !== 'txqueuelen' && iface.linkType !== 'none') iface.mac = m[2].toLowerCase();
        const q = /txqueuelen (\d+)/.exec(m.input);
        if (q) iface.qlen = Number(q[1]);
      },
    ],
    [
      /^((?:[A-Z][A-Z0-9_-]*\s+)*?)\s*MTU:(\d+)/,
      (m) => {
        iface.flags = (m[1] ?? '').trim().split(/\s+/).filter(Boolean);
        iface.mtu = Number(m[2]);
      },
    ],
    [
      /^RX packets[: ](\d+)(?:\s+bytes (\d+))?/,
      (m) => {
        stats.rxPackets = Number(m[1]);
        if (m[2]) stats.rxBytes = Number(m[2]);
      },
    ],
    [
      /^TX packets[: ](\d+)(?:\s+bytes (\d+))?/,
      (m) => {
        stats.txPackets = Number(m[1]);
        if (m[2]) stats.txBytes = Number(m[2]);
      },
    ],
    [
      /^RX bytes:(\d+).*TX bytes:(\d+)/,
      (m) => {
        stats.rxBytes = Number(m[1]);
        stats.txBytes = Number(m[2]);
      },
    ],
    [/collisions:\d+\s+txqueuelen:(\d+)/, (m) => (iface.qlen = Number(m[1]))],
    // error counters and hardware resources: not modelled
    [/^(RX|TX) errors|^collisions|^Interrupt|^Memory|^Base address|^device /, () => {}],
  ];
  for (const { text, line } of b.lines.slice(1)) {
    const t = text.trim();
    let matched = false;
    for (const [re, read] of readers) {
      const m = re.exec(t);
      if (!m) continue;
      read(m, line);
      matched = true;
      break;
    }
    if (!matched) warnings.push({ line, ...coded('unknown-line', { text: t.slice(0, 100) }) });
  }
  if (Object.keys(stats).length > 0) iface.stats = stats;
  return iface;
}

function parse(text: string): ParseResult<IfconfigInterface> {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return result([], []);
  const isHeader = (l: string) => NEW_HEADER.test(l) || OLD_HEADER.test(l);
  if (!lines.some(isHeader)) {
    const err = detectErrorText(text);
    if (err) return rejected(err);
    if (lines.some((l) => /^\d+:\s+\S+:\s+<[^>]*>/.test(l)))
      return rejected('`ip addr`/`ip link` output, not ifconfig');
    return rejected(`not ifconfig output: ${lines.find((l) => l.trim() !== '')?.slice(0, 100)}`);
  }
  const warnings: ParseWarning[] = [];
  const blocks: Block[] = [];
  let cur: Block | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      cur = undefined;
      return;
    }
    if (!/^\s/.test(raw)) {
      if (!isHeader(raw)) {
        // `eth9: error fetching interface information: Device not found`
        warnings.push({ line, ...coded('not-interface-block', { text: raw.trim().slice(0, 100) }) });
        cur = undefined;
        return;
      }
      const name = (NEW_HEADER.exec(raw)?.[1] ?? OLD_HEADER.exec(raw)?.[1])!;
      cur = { name, line, lines: [{ text: raw, line }] };
      blocks.push(cur);
      return;
    }
    if (!cur) {
      warnings.push({
        line,
        ...coded('indented-outside-block', { text: raw.trim().slice(0, 100) }),
      });
      return;
    }
    cur.lines.push({ text: raw, line });
  });

  const records: IfconfigInterface[] = [];
  const byName = new Map<string, IfconfigInterface>();
  for (const b of blocks) {
    const iface = readBlock(b, warnings);
    if (!iface) continue;
    // An alias block `eth0:1` holds one more address of `eth0`.
    const colon = iface.name.indexOf(':');
    const parent = colon > 0 ? byName.get(iface.name.slice(0, colon)) : undefined;
    if (parent) {
      parent.addresses.push(...iface.addresses.filter((a) => a.family === 'inet'));
      continue;
    }
    byName.set(iface.name, iface);
    records.push(iface);
  }
  return result(
    records.map(({ addresses, line, ...rest }) => ({ ...rest, addresses, line })),
    capWarnings(warnings),
  );
}

export const ifconfig: Parser<IfconfigInterface> = {
  id: 'ifconfig',
  description: 'interfaces and addresses from ifconfig (net-tools 2.x, net-tools 1.60 and BusyBox layouts)',
  commands: ['ifconfig', 'ifconfig -a', 'busybox ifconfig -a'],
  parse,
};
