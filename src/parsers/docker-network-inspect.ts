/**
 * Parser for `docker network inspect NAME...`: a JSON array with one object per network.
 *
 *   [
 *     {
 *       "Name": "bridge",
 *       "Id": "ff333722eebf666570da7a75ee7a3764bf8b8879d271c94417c50c36916dd411",
 *       "IPAM": { "Driver": "default", "Options": null, "Config": [ { "Subnet": "172.17.0.0/16" } ] },
 *       "Containers": { "ingress-sbox": { "Name": "ingress-endpoint", "IPv4Address": "10.255.0.2/16" } },
 *
 * One record per network. Things that are not obvious:
 *
 * - The JSON is read by a small reader of our own (json-lines.ts), not `JSON.parse`, because
 *   every network and container needs the line it starts on (evidence for the report), and an
 *   invalid or truncated file must say where it broke. Networks read before the break are kept.
 * - Docker writes `null` for empty maps and lists (`"Containers": null`, `"Labels": null`,
 *   IPAM `"Config": null`; `"Options": {}` elsewhere): they become empty collections. Fields
 *   that older engines do not print (`Created`, `Attachable`, `Ingress`, `ConfigOnly` before
 *   17.06; `EnableIPv4` before 28) become `false` / absent.
 * - Container keys are container IDs, except for swarm sandboxes: `ingress-sbox` (the routing
 *   mesh's namespace, on both `ingress` and `docker_gwbridge`) and `lb-<network>` (a network's
 *   load balancer). The `host` network lists containers with empty MAC and IP: empty strings
 *   are left out, not kept as addresses.
 * - Old multi-host overlays (`"Scope": "global"`, external KV store) print the gateway with a
 *   prefix (`"10.0.0.1/24"`): kept as printed.
 * - `Peers` (swarm overlays: the nodes that have the network, name and underlay IP) and
 *   `Services` (`--verbose` on a swarm manager: one entry per service with a task on this node) are
 *   read into `peers` and `services`. Quirks of `Services`, seen on Docker 28.5: containers
 *   attached to an attachable overlay with `docker run` are listed under the service name `""`
 *   with `"VIP": "<nil>"` and `"LocalLBIndex": 0` (no VIP: `vip` is left out); a real service has
 *   its VIP without a prefix (`10.77.0.4`), each task its full name (`web.1.<task id>`),
 *   `EndpointIP` without a prefix, and `Info: {"Host IP": "10.99.0.2"}` (the node's underlay
 *   address, with a space in the key). `Ports` lists published ports (`Target:80 Publish:8080`
 *   strings), kept as printed.
 * - Recoveries, each with a warning: text before the JSON (a copied prompt), one object instead
 *   of an array, several arrays one after the other (one `inspect` per network appended to one
 *   file), text after the JSON. Objects that look like `docker inspect` of a container (State,
 *   no IPAM/Driver) get the output rejected.
 */
import { coded } from '../i18n/coded.js';
import {
  dropUndefined,
  isObject,
  JsonError,
  type JsonObject,
  nonEmpty,
  Reader,
  str,
  stringMap,
} from './json-lines.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface DockerNetworkContainer {
  /** Container ID, or 'ingress-sbox', 'lb-<network>'. */
  key: string;
  name: string;
  endpointId?: string;
  macAddress?: string;
  ipv4Address?: string;
  ipv6Address?: string;
  line: number;
}

export interface DockerNetworkIpamConfig {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
  auxAddresses?: Record<string, string>;
}

export interface DockerNetworkServiceTask {
  name: string;
  endpointId?: string;
  endpointIp?: string;
  /** `Info["Host IP"]`: the underlay address of the node running the task. */
  hostIp?: string;
  /** Other `Info` keys, as printed. */
  info?: Record<string, string>;
}

export interface DockerNetworkService {
  /** The service's name; `''` for the containers attached with `docker run` (no service). */
  name: string;
  /** Absent when Docker prints `<nil>` or nothing (no VIP: DNSRR, or plain containers). */
  vip?: string;
  ports: string[];
  localLbIndex?: number;
  tasks: DockerNetworkServiceTask[];
  line: number;
}

