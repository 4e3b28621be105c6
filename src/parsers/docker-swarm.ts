/**
 * Parser for `docker info --format '{{json .Swarm}}'` (the collector's `docker-swarm`): the
 * engine's swarm state as one JSON object.
 *
 *   {"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":"","RemoteManagers":null}
 *
 * One record, the same shape as `swarm` in the docker-info record (read by the same code). Things
 * that are not obvious:
 *
 * - `LocalNodeState` is `inactive`, `pending`, `active`, `error` or `locked`; `ControlAvailable`
 *   says whether this node is a manager (only managers carry `Cluster`, `Nodes`, `Managers`).
 * - A manager's `Cluster.TLSInfo` holds the swarm's root CA certificate: public, but long and of
 *   no use to the report, so it is not read.
 */
import { coded } from '../i18n/coded.js';
import { type SwarmInfo, swarmFromJson } from './docker-info.js';
import { readJsonValues } from './json-lines.js';
import type { ParseResult, Parser } from './types.js';
import { capWarnings, rejected, result, splitLines } from './util.js';

export interface DockerSwarm extends SwarmInfo {
  line: number;
}

function parse(text: string): ParseResult<DockerSwarm> {
  if (splitLines(text).every((l) => l.trim() === '')) return rejected('empty output');
  const read = readJsonValues(text);
  if (read.rejected) return rejected(read.rejected);
  const o = read.objects[0];
  if (!o) return read.trailingError ? rejected(read.trailingError) : rejected('no JSON object');
  if (!('LocalNodeState' in o)) return rejected('not the Swarm part of docker info (no "LocalNodeState")');
  const warnings = read.warnings;
  if (read.objects.length > 1) warnings.push(coded('first-object-only', { n: read.objects.length }));
  return result([{ ...swarmFromJson(o), line: read.reader.where.get(o)?.line ?? 1 }], capWarnings(warnings));
}

export const dockerSwarm: Parser<DockerSwarm> = {
  id: 'docker-swarm',
  description: "docker info --format '{{json .Swarm}}': swarm state, node id, manager, cluster",
  commands: ["docker info --format '{{json .Swarm}}'"],
  parse,
};
