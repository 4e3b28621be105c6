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
 * - The JSON is read by a small reader of its own, not `JSON.parse`, because every network and
 *   container needs the line it starts on (evidence for the report), and an invalid or
 *   truncated file must say where it broke. Networks read before the break are kept.
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
 * - `Peers` (swarm overlays) is read; `Services` (`--verbose`) is not.
 * - Recoveries, each with a warning: text before the JSON (a copied prompt), one object instead
 *   of an array, several arrays one after the other (one `inspect` per network appended to one
 *   file), text after the JSON. Objects that look like `docker inspect` of a container (State,
 *   no IPAM/Driver) get the output rejected.
 */
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
  /** Line of the network object's opening brace. */
  line: number;
}

// ---------------------------------------------------------------------------------------------
// A JSON reader that remembers where objects and keys are.

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

interface Where {
  line: number;
  /** Line of each key of the object. */
  keys: Map<string, number>;
}

const PLAIN_RUN = /[^"\\\n]+/y;

class JsonError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

class Reader {
  pos = 0;
  readonly where = new Map<object, Where>();
  /** Offsets where each line starts, to turn an offset into line/column. */
  readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  lineCol(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  fail(message: string, offset = this.pos): never {
    const { line, column } = this.lineCol(offset);
    const c = this.text[offset];
    const found = c === undefined ? 'end of input' : c === '\n' ? 'end of line' : `'${c}'`;
    // Nothing but this line left: the capture was most likely cut.
    const cut = !this.text.slice(offset).trim().includes('\n');
    throw new JsonError(`${message}, found ${found}${cut ? ' (truncated capture?)' : ''}`, line, column);
  }

  skipSpace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      // space, tab, line feed, carriage return
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else return;
    }
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** Nesting depth, bounded so that hostile input cannot exhaust the stack. */
  private depth = 0;

  value(): Json {
    this.skipSpace();
    if (this.depth > 256) this.fail('JSON nested too deeply');
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't' && this.text.startsWith('true', this.pos)) return this.literal('true', true);
    if (c === 'f' && this.text.startsWith('false', this.pos)) return this.literal('false', false);
    if (c === 'n' && this.text.startsWith('null', this.pos)) return this.literal('null', null);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    return this.fail('expected a JSON value');
  }

  literal<T extends Json>(word: string, v: T): T {
    this.pos += word.length;
    return v;
  }

  number(): number {
    const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    if (!r) return this.fail('expected a number');
    this.pos += r[0].length;
    return Number(r[0]);
  }

  string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return this.fail('unterminated string', start);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\n') return this.fail('string not closed before the end of its line', this.pos);
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(Number.parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else return this.fail('invalid escape in a string', this.pos);
        continue;
      }
      // Copy the run of plain characters up to the next quote, backslash or line break at once.
      PLAIN_RUN.lastIndex = this.pos;
      const run = PLAIN_RUN.exec(this.text)?.[0] ?? c;
      out += run;
      this.pos += run.length;
    }
  }

  array(): Json[] {
    this.pos++;
    this.depth++;
    const out: Json[] = [];
    this.skipSpace();
    if (this.peek() === ']') {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c === ']') {
        this.depth--;
        return out;
      }
      if (c !== ',') this.fail("expected ',' or ']'", this.pos - 1);
    }
  }

  object(): JsonObject {
    const where: Where = { line: this.lineCol(this.pos).line, keys: new Map() };
    this.pos++;
    this.depth++;
    const out: JsonObject = Object.create(null);
    this.where.set(out, where);
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '"') this.fail('expected a quoted key');
      const keyLine = this.lineCol(this.pos).line;
      const key = this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.fail("expected ':' after a key");
      this.pos++;
      out[key] = this.value();
      if (!where.keys.has(key)) where.keys.set(key, keyLine);
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c === '}') {
        this.depth--;
        return out;
      }
      if (c !== ',') this.fail("expected ',' or '}'", this.pos - 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A non-empty string, else undefined (docker prints "" for "not set"). */
function nonEmpty(v: Json | undefined): string | undefined {
  const s = str(v);
  return s === '' ? undefined : s;
}

function stringMap(v: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    // A key named `__proto__` must stay data.
    Object.defineProperty(out, k, {
      value: str(val) ?? JSON.stringify(val),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function dropUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
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
        message: `container '${key}' is not an object`,
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
    warnings.push({ line, message: `network object without ${name === undefined ? '"Name"' : '"Id"'}` });
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
          message: `invalid JSON: an excerpt without the enclosing '[' or '{' (first key at line ${keyLine + 1})`,
        },
      ],
    );
  }
  const warnings: ParseWarning[] = [];
  if (startLine > 0) {
    const err = detectErrorText(lines.slice(0, startLine).join('\n'));
    if (err) return rejected(err);
    warnings.push({ line: 1, message: `text before the JSON skipped (lines 1-${startLine})` });
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
              message: 'array element is not an object',
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
        warnings.push({ line: reader.where.get(v)?.line, message: 'a single object instead of an array' });
      } else {
        const { line } = reader.lineCol(reader.pos);
        const rest = text.slice(reader.pos).trim();
        const err = detectErrorText(rest);
        trailingError = err;
        warnings.push({
          line,
          message: `text after the JSON: ${(err ?? rest.split('\n')[0] ?? '').slice(0, 120)}`,
        });
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    warnings.push({
      line: e.line,
      message: `invalid JSON at line ${e.line}, column ${e.column}: ${e.message}${objects.length > 0 ? ` (${objects.length} network(s) read before it kept)` : ''}`,
    });
  }
  if (arrays > 1) warnings.push({ message: `${arrays} JSON arrays one after the other: read as one list` });

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