export interface DockerNetwork {
  name: string;
  id: string;
  created?: string;
  scope?: string;
  driver?: string;
  enableIPv6: boolean;
  enableIPv4?: boolean;
  ipam: { driver?: string; options: Record<string, string>; config: DockerNetworkIpamConfig[] };
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  configOnly: boolean;
  /** ConfigFrom.Network, when not empty. */
  configFrom?: string;
  containers: DockerNetworkContainer[];
  options: Record<string, string>;
  labels: Record<string, string>;
  peers?: { name: string; ip: string }[];
  /** `docker network inspect --verbose` on a swarm manager: services with tasks on this node. */
  services?: DockerNetworkService[];
  /** Line of the network object's opening brace. */
  line: number;
}

function readServices(
  services: JsonObject,
  reader: Reader,
  networkLine: number,
  warnings: ParseWarning[],
): DockerNetworkService[] {
  const keyLines = reader.where.get(services)?.keys;
  const out: DockerNetworkService[] = [];
  for (const [name, sv] of Object.entries(services)) {
    const line = keyLines?.get(name) ?? networkLine;
    if (!isObject(sv)) {
      warnings.push({ line, ...coded('service-not-object', { name }) });
      continue;
    }
    const vip = nonEmpty(sv.VIP);
    const tasks = Array.isArray(sv.Tasks) ? sv.Tasks.filter(isObject) : [];
    out.push(
      dropUndefined({
        name,
        vip: vip === '<nil>' ? undefined : vip,
        ports: Array.isArray(sv.Ports)
          ? sv.Ports.map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
          : [],
        localLbIndex: typeof sv.LocalLBIndex === 'number' ? sv.LocalLBIndex : undefined,
        tasks: tasks.map((t) => {
          const info = isObject(t.Info) ? stringMap(t.Info) : {};
          const { 'Host IP': hostIp, ...otherInfo } = info;
          return dropUndefined({
            name: str(t.Name) ?? '',
            endpointId: nonEmpty(t.EndpointID),
            endpointIp: nonEmpty(t.EndpointIP),
            hostIp: hostIp === '' ? undefined : hostIp,
            info: Object.keys(otherInfo).length > 0 ? otherInfo : undefined,
          });
        }),
        line,
      }),
    );
  }
  return out;
}

function toNetwork(o: JsonObject, reader: Reader, warnings: ParseWarning[]): DockerNetwork {
  const where = reader.where.get(o);
  const line = where?.line ?? 0;
  const ipam = isObject(o.IPAM) ? o.IPAM : undefined;
  const config = Array.isArray(ipam?.Config) ? ipam.Config : [];
  const containersObj = isObject(o.Containers) ? o.Containers : undefined;
  const containerKeyLines = containersObj ? reader.where.get(containersObj)?.keys : undefined;

  const containers: DockerNetworkContainer[] = [];
  for (const [key, c] of Object.entries(containersObj ?? {})) {
    if (!isObject(c)) {
      warnings.push({
        line: containerKeyLines?.get(key) ?? line,
        ...coded('container-not-object', { name: key }),
      });
      continue;
    }
    containers.push(
      dropUndefined({
        key,
        name: str(c.Name) ?? '',
        endpointId: nonEmpty(c.EndpointID),
        macAddress: nonEmpty(c.MacAddress),
        ipv4Address: nonEmpty(c.IPv4Address),
        ipv6Address: nonEmpty(c.IPv6Address),
        line: containerKeyLines?.get(key) ?? line,
      }),
    );
  }

  const name = str(o.Name);
  const id = str(o.Id) ?? str(o.ID);
  if (name === undefined || id === undefined) {
    warnings.push({ line, ...coded('network-without', { key: name === undefined ? 'Name' : 'Id' }) });
  }
  const net: DockerNetwork = {
    name: name ?? '',
    id: id ?? '',
    created: nonEmpty(o.Created),
    scope: nonEmpty(o.Scope),
    driver: nonEmpty(o.Driver),
    enableIPv6: o.EnableIPv6 === true,
    enableIPv4: typeof o.EnableIPv4 === 'boolean' ? o.EnableIPv4 : undefined,
    ipam: dropUndefined({
      driver: nonEmpty(ipam?.Driver),
      options: stringMap(ipam?.Options),
      config: config.filter(isObject).map((c) =>
        dropUndefined({
          subnet: nonEmpty(c.Subnet),
          gateway: nonEmpty(c.Gateway),
          ipRange: nonEmpty(c.IPRange),
          auxAddresses: isObject(c.AuxiliaryAddresses) ? stringMap(c.AuxiliaryAddresses) : undefined,
        }),
      ),
    }),
    internal: o.Internal === true,
    attachable: o.Attachable === true,
    ingress: o.Ingress === true,
    configOnly: o.ConfigOnly === true,
    configFrom: isObject(o.ConfigFrom) ? nonEmpty(o.ConfigFrom.Network) : undefined,
    containers,
    options: stringMap(o.Options),
    labels: stringMap(o.Labels),
    peers: Array.isArray(o.Peers)
      ? o.Peers.filter(isObject).map((p) => ({ name: str(p.Name) ?? '', ip: str(p.IP) ?? '' }))
      : undefined,
    services: isObject(o.Services) ? readServices(o.Services, reader, line, warnings) : undefined,
    line,
  };
  return dropUndefined(net);
}

