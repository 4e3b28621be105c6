/**
 * Parser for `ip addr show` / `ip a`, `ip -d addr show`, `ip link` / `ip -d link`, and the `ip -o`
 * one-line forms, from iproute2 and from BusyBox.
 *
 *   5: veth9c996da@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default
 *       link/ether 42:62:55:48:ac:18 brd ff:ff:ff:ff:ff:ff link-netnsid 0
 *       inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
 *          valid_lft forever preferred_lft forever
 *
 * One record per interface, with its addresses nested. Things that are not obvious:
 *
 * - Wrapped lines. Output copied from a terminal (the course slides) is wrapped between tokens,
 *   and the continuation may be indented or start at column 0 (`... group default\nqlen 1000`).
 *   A line that is not an interface header (`N: `) and does not start with a known sub-line
 *   keyword (link/, inet, inet6, valid_lft, altname, an `ip -d` detail keyword...) is joined to
 *   the line before it with a space. Records keep the line number of the first physical line.
 * - `ip -d`: the detail lines right after the link line have no fixed first word (one per link
 *   kind, and new kinds appear with new kernels), so once a link line carries `promiscuity` (only
 *   `ip -d` prints it) every following line up to the first address/altname line is a detail line.
 * - `ip -o`: iproute2 and BusyBox print `\` where the normal form has a line break, and in
 *   `ip -o addr` every address line repeats `N: name` without flags (and without `@link`). Those
 *   lines are merged into one record per interface index.
 * - The name field `name@link`: iproute2 appends `@ifN` (the link is in another namespace: a veth
 *   peer's or macvlan parent's ifindex, to be read in the namespace of `link-netnsid`), `@NONE`
 *   (a tunnel with no underlying device) or `@name` (the parent in the same namespace, e.g.
 *   `vlan10@eth0`). The kernel allows `@` (and, in old hand-made samples, `:`) in names, so a
 *   name such as `foo:veth0@eth0@veth0` is ambiguous. Rule, in order:
 *     1. an IPv4 address label of the interface names it (labels are `name` or `name:alias`);
 *     2. the text after the LAST `@` is `ifN` or `NONE` -> split there;
 *     3. the text after some `@` is the name of another interface of the same output, or another
 *        header's field starts with it and `@` (a same-namespace veth pair `v@1@v@2` / `v@2@v@1`)
 *        -> split there (the last such `@`);
 *     4. the text after the LAST `@` looks like an interface name (1-15 characters, no `/`, `:`
 *        or `@`) -> split there: filtered output (`ip addr show dev vlan10`) does not list the
 *        parent, and real names with `@` are far rarer than filtered output;
 *     5. otherwise the whole field is the name.
 *   An interface really named `a@b`, with no link and no IPv4 address, in output filtered to it
 *   alone, is therefore read as `a` with parent `b`: the text form cannot tell them apart.
 * - BusyBox resolves the link ifindex in its OWN namespace, so a veth whose peer is index 5 in
 *   another namespace prints as `vethX@<whatever has index 5 here>` (even itself: `ens18@ens18`),
 *   or `eth0@tunl0` in a macvlan container. `parent` is kept as printed: the text does not say
 *   which `ip` printed it (BusyBox omits `group`, but so did old iproute2), so a consumer should
 *   distrust a `parent` that names the interface itself or a device of another kind.
 * - BusyBox prints unknown ARPHRD types as `link/[65534]`; 65534 and 65535 are what iproute2
 *   names `none` and `void`, so they are normalised to those. It prints the remaining IPv6
 *   address flags as hex (`flags 02`); known bits are decoded to iproute2's words (`nodad`).
 * - An address with a peer (`inet 10.8.0.1 peer 10.8.0.2/32`) carries its prefix length on the
 *   peer; an address without `/N` has a full-length prefix.
 * - `RX:`/`TX:` statistics blocks (`ip -s`) are skipped; `Message truncated` and `Dump was
 *   interrupted` noise lines are skipped with a warning.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { detectErrorText, rejected, result, splitLines } from './util.js';

export interface IpAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefixLength: number;
  broadcast?: string;
  peer?: string;
  scope?: string;
  /** IPv4 only: `docker0`, or `docker0:1` for an aliased address. */
  label?: string;
  /** secondary, dynamic, tentative, nodad, mngtmpaddr, noprefixroute, deprecated... */
  flags: string[];
  validLft?: string;
  preferredLft?: string;
  metric?: number;
  /** Address protocol (`proto kernel_ll`), printed by recent iproute2. */
  proto?: string;
  line: number;
}

