/**
 * Parser for `docker inspect` of containers, in the two forms bundles hold:
 *
 * - the collector's `docker inspect --type container --format '<template>' ID...`: one JSON object
 *   per line and container, with the networking fields only (`Config.LabelKeys` instead of
 *   labels, no `Config.Env`):
 *     {"Id":"80819de90b67...","Name":"/whoami","State":{"Status":"running","Running":true,"Pid":1053,...
 * - a full `docker inspect NAME...` as people paste it: one JSON array, pretty-printed.
 *
 * One record per container. Things that are not obvious:
 *
 * - Secrets. A full inspect carries `Config.Env` (passwords, tokens) and label values. Only the
 *   variable NAMES (`envNames`) and label KEYS (`labelKeys`) are read; each container whose
 *   values were present gets a warning saying so, and the values are in no record. The one
 *   exception: the values of the Compose labels project, service and container-number
 *   (`compose`; the collector records them as `Config.ComposeLabels`), names people group their
 *   stacks by, not secrets. `Cmd`,
 *   `Entrypoint`, `Args` and `Mounts` are not read at all.
 * - Two port maps that disagree on purpose: `HostConfig.PortBindings` is what was asked for
 *   (`"HostIp": ""` = all addresses, `"HostPort": ""` = any free port), `NetworkSettings.Ports`
 *   is what the engine did (`0.0.0.0` and, with IPv6, a second `::` binding; `null` for an
 *   exposed port that is not published). Both are kept as printed: `portBindings` and `ports`.
 *   Host ports stay strings because a request may be empty or a range (`"8000-8010"`).
 * - `NetworkMode` is `default` (= bridge), `bridge`, `host`, `none`, `container:<id>` (shares
 *   another container's namespace, and then has no `Networks` of its own) or a network name.
 * - A stopped container has `Pid: 0`, and its networks keep their ids with empty addresses:
 *   empty strings and zero prefix lengths are left out rather than kept as addresses.
 * - The name has a leading `/` in the API (`/whoami`); it is removed.
 * - Empty output is zero containers, not an error. `[]` followed by `Error: No such object` is
 *   rejected with the error; a network inspect or an image inspect is rejected.
 */
import { coded } from '../i18n/coded.js';
import {
  dropUndefined,
  isObject,
  type Json,
  type JsonObject,
  keyLine,
  nonEmpty,
  type Reader,
  readJsonValues,
  str,
} from './json-lines.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, rejected, result, splitLines } from './util.js';

export interface ContainerPort {
  containerPort: number;
  proto: string;
  /** As printed: '' (all addresses) in PortBindings, '0.0.0.0' / '::' in NetworkSettings.Ports. */
  hostIp: string;
  /** As printed: '60000', '' (any free port, in a request), '8000-8010'. */
  hostPort: string;
}

export interface ContainerNetwork {
  /** The key of NetworkSettings.Networks: the network's name. */
  name: string;
  networkId?: string;
  endpointId?: string;
  ipAddress?: string;
  prefixLength?: number;
  gateway?: string;
  globalIPv6Address?: string;
  globalIPv6PrefixLength?: number;
  ipv6Gateway?: string;
  macAddress?: string;
  aliases?: string[];
  /** Docker 26+: the names this endpoint answers to in the embedded DNS. */
  dnsNames?: string[];
  /**
   * Docker 28+: `--network name=x,gw-priority=N`: the network whose gateway is the container's
   * default route is the one with the highest priority (ties: by name). Absent before 28.
   */
  gwPriority?: number;
  /** Addresses asked for with `--ip` / `--ip6` (IPAMConfig). */
  requestedIPv4Address?: string;
  requestedIPv6Address?: string;
}

export interface DockerContainer {
  id: string;
  /** Without the leading '/'. */
  name: string;
  /** Config.Image: the image as the user named it (else the image id). */
  image: string;
  /** The top-level Image: the image id (`sha256:...`). */
  imageId?: string;
  created?: string;
  state: { status: string; running: boolean; pid: number; startedAt?: string; exitCode?: number };
  hostname?: string;
  domainname?: string;
  /** default, bridge, host, none, container:<id>, or a network name. */
  networkMode: string;
  publishAllPorts?: boolean;
  portBindings: ContainerPort[];
  ports: ContainerPort[];
  /** `8080/tcp` ... */
  exposedPorts: string[];
  sandboxKey?: string;
  sandboxId?: string;
  networks: ContainerNetwork[];
  /** Label names only: values are never read (but for the Compose labels of `compose`). */
  labelKeys: string[];
  /** The Compose labels' values (project, service, container number), when the container has them. */
  compose?: ComposeLabels;
  /** Environment variable names only (full inspect): values are never read. */
  envNames?: string[];
  dns?: string[];
  extraHosts?: string[];
  line: number;
}

