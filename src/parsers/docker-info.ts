/**
 * Parser for `docker info` (text, both layouts) and `docker info --format '{{json .}}'` (the
 * collector's `docker-info-json`: the same parser, detected by the leading `{`).
 *
 *   Server:                          (since 19.03; before: the same keys at column 0)
 *    Containers: 1
 *     Running: 1
 *    Server Version: 20.10.24+dfsg1
 *    Swarm: active
 *     NodeID: 3258b1n76hkxlo7cbkq56elk1
 *   WARNING: No swap limit support
 *
 * One record. Things that are not obvious:
 *
 * - Layouts. Up to 18.09 the engine's keys start at column 0 and their details at column 1; from
 *   19.03 they sit under `Server:` one column further in, after a `Client:` section. Keys are
 *   read by indentation into dotted paths (`Swarm.NodeID`, `Containers.Running`; client keys as
 *   `Client.Version`) and kept in `fields`, so a key this parser does not model is not lost.
 * - Lines without `Key:` are list items of the key above (`Security Options:` then `seccomp`,
 *   `Insecure Registries:` then `127.0.0.0/8`). Security options become their names in both forms
 *   (`name=seccomp,profile=default` in JSON is `seccomp`). List items are not copied into `fields`,
 *   because engine `Labels:` can hold values a user would not publish.
 * - `WARNING:` lines are the engine's own diagnostics (`bridge-nf-call-iptables is disabled`, `No
 *   swap limit support`), printed on stdout by old engines and on stderr by newer CLIs (merged
 *   into the capture sometimes); they go to `engineWarnings`, not parse warnings. JSON has them in
 *   `Warnings`. An output of nothing but WARNING lines (the rest on stderr) makes no record: each
 *   warning is kept as a parse warning (`engine warning only: ...`), nothing is invented.
 * - When the CLI cannot reach the engine, newer CLIs still print the `Client:` section and then
 *   `Server:` + `ERROR: Cannot connect to the Docker daemon ...`: that is kept in `serverError`
 *   (the client part is still data). Old CLIs print only the error: rejected.
 * - Proxy settings may carry credentials (`http://user:pass@proxy:3128`; engines since 20.10 mask
 *   them as `xxxxx`): user and password are masked in `fields`.
 * - `Total Memory` stays as printed (`23.54GiB`); the JSON form gives bytes in `memTotalBytes`.
 */
import { coded } from '../i18n/coded.js';
import {
  detectDockerError,
  dropUndefined,
  isObject,
  type Json,
  type JsonObject,
  nonEmpty,
  readJsonValues,
  str,
} from './json-lines.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, rejected, result, splitLines } from './util.js';

export type SwarmState = 'inactive' | 'active' | 'pending' | 'error' | 'locked';

export interface SwarmInfo {
  /**
   * inactive, active, pending, error, locked; `unknown` when the output does not say (the engine
   * did not answer); as printed when it is none of these.
   */
  state: SwarmState | string;
  nodeId?: string;
  /** `Is Manager` in text, `ControlAvailable` in JSON. */
  isManager?: boolean;
  managers?: number;
  nodes?: number;
  nodeAddr?: string;
  clusterId?: string;
  /** `Manager Addresses` / `RemoteManagers`: `10.99.0.2:2377`. */
  managerAddresses?: string[];
  dataPathPort?: number;
  /** The swarm's default address pools (`10.0.0.0/8`) and subnet size. */
  defaultAddrPool?: string[];
  subnetSize?: number;
  error?: string;
}

