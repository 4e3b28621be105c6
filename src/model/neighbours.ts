/**
 * What a namespace knows about its layer-2 neighbours, for the cluster view's VXLAN tunnels:
 * the remote VTEPs of `bridge fdb show` (entries with `dst`) and the neighbour table of
 * `ip -j neigh show`. In an overlay namespace (`1-<network id>`) Docker's overlay driver writes
 * both for every remote container: the container's MAC behind the node's underlay address, and
 * its overlay IP behind that MAC.
 *
 *   02:42:0a:32:00:04 dev vxlan0 dst 10.99.0.3 link-netnsid 0 self permanent
 *   [{"dst":"10.50.0.4","dev":"vxlan0","lladdr":"02:42:0a:32:00:04","state":["PERMANENT"]}]
 *
 * Only fdb entries that name a remote VTEP are kept: the others (multicast groups, the ports'
 * own MACs) say nothing about other nodes and stay in the appendix.
 */
import type { IpNeighbour } from '../parsers/ip-json.js';
import type { ParsedOutput } from '../parsers/parse-bundle.js';
import { evidenceOf } from './evidence.js';
import { recordsOf } from './records.js';
import type { ModelFdbEntry, ModelNeighbour } from './types.js';

const isNeighbour = (r: unknown): r is IpNeighbour =>
  typeof r === 'object' && r !== null && 'address' in r && 'state' in r && !('ifindex' in r);

/** fdb entries with a remote VTEP; undefined when `bridge fdb` was not captured. */
export function buildFdb(outputs: ParsedOutput[]): ModelFdbEntry[] | undefined {
  const o = outputs.find((x) => x.run.id === 'bridge-fdb' && x.status === 'parsed');
  if (!o) return undefined;
  return recordsOf(o, 'bridge-fdb').flatMap((r) => {
    if (r.dst === undefined) return [];
    const e: ModelFdbEntry = {
      mac: r.mac,
      dev: r.dev,
      dst: r.dst,
      state: r.state,
      evidence: evidenceOf(o, r.line),
    };
    if (r.vni !== undefined) e.vni = r.vni;
    return [e];
  });
}

/** The neighbour table (`ip -j neigh`); undefined when it was not captured. */
export function buildNeighbours(outputs: ParsedOutput[]): ModelNeighbour[] | undefined {
  const o = outputs.find((x) => x.run.id === 'ip-j-neigh' && x.status === 'parsed');
  if (!o) return undefined;
  return recordsOf(o, 'ip-json')
    .filter(isNeighbour)
    .map((r) => {
      const n: ModelNeighbour = {
        address: r.address,
        family: r.family,
        state: r.state,
        evidence: evidenceOf(o, r.line),
      };
      if (r.dev !== undefined) n.dev = r.dev;
      if (r.lladdr !== undefined) n.lladdr = r.lladdr;
      return n;
    });
}