export interface IpInterface {
  index: number;
  name: string;
  /** Raw text after '@' in the name field: 'if4', 'NONE', 'eth0'. */
  linkRef?: string;
  /** From @ifN: the veth peer's (or parent's) ifindex, in another namespace when linkNetnsid is present. */
  peerIndex?: number;
  /** From @name (e.g. vlan10@eth0), not for @NONE or @ifN. */
  parent?: string;
  flags: string[];
  mtu?: number;
  qdisc?: string;
  master?: string;
  state?: string;
  mode?: string;
  group?: string;
  qlen?: number;
  /** ether, loopback, none, void, ipip, gre ... */
  linkType?: string;
  /** Link-layer address as printed (an IPv4 address for ipip/gre/sit tunnels). */
  mac?: string;
  broadcastMac?: string;
  /** `peer` on the link line of point-to-point tunnels (`link/gre 10.0.0.2 peer 10.0.0.1`). */
  linkPeer?: string;
  permanentMac?: string;
  linkNetnsid?: number;
  linkNetns?: string;
  /** From the `ip -d` details: veth, bridge, vxlan, macvlan, ipvlan, vlan, dummy, tun... */
  kind?: string;
  /** From the `ip -d` details: bridge_slave, bond_slave... (the kind of port this link is). */
  slaveKind?: string;
  /** Raw `ip -d` detail text, trimmed: the link line's tail from `promiscuity`, then each detail line. */
  details?: string[];
  /** `ip -j -d` only: what linkinfo.info_data says that the model uses (vxlan/vlan id, macvlan mode). */
  linkInfo?: { id?: number; mode?: string };
  /** `alias` line (ifalias). */
  alias?: string;
  /** Header tokens this parser does not know, kept as printed. */
  extra?: string[];
  altnames: string[];
  addresses: IpAddress[];
  line: number;
}

/** First words of the lines that belong to an interface block (everything else is a wrap). */
const SUBLINE_WORDS = new Set([
  'inet',
  'inet6',
  'valid_lft',
  'altname',
  'alias',
  'vf',
  'RX:',
  'TX:',
  'RX',
  'TX',
]);

/** First words of `ip -d` detail lines that name the link kind (IFLA_INFO_KIND). */
const KIND_WORDS = new Set([
  'veth',
  'bridge',
  'bond',
  'team',
  'vxlan',
  'vlan',
  'macvlan',
  'macvtap',
  'ipvlan',
  'ipvtap',
  'dummy',
  'ifb',
  'tun',
  'gre',
  'gretap',
  'ip6gre',
  'ip6gretap',
  'erspan',
  'ip6erspan',
  'ipip',
  'ip6tnl',
  'sit',
  'vti',
  'vti6',
  'geneve',
  'bareudp',
  'wireguard',
  'vrf',
  'openvswitch',
  'nlmon',
  'xfrm',
  'macsec',
  'hsr',
  'can',
  'vcan',
  'vxcan',
  'gtp',
  'ipoib',
  'netdevsim',
  'batadv',
  'virt_wifi',
  'amt',
  'netkit',
]);

/** First words of `ip -d` detail lines that are not a kind (per-device generic attributes). */
const GENERIC_DETAIL_WORDS = new Set([
  'addrgenmode',
  'numtxqueues',
  'numrxqueues',
  'gso_max_size',
  'gso_max_segs',
  'tso_max_size',
  'tso_max_segs',
  'gro_max_size',
  'gso_ipv4_max_size',
  'gro_ipv4_max_size',
  'parentbus',
  'parentdev',
  'portname',
  'portid',
  'switchid',
  'protodown',
  'protodown_reason',
]);

const HEADER_RE = /^(\d+):\s+(\S+?):\s+<([^>]*)>(.*)$/;
/** `ip -o addr` line: `2: ens18    inet 192.168.178.42/24 ...` (no flags, no `@link`). */
const ONELINE_ADDR_RE = /^(\d+):\s+(\S+)\s+(inet6?\s.*)$/;
const NOISE_RE = /^(Message truncated|Dump was interrupted)/;

/** IFA_F_* bits that BusyBox prints as `flags XX` (it names only secondary, tentative, deprecated). */
const IFA_FLAG_BITS: [number, string][] = [
  [0x01, 'secondary'],
  [0x02, 'nodad'],
  [0x04, 'optimistic'],
  [0x08, 'dadfailed'],
  [0x10, 'home'],
  [0x20, 'deprecated'],
  [0x40, 'tentative'],
  [0x80, 'permanent'],
];

