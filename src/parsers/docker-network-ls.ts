/**
 * Parser for `docker network ls` (and `docker network ls --no-trunc`).
 *
 *   NETWORK ID          NAME                DRIVER              SCOPE
 *   ff333722eebf       bridge             bridge              local
 *   e4wfza5xluss       ingress            overlay             swarm
 *
 * One record per network. Things that are not obvious:
 *
 * - Rows are split at whitespace, not at header positions: the course slides' rows do not line
 *   up with their header, and network names cannot contain spaces, so four words are four
 *   columns.
 * - IDs are 12 characters, or 64 with `--no-trunc`; swarm-scoped networks have 25-character
 *   lowercase alphanumeric IDs, not hex (`e4wfza5xluss` is one cut to 12). An ID of another
 *   shape is kept with a warning.
 * - A `--format 'table ...'` header may add IPV6 and INTERNAL columns (booleans): they are read
 *   when they follow SCOPE; other extra columns are ignored with a warning.
 * - Lines before the header (a copied shell prompt) are skipped with a warning; `-q` output (IDs
 *   only) and error text are rejected.
 */
import { coded } from '../i18n/coded.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, detectErrorText, rejected, result, splitLines } from './util.js';

export interface DockerNetworkLsRow {
  /** 12 characters, or the full ID with --no-trunc. */
  id: string;
  name: string;
  /** bridge, host, null, overlay, macvlan, ipvlan, or a plugin's name. */
  driver: string;
  /** local, swarm, or global (pre-swarm multi-host drivers). */
  scope: string;
  /** `--format` with `{{.IPv6}}`. */
  ipv6?: boolean;
  /** `--format` with `{{.Internal}}`. */
  internal?: boolean;
  line: number;
}

const HEADER = /^\s*NETWORK ID\s+NAME\s+DRIVER\s+SCOPE\b(.*)$/;
const ID = /^([0-9a-f]{12}|[0-9a-f]{64}|[0-9a-z]{12}|[0-9a-z]{25})$/;

function bool(s: string | undefined): boolean | undefined {
  if (s === 'true') return true;
  if (s === 'false') return false;
  return undefined;
}

function parse(text: string): ParseResult<DockerNetworkLsRow> {
  const err = detectErrorText(text);
  if (err) return rejected(err);
  const lines = splitLines(text);
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length === 0) return rejected('empty output');

  const headerIdx = lines.findIndex((l) => HEADER.test(l));
  if (headerIdx < 0) {
    if (nonEmpty.every((l) => ID.test(l.trim()))) {
      return rejected('network IDs only (`docker network ls -q`): no names, drivers or scopes');
    }
    return rejected('not `docker network ls` output: no `NETWORK ID  NAME  DRIVER  SCOPE` header');
  }

  const warnings: ParseWarning[] = [];
  for (let i = 0; i < headerIdx; i++) {
    const l = lines[i]?.trim() ?? '';
    if (l !== '') warnings.push({ line: i + 1, ...coded('before-header', { text: l.slice(0, 100) }) });
  }
  const extra = (HEADER.exec(lines[headerIdx] ?? '')?.[1] ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const known = new Set(['IPV6', 'INTERNAL']);
  const ignored = extra.filter((c) => !known.has(c));
  if (ignored.length > 0) {
    warnings.push({ line: headerIdx + 1, ...coded('columns-not-read', { columns: ignored.join(', ') }) });
  }

  const records: DockerNetworkLsRow[] = [];
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    if (HEADER.test(raw)) continue; // a second listing appended to the same capture
    const words = raw.trim().split(/\s+/);
    const [id, name, driver, scope] = words;
    if (id === undefined || name === undefined || driver === undefined || scope === undefined) {
      warnings.push({ line: lineNo, ...coded('row-few-columns', { n: 4, text: raw.trim().slice(0, 100) }) });
      continue;
    }
    if (!ID.test(id)) warnings.push({ line: lineNo, ...coded('unusual-network-id', { id }) });
    const rec: Omit<DockerNetworkLsRow, 'line'> = { id, name, driver, scope };
    if (extra.length === 0 && words.length > 4) {
      warnings.push({
        line: lineNo,
        ...coded('extra-words', { column: 'SCOPE', text: words.slice(4).join(' ') }),
      });
    }
    extra.forEach((col, k) => {
      const value = bool(words[4 + k]);
      if (col === 'IPV6' && value !== undefined) rec.ipv6 = value;
      if (col === 'INTERNAL' && value !== undefined) rec.internal = value;
    });
    records.push({ ...rec, line: lineNo });
  }
  return result(records, capWarnings(warnings));
}

export const dockerNetworkLs: Parser<DockerNetworkLsRow> = {
  id: 'docker-network-ls',
  description: 'docker network ls: network ID, name, driver and scope',
  commands: ['docker network ls', 'docker network ls --no-trunc'],
  parse,
};
