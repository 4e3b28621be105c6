/**
 * Typed records of a parsed output, by parser id: the one place where the model turns a
 * ParsedOutput's `unknown[]` into a parser's record type, checked at run time against the
 * parser that actually read it. Asking for `recordsOf(o, 'docker-container-inspect')` on an
 * output another parser read gives nothing, never records of the wrong shape.
 *
 *   for (const c of recordsOf(o, 'docker-container-inspect')) c.networkMode   // typed
 */
import { findParser, type ParserId, type ParserRecords } from '../parsers/index.js';
import type { ParsedOutput } from '../parsers/parse-bundle.js';

export function recordsOf<P extends ParserId>(o: ParsedOutput, ...parsers: P[]): ParserRecords[P][] {
  if (o.status !== 'parsed' || o.parser === undefined) return [];
  if (!(parsers as string[]).includes(o.parser) || !findParser(o.parser)) return [];
  return o.records as ParserRecords[P][];
}
