import type { MessageParams } from '../i18n/index.js';

/**
 * The contract every parser follows (design note: "parsers are pure").
 *
 * A parser turns the raw stdout of one command form into flat, JSON-serialisable records plus
 * warnings. It never throws on an odd line (it warns with the line number), never correlates
 * with other files, and rejects text that is not that command's output at all (an error message,
 * another command's output) by setting `rejected`.
 */

/** A problem with one line (or the whole text) of a parsed output. Lines are 1-based. */
export interface ParseWarning {
  line?: number;
  /** Stable id of the warning, when it has one (`label-values`): the catalogs' `w.<code>`. */
  code?: string;
  params?: MessageParams;
  /** The text: English as parsed; in the report's language in report.json. */
  message: string;
}

export interface ParseResult<R> {
  records: R[];
  warnings: ParseWarning[];
  /** Set when the text is not this command's output at all; `records` is then empty. */
  rejected?: string;
}

/**
 * What the bundle says about an output beyond its text, for the few parsers whose output does
 * not name everything it shows (`iptables -t nat -S` never prints "nat"). Optional: a parser must
 * still do its best without it (`dockernet parse` passes none), and must never let it override
 * what the text itself says.
 */
export interface ParseContext {
  /** The manifest's command id (`iptables-S-nat`). */
  id: string;
  /** The command as run: the manifest's text, or its words. */
  command?: string | string[];
  /** From the id's spec (src/bundle/specs.ts `iptablesTable`): the table an iptables listing shows. */
  iptablesTable?: string;
}

export interface Parser<R = unknown> {
  /** kebab-case id; equals the file name in src/parsers/ and the fixture folder name. */
  id: string;
  /** One line for `dockernet parse --list` and the docs. */
  description: string;
  /** The command forms this parser reads, as a user would type them. */
  commands: string[];
  parse(text: string, context?: ParseContext): ParseResult<R>;
}
