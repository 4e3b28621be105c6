/** The packet-path evaluator: tracePacket, reachMatrix, compareWithProbes (docs/reachability.md). */
export { formatMatrix, formatPath, sourceLabel } from './format.js';
export type { ReachCell, ReachDestination, ReachMatrix, ReachSource } from './matrix.js';
export { reachDestinations, reachMatrix, reachSources } from './matrix.js';
export type { Probe, ProbeFile, ProbeReport, ProbeResult } from './probes.js';
export { compareWithProbes, expectedResults } from './probes.js';
export { type TraceHooks, traceArrival, tracePacket } from './trace.js';
export type { Hop, Packet, PacketPath, PacketSource, Verdict } from './types.js';
