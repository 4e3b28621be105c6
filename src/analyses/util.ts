/** Helpers shared by questions, findings and the diff: lookups in a StepModel and small text tools. */
import { type Lang, type Translator, translator } from '../i18n/index.js';
import type {
  Evidence,
  ModelBridge,
  ModelDockerNetwork,
  ModelInterface,
  ModelNamespace,
  ModelSocket,
  StepModel,
  VethLink,
} from '../model/types.js';

/** The translator of a step's language: questions, findings and the diff write their text through it. */
export function tr(input: { lang?: Lang | undefined }): Translator {
  return translator(input.lang ?? 'en');
}

export function hostNs(model: StepModel): ModelNamespace | undefined {
  return model.namespaces.find((n) => n.kind === 'host');
}

/**
 * Lookups by key, built once per list (and again if the list grew): a big host has ~1,000
 * namespaces and veth links, and a `find` per interface was ~2 million comparisons in the
 * veth-peer answer, the diff's labels and the report's interface tables (docs/performance.md).
 * Each keeps the first match in the list's order, as `find` did.
 */
const nsIndex = new WeakMap<ModelNamespace[], { length: number; byId: Map<string, ModelNamespace> }>();
const vethIndex = new WeakMap<VethLink[], { length: number; byEnd: Map<string, VethLink> }>();

export function nsById(model: StepModel, id: string): ModelNamespace | undefined {
  let ix = nsIndex.get(model.namespaces);
  if (ix?.length !== model.namespaces.length) {
    const byId = new Map<string, ModelNamespace>();
    for (const n of model.namespaces) if (!byId.has(n.id)) byId.set(n.id, n);
    ix = { length: model.namespaces.length, byId };
    nsIndex.set(model.namespaces, ix);
  }
  return ix.byId.get(id);
}

/** The first veth link with an end `ifname` in namespace `namespace`. */
export function vethLinkAt(model: StepModel, namespace: string, ifname: string): VethLink | undefined {
  let ix = vethIndex.get(model.vethLinks);
  if (ix?.length !== model.vethLinks.length) {
    const byEnd = new Map<string, VethLink>();
    for (const l of model.vethLinks)
      for (const end of [l.a, l.b]) {
        const k = `${end.namespace}\u0000${end.ifname}`;
        if (!byEnd.has(k)) byEnd.set(k, l);
      }
    ix = { length: model.vethLinks.length, byEnd };
    vethIndex.set(model.vethLinks, ix);
  }
  return ix.byEnd.get(`${namespace}\u0000${ifname}`);
}

export function iface(ns: ModelNamespace | undefined, name: string): ModelInterface | undefined {
  return ns?.interfaces.find((i) => i.name === name);
}

export function nsLabel(model: StepModel, id: string, t: Translator = translator('en')): string {
  const ns = nsById(model, id);
  if (!ns) return id;
  if (ns.kind === 'host') return t('ns.label.host', { name: ns.name ?? '' });
  if (ns.kind === 'container') return t('ns.label.container', { name: ns.container ?? ns.name });
  return t('ns.label.sandbox', { name: ns.name });
}

/** The Linux bridge behind a bridge-driver Docker network. */
export function bridgeName(n: ModelDockerNetwork): string | undefined {
  return n.bridge ?? n.options['com.docker.network.bridge.name'];
}

export function isDefaultBridge(n: ModelDockerNetwork): boolean {
  const opt = n.options['com.docker.network.bridge.default_bridge'];
  if (opt !== undefined) return opt === 'true';
  return n.name === 'bridge' && n.driver === 'bridge';
}

export function defaultBridgeNetwork(model: StepModel): ModelDockerNetwork | undefined {
  return model.dockerNetworks.find(isDefaultBridge);
}

/** The host's bridge used by Docker's default network: from `docker network inspect`, else a bridge named docker0. */
export function defaultBridge(
  model: StepModel,
): { bridge?: ModelBridge; iface?: ModelInterface; network?: ModelDockerNetwork; name: string } | undefined {
  const host = hostNs(model);
  const network = defaultBridgeNetwork(model);
  // Docker names it docker0 unless `--bridge` / daemon.json say otherwise; the network inspect is the authority.
  const name = (network && bridgeName(network)) ?? (iface(host, 'docker0') ? 'docker0' : undefined);
  if (!name) return undefined;
  const bridge = host?.bridges.find((b) => b.name === name);
  const i = iface(host, name);
  if (!bridge && !i) return undefined;
  return { name, ...(bridge ? { bridge } : {}), ...(i ? { iface: i } : {}), ...(network ? { network } : {}) };
}

