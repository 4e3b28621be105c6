/**
 * One file of the appendix (`{{> rawfile}}` in appendix.hbs), written in code: a big host's
 * bundle has ~6,000 files, and the template's labels, conditions and helper calls per file were
 * a large part of the HTML render (docs/performance.md, "The 1,000-container host"). The markup
 * is the one the template's inline partial had, byte for byte; every value is escaped with
 * Handlebars' own escapeExpression. In compact mode (lazy.ts) the file's metadata and text are
 * stored together and the page numbers the lines itself.
 */
import Handlebars from 'handlebars';
import { isLang, type MessageId, type MessageValue, translator } from '../i18n/index.js';
import { LazyStore, noScriptNote } from './lazy.js';
import type { FileView } from './view.js';

const esc = (v: unknown) => Handlebars.Utils.escapeExpression(v as string);

/** Partial options: only the root data (the page's `lazy` store, `lang` and `view`) is used. */
interface Data {
  data?: { root?: { lazy?: unknown; lang?: unknown; view?: { appendixFull?: boolean } } };
}

export function rawFileHtml(f: FileView, options: Data): string {
  const root = options.data?.root;
  const tr = translator(isLang(root?.lang) ? root.lang : 'en');
  const t = (id: string, params?: Record<string, MessageValue>) => esc(tr(id as MessageId, params));
  const full = !!root?.view?.appendixFull;
  const lines = { shown: f.shownLines, total: f.totalLines };

  let out = `  <details class="rawfile status-${esc(f.status)}" id="${esc(f.anchor)}">\n`;
  out += `    <summary><code>${esc(f.path)}</code> <span class="badge ${esc(f.status)}">${t(`status.${f.status}`)}</span>`;
  if (f.parser) out += ` <span class="muted">${t('appendix.parser', { parser: f.parser })}</span>`;
  if (f.warnings.length)
    out += ` <span class="badge warn">${t('label.warnings', { n: f.warnings.length })}</span>`;
  out += '</summary>\n';

  let meta = '    <dl class="filemeta">\n      ';
  if (f.command)
    meta += `<dt>${t('label.command')}</dt><dd><code>${esc(f.command)}</code>${f.scope ? ` ${t('appendix.in-scope', { scope: f.scope })}` : ''}</dd>`;
  meta += '\n      ';
  if (f.stream)
    meta += `<dt>${t('label.exit-code')}</dt><dd>${esc(f.exitCode)}${f.durationMs ? ` · ${esc(f.durationMs)} ms` : ''}</dd>`;
  meta += `\n      <dt>${t('label.size')}</dt><dd>${t('appendix.bytes', { n: f.size })}`;
  if (f.cut) meta += ` · ${t('appendix.shortened')}`;
  if (!full) meta += ` · ${t('appendix.lines-of', lines)}`;
  meta += '</dd>\n      ';
  if (f.reason) meta += `<dt>${t('label.note')}</dt><dd>${esc(f.reason)}</dd>`;
  meta += '\n    </dl>\n    ';
  if (f.warnings.length)
    meta += `<ul class="warnings">${f.warnings.map((w) => `<li${w.en ? ' lang="en"' : ''}>${esc(w.text)}</li>`).join('')}</ul>`;
  meta += '\n    ';
  if (f.empty) meta += `<p class="muted">(${t('appendix.empty')})</p>`;
  else {
    meta += `<pre class="raw">${f.linesHtml}</pre>`;
    if (!full) meta += `<p class="muted appendix-note">${t('appendix.lines-shown', lines)}</p>`;
  }
  meta += '\n';

  const store = root?.lazy;
  if (store instanceof LazyStore) {
    const id = store.add('a', [meta, String(f.text)]);
    out += `<div class="lazy-body" data-lazy="${id}" data-anchor="${esc(f.anchor)}">${noScriptNote(root?.lang)}</div>`;
  } else out += meta;
  return `${out}  </details>\n`;
}
