/**
 * The cluster's reachability matrix: every container attached to an overlay (on a node with a
 * bundle) x every listening socket of every overlay endpoint, at its overlay address, each cell
 * traced across nodes by traceCluster (src/cluster/reach.ts).
 *
 *   node1:c1 -> node3:c3 tcp 10.60.0.6:80   delivered
 *   node2:c2 -> node3:c3 tcp 10.60.0.6:80   dropped   node3: ... rule 1 of filter INPUT
 *
 * A container's loopback sockets (the embedded DNS on 127.0.0.11) mean nothing from another
 * container and are left out; so is a container's cell to itself. Each destination container
 * also gets one closed TCP port (the first port above its lowest TCP listener that nothing
 * listens on): across a working tunnel it is `no-listener` (refused), across a broken one
 * `dropped`, so the row tells the tunnel from the service. The ingress overlay is left
 * out as a destination (its addresses are the routing mesh's, IPVS, not modelled).
 */
import { plainAddress } from '../reach/addr.js';
import { addCell, type MatrixCells } from '../reach/matrix.js';
import { containerByRef } from '../reach/trace.js';
import type { Verdict } from '../reach/types.js';
import { type ClusterPath, type ClusterReachInput, traceCluster } from './reach.js';

export interface ClusterReachSource {
  /** `node:container`. */
  id: string;
  node: string;
  container: string;
}

export interface ClusterReachDestination {
  /** `node:container proto address:port`. */
  id: string;
  node: string;
  container: string;
  network: string;
  address: string;
  port: number;
  proto: 'tcp' | 'udp';
  /** What listens: `httpd (664) tcp6 :::80`; for the closed port, `closed`. */
  label: string;
  /** The container's closed TCP port (nothing listens on it), not a socket. */
  closed?: boolean;
}

export interface ClusterReachCell {
  source: string;
  destination: string;
  verdict: Verdict;
  reason: string;
  /** Index into `paths`. */
  path: number;
}

export interface ClusterReachMatrix {
  version: 1;
  sources: ClusterReachSource[];
  destinations: ClusterReachDestination[];
  cells: ClusterReachCell[];
  paths: ClusterPath[];
  counts: Partial<Record<Verdict, number>>;
  /** Cells not traced because the matrix reached `maxCells` (a big cluster); absent when none. */
  truncated?: number;
}

export function clusterReachSources(input: ClusterReachInput): ClusterReachSource[] {
  const out = new Map<string, ClusterReachSource>();
  for (const o of input.cluster.overlays) {
    if (o.ingress) continue;
    for (const c of o.containers) {
      const node = input.cluster.nodes.find((n) => n.key === c.node);
      const model = node?.step !== undefined ? input.models[node.step - 1] : undefined;
      if (!node || !model || !containerByRef(model.containers, c.name)) continue;
      const name = node.hostname || node.key;
      const id = `${name}:${c.name}`;
      if (!out.has(id)) out.set(id, { id, node: name, container: c.name });
    }
  }
  return [...out.values()];
}

export function clusterReachDestinations(input: ClusterReachInput): ClusterReachDestination[] {
  const out = new Map<string, ClusterReachDestination>();
  for (const o of input.cluster.overlays) {
    if (o.ingress) continue;
    for (const c of o.containers) {
      if (!c.ipv4) continue;
      const node = input.cluster.nodes.find((n) => n.key === c.node);
      const model = node?.step !== undefined ? input.models[node.step - 1] : undefined;
      const ct = model ? containerByRef(model.containers, c.name) : undefined;
      const ns = ct?.namespace ? model?.namespaces.find((n) => n.id === ct.namespace) : undefined;
      if (!node || !ns) continue;
      const name = node.hostname || node.key;
      const ipv4 = c.ipv4;
      // A port of the container on the overlay, once (a socket on 0.0.0.0 and on the address is one).
      const add = (port: number, proto: 'tcp' | 'udp', label: string, closed?: true) => {
        const id = `${name}:${c.name} ${proto} ${ipv4}:${port}`;
        if (!out.has(id))
          out.set(id, {
            id,
            node: name,
            container: c.name,
            network: o.name,
            address: ipv4,
            port,
            proto,
            label,
            ...(closed ? { closed } : {}),
          });
      };
      const tcp = new Set<number>();
      for (const s of ns.sockets) {
        if (
          !s.listening ||
          (s.transport !== 'tcp' && s.transport !== 'udp') ||
          s.localPortNumber === undefined
        )
          continue;
        const a = plainAddress(s.localAddress);
        // Wildcards (IPv4, or IPv6 taking IPv4 as a container's bindv6only=0) and the overlay address.
        if (!(a === '*' || a === '' || a === '0.0.0.0' || a === '::' || a === c.ipv4)) continue;
        if (s.transport === 'tcp') tcp.add(s.localPortNumber);
        add(
          s.localPortNumber,
          s.transport,
          `${s.program ?? '?'}${s.pid !== undefined ? ` (${s.pid})` : ''} ${s.proto} ${s.localAddress}:${s.localPort}`,
        );
      }
      // Every TCP socket of the namespace counts (a port bound to another address is not closed).
      for (const s of ns.sockets)
        if (s.listening && s.transport === 'tcp' && s.localPortNumber !== undefined)
          tcp.add(s.localPortNumber);
      if (tcp.size === 0) continue;
      let port = Math.min(...tcp) + 1;
      while (tcp.has(port) && port < 65535) port++;
      add(port, 'tcp', 'closed', true);
    }
  }
  return [...out.values()];
}

/**
 * Every source x every destination, at most `maxCells` cells traced (each path is a few dozen
 * hops with evidence; report.json keeps them all): the rest is counted in `truncated`.
 */
export function clusterReachMatrix(
  input: ClusterReachInput,
  opts: { maxCells?: number } = {},
): ClusterReachMatrix {
  const max = opts.maxCells ?? 2000;
  let truncated = 0;
  const sources = clusterReachSources(input);
  const destinations = clusterReachDestinations(input);
  const acc: MatrixCells<ClusterPath, ClusterReachCell> = { paths: [], cells: [], counts: {} };
  for (const s of sources)
    for (const d of destinations) {
      if (s.node === d.node && s.container === d.container) continue;
      if (acc.cells.length >= max) {
        truncated++;
        continue;
      }
      const path = traceCluster(
        input,
        { node: s.node, container: s.container },
        { address: d.address, port: d.port, proto: d.proto },
      );
      addCell(acc, s.id, d.id, path);
    }
  const { paths, cells, counts } = acc;
  return { version: 1, sources, destinations, cells, paths, counts, ...(truncated ? { truncated } : {}) };
}
