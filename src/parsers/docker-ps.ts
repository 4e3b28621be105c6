/**
 * Parser for `docker ps -a` (table) and the collector's `docker-ps-json` form
 * (`docker ps -a --no-trunc --format '{"ID":...}'`, one JSON object per line; `{{json .}}` lines
 * are read too).
 *
 *   CONTAINER ID   IMAGE           COMMAND                  CREATED         STATUS         PORTS                                           NAMES
 *   80819de90b67   local/busybox   "httpd -f -p 8080 -h…"   8 seconds ago   Up 7 seconds   0.0.0.0:60000->8080/tcp, [::]:60000->8080/tcp   whoami
 *
 * One record per container. Things that are not obvious:
 *
 * - Columns are found from the header's words, not by splitting on spaces: COMMAND, CREATED,
 *   STATUS and PORTS hold spaces, and PORTS is empty for a container without ports. Cells are
 *   runs separated by two or more spaces; when a row has one cell per column they are taken in
 *   order (copied output is often re-spaced, so offsets drift), otherwise each cell goes to the
 *   column whose header starts nearest to it.
 * - COMMAND is quoted and cut with `…` (older CLIs: `...`) unless `--no-trunc`: the quotes are
 *   removed, the cut is kept and flagged (`commandTruncated`).
 * - PORTS: `443/tcp` (exposed, not published), `80-82/tcp` (a range), `0.0.0.0:8080->80/tcp`,
 *   `:::8080->80/tcp` (CLIs before 20.10) and `[::]:8080->80/tcp` (newer) for IPv6, host ranges
 *   `0.0.0.0:8000-8002->8000-8002/tcp`. Split at the LAST colon before `->`.
 * - NAMES may list several names separated by commas (legacy links: `web/db,db`).
 * - `docker ps --size` adds a last column SIZE, `0B (virtual 1.98MB)`: kept as printed in `size`.
 *   Its cells hold single spaces, like COMMAND's, so they stay one cell; a row with no PORTS then
 *   has one cell fewer than the header and is placed by header positions.
 * - Empty output is zero containers (the JSON form prints nothing when there are none). `{{json .}}`
 *   lines carry `Labels` with values: they are not read (a warning says so).
 */
import { coded } from '../i18n/coded.js';
import { detectDockerError, isObject, type JsonObject, readJsonValues, str } from './json-lines.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, rejected, result, splitLines } from './util.js';

export interface PsPort {
  hostIp?: string;
  hostPort?: number;
  hostPortEnd?: number;
  containerPort: number;
  containerPortEnd?: number;
  proto: string;
}

export interface DockerPsContainer {
  id: string;
  image: string;
  command?: string;
  commandTruncated?: boolean;
  /** Table: `8 seconds ago`; JSON: CreatedAt, `2026-11-26 10:03:35 +0000 UTC`. */
  created?: string;
  /** JSON only: `8 seconds ago`. */
  runningFor?: string;
  status: string;
  /** The status starts with `Up`. */
  running: boolean;
  ports: PsPort[];
  portsRaw: string;
  names: string[];
  /** `docker ps --size`: the SIZE column as printed, `0B (virtual 1.98MB)` (writable layer, then
   * writable + image). */
  size?: string;
  /** JSON only: the networks the container is attached to. */
  networks?: string[];
  line: number;
}

const PORT = /^(?:(.*):(\d+)(?:-(\d+))?->)?(\d+)(?:-(\d+))?\/(\w+)$/;

export function parsePorts(raw: string, line: number, warnings: ParseWarning[]): PsPort[] {
  const out: PsPort[] = [];
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = PORT.exec(part);
    if (!m) {
      warnings.push({ line, ...coded('unreadable-port', { port: part }) });
      continue;
    }
    const p: PsPort = { containerPort: Number(m[4]), proto: m[6] ?? 'tcp' };
    if (m[2] !== undefined) {
      let host = m[1] ?? '';
      if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
      p.hostIp = host;
      p.hostPort = Number(m[2]);
      if (m[3] !== undefined) p.hostPortEnd = Number(m[3]);
    }
    if (m[5] !== undefined) p.containerPortEnd = Number(m[5]);
    // Key order: host side first, for readable records.
    out.push({
      ...(p.hostIp !== undefined ? { hostIp: p.hostIp, hostPort: p.hostPort } : {}),
      ...(p.hostPortEnd !== undefined ? { hostPortEnd: p.hostPortEnd } : {}),
      containerPort: p.containerPort,
      ...(p.containerPortEnd !== undefined ? { containerPortEnd: p.containerPortEnd } : {}),
      proto: p.proto,
    });
  }
  return out;
}

function command(raw: string): { command?: string; commandTruncated?: boolean } {
  if (raw === '') return {};
  const unq = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return /(…|\.\.\.)$/.test(unq) ? { command: unq, commandTruncated: true } : { command: unq };
}

const split = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

// ---------------------------------------------------------------------------------------------

const COLUMNS = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES', 'SIZE'] as const;
type Column = (typeof COLUMNS)[number];

