/**
 * The report's languages. Every text a reader sees is a message id in the catalogs
 * (messages/en.ts, messages/de.ts, ICU MessageFormat: see format.ts); code computes the
 * parameters. Command output quoted as evidence is never translated.
 *
 *   const t = translator('de');
 *   t('cli.steps', { steps: 4, warnings: 0 })   // "dockernet: 4 Schritte, 0 Warnungen"
 */
import { formatMessage, type MessageParams } from './format.js';
import { de } from './messages/de.js';
import { en, type MessageId } from './messages/en.js';

export type { MessageParams, MessageValue } from './format.js';
export type { MessageId } from './messages/en.js';

export const LANGS = ['en', 'de'] as const;
export type Lang = (typeof LANGS)[number];

export const catalogs: Readonly<Record<Lang, Readonly<Record<MessageId, string>>>> = { en, de };

export type Translator = (id: MessageId, params?: MessageParams) => string;

const cache = new Map<Lang, Translator>();

export function translator(lang: Lang = 'en'): Translator {
  let t = cache.get(lang);
  if (!t) {
    const catalog = catalogs[lang] ?? en;
    t = (id, params) => formatMessage(lang, catalog[id] ?? en[id] ?? id, params);
    cache.set(lang, t);
  }
  return t;
}

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

/**
 * The language a POSIX locale names: `de_DE.UTF-8`, `de_AT`, `de` -> de; `C`, `POSIX`, `en_GB`,
 * a language without a catalog -> undefined (the caller falls back to English).
 */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  const m = /^([a-z]{2,3})(?:[_-]|\.|@|$)/i.exec(locale?.trim() ?? '');
  const code = m?.[1]?.toLowerCase();
  return isLang(code) ? code : undefined;
}

/**
 * The default language from the environment, as setlocale(3) picks the messages locale: the
 * first of LC_ALL, LC_MESSAGES, LANG that is set and not empty decides (so `LC_ALL=C` means
 * English even with `LANG=de_DE.UTF-8`); English when none is set or it has no catalog.
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Lang {
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[k];
    if (v) return langOfLocale(v) ?? 'en';
  }
  return 'en';
}