function parse(text: string): ParseResult<DockerNetwork> {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  // The JSON starts at the first line opening with `[` or `{`; anything before is not JSON.
  const startLine = lines.findIndex((l) => /^\s*[[{]/.test(l));
  if (startLine < 0) {
    const err = detectErrorText(text);
    if (err) return rejected(err);
    const keyLine = lines.findIndex((l) => /^\s*"[^"]+"\s*:/.test(l));
    if (keyLine < 0)
      return rejected(
        `not JSON: ${lines
          .find((l) => l.trim() !== '')
          ?.trim()
          .slice(0, 100)}`,
      );
    // An excerpt (the slides show only the "Containers" part): nothing to read a network from.
    return result(
      [],
      [
        {
          line: keyLine + 1,
          ...coded('json-excerpt', { line: keyLine + 1 }),
        },
      ],
    );
  }
  const warnings: ParseWarning[] = [];
  if (startLine > 0) {
    const err = detectErrorText(lines.slice(0, startLine).join('\n'));
    if (err) return rejected(err);
    warnings.push({ line: 1, ...coded('text-before-json', { last: startLine }) });
  }

  const reader = new Reader(text);
  reader.pos = reader.lineStarts[startLine] ?? 0;
  const objects: JsonObject[] = [];
  let arrays = 0;
  let trailingError: string | undefined;
  try {
    for (;;) {
      reader.skipSpace();
      const c = reader.peek();
      if (c === undefined) break;
      if (c === '[') {
        // Read the top-level array element by element, so that a break keeps what came before.
        arrays++;
        reader.pos++;
        reader.skipSpace();
        if (reader.peek() === ']') {
          reader.pos++;
          continue;
        }
        for (;;) {
          const v = reader.value();
          if (isObject(v)) objects.push(v);
          else
            warnings.push({
              line: reader.lineCol(reader.pos).line,
              ...coded('array-element-not', { noun: 'object' }),
            });
          reader.skipSpace();
          const sep = reader.peek();
          reader.pos++;
          if (sep === ']') break;
          if (sep !== ',') reader.fail("expected ',' or ']'", reader.pos - 1);
        }
      } else if (c === '{') {
        const v = reader.object();
        objects.push(v);
        warnings.push({ line: reader.where.get(v)?.line, ...coded('single-object') });
      } else {
        const { line } = reader.lineCol(reader.pos);
        const rest = text.slice(reader.pos).trim();
        const err = detectErrorText(rest);
        trailingError = err;
        warnings.push({
          line,
          ...coded('text-after-json', { text: (err ?? rest.split('\n')[0] ?? '').slice(0, 120) }),
        });
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    warnings.push({
      line: e.line,
      ...(objects.length > 0
        ? coded('invalid-json-kept', { line: e.line, column: e.column, error: e.message, n: objects.length })
        : coded('invalid-json', { line: e.line, column: e.column, error: e.message })),
    });
  }
  if (arrays > 1) warnings.push(coded('json-arrays', { n: arrays }));

  const looksLikeContainers =
    objects.length > 0 && objects.every((o) => 'State' in o && !('IPAM' in o) && !('Driver' in o));
  if (looksLikeContainers) return rejected('`docker inspect` of containers, not `docker network inspect`');

  // `[]` and then the daemon's error on stderr: no networks because nothing answered.
  if (objects.length === 0 && trailingError) return rejected(trailingError);

  const records = objects.map((o) => toNetwork(o, reader, warnings));
  return result(records, capWarnings(warnings));
}

export const dockerNetworkInspect: Parser<DockerNetwork> = {
  id: 'docker-network-inspect',
  description: 'docker network inspect: networks with IPAM, options, labels, attached containers, peers',
  commands: ['docker network inspect NAME...'],
  parse,
};