export interface DockerInfo {
  serverVersion?: string;
  clientVersion?: string;
  storageDriver?: string;
  loggingDriver?: string;
  cgroupDriver?: string;
  cgroupVersion?: string;
  kernelVersion?: string;
  operatingSystem?: string;
  osType?: string;
  architecture?: string;
  cpus?: number;
  /** As printed: `23.54GiB`, `1.947GiB`. */
  totalMemory?: string;
  /** JSON form only: MemTotal in bytes. */
  memTotalBytes?: number;
  name?: string;
  id?: string;
  dockerRootDir?: string;
  containers?: number;
  running?: number;
  paused?: number;
  stopped?: number;
  images?: number;
  swarm: SwarmInfo;
  /** Names: seccomp, apparmor, selinux, userns, rootless, cgroupns. */
  securityOptions: string[];
  defaultAddressPools?: { base: string; size: number }[];
  networkPlugins?: string[];
  liveRestore?: boolean;
  /** Only when the output shows it (no released engine prints it today). */
  iptables?: boolean;
  userlandProxy?: boolean;
  /** The engine's own `WARNING:` lines, without the prefix. */
  engineWarnings: string[];
  /** `ERROR: Cannot connect ...` under `Server:`: the engine did not answer. */
  serverError?: string;
  /** Every `Key: value` line by dotted path (text), or every scalar (JSON). */
  fields: Record<string, string>;
  line: number;
}

const num = (s: string | undefined): number | undefined => {
  if (s === undefined || !/^-?\d+$/.test(s.trim())) return undefined;
  return Number(s.trim());
};
const bool = (s: string | undefined): boolean | undefined =>
  s === 'true' ? true : s === 'false' ? false : undefined;

/** `http://user:pass@host` -> `http://xxxxx:xxxxx@host`. */
const maskCredentials = (s: string) => s.replace(/(\/\/)[^/@\s]*@/g, '$1xxxxx:xxxxx@');

/** `name=seccomp,profile=default` -> `seccomp`. */
const securityName = (s: string) => /(?:^|,)name=([^,]+)/.exec(s)?.[1] ?? s;

