/** The library API. The CLI (src/cli.ts) is a thin layer over these. */

export { DEFAULT_LIMITS, type ReadLimits } from './bundle/limits.js';
export { BundleReadError, readBundle } from './bundle/read.js';
export type { Bundle, BundleFile, CommandRun } from './bundle/types.js';
export type { ClusterModel } from './cluster/types.js';
export { buildStepModel } from './model/build-step.js';
export type * from './model/types.js';
export { findParser, parsers } from './parsers/index.js';
export { parseBundle } from './parsers/parse-bundle.js';
export type { ParseResult, Parser, ParseWarning } from './parsers/types.js';
export { type BuildReportOptions, buildClusterReport, buildReport } from './pipeline.js';
export { renderHtml } from './render/html.js';
export type { Report, ReportCommand, ReportFile, ReportStep } from './report/types.js';
export { VERSION } from './version.js';
