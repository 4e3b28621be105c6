/**
 * The templates' words: `{{t 'label.interfaces'}}`, `{{t 'step.counts' files=counts.files}}`,
 * `summary=(t 'label.routes')`, `{{t (concat 'severity.' severity)}}`. The language is the
 * Report's (`lang` at the template's root). Parameters are the hash arguments.
 *
 * HTML: Handlebars escapes the helper's result like any `{{value}}`. Markdown (noEscape): the
 * caller passes `param` (mdText) so that a name in a parameter cannot become Markdown structure.
 */
import type Handlebars from 'handlebars';
import { isLang, type MessageId, type MessageValue, translator } from '../i18n/index.js';

export function registerI18nHelpers(
  hb: typeof Handlebars,
  param: (v: unknown) => MessageValue = (v) => (typeof v === 'number' ? v : String(v ?? '')),
): void {
  hb.registerHelper('t', (id: unknown, options: Handlebars.HelperOptions) => {
    const lang = options.data?.root?.lang;
    const params: Record<string, MessageValue> = {};
    for (const [k, v] of Object.entries(options.hash ?? {})) params[k] = param(v);
    return translator(isLang(lang) ? lang : 'en')(String(id) as MessageId, params);
  });
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
}
