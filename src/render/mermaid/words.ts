/**
 * The words of the figure (`fig.*` in the message catalogs): "host", "LAN", "gateway", the
 * legend, "not captured"... Names, addresses and interface flags stay as the data has them.
 *
 * Why a module-level language rather than a parameter: the words sit deep in the layout helpers
 * (topology.ts, detailed.ts, aggregated.ts, flowchart.ts), and threading a translator through
 * every one of them would bury the layout under plumbing. `stepDiagram` is synchronous and sets
 * the language for the duration of one call only (`withFigureLang`), restoring it after.
 */
import { type Lang, type MessageId, type MessageParams, translator } from '../../i18n/index.js';

let current = translator('en');

/** A figure word in the language of the figure being drawn. */
export function fw(id: MessageId & `fig.${string}`, params?: MessageParams): string {
  return current(id, params);
}

export function withFigureLang<T>(lang: Lang | undefined, draw: () => T): T {
  const before = current;
  current = translator(lang ?? 'en');
  try {
    return draw();
  } finally {
    current = before;
  }
}
