/**
 * Parser for the collector's `docker-node-inspect` (on a swarm manager: `docker node inspect
 * --format '{"ID":...}' <every node>`, one JSON object per line, only the fields below), and for
 * plain `docker node inspect` (one array of objects).
 *
 *   {"ID":"qx5u800wqematwgafuozx7hji","Description":{"Hostname":"node1","Platform":{...},
 *    "Engine":{"EngineVersion":"20.10.24+dfsg1"}},"Spec":{"Role":"manager","Availability":"active"},
 *    "Status":{"State":"ready","Addr":"10.99.0.11"},"ManagerStatus":{"Leader":true,
 *    "Reachability":"reachable","Addr":"10.99.0.11:2377"}}
 *
 * One record per node. Things that are not obvious:
 *
 * - `Status.Addr` is the address the node's engine registered with (its advertise address): the
 *   only place a manager says where each other node is, so a node whose bundle is missing can
 *   still be matched to the addresses in overlays' Peers and fdb entries.
 * - `ManagerStatus` is `null` for a worker (a manager has `Leader` only when it leads).
 * - Role, availability and state are lower case here (`manager`, `active`, `ready`), unlike
 *   `docker node ls`'s columns (`Leader`, `Active`, `Ready`): kept as printed.
 */
import { detectDockerError, isObject, type JsonObject, readJsonValues, str } from './json-lines.js';
import type { ParseResult, Parser } from './types.js';
import { capWarnings, rejected, result } from './util.js';

export interface DockerNodeInspect {
  id: string;
  hostname?: string;
  role?: string;
  availability?: string;
  state?: string;
  /** The node's own address (Status.Addr). */
  addr?: string;
  engineVersion?: string;
  /** Managers only. */
  leader?: boolean;
  reachability?: string;
  /** The manager's listen address, `10.99.0.11:2377`. */
  managerAddr?: string;
  line: number;
}

const obj = (v: unknown): JsonObject => (isObject(v as never) ? (v as JsonObject) : {});

function parse(text: string): ParseResult<DockerNodeInspect> {
  if (text.trim() === '') return result([], []);
  const err = detectDockerError(text);
  if (err) return rejected(err);
  const read = readJsonValues(text, 'node');
  if (read.rejected) return rejected(read.rejected);
  if (read.objects.length > 0 && read.objects.every((o) => !isObject(o.Description) || !isObject(o.Spec)))
    return rejected('not docker node inspect JSON (no Description and Spec)');
  const records = read.objects.map((o): DockerNodeInspect => {
    const d = obj(o.Description);
    const spec = obj(o.Spec);
    const status = obj(o.Status);
    const ms = isObject(o.ManagerStatus) ? o.ManagerStatus : undefined;
    const r: DockerNodeInspect = { id: str(o.ID) ?? '', line: read.reader.where.get(o)?.line ?? 0 };
    const set = <K extends keyof DockerNodeInspect>(k: K, v: DockerNodeInspect[K] | undefined) => {
      if (v !== undefined && v !== '') r[k] = v;
    };
    set('hostname', str(d.Hostname));
    set('role', str(spec.Role));
    set('availability', str(spec.Availability));
    set('state', str(status.State));
    set('addr', str(status.Addr));
    set('engineVersion', str(obj(d.Engine).EngineVersion));
    if (ms) {
      if (typeof ms.Leader === 'boolean') r.leader = ms.Leader;
      set('reachability', str(ms.Reachability));
      set('managerAddr', str(ms.Addr));
    }
    // Keep the key order stable for the golden files: line last.
    const { line, ...rest } = r;
    return { ...rest, line };
  });
  return result(records, capWarnings(read.warnings));
}

export const dockerNodeInspect: Parser<DockerNodeInspect> = {
  id: 'docker-node-inspect',
  description:
    'docker node inspect (one JSON object per line, or an array): node id, hostname, role, address, engine',
  commands: ['docker node inspect --format \'{"ID":...}\' <nodes>', 'docker node inspect <nodes>'],
  parse,
};
