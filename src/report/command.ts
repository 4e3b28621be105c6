/**
 * One command of a step as the report keeps it: what ran (from the bundle's manifest), how it
 * ended, and how its output parsed. From the manifest.json entry
 *
 *   {"id":"uname","scope":"host","command":"uname -a","exitCode":0,"durationMs":66,"stdout":"host/uname.out"}
 *
 * it becomes `{ id: 'uname', scope: 'host', command: 'uname -a', exitCode: 0, durationMs: 66,
 * status: 'unparsed', reason: 'no parser for command id "uname"', ... }`.
 *
 * Separate from report/types.ts because the analyses read it too (findings about commands that
 * failed or printed nothing): analyses/types.ts imports it from here, report/types.ts re-exports
 * it, and neither of those two modules imports the other's (no import cycle).
 */
import type { MessageParams } from '../i18n/index.js';
import type { OutputStatus } from '../parsers/parse-bundle.js';
import type { ParseWarning } from '../parsers/types.js';

export interface ReportCommand {
  id: string;
  scope: string;
  command: string;
  exitCode: number | null;
  durationMs: number | null;
  parser?: string;
  status: OutputStatus;
  /** In the report's language when it has a code (src/i18n/coded.ts); the collector's own words otherwise. */
  reason?: string;
  reasonCode?: string;
  reasonParams?: MessageParams;
  warnings: ParseWarning[];
  recordCount: number;
  inferred: boolean;
}
