/**
 * The "parse" stage: every command output of a bundle through its parser. A parser that throws
 * becomes an `error` entry (design note: a unit's failure is data, never a crashed run).
 */
import { specFor } from '../bundle/specs.js';
import type { Bundle, CommandRun } from '../bundle/types.js';
import { findParser } from './index.js';
import type { ParseWarning } from './types.js';

export type OutputStatus =
  /** parsed by its parser (there may still be warnings) */
  | 'parsed'
  /** the parser said this is not its command's output (error text, wrong command) */
  | 'rejected'
  /** the command failed and printed nothing useful */
  | 'failed'
  /** no parser knows this command id: kept raw */
  | 'unparsed'
  /** the manifest names it but there is no stdout file */
  | 'missing'
  /** the collector chose not to run it, and said why */
  | 'skipped'
  /** the parser threw: a bug, reported instead of crashing */
  | 'error';

export interface ParsedOutput {
  run: CommandRun;
  parser?: string;
  status: OutputStatus;
  /** Why the status is what it is, in one line, for the report. */
  reason?: string;
  records: unknown[];
  warnings: ParseWarning[];
  /** First line of stderr, when there was any. */
  stderrHead?: string;
}

export interface ParsedBundle {
  bundle: Bundle;
  outputs: ParsedOutput[];
}

export function parseBundle(bundle: Bundle): ParsedBundle {
  const text = new Map(bundle.files.map((f) => [f.path, f.text]));
  const outputs = bundle.commands.map((run): ParsedOutput => {
    const stdout = run.stdout !== undefined ? text.get(run.stdout) : undefined;
    const stderr = run.stderr !== undefined ? (text.get(run.stderr) ?? '') : '';
    const stderrHead = stderr.trim().split('\n')[0] || undefined;
    const spec = specFor(run.id);
    const base = {
      run,
      parser: spec?.parser,
      records: [],
      warnings: [],
      ...(stderrHead ? { stderrHead } : {}),
    };
    if (run.skipped !== undefined && stdout === undefined)
      return { ...base, status: 'skipped', reason: run.skipped };
    if (stdout === undefined) return { ...base, status: 'missing', reason: 'no output file' };
    if (run.exitCode !== null && run.exitCode !== 0 && stdout.trim() === '') {
      return {
        ...base,
        status: 'failed',
        reason: `exit code ${run.exitCode}${stderrHead ? `: ${stderrHead}` : ''}`,
      };
    }
    const parser = spec ? findParser(spec.parser) : undefined;
    if (!parser) return { ...base, status: 'unparsed', reason: `no parser for command id "${run.id}"` };
    try {
      const result = parser.parse(stdout, {
        id: run.id,
        command: run.command,
        ...(spec?.iptablesTable !== undefined ? { iptablesTable: spec.iptablesTable } : {}),
      });
      if (result.rejected !== undefined) {
        return { ...base, status: 'rejected', reason: result.rejected, warnings: result.warnings };
      }
      return { ...base, status: 'parsed', records: result.records, warnings: result.warnings };
    } catch (e) {
      return { ...base, status: 'error', reason: `parser ${parser.id} failed: ${(e as Error).message}` };
    }
  });
  return { bundle, outputs };
}
