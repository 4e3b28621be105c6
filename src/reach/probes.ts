/**
 * Compare the evaluator with real probes sent in a real-engine scenario (`probes.json`):
 *
 *   { "engine": "28.5", "probes": [ { "from": {"kind":"outside","uplink":"eth0"},
 *     "to": {"address":"10.99.0.2","port":8080,"proto":"tcp","namespaceInode":4026532290},
 *     "result": "connected" } ] }
 *
 * delivered <-> connected; no-listener and rejected <-> refused; dropped and no-route <->
 * timeout or unreachable. Cells the evaluator answers "unknown" are listed apart, with the reason.
 *
 * A UDP probe that got no reply is inconclusive unless the service it was sent to answered some
 * other probe: a datagram delivered to a socket that never replies (vxlan 4789, swarm gossip
 * 7946, the embedded DNS to a bad query) and a dropped one look the same from the sender. Only
 * a reply (connected) and ICMP port unreachable (refused) say what happened. Those cells are
 * listed apart as `inconclusive`, never counted as agreements.
 */
import type { StepModel } from '../model/types.js';
import { tracePacket } from './trace.js';
import type { PacketPath, PacketSource, Verdict } from './types.js';

export type ProbeResult = 'connected' | 'refused' | 'timeout' | 'unreachable' | 'error';

export interface Probe {
  from: PacketSource;
  to: {
    address: string;
    port: number;
    proto: 'tcp' | 'udp';
    /** The namespace whose socket (or, for `published`, whose published port) was probed. */
    namespaceInode?: number;
    via?: 'published' | 'socket';
  };
  result: ProbeResult;
  detail?: string;
}

export interface ProbeFile {
  engine: string;
  probes: Probe[];
}

export interface ProbeComparison {
  probe: Probe;
  verdict: Verdict;
  reason: string;
  /** What the probe should have seen given the verdict. */
  expected: ProbeResult[];
  path: PacketPath;
  /** Why the probe cannot decide this cell (inconclusive cells only). */
  why?: string;
}

export interface ProbeReport {
  engine: string;
  agreements: ProbeComparison[];
  disagreements: ProbeComparison[];
  /** The evaluator said unknown (with a reason), or the probe itself failed (`error`). */
  unknown: ProbeComparison[];
  /** The probe cannot tell: UDP without a reply to a service that answered no probe at all. */
  inconclusive: ProbeComparison[];
}

export function expectedResults(v: Verdict): ProbeResult[] {
  switch (v) {
    case 'delivered':
      return ['connected'];
    case 'no-listener':
    case 'rejected':
      return ['refused'];
    case 'dropped':
    case 'no-route':
      return ['timeout', 'unreachable'];
    // Out of the captured host: nothing on the other side answers in a sandbox.
    case 'left-host':
      return ['timeout', 'unreachable'];
    case 'unknown':
      return [];
  }
}

/** The UDP service a probe was sent to: its namespace and port (or its address without one). */
function udpService(p: Probe): string {
  return p.to.namespaceInode !== undefined
    ? `ns ${p.to.namespaceInode} udp ${p.to.port}`
    : `${p.to.address} udp ${p.to.port}`;
}

export function compareWithProbes(model: StepModel, file: ProbeFile): ProbeReport {
  const report: ProbeReport = {
    engine: file.engine,
    agreements: [],
    disagreements: [],
    unknown: [],
    inconclusive: [],
  };
  // UDP services that replied to at least one probe: they answer, so their silence is a drop.
  const answering = new Set(
    file.probes.filter((p) => p.to.proto === 'udp' && p.result === 'connected').map(udpService),
  );
  for (const probe of file.probes) {
    const path = tracePacket(model, {
      from: probe.from,
      dst: probe.to.address,
      proto: probe.to.proto,
      dport: probe.to.port,
    });
    const expected = expectedResults(path.verdict);
    const c: ProbeComparison = { probe, verdict: path.verdict, reason: path.reason, expected, path };
    if (path.verdict === 'unknown' || probe.result === 'error') report.unknown.push(c);
    else if (probe.to.proto === 'udp' && probe.result === 'timeout' && !answering.has(udpService(probe))) {
      c.why = `no UDP reply, and udp ${probe.to.port} of this namespace answered no probe: delivered to a silent service and dropped look the same`;
      report.inconclusive.push(c);
    } else if (expected.includes(probe.result)) report.agreements.push(c);
    else report.disagreements.push(c);
  }
  return report;
}
