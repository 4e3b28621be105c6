/**
 * Parser for `docker version`: the 18.09 layout of the course slides, the 20.10+ layout with
 * `Context:` and server components (containerd, runc, docker-init), the pre-17.06 layout whose
 * server fields sit directly under `Server:`, and a client-only output when the daemon is not
 * reachable.
 *
 *   Client:
 *    Version:           18.09.6
 *    API version:       1.39
 *   Server: Docker Engine - Community
 *    Engine:
 *     Version:          18.09.6
 *     API version:      1.39 (minimum version 1.12)
 *    containerd:
 *     Version:          1.6.20~ds1
 *
 * One record. Things that are not obvious:
 *
 * - Nesting is by indentation only: a key with no value followed by a more indented line opens
 *   a sub-block (`Engine:`, `containerd:`). `Engine` holds the server's own fields; every other
 *   server sub-block is a component. An empty value followed by a line that is not more indented
 *   is just empty (`GitCommit:` of a distribution-built docker-init).
 * - The text after `Client:` / `Server:` is the product (`Docker Engine - Community`).
 * - `API version: 1.39 (minimum version 1.12)` carries the server's minimum API version.
 * - When the daemon is down or not accessible, the client prints its own block on stdout and
 *   `Cannot connect to the Docker daemon ...` on stderr, so a merged capture has both, in either
 *   order. That line is kept as `serverError` rather than rejecting the output; the output is
 *   rejected only when it has no `Client:`/`Server:` block at all.
 * - `docker --version` (`Docker version 20.10.24+dfsg1, build 297e128`) is accepted as a client
 *   version with a warning: collectors sometimes fall back to it.
 * - Keys are matched case-insensitively (`API version`, `API Version`, `GitCommit`, `Git commit`);
 *   every field is also kept as printed in `fields`.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface DockerVersionClient {
  /** `Client: Docker Engine - Community` -> 'Docker Engine - Community'. */
  product?: string;
  version?: string;
  apiVersion?: string;
  goVersion?: string;
  gitCommit?: string;
  built?: string;
  osArch?: string;
  experimental?: string;
  context?: string;
  /** Every `Key: value` of the block, keys as printed. */
  fields: Record<string, string>;
}

export interface DockerVersionComponent {
  /** containerd, runc, docker-init... */
  name: string;
  version?: string;
  gitCommit?: string;
  fields: Record<string, string>;
}

export interface DockerVersionServer {
  product?: string;
  version?: string;
  apiVersion?: string;
  minApiVersion?: string;
  goVersion?: string;
  gitCommit?: string;
  built?: string;
  osArch?: string;
  experimental?: string;
  /** The engine's `Key: value` pairs as printed. */
  fields: Record<string, string>;
  components: DockerVersionComponent[];
}

export interface DockerVersion {
  client?: DockerVersionClient;
  server?: DockerVersionServer;
  /** 'Cannot connect to the Docker daemon...' when the client printed its part but not the server. */
  serverError?: string;
  line: number;
}

const SECTION = /^(Client|Server)\s*:\s*(.*)$/;
const DAEMON_ERROR =
  /^(Cannot connect to the Docker daemon|Got permission denied while trying to connect|Error response from daemon|error during connect|Error: )/i;
/** `Key: value`; keys are words joined by single spaces (`API version`, `OS/Arch`). */
const KEY_VALUE = /^(\s*)([A-Za-z][\w/.-]*(?: [\w/.-]+)*):(?:\s+(.*)|\s*)$/;
const SHORT_FORM = /^Docker version ([^,\s]+)(?:, build (\S+))?/;

type Known =
  | 'version'
  | 'apiVersion'
  | 'minApiVersion'
  | 'goVersion'
  | 'gitCommit'
  | 'built'
  | 'osArch'
  | 'experimental'
  | 'context';

const KEYS: Record<string, Known> = {
  version: 'version',
  'api version': 'apiVersion',
  'minimum api version': 'minApiVersion',
  'go version': 'goVersion',
  'git commit': 'gitCommit',
  gitcommit: 'gitCommit',
  built: 'built',
  'os/arch': 'osArch',
  experimental: 'experimental',
  context: 'context',
};

/** Read the well-known keys out of a block's fields. */
function known(fields: Record<string, string>): Partial<Record<Known, string>> {
  const out: Partial<Record<Known, string>> = {};
  for (const [key, value] of Object.entries(fields)) {
    const k = KEYS[key.toLowerCase()];
    // An empty value (`GitCommit:` of a distribution-built docker-init) means unknown: left out.
    if (!k || out[k] !== undefined || value === '') continue;
    if (k === 'apiVersion') {
      const m = /^(\S+)\s*\(minimum version ([^)]+)\)/.exec(value);
      if (m?.[1] && m[2]) {
        out.apiVersion = m[1];
        out.minApiVersion = m[2];
        continue;
      }
    }
    out[k] = value;
  }
  return out;
}