function parseTable(lines: string[]): ParseResult<DockerPsContainer> {
  const headerIdx = lines.findIndex((l) => /^\s*CONTAINER ID\s+IMAGE\b/.test(l));
  if (headerIdx < 0) {
    const err = detectDockerError(lines.join('\n'));
    if (err) return rejected(err);
    return rejected(`not docker ps output: ${lines.find((l) => l.trim() !== '')?.slice(0, 100)}`);
  }
  const warnings: ParseWarning[] = [];
  if (headerIdx > 0) warnings.push({ line: 1, ...coded('text-before-header', { last: headerIdx }) });
  const header = lines[headerIdx] ?? '';
  const cols: { name: Column; start: number }[] = [];
  for (const name of COLUMNS) {
    const at = header.indexOf(name);
    if (at >= 0) cols.push({ name, start: at });
  }
  cols.sort((a, b) => a.start - b.start);
  const records: DockerPsContainer[] = [];
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const n = i + 1;
    const l = (lines[i] ?? '').trimEnd();
    if (l.trim() === '') continue;
    const cells = [...l.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ text: m[0], start: m.index }));
    const row = new Map<Column, string>();
    if (cells.length === cols.length)
      cells.forEach((c, k) => {
        row.set(cols[k]?.name ?? 'NAMES', c.text);
      });
    else {
      let last = -1;
      for (const c of cells) {
        // The column whose header starts nearest to the cell, never before the previous cell's.
        let best = Math.max(last, 0);
        let dist = Number.POSITIVE_INFINITY;
        cols.forEach((col, k) => {
          const d = Math.abs(col.start - c.start);
          if (k > last && d < dist) {
            dist = d;
            best = k;
          }
        });
        const name = cols[best]?.name ?? 'NAMES';
        row.set(name, row.has(name) ? `${row.get(name)}  ${c.text}` : c.text);
        last = best;
      }
    }
    const id = row.get('CONTAINER ID');
    if (!id || !/^[0-9a-f]{6,64}$/.test(id)) {
      const err = detectDockerError(l);
      warnings.push({
        line: n,
        ...coded(err ? 'error-text' : 'unreadable-row', { text: l.slice(0, 120) }),
      });
      continue;
    }
    const status = row.get('STATUS') ?? '';
    const portsRaw = row.get('PORTS') ?? '';
    records.push({
      id,
      image: row.get('IMAGE') ?? '',
      ...command(row.get('COMMAND') ?? ''),
      ...(row.has('CREATED') ? { created: row.get('CREATED') } : {}),
      status,
      running: /^Up\b/.test(status),
      ports: parsePorts(portsRaw, n, warnings),
      portsRaw,
      names: split(row.get('NAMES')),
      ...(row.has('SIZE') ? { size: row.get('SIZE') } : {}),
      line: n,
    });
  }
  return result(records, capWarnings(warnings));
}

function fromJson(o: JsonObject, line: number, warnings: ParseWarning[]): DockerPsContainer {
  const status = str(o.Status) ?? '';
  const portsRaw = str(o.Ports) ?? '';
  if (typeof o.Labels === 'string' && o.Labels !== '')
    warnings.push({ line, ...coded('label-values-unread') });
  const rec: DockerPsContainer = {
    id: str(o.ID) ?? '',
    image: str(o.Image) ?? '',
    ...command(str(o.Command) ?? ''),
    ...(str(o.CreatedAt) ? { created: str(o.CreatedAt) } : {}),
    ...(str(o.RunningFor) ? { runningFor: str(o.RunningFor) } : {}),
    status,
    running: /^Up\b/.test(status),
    ports: parsePorts(portsRaw, line, warnings),
    portsRaw,
    names: split(str(o.Names)),
    line,
  };
  if (str(o.Size)) rec.size = str(o.Size);
  if (typeof o.Networks === 'string') rec.networks = split(o.Networks);
  if (rec.id === '') warnings.push({ line, ...coded('object-without', { key: 'ID' }) });
  return rec;
}

function parse(text: string): ParseResult<DockerPsContainer> {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return result([], []);
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  if (!first.startsWith('{') && !first.startsWith('[')) return parseTable(lines);
  const read = readJsonValues(text);
  if (read.rejected) return rejected(read.rejected);
  if (read.objects.length === 0 && read.trailingError) return rejected(read.trailingError);
  if (
    read.objects.length > 0 &&
    read.objects.every((o) => !('ID' in o) || ('State' in o && isObject(o.State)))
  )
    return rejected('not docker ps JSON (no "ID"; `docker inspect`?)');
  const warnings = read.warnings;
  const records = read.objects.map((o) => fromJson(o, read.reader.where.get(o)?.line ?? 0, warnings));
  return result(records, capWarnings(warnings));
}

export const dockerPs: Parser<DockerPsContainer> = {
  id: 'docker-ps',
  description: 'docker ps -a (table or one JSON object per line): containers, status, published ports, names',
  commands: ['docker ps -a', "docker ps -a --no-trunc --format '{{json .}}'"],
  parse,
};
