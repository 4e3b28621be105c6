/**
 * The words for a redaction summary, shared by the zip's REDACTION.txt, the CLI and the HTML and
 * Markdown callouts (from `Report.redaction`), in the report's language (`red.*` in the catalogs).
 */
import { type Lang, type MessageId, type Translator, translator } from '../i18n/index.js';
import type { RedactionKind, RedactionSummary } from './redactor.js';

const EN = translator('en');

/** `3 MAC addresses`, `1 Hostname`. */
export function kindCount(kind: RedactionKind, n: number, t: Translator = EN): string {
  return t(`red.count.${kind}` as MessageId, { n });
}

/** The form of a kind's pseudonyms: `host0, host1 ...`, with a word on what is kept of the value. */
export function kindPseudonym(kind: RedactionKind, t: Translator = EN): string {
  return t(`red.as.${kind}` as MessageId);
}

export function redactionText(s: RedactionSummary, lang: Lang = 'en'): string {
  const t = translator(lang);
  const lines = [
    t('red.txt.intro'),
    '',
    t('red.txt.replaced'),
    ...s.kinds.map((k) =>
      t('red.txt.kind', {
        label: t(`red.label.${k.kind}` as MessageId),
        values: k.values,
        occurrences: k.occurrences,
        as: kindPseudonym(k.kind, t),
      }),
    ),
    '',
    t('red.txt.kept'),
    ...s.kept.map((k) => `  - ${k}`),
    '',
    t('red.txt.outro'),
  ];
  return `${lines.join('\n')}\n`;
}
