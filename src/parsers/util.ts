/** Small helpers shared by the text parsers. */
import { type Coded, coded, type DiagnosticCode } from '../i18n/coded.js';
import type { ParseResult, ParseWarning } from './types.js';

/** Split output into lines without the trailing empty line a final newline produces. */
export function splitLines(text: string): string[] {
  // A plain split is several times faster than the regex; only text with CRs needs the latter.
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Recognise captured error text instead of command output ("command not found", permission
 * errors, usage text). Returns the reason, or undefined when the text looks like real output.
 * Only the first few non-empty lines are looked at: real output never starts like this.
 */
export function detectErrorText(text: string): string | undefined {
  // The first 3 non-empty lines, found without splitting the whole text (20,000-row outputs);
  // the same lines as splitLines(text).filter(non-empty).slice(0, 3).
  const first: string[] = [];
  for (let start = 0; first.length < 3 && start < text.length; ) {
    const nl = text.indexOf('\n', start);
    let line = text.slice(start, nl < 0 ? text.length : nl);
    if (nl >= 0 && line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() !== '') first.push(line);
    start = nl < 0 ? text.length : nl + 1;
  }
  const head = first.join('\n');
  if (head === '') return undefined;
  for (const [re, code] of ERROR_TEXTS)
    if (re.test(head)) return coded(code, { line: head.split('\n')[0] ?? '' }).message;
  return undefined;
}

/** What captured error text looks like, and the diagnostic that says so (`w.<code>`). */
const ERROR_TEXTS: [RegExp, DiagnosticCode][] = [
  [/(^|\s)(command )?not found$|: not found$|No such file or directory$/im, 'command-not-found'],
  [/permission denied|operation not permitted|must be root|are you root/i, 'permission-denied'],
  [
    /^Cannot connect to the Docker daemon|^Got permission denied while trying to connect/im,
    'daemon-unreachable',
  ],
  [/^(Usage|usage):/m, 'usage-text'],
  [/^timeout: |timed out/im, 'timed-out'],
];

/**
 * The diagnostic behind a parser's rejection, for the ones every parser shares (empty output,
 * the error texts above): parsers return the English text, the report re-makes it in its language.
 */
export function codeOfRejection(reason: string): Coded | undefined {
  if (reason === coded('empty-output').message) return coded('empty-output');
  for (const [, code] of ERROR_TEXTS) {
    const prefix = coded(code, { line: '' }).message;
    if (reason.startsWith(prefix)) return coded(code, { line: reason.slice(prefix.length) });
  }
  return undefined;
}

export function rejected<R>(reason: string): ParseResult<R> {
  return { records: [], warnings: [], rejected: reason };
}

export function result<R>(records: R[], warnings: ParseWarning[]): ParseResult<R> {
  return { records, warnings };
}

/** Split "host:port" at the LAST colon ("::1:53", ":::60000", "0.0.0.0:*"). */
export function splitHostPort(s: string): { host: string; port: string } {
  const i = s.lastIndexOf(':');
  if (i < 0) return { host: s, port: '' };
  let host = s.slice(0, i);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host, port: s.slice(i + 1) };
}

/** A whitespace-separated token and where it sits in its line (to cut "the rest of the line"). */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Split a line at runs of whitespace (the words of `\S+`), keeping each token's offsets. A
 * scan by character code instead of `matchAll` (~3x faster on 20,000-row outputs).
 */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const len = line.length;
  let i = 0;
  for (;;) {
    while (i < len && isSpaceCode(line.charCodeAt(i))) i++;
    if (i >= len) return tokens;
    const start = i;
    while (i < len && !isSpaceCode(line.charCodeAt(i))) i++;
    tokens.push({ text: line.slice(start, i), start, end: i });
  }
}

/**
 * Whether a UTF-16 code unit is whitespace as the regex class `\s` (and `trim()`) reads it. Small
 * enough for V8 to inline in the hot loops of the big parsers: the regex only for non-ASCII.
 */
export function isSpaceCode(c: number): boolean {
  return c <= 32 ? c === 32 || (c <= 13 && c >= 9) : c >= 128 && /\s/.test(String.fromCharCode(c));
}

/**
 * The first `max` words of a line (the words of tokenize(), `\S+`) as offsets: word k is
 * `line.slice(bounds[2k], bounds[2k + 1])`. No object per word: the hot loops of the big parsers
 * (ps, netstat, ss: 20,000 rows and more) reuse one `bounds` array for every line. Returns how
 * many words were found (at most `max`).
 */
export function wordBounds(line: string, max: number, bounds: Int32Array): number {
  let n = 0;
  let i = 0;
  const len = line.length;
  while (n < max) {
    while (i < len && isSpaceCode(line.charCodeAt(i))) i++;
    if (i >= len) break;
    bounds[2 * n] = i;
    while (i < len && !isSpaceCode(line.charCodeAt(i))) i++;
    bounds[2 * n + 1] = i;
    n++;
  }
  return n;
}

/** `/^\d+(\.\d+)?$/` as a number, else undefined; checked by hand (it runs per field of big outputs). */
export function decimal(s: string): number | undefined {
  const len = s.length;
  let i = 0;
  while (i < len && isDigitCode(s.charCodeAt(i))) i++;
  if (i === 0) return undefined;
  if (i < len) {
    if (s.charCodeAt(i) !== 46 /* . */) return undefined;
    const frac = ++i;
    while (i < len && isDigitCode(s.charCodeAt(i))) i++;
    if (i === frac || i < len) return undefined;
  }
  return Number(s);
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Keep at most `max` warnings and say how many were left out: a file of garbage must not turn
 * into a report with a million lines.
 */
export function capWarnings(warnings: ParseWarning[], max = 100): ParseWarning[] {
  if (warnings.length <= max) return warnings;
  return [...warnings.slice(0, max), coded('more-warnings', { n: warnings.length - max })];
}
