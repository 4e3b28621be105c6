import type { ParsedOutput } from '../parsers/parse-bundle.js';
import type { Evidence } from './evidence-type.js';

/** Evidence for a record of an output: the output's file and the record's line. */
export function evidenceOf(output: ParsedOutput, line?: number): Evidence {
  const e: Evidence = { file: output.run.stdout ?? output.run.id };
  if (line !== undefined) e.line = line;
  return e;
}

/**
 * Parsed outputs grouped by scope, built once per outputs array. The model asks for the outputs
 * of each scope several times; filtering the whole list each time was quadratic (1,000
 * containers: 9 calls x 1,000 scopes x 3,000 outputs, 1.6 s of the model's 3 s). Keyed weakly by
 * the array and checked against its length, so an array that grew is indexed again.
 */
const byScopeCache = new WeakMap<ParsedOutput[], { length: number; byScope: Map<string, ParsedOutput[]> }>();

function parsedByScope(outputs: ParsedOutput[]): Map<string, ParsedOutput[]> {
  const cached = byScopeCache.get(outputs);
  if (cached && cached.length === outputs.length) return cached.byScope;
  const byScope = new Map<string, ParsedOutput[]>();
  for (const o of outputs) {
    if (o.status !== 'parsed') continue;
    const list = byScope.get(o.run.scope);
    if (list) list.push(o);
    else byScope.set(o.run.scope, [o]);
  }
  byScopeCache.set(outputs, { length: outputs.length, byScope });
  return byScope;
}

/** The parsed outputs of some command ids (all ids when undefined) in one scope, in manifest order. */
export function outputsOf(
  outputs: ParsedOutput[],
  scope: string,
  ids: readonly string[] | undefined,
): ParsedOutput[] {
  return (parsedByScope(outputs).get(scope) ?? []).filter((o) => !ids || ids.includes(o.run.id));
}