function setField(fields: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(fields, key, {
    value: /proxy/i.test(key) ? maskCredentials(value) : value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Text

interface Node {
  indent: number;
  path: string;
}

function parseText(text: string): ParseResult<DockerInfo> {
  const lines = splitLines(text);
  const shaped = lines.some((l) =>
    /^\s*(Server Version|Containers|Storage Driver|Client|Server|Docker Root Dir|Kernel Version):/.test(l),
  );
  if (!shaped) {
    const err = detectDockerError(text);
    if (err) return rejected(err);
    // Only the engine's `WARNING:` lines (and their wrapped continuations): the CLI printed them
    // on the stream that was captured, and the rest went elsewhere (stderr, or nothing at all).
    // No engine record is made from them; each is kept as a warning with its line.
    if (lines.some((l) => /^WARNING:/.test(l)) && lines.every((l) => /^(WARNING:|\s|$)/.test(l))) {
      // Each warning with its wrapped continuation lines, then one coded diagnostic per warning.
      const notes: { line: number; text: string }[] = [];
      lines.forEach((l, i) => {
        if (/^WARNING:/.test(l)) notes.push({ line: i + 1, text: l.replace(/^WARNING:\s*/, '') });
        else if (l.trim() !== '' && notes.length > 0) notes[notes.length - 1]!.text += ` ${l.trim()}`;
      });
      return result(
        [],
        [
          { line: 1, ...coded('info-only-warnings') },
          ...notes.map((n) => ({ line: n.line, ...coded('engine-warning-only', { text: n.text }) })),
        ],
      );
    }
    return rejected(`not docker info output: ${lines.find((l) => l.trim() !== '')?.slice(0, 100)}`);
  }
  const warnings: ParseWarning[] = [];
  const fields: Record<string, string> = {};
  const lists = new Map<string, { text: string; line: number }[]>();
  const engineWarnings: string[] = [];
  let serverError: string | undefined;
  let firstLine = 0;
  /** Column of the engine's keys: 0 in the flat layout, 1 under `Server:`. */
  let section: 'client' | 'server' | 'flat' = 'flat';
  const stack: Node[] = [];
  let inWarning = false;

  lines.forEach((raw, idx) => {
    const n = idx + 1;
    if (raw.trim() === '') return;
    const indent = raw.length - raw.trimStart().length;
    const l = raw.trim();
    const w = /^WARNING:\s*(.*)$/.exec(l);
    if (w && indent === 0) {
      engineWarnings.push(w[1] ?? '');
      inWarning = true;
      return;
    }
    // Long warnings wrap onto indented lines (`WARNING: API is accessible on http://0.0.0.0:2375
    // without encryption.` then `         Access to the remote API is equivalent to root ...`).
    if (inWarning && indent > 0 && engineWarnings.length > 0) {
      engineWarnings[engineWarnings.length - 1] += ` ${l}`;
      return;
    }
    inWarning = false;
    // `Client:` or, with Docker's packages, `Client: Docker Engine - Community` (the edition).
    const sec = indent === 0 ? /^(Client|Server):\s*(.*)$/.exec(l) : null;
    if (sec) {
      section = sec[1] === 'Client' ? 'client' : 'server';
      if (sec[2]) setField(fields, sec[1] ?? '', sec[2]);
      stack.length = 0;
      return;
    }
    const e = /^(?:ERROR|Error):\s*(.*)$/.exec(l);
    if (e && stack.length === 0 && section !== 'client') {
      serverError = e[1];
      if (firstLine === 0) firstLine = n;
      return;
    }
    // The CLI's trailer after a server error; the pools are read below from the raw lines.
    if ((serverError !== undefined && /^errors pretty printing info/.test(l)) || /^Base:\s/.test(l)) return;
    if (firstLine === 0 && section !== 'client') firstLine = n;
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= indent) stack.pop();
    const parent = stack[stack.length - 1]?.path;
    const kv = /^([^:]*[^:\s])\s*:(?:\s+(.*))?$/.exec(l);
    // `10.99.0.2:2377`, `127.0.0.0/8`, `seccomp` are list items of the key above; a key needs a
    // colon followed by a space or the end of the line.
    if (kv && !/^[\d.]+$|^\[?[0-9a-f:]+\]?$/i.test(kv[1] ?? '')) {
      const key = kv[1] ?? '';
      const value = (kv[2] ?? '').trim();
      const prefix = section === 'client' ? 'Client.' : '';
      const path = parent ? `${parent}.${key}` : `${prefix}${key}`;
      if (value !== '' || !lists.has(path)) setField(fields, path, value);
      stack.push({ indent, path });
    } else if (parent) {
      const items = lists.get(parent) ?? [];
      items.push({ text: l, line: n });
      lists.set(parent, items);
      stack.push({ indent, path: `${parent}.${l}` });
    } else warnings.push({ line: n, ...coded('unknown-line', { text: l.slice(0, 120) }) });
  });
  // Empty parents ("Plugins:", "Security Options:") add nothing as fields.
  for (const [k, v] of Object.entries(fields)) if (v === '') delete fields[k];

  const f = (k: string) => fields[k];
  const listOf = (k: string) => (lists.get(k) ?? []).map((x) => x.text);
  // No `Swarm:` line when the engine did not answer: unknown, not inactive.
  const swarmState = f('Swarm') ?? 'unknown';
  // `Default Address Pools:` then `  Base: 10.10.0.0/16, Size: 24` (read as a key `Base`).
  const pools = lines
    .map((s) => /^\s*Base:\s*(\S+?),?\s+Size:\s*(\d+)/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ base: m[1] ?? '', size: Number(m[2]) }));
  const key = (re: RegExp) => Object.keys(fields).find((k) => re.test(k));
  const iptablesKey = key(/^ip ?tables$/i);
  const proxyKey = key(/^userland ?proxy$/i);
  const swarmPool = f('Swarm.Default Address Pool');

  const info: DockerInfo = dropUndefined({
    serverVersion: f('Server Version'),
    clientVersion: f('Client.Version'),
    storageDriver: f('Storage Driver'),
    loggingDriver: f('Logging Driver'),
    cgroupDriver: f('Cgroup Driver'),
    cgroupVersion: f('Cgroup Version'),
    kernelVersion: f('Kernel Version'),
    operatingSystem: f('Operating System'),
    osType: f('OSType'),
    architecture: f('Architecture'),
    cpus: num(f('CPUs')),
    totalMemory: f('Total Memory'),
    name: f('Name'),
    id: f('ID'),
    dockerRootDir: f('Docker Root Dir'),
    containers: num(f('Containers')),
    running: num(f('Containers.Running')),
    paused: num(f('Containers.Paused')),
    stopped: num(f('Containers.Stopped')),
    images: num(f('Images')),
    swarm: dropUndefined<SwarmInfo>({
      state: swarmState,
      nodeId: nonEmptyText(f('Swarm.NodeID')),
      isManager: bool(f('Swarm.Is Manager')),
      managers: num(f('Swarm.Managers')),
      nodes: num(f('Swarm.Nodes')),
      nodeAddr: f('Swarm.Node Address'),
      clusterId: f('Swarm.ClusterID'),
      managerAddresses:
        listOf('Swarm.Manager Addresses').length > 0 ? listOf('Swarm.Manager Addresses') : undefined,
      dataPathPort: num(f('Swarm.Data Path Port')),
      defaultAddrPool: swarmPool ? swarmPool.split(/[\s,]+/).filter((x) => x !== '') : undefined,
      subnetSize: num(f('Swarm.SubnetSize')),
      error: f('Swarm.Error'),
    }),
    securityOptions: listOf('Security Options').map(securityName),
    defaultAddressPools: pools.length > 0 ? pools : undefined,
    networkPlugins: f('Plugins.Network')?.split(/\s+/),
    liveRestore: bool(f('Live Restore Enabled')),
    iptables: iptablesKey ? bool(f(iptablesKey)) : undefined,
    userlandProxy: proxyKey ? bool(f(proxyKey)) : undefined,
    engineWarnings,
    serverError,
    fields,
    line: firstLine || 1,
  });
  return result([info], capWarnings(warnings));
}