function strings(v: Json | undefined): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.map((x) => str(x)).filter((x): x is string => x !== undefined);
  return out.length > 0 ? out : undefined;
}

/** A prefix length: 0 means "no address" in Docker's output. */
function prefix(v: Json | undefined): number | undefined {
  return typeof v === 'number' && v > 0 ? v : undefined;
}

/** `{"8080/tcp": [{"HostIp": "", "HostPort": "60000"}], "9000/udp": null}` -> flat bindings. */
function portMap(
  v: Json | undefined,
  where: string,
  line: number,
  warnings: ParseWarning[],
): ContainerPort[] {
  const out: ContainerPort[] = [];
  if (!isObject(v)) return out;
  for (const [key, bindings] of Object.entries(v)) {
    const m = /^(\d+)(?:\/(\w+))?$/.exec(key);
    if (!m) {
      warnings.push({ line, ...coded('unreadable-port-key', { where, key }) });
      continue;
    }
    if (!Array.isArray(bindings)) continue; // null: exposed, not published
    for (const b of bindings) {
      if (!isObject(b)) continue;
      out.push({
        containerPort: Number(m[1]),
        proto: m[2] ?? 'tcp',
        hostIp: str(b.HostIp) ?? '',
        hostPort: str(b.HostPort) ?? '',
      });
    }
  }
  return out;
}

function toNetwork(name: string, n: JsonObject): ContainerNetwork {
  const ipam = isObject(n.IPAMConfig) ? n.IPAMConfig : undefined;
  return dropUndefined({
    name,
    networkId: nonEmpty(n.NetworkID),
    endpointId: nonEmpty(n.EndpointID),
    ipAddress: nonEmpty(n.IPAddress),
    prefixLength: prefix(n.IPPrefixLen),
    gateway: nonEmpty(n.Gateway),
    globalIPv6Address: nonEmpty(n.GlobalIPv6Address),
    globalIPv6PrefixLength: prefix(n.GlobalIPv6PrefixLen),
    ipv6Gateway: nonEmpty(n.IPv6Gateway),
    macAddress: nonEmpty(n.MacAddress),
    aliases: strings(n.Aliases),
    dnsNames: strings(n.DNSNames),
    gwPriority: typeof n.GwPriority === 'number' ? n.GwPriority : undefined,
    requestedIPv4Address: nonEmpty(ipam?.IPv4Address),
    requestedIPv6Address: nonEmpty(ipam?.IPv6Address),
  });
}

export interface ComposeLabels {
  /** `com.docker.compose.project`: the stack, `shop` for a folder shop/ with a compose.yaml. */
  project?: string;
  /** `com.docker.compose.service`: the service of compose.yaml, `web`. */
  service?: string;
  /** `com.docker.compose.container-number`: `1` for shop-web-1 (a string label). */
  containerNumber?: string;
}

const COMPOSE_KEYS: Record<string, keyof ComposeLabels> = {
  'com.docker.compose.project': 'project',
  'com.docker.compose.service': 'service',
  'com.docker.compose.container-number': 'containerNumber',
};

/**
 * The Compose labels' values: the collector's ComposeLabels (only these three), else the same
 * three keys of a full inspect's Labels. Names, not secrets (the project is the folder's name);
 * every other label value stays unread.
 */