export function networkOfBridge(model: StepModel, name: string): ModelDockerNetwork | undefined {
  return model.dockerNetworks.find((n) => bridgeName(n) === name);
}

export function isSwarm(model: StepModel): boolean {
  return model.dockerNetworks.some((n) => n.scope === 'swarm' || n.ingress || n.driver === 'overlay');
}

export function code(s: string | number): string {
  return `\`${s}\``;
}

/** "a", "a and b", "a, b and c". */
export function list(items: readonly string[], word = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Evidence without duplicates and without undefined entries, in first-seen order. */
export function evidenceList(
  ...items: (Evidence | readonly (Evidence | undefined)[] | undefined)[]
): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const arr: readonly (Evidence | undefined)[] = Array.isArray(item)
      ? item
      : [item as Evidence | undefined];
    for (const e of arr) {
      if (!e) continue;
      const k = `${e.file}:${e.line ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
    }
  }
  return out;
}

export function sysctl(model: StepModel, key: string) {
  return model.sysctls?.find((s) => s.key === key);
}

/** Port with its address as `ss`/`netstat -n` would print it: `0.0.0.0:22`, `[::]:60000`, `localhost:53`. */
export function socketAddr(s: ModelSocket): string {
  const port = s.localPortNumber ?? s.localPort;
  const host = s.localAddress.includes(':') ? `[${s.localAddress}]` : s.localAddress;
  return `${host}:${port}`;
}

/** Bound to the IPv6 wildcard `::` (`:::60000` in netstat). */
export function isV6Wildcard(s: ModelSocket): boolean {
  return s.localAddress === '::' || s.localAddress === '[::]';
}

export function isWildcardAddress(a: string): boolean {
  return a === '' || a === '0.0.0.0' || a === '::' || a === '[::]' || a === '*';
}

// --- IPv4 prefixes ----------------------------------------------------------------------------

export interface Prefix4 {
  base: number;
  len: number;
}

/**
 * `a.b.c.d` or `a.b.c.d/len` (each octet 1-3 digits up to 255, len 1-2 digits up to 32, around
 * whitespace ignored) -> its network, else undefined: what
 * `/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/` over the trimmed text gave,
 * read digit by digit (the answers call it ~200,000 times on a 1,000-container host; the regex
 * and its match arrays were ~0.1 s of it). test/analyses-util.test.ts compares the two.
 */
export function parsePrefix4(cidr: string): Prefix4 | undefined {
  const s = cidr.trim();
  let i = 0;
  let addr = 0;
  for (let k = 0; k < 4; k++) {
    if (k > 0) {
      if (s.charCodeAt(i) !== 46 /* . */) return undefined;
      i++;
    }
    const n = digits(s, i, 3);
    if (n === 0) return undefined;
    const v = Number(s.slice(i, i + n));
    if (v > 255) return undefined;
    addr = addr * 256 + v;
    i += n;
  }
  let len = 32;
  if (i < s.length) {
    if (s.charCodeAt(i) !== 47 /* / */) return undefined;
    const n = digits(s, i + 1, 2);
    if (n === 0 || i + 1 + n !== s.length) return undefined;
    len = Number(s.slice(i + 1));
    if (len > 32) return undefined;
  }
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return { base: (addr & mask) >>> 0, len };
}

/** How many ASCII digits start at `at` (at most `max`; 0 when there are more than `max`). */
function digits(s: string, at: number, max: number): number {
  let n = 0;
  while (at + n < s.length) {
    const c = s.charCodeAt(at + n);
    if (c < 48 || c > 57) break;
    n++;
    if (n > max) return 0;
  }
  return n;
}

/** One prefix contains the other (two prefixes overlap exactly when one contains the other). */
export function overlaps(a: Prefix4, b: Prefix4): boolean {
  const len = Math.min(a.len, b.len);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return (a.base & mask) >>> 0 === (b.base & mask) >>> 0;
}

export function contains(net: Prefix4, addr: Prefix4): boolean {
  return net.len <= addr.len && overlaps(net, addr);
}

/** Address without its prefix: 172.17.0.2/16 -> 172.17.0.2. */
export function bare(addr: string): string {
  return addr.replace(/\/\d+$/, '');
}