function nonEmptyText(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

// ---------------------------------------------------------------------------------------------
// JSON

const numJ = (v: Json | undefined) => (typeof v === 'number' ? v : undefined);
const boolJ = (v: Json | undefined) => (typeof v === 'boolean' ? v : undefined);
const stringsJ = (v: Json | undefined) =>
  Array.isArray(v) ? v.map((x) => str(x)).filter((x): x is string => x !== undefined) : undefined;

/** `docker info --format '{{json .Swarm}}'`, also used by the docker-swarm parser. */
export function swarmFromJson(s: JsonObject): SwarmInfo {
  const cluster = isObject(s.Cluster) ? s.Cluster : undefined;
  const managers = Array.isArray(s.RemoteManagers)
    ? s.RemoteManagers.filter(isObject)
        .map((m) => str(m.Addr) ?? '')
        .filter((a) => a !== '')
    : [];
  const pool = stringsJ(cluster?.DefaultAddrPool);
  return dropUndefined<SwarmInfo>({
    state: nonEmpty(s.LocalNodeState) ?? 'inactive',
    nodeId: nonEmpty(s.NodeID),
    isManager: boolJ(s.ControlAvailable),
    managers: numJ(s.Managers),
    nodes: numJ(s.Nodes),
    nodeAddr: nonEmpty(s.NodeAddr),
    clusterId: nonEmpty(cluster?.ID),
    managerAddresses: managers.length > 0 ? managers : undefined,
    dataPathPort: numJ(cluster?.DataPathPort),
    defaultAddrPool: pool && pool.length > 0 ? pool : undefined,
    subnetSize: numJ(cluster?.SubnetSize),
    error: nonEmpty(s.Error),
  });
}

/** Top-level and Swarm scalars as strings; no Labels, no certificates, no client plugin list. */
function flatten(o: JsonObject, prefix: string, out: Record<string, string>, depth = 0): void {
  for (const [k, v] of Object.entries(o)) {
    if (k === 'Labels' || k === 'TLSInfo' || k === 'Plugins' || k === 'Warnings') continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      setField(out, path, String(v));
    else if (isObject(v) && depth < 3) flatten(v, path, out, depth + 1);
  }
}

function parseJson(text: string): ParseResult<DockerInfo> {
  const read = readJsonValues(text);
  if (read.rejected) return rejected(read.rejected);
  const warnings = read.warnings;
  const o = read.objects[0];
  if (!o) return read.trailingError ? rejected(read.trailingError) : result([], warnings);
  if (read.objects.length > 1) warnings.push(coded('first-object-only', { n: read.objects.length }));
  if (!('ServerVersion' in o) && !('Containers' in o) && !('ClientInfo' in o))
    return rejected('not `docker info` JSON (no ServerVersion, Containers or ClientInfo)');
  const fields: Record<string, string> = {};
  flatten(o, '', fields);
  const client = isObject(o.ClientInfo) ? o.ClientInfo : undefined;
  const pools = Array.isArray(o.DefaultAddressPools)
    ? o.DefaultAddressPools.filter(isObject).map((p) => ({
        base: str(p.Base) ?? '',
        size: numJ(p.Size) ?? 0,
      }))
    : [];
  const plugins = isObject(o.Plugins) ? stringsJ(o.Plugins.Network) : undefined;
  const serverErrors = stringsJ(o.ServerErrors);
  const info: DockerInfo = dropUndefined({
    serverVersion: nonEmpty(o.ServerVersion),
    clientVersion: nonEmpty(client?.Version),
    storageDriver: nonEmpty(o.Driver),
    loggingDriver: nonEmpty(o.LoggingDriver),
    cgroupDriver: nonEmpty(o.CgroupDriver),
    cgroupVersion: nonEmpty(o.CgroupVersion),
    kernelVersion: nonEmpty(o.KernelVersion),
    operatingSystem: nonEmpty(o.OperatingSystem),
    osType: nonEmpty(o.OSType),
    architecture: nonEmpty(o.Architecture),
    cpus: numJ(o.NCPU),
    memTotalBytes: numJ(o.MemTotal),
    name: nonEmpty(o.Name),
    id: nonEmpty(o.ID),
    dockerRootDir: nonEmpty(o.DockerRootDir),
    containers: numJ(o.Containers),
    running: numJ(o.ContainersRunning),
    paused: numJ(o.ContainersPaused),
    stopped: numJ(o.ContainersStopped),
    images: numJ(o.Images),
    swarm: isObject(o.Swarm) ? swarmFromJson(o.Swarm) : { state: 'unknown' },
    securityOptions: (stringsJ(o.SecurityOptions) ?? []).map(securityName),
    defaultAddressPools: pools.length > 0 ? pools : undefined,
    networkPlugins: plugins,
    liveRestore: boolJ(o.LiveRestoreEnabled),
    engineWarnings: (stringsJ(o.Warnings) ?? []).map((w) => w.replace(/^WARNING:\s*/, '')),
    serverError: serverErrors && serverErrors.length > 0 ? serverErrors.join('; ') : undefined,
    fields,
    line: read.reader.where.get(o)?.line ?? 1,
  });
  return result([info], capWarnings(warnings));
}

function parse(text: string): ParseResult<DockerInfo> {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  return first.startsWith('{') ? parseJson(text) : parseText(text);
}

export const dockerInfo: Parser<DockerInfo> = {
  id: 'docker-info',
  description: 'docker info (text, old and new layouts, or JSON): engine, drivers, swarm state, warnings',
  commands: ['docker info', "docker info --format '{{json .}}'"],
  parse,
};