/** Address flag words iproute2 prints (IFA_F_* and `dynamic` for a non-permanent address). */
const ADDRESS_FLAG_WORDS = new Set([
  'secondary',
  'temporary',
  'primary',
  'tentative',
  'deprecated',
  'dadfailed',
  'nodad',
  'optimistic',
  'home',
  'mngtmpaddr',
  'noprefixroute',
  'autojoin',
  'stable-privacy',
  'dynamic',
  'permanent',
]);

interface LogicalLine {
  text: string;
  line: number;
}

interface Pending {
  iface: IpInterface;
  /** The name field as printed, resolved into name/link after the whole output is read. */
  field: string;
  resolveLink: boolean;
}

function firstWord(s: string): string {
  const m = /^\S*/.exec(s);
  return m ? m[0] : '';
}

function isSubline(trimmed: string): boolean {
  const w = firstWord(trimmed);
  return (
    SUBLINE_WORDS.has(w) ||
    w.startsWith('link/') ||
    w.startsWith('prog/') ||
    KIND_WORDS.has(w) ||
    GENERIC_DETAIL_WORDS.has(w) ||
    w.endsWith('_slave') ||
    /^(RX|TX)\b/.test(trimmed)
  );
}

function toInt(s: string | undefined): number | undefined {
  if (s === undefined || !/^-?\d+$/.test(s)) return undefined;
  return Number(s);
}

/**
 * Turn physical lines into logical ones: split `ip -o` lines at `\`, join wrapped lines, drop
 * blanks and noise. Each logical line keeps the number of its first physical line.
 */
function logicalLines(lines: string[], warnings: ParseWarning[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  // Inside an `ip -d` block after its link line: unknown first words are detail lines, not wraps.
  let inDetails = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmedRaw = raw.trim();
    if (trimmedRaw === '') return;
    if (NOISE_RE.test(trimmedRaw)) {
      warnings.push({ line, ...coded('noise-line', { text: trimmedRaw }) });
      return;
    }
    // `ip -o`: a backslash followed by blanks stands for a line break (names never hold blanks).
    const parts = /^\d+:\s/.test(raw) && /\\\s/.test(raw) ? raw.split(/\\(?=\s)/) : [raw];
    for (const part of parts) {
      const trimmed = part.trim();
      if (trimmed === '') continue;
      if (/^\d+:\s/.test(part)) {
        inDetails = false;
        out.push({ text: trimmed, line });
        continue;
      }
      const prev = out[out.length - 1];
      const w = firstWord(trimmed);
      if (w.startsWith('link/')) {
        inDetails = /\spromiscuity\s/.test(` ${trimmed} `);
        out.push({ text: trimmed, line });
      } else if (isSubline(trimmed)) {
        if (w === 'inet' || w === 'inet6' || w === 'altname') inDetails = false;
        out.push({ text: trimmed, line });
      } else if (inDetails) {
        out.push({ text: trimmed, line });
      } else if (prev) {
        prev.text = `${prev.text} ${trimmed}`;
      } else {
        out.push({ text: trimmed, line });
      }
    }
  });
  return out;
}

function parseHeaderRest(iface: IpInterface, rest: string): void {
  const t = rest.trim().split(/\s+/).filter(Boolean);
  const extra: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const k = t[i]!;
    const v = t[i + 1];
    switch (k) {
      case 'mtu':
      case 'qlen': {
        const n = toInt(v);
        if (n === undefined) {
          extra.push(k);
          continue;
        }
        iface[k] = n;
        i++;
        break;
      }
      case 'qdisc':
      case 'master':
      case 'state':
      case 'mode':
      case 'group':
        if (v === undefined) {
          extra.push(k);
          continue;
        }
        iface[k] = v;
        i++;
        break;
      default:
        extra.push(k);
    }
  }
  if (extra.length > 0) iface.extra = extra;
}

