/**
 * The "parse" stage: every command output of a bundle through its parser. A parser that throws
 * becomes an `error` entry (design note: a unit's failure is data, never a crashed run).
 */

import { specFor } from '../bundle/specs.js';
import type { Bundle, CommandRun } from '../bundle/types.js';
import { type Coded, coded } from '../i18n/coded.js';
import type { MessageParams } from '../i18n/index.js';
import { findParser } from './index.js';
import type { ParseWarning } from './types.js';
import { codeOfRejection } from './util.js';

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
  /** The reason's diagnostic code and parameters when it has one (src/i18n/coded.ts). */
  reasonCode?: string;
  reasonParams?: MessageParams;
  records: unknown[];
  warnings: ParseWarning[];
  /** First line of stderr, when there was any. */
  stderrHead?: string;
}

export interface ParsedBundle {
  bundle: Bundle;
  outputs: ParsedOutput[];
}

/** A coded reason as the output's fields. */
function why(c: Coded): Pick<ParsedOutput, 'reason' | 'reasonCode' | 'reasonParams'> {
  return { reason: c.message, reasonCode: c.code, ...(c.params ? { reasonParams: c.params } : {}) };
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
    if (stdout === undefined) return { ...base, status: 'missing', ...why(coded('no-output')) };
    if (run.exitCode !== null && run.exitCode !== 0 && stdout.trim() === '') {
      return {
        ...base,
        status: 'failed',
        ...why(coded('exit-code', { code: run.exitCode, stderr: stderrHead ?? '' })),
      };
    }
    const parser = spec ? findParser(spec.parser) : undefined;
    if (!parser) return { ...base, status: 'unparsed', ...why(coded('no-parser', { id: run.id })) };
    try {
      const result = parser.parse(stdout, {
        id: run.id,
        command: run.command,
        ...(spec?.iptablesTable !== undefined ? { iptablesTable: spec.iptablesTable } : {}),
      });
      if (result.rejected !== undefined) {
        const known = codeOfRejection(result.rejected);
        return {
          ...base,
          status: 'rejected',
          ...(known ? why(known) : { reason: result.rejected }),
          warnings: result.warnings,
        };
      }
      return { ...base, status: 'parsed', records: result.records, warnings: result.warnings };
    } catch (e) {
      return {
        ...base,
        status: 'error',
        ...why(coded('parser-failed', { parser: parser.id, error: (e as Error).message })),
      };
    }
  });
  return { bundle, outputs };
}