function setField(fields: Record<string, string>, key: string, value: string): void {
  // A key named `__proto__` must stay data.
  Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Block {
  product?: string;
  fields: Record<string, string>;
  components: { name: string; fields: Record<string, string> }[];
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

function parse(text: string): ParseResult<DockerVersion> {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  const hasBlock = lines.some((l) => SECTION.test(l) || SHORT_FORM.test(l));
  if (!hasBlock) {
    const err = detectErrorText(text);
    return rejected(err ?? 'not `docker version` output: no `Client:` or `Server:` block');
  }

  const warnings: ParseWarning[] = [];
  const blocks: { client?: Block; server?: Block } = {};
  let current: 'client' | 'server' | undefined;
  /** The open sub-block: `Engine` (its fields are the server's) or a component. */
  let sub: { indent: number; fields: Record<string, string> } | undefined;
  let serverError: string | undefined;
  let firstLine: number | undefined;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') continue;

    const section = SECTION.exec(raw);
    if (section?.[1]) {
      current = section[1] === 'Client' ? 'client' : 'server';
      const block: Block = { fields: {}, components: [] };
      const product = section[2]?.trim();
      if (product) block.product = product;
      if (blocks[current])
        warnings.push({ line: lineNo, ...coded('second-block', { section: section[1] ?? '' }) });
      else blocks[current] = block;
      sub = undefined;
      firstLine ??= lineNo;
      continue;
    }
    if (DAEMON_ERROR.test(trimmed)) {
      serverError ??= trimmed;
      firstLine ??= lineNo;
      continue;
    }
    if (/^WARNING:/i.test(trimmed)) {
      warnings.push({ line: lineNo, ...coded('engine-warning', { text: trimmed }) });
      continue;
    }
    const short = SHORT_FORM.exec(trimmed);
    if (short?.[1] && !current) {
      const fields: Record<string, string> = {};
      setField(fields, 'Version', short[1]);
      if (short[2]) setField(fields, 'Git commit', short[2]);
      blocks.client ??= { fields, components: [] };
      firstLine ??= lineNo;
      warnings.push({ line: lineNo, ...coded('version-client-only') });
      continue;
    }
    const kv = KEY_VALUE.exec(raw);
    const block = current ? blocks[current] : undefined;
    if (!kv?.[2] || !block) {
      warnings.push({ line: lineNo, ...coded('unrecognised-line', { text: trimmed.slice(0, 100) }) });
      continue;
    }
    const indent = kv[1]?.length ?? 0;
    const key = kv[2];
    const value = (kv[3] ?? '').trimEnd();
    let next: string | undefined;
    for (let j = i + 1; j < lines.length && next === undefined; j++) if (lines[j]?.trim()) next = lines[j];
    if (value === '' && next !== undefined && indentOf(next) > indent && !SECTION.test(next)) {
      if (current === 'server' && key.toLowerCase() === 'engine') {
        sub = { indent, fields: block.fields };
      } else {
        const component = { name: key, fields: {} };
        block.components.push(component);
        sub = { indent, fields: component.fields };
      }
      continue;
    }
    if (sub && indent > sub.indent) setField(sub.fields, key, value);
    else {
      sub = undefined;
      setField(block.fields, key, value);
    }
  }

  const rec: Omit<DockerVersion, 'line'> = {};
  if (blocks.client) {
    const k = known(blocks.client.fields);
    const client: DockerVersionClient = {
      product: blocks.client.product,
      version: k.version,
      apiVersion: k.apiVersion,
      goVersion: k.goVersion,
      gitCommit: k.gitCommit,
      built: k.built,
      osArch: k.osArch,
      experimental: k.experimental,
      context: k.context,
      fields: blocks.client.fields,
    };
    // Client sub-blocks (none in current docker) are flattened as `Block.Key`.
    for (const c of blocks.client.components) {
      for (const [key, value] of Object.entries(c.fields)) setField(client.fields, `${c.name}.${key}`, value);
    }
    rec.client = dropUndefined(client);
  }
  if (blocks.server) {
    const k = known(blocks.server.fields);
    const server: DockerVersionServer = {
      product: blocks.server.product,
      version: k.version,
      apiVersion: k.apiVersion,
      minApiVersion: k.minApiVersion,
      goVersion: k.goVersion,
      gitCommit: k.gitCommit,
      built: k.built,
      osArch: k.osArch,
      experimental: k.experimental,
      fields: blocks.server.fields,
      components: blocks.server.components.map((c) => {
        const ck = known(c.fields);
        return dropUndefined({
          name: c.name,
          version: ck.version,
          gitCommit: ck.gitCommit,
          fields: c.fields,
        });
      }),
    };
    rec.server = dropUndefined(server);
  } else if (blocks.client && serverError === undefined) {
    warnings.push(coded('no-server-block'));
  }
  if (serverError !== undefined) rec.serverError = serverError;
  return result([{ ...rec, line: firstLine ?? 1 }], capWarnings(warnings));
}

/** Leave out undefined keys (records are JSON: absent, never null). */
function dropUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}

export const dockerVersion: Parser<DockerVersion> = {
  id: 'docker-version',
  description: 'docker version: client and server versions, API versions, server components',
  commands: ['docker version'],
  parse,
};
