/**
 * Diagnostics with a stable code: the bundle reader's warnings, the parsers' warnings and the
 * reasons an output was not read. Each carries `code` (stable, for scripts: `unsafe-path`) and
 * the parameters of its message `w.<code>` in the catalogs; `message` is that text in English
 * where it is made (the readers and parsers know no language), and the report's assemble stage
 * rewrites it in the report's language (localize). A diagnostic without a code (a parser's rare
 * warning not yet in the catalogs) keeps its English message, and the HTML marks it `lang="en"`.
 *
 *   coded('unsafe-path', { path: '../x' })
 *   // { code: 'unsafe-path', params: { path: '../x' }, message: 'entry "../x" has an unsafe path ...' }
 */
import { type Lang, type MessageId, type MessageParams, translator } from './index.js';
import { en } from './messages/en.js';

/** The codes: every catalog id `w.<code>`. */
export type DiagnosticCode = { [K in MessageId]: K extends `w.${infer C}` ? C : never }[MessageId];

export interface Coded {
  code: DiagnosticCode;
  params?: MessageParams;
  message: string;
}

export function coded(code: DiagnosticCode, params?: MessageParams): Coded {
  return { code, ...(params ? { params } : {}), message: translator('en')(`w.${code}` as MessageId, params) };
}

/** True when the diagnostic's code has a message in the catalogs. */
export function hasCode(w: { code?: string }): boolean {
  return w.code !== undefined && Object.hasOwn(en, `w.${w.code}`);
}

/** The diagnostic's text in `lang`: its message re-made from the code, or the English as it came. */
export function localizeText(
  lang: Lang,
  w: { code?: string; params?: MessageParams; message: string },
): string {
  return hasCode(w) ? translator(lang)(`w.${w.code}` as MessageId, w.params) : w.message;
}

/** The diagnostic with its message in `lang` (the same object for English). */
export function localize<W extends { code?: string; params?: MessageParams; message: string }>(
  lang: Lang,
  w: W,
): W {
  return lang === 'en' || !hasCode(w) ? w : { ...w, message: localizeText(lang, w) };
}
