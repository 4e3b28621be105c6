/**
 * One host of a fleet: the index row, computed from the host's Report (the same document written
 * to its report.json), never from the bundle directly. Plain JSON data: index.json is a list of
 * these, and index.html and index.md render them.
 */
import type { Severity } from '../analyses/types.js';
import { type Lang, translator } from '../i18n/index.js';
import type { Report } from '../report/types.js';

export const FLEET_SCHEMA = 'dockernet-fleet-index';
export const FLEET_SCHEMA_VERSION = 1;

/** Most severe first: the order of the index's columns. */
export const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export interface FleetRow {
  /** The bundle as given (a path). */
  input: string;
  /** The host name from the bundle (manifest, else its hostname file), else the input's file name. */
  host: string;
  /** Folder of the host's report inside the output folder; absent when the bundle failed. */
  slug?: string;
  /** Why this host has no report: the bundle could not be read or analysed. */
  error?: string;
  /** The engine's server version (`docker version`). */
  engine?: string;
  capturedAt?: string | null;
  /** `running` is absent when no container's state is known (no `docker inspect`). */
  containers?: { running?: number; total: number };
  networks?: { total: number; names: string[] };
  /** Every published port mapping of the model; `ports` are the distinct `hostPort/proto`. */
  published?: { total: number; ports: string[] };
  findings?: Record<Severity, number>;
  /** Finding kinds with their counts, most frequent first. */
  findingKinds?: { kind: string; severity: Severity; count: number }[];
  /** Bundle and parser warnings. */
  warnings?: number;
  /** The host's files, relative to the output folder (only those written). */
  files?: { html?: string; json?: string; md?: string; pdf?: string };
}

export interface FleetIndex {
  schema: typeof FLEET_SCHEMA;
  schemaVersion: number;
  generator: { name: string; version: string };
  generatedAt: string;
  /** The language of the index and of every host's report (absent in indexes before it). */
  lang?: Lang;
  hosts: FleetRow[];
}

/** The row of a host whose report was built (a fleet bundle is one host, so one step). */
export function rowOf(report: Report, input: string, fallbackName: string): Omit<FleetRow, 'slug' | 'files'> {
  const step = report.steps[0];
  if (!step) return { input, host: fallbackName, error: translator(report.lang)('fleet.no-step') };
  const m = step.model;
  const known = m.containers.filter((c) => c.status !== undefined);
  const running = m.containers.filter((c) => c.status === 'running').length;
  const findings = step.analysis?.findings ?? [];
  const bySeverity = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;
  const kinds = new Map<string, { kind: string; severity: Severity; count: number }>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    const k = kinds.get(f.kind) ?? { kind: f.kind, severity: f.severity, count: 0 };
    k.count++;
    if (SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(k.severity)) k.severity = f.severity;
    kinds.set(f.kind, k);
  }
  const ports = [...new Set(m.publishedPorts.map((p) => `${p.hostPort}/${p.proto}`))].sort(
    (a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b),
  );
  const warnings = step.warnings.length + step.commands.reduce((n, c) => n + c.warnings.length, 0);
  return {
    input,
    host: step.meta.hostname || m.hostname || fallbackName,
    ...(m.docker.serverVersion ? { engine: m.docker.serverVersion } : {}),
    capturedAt: step.meta.capturedAt,
    // With no container at all, none runs; with containers but no state, running is unknown.
    containers: {
      ...(known.length > 0 || m.containers.length === 0 ? { running } : {}),
      total: m.containers.length,
    },
    networks: { total: m.dockerNetworks.length, names: m.dockerNetworks.map((n) => n.name) },
    published: { total: m.publishedPorts.length, ports },
    findings: bySeverity,
    findingKinds: [...kinds.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    warnings,
  };
}
