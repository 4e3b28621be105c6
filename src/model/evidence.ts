import type { ParsedOutput } from '../parsers/parse-bundle.js';
import type { Evidence } from './types.js';

/** Evidence for a record of an output: the output's file and the record's line. */
export function evidenceOf(output: ParsedOutput, line?: number): Evidence {
  const e: Evidence = { file: output.run.stdout ?? output.run.id };
  if (line !== undefined) e.line = line;
  return e;
}

/** The parsed outputs of some command ids in one scope, in manifest order. */
export function outputsOf(outputs: ParsedOutput[], scope: string, ids: readonly string[]): ParsedOutput[] {
  return outputs.filter((o) => o.run.scope === scope && ids.includes(o.run.id) && o.status === 'parsed');
}