function parseLinkLine(iface: IpInterface, text: string): void {
  const t = text.split(/\s+/).filter(Boolean);
  let type = t[0]!.slice('link/'.length);
  // BusyBox does not know ARPHRD_NONE/ARPHRD_VOID and prints their numbers.
  if (type === '[65534]') type = 'none';
  else if (type === '[65535]') type = 'void';
  iface.linkType = type;
  let i = 1;
  const keywords = new Set(['brd', 'peer', 'link-netnsid', 'link-netns', 'permaddr', 'promiscuity']);
  if (t[i] !== undefined && !keywords.has(t[i]!)) iface.mac = t[i++];
  for (; i < t.length; i++) {
    const k = t[i]!;
    const v = t[i + 1];
    if (k === 'promiscuity') {
      // `ip -d` appends the device's generic details to the link line.
      const tail = text.slice(text.indexOf(' promiscuity') + 1).trim();
      iface.details = [...(iface.details ?? []), tail];
      break;
    }
    if (v === undefined) {
      iface.extra = [...(iface.extra ?? []), k];
      continue;
    }
    if (k === 'brd') iface.broadcastMac = v;
    else if (k === 'peer') iface.linkPeer = v;
    else if (k === 'permaddr') iface.permanentMac = v;
    else if (k === 'link-netns') iface.linkNetns = v;
    else if (k === 'link-netnsid' && toInt(v) !== undefined) iface.linkNetnsid = toInt(v);
    else {
      iface.extra = [...(iface.extra ?? []), k];
      continue;
    }
    i++;
  }
}

function parseAddress(text: string, line: number, warnings: ParseWarning[]): IpAddress | undefined {
  const t = text.split(/\s+/).filter(Boolean);
  const family = t[0] === 'inet6' ? 'inet6' : 'inet';
  const addrTok = t[1];
  if (addrTok === undefined) {
    warnings.push({ line, ...coded('address-line-without-address', { text }) });
    return undefined;
  }
  const [address, prefix] = addrTok.split('/') as [string, string | undefined];
  const addr: IpAddress = { family, address, prefixLength: -1, flags: [], line };
  let prefixLength = toInt(prefix);
  const bare: string[] = [];
  for (let i = 2; i < t.length; i++) {
    const k = t[i]!;
    const v = t[i + 1];
    const takesValue = ['peer', 'brd', 'scope', 'metric', 'proto', 'flags', 'valid_lft', 'preferred_lft'];
    if (!takesValue.includes(k) || v === undefined) {
      bare.push(k);
      continue;
    }
    i++;
    if (k === 'peer') {
      const [p, pl] = v.split('/') as [string, string | undefined];
      addr.peer = p;
      if (prefixLength === undefined) prefixLength = toInt(pl);
    } else if (k === 'brd') addr.broadcast = v;
    else if (k === 'scope') addr.scope = v;
    else if (k === 'proto') addr.proto = v;
    else if (k === 'metric' && toInt(v) !== undefined) addr.metric = toInt(v);
    else if (k === 'valid_lft') addr.validLft = v;
    else if (k === 'preferred_lft') addr.preferredLft = v;
    else if (k === 'flags' && /^[0-9a-f]+$/i.test(v)) {
      let bits = Number.parseInt(v, 16);
      for (const [bit, name] of IFA_FLAG_BITS) {
        if (bits & bit) {
          addr.flags.push(name);
          bits &= ~bit;
        }
      }
      if (bits) addr.flags.push(`flags ${bits.toString(16).padStart(2, '0')}`);
    } else bare.push(k, v);
  }
  // IPv4 lines end with the label (IFA_LABEL exists only for IPv4); the other bare words are flags.
  // A line cut short may lack it, so a known flag word in last place stays a flag.
  const last = bare[bare.length - 1];
  if (family === 'inet' && last !== undefined && !ADDRESS_FLAG_WORDS.has(last)) addr.label = bare.pop();
  addr.flags.push(...bare);
  addr.prefixLength = prefixLength ?? (family === 'inet6' ? 128 : 32);
  return addr;
}

function applyLifetimes(addr: IpAddress, text: string): void {
  const valid = /\bvalid_lft\s+(\S+)/.exec(text);
  const preferred = /\bpreferred_lft\s+(\S+)/.exec(text);
  if (valid) addr.validLft = valid[1];
  if (preferred) addr.preferredLft = preferred[1];
}

function plausibleIfname(s: string): boolean {
  return s.length >= 1 && s.length <= 15 && !/[\s/:@]/.test(s);
}

/** Where the name field may be split: every '@' that is neither first nor last. */
function atPositions(field: string): number[] {
  const ats: number[] = [];
  for (let i = 1; i < field.length - 1; i++) if (field[i] === '@') ats.push(i);
  return ats;
}

/** Rule 1: the position where an IPv4 label says the name ends (field.length: no split). */
function splitByLabel(field: string, candidates: number[], labels: string[]): number | undefined {
  for (const label of labels) {
    const exact = candidates.find((i) => field.slice(0, i) === label);
    if (exact !== undefined) return exact;
  }
  for (const label of labels) {
    const aliased = candidates.find((i) => label.startsWith(`${field.slice(0, i)}:`));
    if (aliased !== undefined) return aliased;
  }
  return undefined;
}