function composeOf(config: JsonObject): ComposeLabels | undefined {
  const out: ComposeLabels = {};
  for (const src of [config.Labels, config.ComposeLabels]) {
    if (!isObject(src)) continue;
    for (const [key, field] of Object.entries(COMPOSE_KEYS)) {
      const v = nonEmpty(src[key]);
      if (v !== undefined) out[field] = v;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function toContainer(o: JsonObject, reader: Reader, warnings: ParseWarning[]): DockerContainer {
  const line = reader.where.get(o)?.line ?? 0;
  const state = isObject(o.State) ? o.State : {};
  const config = isObject(o.Config) ? o.Config : {};
  const host = isObject(o.HostConfig) ? o.HostConfig : {};
  const ns = isObject(o.NetworkSettings) ? o.NetworkSettings : {};
  const id = str(o.Id) ?? str(o.ID) ?? '';
  const name = (str(o.Name) ?? '').replace(/^\//, '');
  if (id === '') warnings.push({ line, ...coded('container-without-id') });
  const who = name || id.slice(0, 12) || `at line ${line}`;

  // Label keys: the collector's LabelKeys, or the keys of a full inspect's Labels (values unread).
  let labelKeys = strings(config.LabelKeys) ?? [];
  if (isObject(config.Labels)) {
    const keys = Object.keys(config.Labels);
    labelKeys = [...new Set([...labelKeys, ...keys])];
    if (keys.length > 0)
      warnings.push({
        line: keyLine(reader, config, 'Labels'),
        ...coded('label-values', { name: who }),
      });
  }
  let envNames: string[] | undefined;
  if (Array.isArray(config.Env)) {
    envNames = config.Env.map((e) => (str(e) ?? '').split('=')[0] ?? '').filter((k) => k !== '');
    if (config.Env.length > 0)
      warnings.push({
        line: keyLine(reader, config, 'Env'),
        ...coded('env-values', { name: who }),
      });
  }

  const exposed = isObject(config.ExposedPorts)
    ? Object.keys(config.ExposedPorts)
    : isObject(ns.Ports)
      ? Object.keys(ns.Ports)
      : [];

  const networks: ContainerNetwork[] = [];
  if (isObject(ns.Networks)) {
    for (const [netName, n] of Object.entries(ns.Networks)) {
      if (isObject(n)) networks.push(toNetwork(netName, n));
      else
        warnings.push({
          line: keyLine(reader, ns.Networks, netName),
          ...coded('network-not-object', { name: netName }),
        });
    }
  }

  const pid = state.Pid;
  return dropUndefined<DockerContainer>({
    id,
    name,
    image: nonEmpty(config.Image) ?? str(o.Image) ?? '',
    imageId: nonEmpty(o.Image),
    created: nonEmpty(o.Created),
    state: dropUndefined({
      status: str(state.Status) ?? '',
      running: state.Running === true,
      pid: typeof pid === 'number' ? pid : 0,
      startedAt: nonEmpty(state.StartedAt),
      exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : undefined,
    }),
    hostname: nonEmpty(config.Hostname),
    domainname: nonEmpty(config.Domainname),
    networkMode: str(host.NetworkMode) ?? '',
    publishAllPorts: typeof host.PublishAllPorts === 'boolean' ? host.PublishAllPorts : undefined,
    portBindings: portMap(host.PortBindings, 'HostConfig.PortBindings', line, warnings),
    ports: portMap(ns.Ports, 'NetworkSettings.Ports', line, warnings),
    exposedPorts: exposed,
    sandboxKey: nonEmpty(ns.SandboxKey),
    sandboxId: nonEmpty(ns.SandboxID),
    networks,
    labelKeys,
    compose: composeOf(config),
    envNames,
    dns: strings(host.Dns),
    extraHosts: strings(host.ExtraHosts),
    line,
  });
}

function parse(text: string): ParseResult<DockerContainer> {
  if (splitLines(text).every((l) => l.trim() === '')) return result([], []);
  const read = readJsonValues(text, 'object');
  if (read.rejected) return rejected(read.rejected);
  const { objects, warnings } = read;
  if (objects.length === 0 && read.trailingError) return rejected(read.trailingError);
  if (objects.length > 0 && objects.every((o) => 'IPAM' in o || ('Driver' in o && !('State' in o))))
    return rejected('`docker network inspect` output, not `docker inspect` of containers');
  if (
    objects.length > 0 &&
    objects.every((o) => !('State' in o) && !('NetworkSettings' in o) && !('HostConfig' in o))
  )
    return rejected('not `docker inspect` of containers (no State, HostConfig or NetworkSettings)');
  const records = objects.map((o) => toContainer(o, read.reader, warnings));
  return result(records, capWarnings(warnings));
}

export const dockerContainerInspect: Parser<DockerContainer> = {
  id: 'docker-container-inspect',
  description: 'docker inspect (containers): state, network mode, port bindings, networks, label keys',
  commands: ["docker inspect --type container --format '<template>' ID...", 'docker inspect NAME...'],
  parse,
};
