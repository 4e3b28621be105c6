/** The library API. The CLI (src/cli.ts) is a thin layer over these. */
export { readBundle, BundleReadError } from './bundle/read.js';
export { DEFAULT_LIMITS, type ReadLimits } from './bundle/limits.js';
export type { Bundle, BundleFile, CommandRun } from './bundle/types.js';
export { parsers, findParser } from './parsers/index.js';
export type { Parser, ParseResult, ParseWarning } from './parsers/types.js';
export { parseBundle } from './parsers/parse-bundle.js';
export { buildStepModel } from './model/build-step.js';
export type * from './model/types.js';
export { buildReport, type BuildReportOptions } from './pipeline.js';
export type { Report, ReportStep, ReportFile, ReportCommand } from './report/types.js';
export { renderHtml } from './render/html.js';
export { VERSION } from './version.js';