/** Split `name@link` by the rule in the header comment; `isKnown` tells another interface's name. */
function splitNameField(
  field: string,
  labels: string[],
  isKnown: (name: string) => boolean,
): { name: string; link?: string } {
  const ats = atPositions(field);
  if (ats.length === 0) return { name: field };
  const at = (i: number) =>
    i >= field.length ? { name: field } : { name: field.slice(0, i), link: field.slice(i + 1) };
  const byLabel = splitByLabel(field, [field.length, ...ats], labels);
  if (byLabel !== undefined) return at(byLabel);
  const last = ats[ats.length - 1]!;
  const tail = field.slice(last + 1);
  if (/^if\d+$/.test(tail) || tail === 'NONE') return at(last);
  for (const i of [...ats].reverse()) if (isKnown(field.slice(i + 1))) return at(i);
  if (plausibleIfname(tail)) return at(last);
  return { name: field };
}

function resolveNames(pending: Pending[]): void {
  const labelsOf = (p: Pending) => p.iface.addresses.flatMap((a) => (a.label === undefined ? [] : [a.label]));
  // Names that are certain before any guessing: fields without '@', and names settled by a label.
  const known = new Set<string>();
  for (const p of pending) {
    if (!p.resolveLink || !p.field.includes('@')) known.add(p.field);
    else {
      const i = splitByLabel(p.field, [p.field.length, ...atPositions(p.field)], labelsOf(p));
      if (i !== undefined) known.add(p.field.slice(0, i));
    }
  }
  for (const p of pending) {
    if (!p.resolveLink) continue;
    // Another header `x@...` names an interface `x` too (a same-namespace veth pair `a@b`/`b@a`).
    const isKnown = (name: string) =>
      known.has(name) || pending.some((o) => o !== p && o.field.startsWith(`${name}@`));
    const { name, link } = splitNameField(p.field, labelsOf(p), isKnown);
    p.iface.name = name;
    if (link === undefined) continue;
    p.iface.linkRef = link;
    const m = /^if(\d+)$/.exec(link);
    if (m) p.iface.peerIndex = Number(m[1]);
    else if (link !== 'NONE') p.iface.parent = link;
  }
}

const ADDRESS_KEYS: (keyof IpAddress)[] = [
  'family',
  'address',
  'prefixLength',
  'broadcast',
  'peer',
  'scope',
  'label',
  'flags',
  'validLft',
  'preferredLft',
  'metric',
  'proto',
  'line',
];

const INTERFACE_KEYS: (keyof IpInterface)[] = [
  'index',
  'name',
  'linkRef',
  'peerIndex',
  'parent',
  'flags',
  'mtu',
  'qdisc',
  'master',
  'state',
  'mode',
  'group',
  'qlen',
  'linkType',
  'mac',
  'broadcastMac',
  'linkPeer',
  'permanentMac',
  'linkNetnsid',
  'linkNetns',
  'kind',
  'slaveKind',
  'details',
  'alias',
  'extra',
  'altnames',
  'addresses',
  'line',
];

