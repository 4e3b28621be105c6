/**
 * The cluster evaluator against real probes sent between the nodes' containers
 * (test/scripts/engine-cluster.sh writes `reach-probes.json`): the shape of src/reach/probes.ts,
 * with the node of the source container:
 *
 *   { "engine": "mixed", "probes": [ { "from": { "kind": "container", "name": "c2", "node": "node2" },
 *     "to": { "address": "10.60.0.6", "port": 80, "proto": "tcp" }, "result": "timeout" } ] }
 *
 * The same reading as on one host: delivered <-> connected; no-listener, rejected <-> refused;
 * dropped, no-route, left-host <-> timeout or unreachable; unknown and probe errors apart; a UDP
 * timeout counts only when the same service answered another probe.
 */
import { expectedResults, type ProbeResult } from '../reach/probes.js';
import type { Verdict } from '../reach/types.js';
import { type ClusterPath, type ClusterReachInput, traceCluster } from './reach.js';

export interface ClusterProbe {
  from: { kind: 'container'; name: string; node: string };
  to: { address: string; port: number; proto: 'tcp' | 'udp'; node?: string; container?: string };
  result: ProbeResult;
  detail?: string;
}

export interface ClusterProbeFile {
  engine: string;
  probes: ClusterProbe[];
}

export interface ClusterProbeComparison {
  probe: ClusterProbe;
  verdict: Verdict;
  reason: string;
  expected: ProbeResult[];
  path: ClusterPath;
  why?: string;
}

export interface ClusterProbeReport {
  engine: string;
  agreements: ClusterProbeComparison[];
  disagreements: ClusterProbeComparison[];
  unknown: ClusterProbeComparison[];
  inconclusive: ClusterProbeComparison[];
}

export function compareClusterProbes(input: ClusterReachInput, file: ClusterProbeFile): ClusterProbeReport {
  const report: ClusterProbeReport = {
    engine: file.engine,
    agreements: [],
    disagreements: [],
    unknown: [],
    inconclusive: [],
  };
  const service = (p: ClusterProbe) => `${p.to.address} udp ${p.to.port}`;
  const answering = new Set(
    file.probes.filter((p) => p.to.proto === 'udp' && p.result === 'connected').map(service),
  );
  for (const probe of file.probes) {
    const path = traceCluster(
      input,
      { node: probe.from.node, container: probe.from.name },
      { address: probe.to.address, port: probe.to.port, proto: probe.to.proto },
    );
    const expected = expectedResults(path.verdict);
    const c: ClusterProbeComparison = { probe, verdict: path.verdict, reason: path.reason, expected, path };
    if (path.verdict === 'unknown' || probe.result === 'error') report.unknown.push(c);
    else if (probe.to.proto === 'udp' && probe.result === 'timeout' && !answering.has(service(probe))) {
      c.why = `no UDP reply, and udp ${probe.to.port} at ${probe.to.address} answered no probe: delivered to a silent service and dropped look the same`;
      report.inconclusive.push(c);
    } else if (expected.includes(probe.result)) report.agreements.push(c);
    else report.disagreements.push(c);
  }
  return report;
}
