/**
 * Compare the evaluator with real probes sent in a real-engine scenario (`probes.json`):
 *
 *   { "engine": "28.5", "probes": [ { "from": {"kind":"outside","uplink":"eth0"},
 *     "to": {"address":"10.99.0.2","port":8080,"proto":"tcp"}, "result": "connected" } ] }
 *
 * delivered <-> connected; no-listener and rejected <-> refused; dropped and no-route <->
 * timeout or unreachable. Cells the evaluator answers "unknown" are listed apart, with the reason.
 */
import type { StepModel } from '../model/types.js';
import { tracePacket } from './trace.js';
import type { PacketPath, PacketSource, Verdict } from './types.js';

export type ProbeResult = 'connected' | 'refused' | 'timeout' | 'unreachable' | 'error';

export interface Probe {
  from: PacketSource;
  to: { address: string; port: number; proto: 'tcp' | 'udp' };
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
}

export interface ProbeReport {
  engine: string;
  agreements: ProbeComparison[];
  disagreements: ProbeComparison[];
  /** The evaluator said unknown (with a reason), or the probe itself failed (`error`). */
  unknown: ProbeComparison[];
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

export function compareWithProbes(model: StepModel, file: ProbeFile): ProbeReport {
  const report: ProbeReport = { engine: file.engine, agreements: [], disagreements: [], unknown: [] };
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
    else if (expected.includes(probe.result)) report.agreements.push(c);
    else report.disagreements.push(c);
  }
  return report;
}