function pick<T extends object>(o: T, keys: (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}

/** Put the keys in a stable, readable order (JSON output is compared as golden files). */
function ordered(i: IpInterface): IpInterface {
  return pick({ ...i, addresses: i.addresses.map((a) => pick(a, ADDRESS_KEYS)) }, INTERFACE_KEYS);
}

/** STP port states: `bridge link` prints one after `master BRIDGE state`, `ip link` never does. */
const BRIDGE_PORT_STATE_RE = /\smaster\s+\S+\s+state\s+(disabled|listening|learning|forwarding|blocking)\b/;

/**
 * `bridge link` output has headers just like `ip link`'s (`N: name@link: <FLAGS> mtu ...`), but no
 * `link/...` line (which every `ip addr`/`ip link` interface has, also with `-o`) and an STP state
 * where `ip link` has the operational state. Read as `ip addr`, it would invent interfaces in
 * state "forwarding".
 */
function looksLikeBridgeLink(lines: string[]): boolean {
  if (lines.some((l) => /(^|\s)link\/\S/.test(l))) return false;
  const headers = lines.filter((l) => HEADER_RE.test(l.trim()));
  return headers.length > 0 && headers.every((l) => BRIDGE_PORT_STATE_RE.test(l) || / state \S+ @/.test(l));
}

function parse(text: string): ParseResult<IpInterface> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  const warnings: ParseWarning[] = [];
  if (!lines.some((l) => HEADER_RE.test(l.trim()) || ONELINE_ADDR_RE.test(l.trim()))) {
    if (lines.every((l) => l.trim() === '')) return result([], []);
    return rejected('not `ip addr`/`ip link` output: no interface header line (`N: name: <FLAGS> ...`)');
  }
  if (looksLikeBridgeLink(lines))
    return rejected('`bridge link` output (STP port states, no link/... lines), not `ip addr`/`ip link`');
  const pending: Pending[] = [];
  const byIndex = new Map<number, Pending>();
  let cur: IpInterface | undefined;
  let lastAddr: IpAddress | undefined;
  let detailsSeen = false;
  let skippingStats = false;

  for (const { text: l, line } of logicalLines(lines, warnings)) {
    const header = HEADER_RE.exec(l);
    if (header) {
      const iface: IpInterface = {
        index: Number(header[1]),
        name: header[2]!,
        flags: header[3]!.split(',').filter(Boolean),
        altnames: [],
        addresses: [],
        line,
      };
      parseHeaderRest(iface, header[4]!);
      const p: Pending = { iface, field: header[2]!, resolveLink: true };
      pending.push(p);
      byIndex.set(iface.index, p);
      cur = iface;
      lastAddr = undefined;
      detailsSeen = false;
      skippingStats = false;
      continue;
    }
    const one = ONELINE_ADDR_RE.exec(l);
    if (one) {
      const index = Number(one[1]);
      let p = byIndex.get(index);
      if (!p || p.field !== one[2]) {
        p = {
          iface: { index, name: one[2]!, flags: [], altnames: [], addresses: [], line },
          field: one[2]!,
          resolveLink: false,
        };
        pending.push(p);
        byIndex.set(index, p);
      }
      cur = p.iface;
      lastAddr = parseAddress(one[3]!, line, warnings);
      if (lastAddr) cur.addresses.push(lastAddr);
      skippingStats = false;
      continue;
    }
    if (/^\d+:\s/.test(l)) {
      warnings.push({ line, ...coded('unrecognised-interface-header', { text: l }) });
      cur = undefined;
      continue;
    }
    if (!cur) {
      warnings.push({ line, ...coded('outside-interface-block', { text: l }) });
      continue;
    }
    const w = firstWord(l);
    if (/^(RX|TX)\b/.test(l)) {
      skippingStats = true;
      continue;
    }
    if (w === 'inet' || w === 'inet6') {
      skippingStats = false;
      lastAddr = parseAddress(l, line, warnings);
      if (lastAddr) cur.addresses.push(lastAddr);
    } else if (w === 'valid_lft') {
      if (lastAddr) applyLifetimes(lastAddr, l);
      else warnings.push({ line, ...coded('lifetime-without-address', { text: l }) });
    } else if (w.startsWith('link/')) {
      skippingStats = false;
      parseLinkLine(cur, l);
    } else if (w === 'altname') {
      skippingStats = false;
      const name = l.split(/\s+/)[1];
      if (name) cur.altnames.push(name);
    } else if (w === 'alias') {
      cur.alias = l.slice('alias'.length).trim();
    } else if (skippingStats && /^[\d\s]+$/.test(l)) {
      // the counters row under an RX:/TX: header when it was not joined to it
    } else {
      // `ip -d` detail line (kind line, bridge_slave line, vf, prog/xdp, generic attributes).
      cur.details = [...(cur.details ?? []), l];
      if (w.endsWith('_slave')) {
        cur.slaveKind ??= w;
      } else if (
        cur.kind === undefined &&
        !detailsSeen &&
        !GENERIC_DETAIL_WORDS.has(w) &&
        w !== 'vf' &&
        !w.startsWith('prog/') &&
        (KIND_WORDS.has(w) || /^[a-z][a-z0-9_]*$/.test(w))
      ) {
        cur.kind = w;
      }
      if (!w.endsWith('_slave')) detailsSeen = true;
    }
  }
  resolveNames(pending);
  return result(
    pending.map((p) => ordered(p.iface)),
    warnings,
  );
}

export const ipAddr: Parser<IpInterface> = {
  id: 'ip-addr',
  description: 'Interfaces and their addresses from `ip addr` / `ip link` (iproute2 or BusyBox, -d, -o)',
  commands: ['ip addr show', 'ip a', 'ip -d addr show', 'ip -o addr', 'ip link show', 'ip -d link show'],
  parse,
};
