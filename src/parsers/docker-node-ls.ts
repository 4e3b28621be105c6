/**
 * Parser for `docker node ls` (swarm managers only).
 *
 *   ID                            HOSTNAME        STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION
 *   3258b1n76hkxlo7cbkq56elk1 *   dockernet-lab   Ready     Active         Leader           20.10.24+dfsg1
 *
 * One record per node. Things that are not obvious:
 *
 * - The ` *` after the ID marks the node the CLI talked to (`self`).
 * - MANAGER STATUS is empty for workers (Leader, Reachable, Unreachable for managers) and ENGINE
 *   VERSION is missing before 17.12, so cells are matched to the header by position: a row is
 *   cut into runs separated by two or more spaces, and each run goes to the column whose header
 *   starts nearest.
 * - On a worker the command fails with `Error response from daemon: This node is not a swarm
 *   manager...`: rejected.
 */
import { coded } from '../i18n/coded.js';
import { detectDockerError } from './json-lines.js';
import type { ParseResult, Parser, ParseWarning } from './types.js';
import { capWarnings, rejected, result, splitLines } from './util.js';

export interface DockerNode {
  id: string;
  /** The node the CLI is connected to (` *` after the ID). */
  self: boolean;
  hostname: string;
  status: string;
  availability: string;
  managerStatus?: string;
  engineVersion?: string;
  line: number;
}

const COLUMNS = ['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION'] as const;

function parse(text: string): ParseResult<DockerNode> {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return rejected('empty output');
  const headerIdx = lines.findIndex((l) => /^ID\s+HOSTNAME\s+STATUS\s+AVAILABILITY/.test(l));
  if (headerIdx < 0) {
    const err = detectDockerError(text);
    if (err) return rejected(err);
    return rejected(`not docker node ls output: ${lines.find((l) => l.trim() !== '')?.slice(0, 100)}`);
  }
  const header = lines[headerIdx] ?? '';
  // `STATUS` also occurs inside `MANAGER STATUS`: search each name after the previous one.
  const cols: { name: (typeof COLUMNS)[number]; start: number }[] = [];
  let from = 0;
  for (const name of COLUMNS) {
    const at = header.indexOf(name, from);
    if (at < 0) continue;
    cols.push({ name, start: at });
    from = at + name.length;
  }
  const warnings: ParseWarning[] = [];
  const records: DockerNode[] = [];
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const n = i + 1;
    const l = (lines[i] ?? '').trimEnd();
    if (l.trim() === '') continue;
    const self = /^\S+ \*/.test(l);
    const cells = [...l.replace(/^(\S+) \*/, '$1  ').matchAll(/\S+(?: \S+)*/g)].map((m) => ({
      text: m[0],
      start: m.index,
    }));
    const row = new Map<string, string>();
    let last = -1;
    for (const c of cells) {
      let best = last + 1;
      let dist = Number.POSITIVE_INFINITY;
      cols.forEach((col, k) => {
        const d = Math.abs(col.start - c.start);
        if (k > last && d < dist) {
          dist = d;
          best = k;
        }
      });
      row.set(cols[best]?.name ?? '', c.text);
      last = best;
    }
    const id = row.get('ID');
    if (!id || !/^[0-9a-z]{25}$/.test(id)) {
      warnings.push({ line: n, ...coded('unreadable-row', { text: l.slice(0, 120) }) });
      continue;
    }
    const node: DockerNode = {
      id,
      self,
      hostname: row.get('HOSTNAME') ?? '',
      status: row.get('STATUS') ?? '',
      availability: row.get('AVAILABILITY') ?? '',
      line: n,
    };
    const ms = row.get('MANAGER STATUS');
    if (ms) node.managerStatus = ms;
    const ev = row.get('ENGINE VERSION');
    if (ev) node.engineVersion = ev;
    records.push(node);
  }
  return result(records, capWarnings(warnings));
}

export const dockerNodeLs: Parser<DockerNode> = {
  id: 'docker-node-ls',
  description: 'docker node ls: swarm nodes with status, availability and manager role',
  commands: ['docker node ls'],
  parse,
};
