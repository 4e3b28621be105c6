/**
 * The Report: the one versioned, JSON-serialisable document that every renderer reads (HTML,
 * Markdown, JSON, PDF). Renderers never see bundles, parsers or models directly.
 * Bump REPORT_SCHEMA_VERSION on any incompatible change and say so in docs/.
 */
import type { StepAnalysis } from '../analyses/types.js';
import type { BundleMeta, BundleWarning } from '../bundle/types.js';
import type { ClusterFinding } from '../cluster/findings/types.js';
import type { ClusterReachMatrix } from '../cluster/reach-matrix.js';
import type { ClusterModel } from '../cluster/types.js';
import type { Lang } from '../i18n/index.js';
import type { StepModel } from '../model/types.js';
import type { RedactionSummary } from '../redact/redactor.js';
import type { ReportCommand } from './command.js';

export type { ReportCommand } from './command.js';

export const REPORT_SCHEMA = 'dockernet-report';
export const REPORT_SCHEMA_VERSION = 1;

export interface ReportFile {
  /** Path inside the bundle. */
  path: string;
  size: number;
  encoding: 'utf8' | 'invalid-utf8' | 'binary';
  truncated: boolean;
  /** The text as read (possibly shortened for the report: see `shownChars`). */
  text: string;
  /** Characters of `text` kept in the report when the file was longer than the report limit. */
  shownChars?: number;
  /** Index in the step's `commands` of the command that wrote it, when one names it. */
  commandIndex?: number;
  /** 'stdout' or 'stderr' of that command. */
  stream?: 'stdout' | 'stderr';
}

export interface ReportStep {
  /** 1-based position in the report. */
  index: number;
  /** Stable id used for anchors: step-1, step-2 ... */
  anchor: string;
  label: string;
  source: string;
  meta: BundleMeta;
  hasManifest: boolean;
  commands: ReportCommand[];
  files: ReportFile[];
  warnings: BundleWarning[];
  model: StepModel;
  /** Questions answered, findings and the diff against the previous step. */
  analysis?: StepAnalysis;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  schemaVersion: number;
  generator: { name: string; version: string };
  generatedAt: string;
  title: string;
  /** The language of every text field; ids (`kind`, `id`, `category`) are the same in every language. */
  lang: Lang;
  steps: ReportStep[];
  /**
   * Present when the report was made with `--redact`: how many host names, public addresses, MACs
   * and paths were replaced by pseudonyms, and what is kept. Never the originals.
   */
  redaction?: RedactionSummary;
  /**
   * `dockernet report --cluster`: the steps are the nodes of one swarm captured at the same time,
   * joined here (src/cluster/). Absent for a report of building steps.
   */
  cluster?: ReportCluster;
}

export interface ReportCluster {
  model: ClusterModel;
  findings: ClusterFinding[];
  /** Reachability across nodes (src/cluster/reach-matrix.ts): overlay containers x overlay sockets. */
  reach?: ClusterReachMatrix;
}
