/**
 * One namespace's section of report.html (`{{> namespace}}` in step.hbs), written in code: a
 * 1,000-container host has a section per container, and Handlebars' lookups, helper calls and
 * `each` over ~15 small tables and labels per section were the largest part of the HTML render
 * left after the big tables (docs/performance.md, "The 1,000-container host"). The markup is the
 * one templates/partials/namespace.hbs had, byte for byte (whitespace included); every value is
 * escaped with Handlebars' own escapeExpression, and each label comes from the catalog as the
 * template's `t` helper gave it.
 */
import Handlebars from 'handlebars';
import { isLang, type MessageId, type MessageValue, translator } from '../i18n/index.js';
import { lazyBlock } from './lazy.js';
import { evidenceHtml, tableRows } from './rows.js';
import type { NamespaceView } from './view.js';

const esc = (v: unknown) => Handlebars.Utils.escapeExpression(v as string);

/** Helper and partial options: only the root data (the page's `lazy` store and `lang`) is used. */
interface Data {
  data?: { root?: { lazy?: unknown; lang?: unknown } };
}

/** A `{{t}}` parameter as the helper passes it: numbers as they are, anything else as text. */
const param = (v: unknown): MessageValue => (typeof v === 'number' ? v : String(v ?? ''));

export function namespaceHtml(ns: NamespaceView, options: Data): string {
  const root = options.data?.root;
  const lang = isLang(root?.lang) ? root.lang : 'en';
  const tr = translator(lang);
  const t = (id: MessageId, params?: Record<string, unknown>) =>
    esc(tr(id, params ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, param(v)])) : {}));
  const lazy = (summary: string, rows: unknown, inline: unknown, content: () => string) =>
    lazyBlock(root?.lazy, root?.lang, { summary, rows, inline }, content);
  const th = (ids: (MessageId | string)[]) =>
    ids.map((id) => `<th>${id.includes('.') ? t(id as MessageId) : id}</th>`).join('');

  let out = `<section class="ns ns-${esc(ns.kind)}" id="${esc(ns.anchor)}">\n  <h3>${esc(ns.title)}</h3>\n`;
  out += lazy(ns.lazySummary, undefined, ns.lazyInline, () => {
    let s = `  ${ns.captured ? `<p class="muted">${t('ns.captured-here', { what: ns.captured })}</p>` : ''}\n\n`;

    s += `  <h4>${t('label.interfaces')}</h4>\n`;
    if (ns.hasInterfaces) {
      s += lazy(tr('label.interfaces'), ns.interfaces.length, ns.interfacesInline, () => {
        let b = '  <table class="data interfaces">\n';
        b += `    <thead><tr><th>#</th>${th(['label.name', 'label.kind', 'label.state', 'label.flags', 'MTU', 'MAC', 'label.master', 'label.peer', 'label.addresses', 'label.evidence'])}</tr></thead>\n    <tbody>\n`;
        for (const i of ns.interfaces) {
          b += `      <tr><td>${esc(i.ifindex)}</td><td><code>${esc(i.name)}</code></td><td>${esc(i.kind)}</td><td><span class="state ${esc(i.stateClass)}">${esc(i.state)}</span></td><td class="flags">${i.flagList.map(esc).join(',<wbr>')}</td><td>${esc(i.mtu)}</td><td><code>${esc(i.mac)}</code></td><td>${esc(i.master)}</td><td>${esc(i.peer)}</td><td>${i.addresses.map((a) => `<code>${esc(a)}</code><br>`).join('')}</td><td>${evidenceHtml(i.ev, options)}</td></tr>\n`;
        }
        return `${b}    </tbody>\n  </table>\n`;
      });
      s += '  ';
    } else s += `<p class="muted">${t('ns.no-interfaces')}</p>`;
    s += '\n\n';

    s += `  <h4>${t('label.bridges')}</h4>\n`;
    if (ns.hasBridges) {
      s += '  <table class="data bridges">\n';
      s += `    <thead><tr>${th(['label.bridge', 'label.bridge-id', 'STP', 'label.state', 'label.addresses', 'label.ports', 'label.docker-network', 'label.evidence'])}</tr></thead>\n    <tbody>\n`;
      for (const b of ns.bridges) {
        const ports = b.ports.length
          ? b.ports.map((p) => `<code>${esc(p)}</code><br>`).join('')
          : `<span class="muted">${t('ns.no-ports')}</span>`;
        s += `      <tr><td><code>${esc(b.name)}</code></td><td><code>${esc(b.bridgeId)}</code></td><td>${esc(b.stp)}</td><td><span class="state ${esc(b.stateClass)}">${esc(b.state)}</span></td><td>${b.addresses.map((a) => `<code>${esc(a)}</code><br>`).join('')}</td><td>${ports}</td><td>${esc(b.dockerNetwork)}</td><td>${evidenceHtml(b.ev, options)}</td></tr>\n`;
      }
      s += '    </tbody>\n  </table>\n  ';
    } else s += `<p class="muted">${t('ns.no-bridges')}</p>`;
    s += '\n\n';

    s += `  <h4>${t('ns.routing-tables')}</h4>\n`;
    if (ns.hasRoutes) {
      s += lazy(tr('label.routes'), ns.routeCount, ns.routesInline, () => {
        let b = '';
        for (const rt of ns.routeTables) {
          b += `  ${rt.printSummary ? `<p class="print-only routes-summary"><strong>${t('ns.table', { table: rt.table })}</strong>: ${t('ns.routes-summary', { n: rt.routes.length, types: rt.typesText })}</p>` : ''}\n`;
          b += `  <table class="data routes${rt.printSummary ? ' screen-only' : ''}">\n    <caption>${t('ns.table', { table: rt.table })}</caption>\n`;
          b += `    <thead><tr>${th(['label.type', 'label.destination', 'label.via', 'Dev', 'Proto', 'Scope', 'Src', 'label.flags', 'label.evidence'])}</tr></thead>\n    <tbody>\n`;
          b += `${tableRows('route', rt.routes, options)}\n    </tbody>\n  </table>\n`;
        }
        return b;
      });
      s += '  ';
    } else s += `<p class="muted">${t('ns.no-routes')}</p>`;
    s += '\n\n';

    s += `  <h4>${t('label.sockets')}</h4>\n`;
    if (ns.hasSockets) {
      s += lazy(tr('label.listening-sockets'), ns.listening.length, ns.listeningInline, () => {
        let b = `  <table class="data sockets listening">\n    <caption>${t('ns.listening', { n: ns.listening.length })}</caption>\n`;
        b += `    <thead><tr>${th(['Proto', 'label.local-address', 'label.port', 'label.bound-to', 'label.state', 'label.pid-program', 'label.process', 'label.evidence'])}</tr></thead>\n    <tbody>\n`;
        return `${b}${tableRows('listening', ns.listening, options)}\n    </tbody>\n  </table>\n`;
      });
      s += `  ${ns.listeningMore ? `<p class="print-only more">${t('ns.more-listening', { n: ns.listeningMore })}</p>` : ''}\n`;
      s += lazy(tr('ns.connected-summary'), ns.connected.length, ns.connectedInline, () => {
        let b = `  <table class="data sockets connected">\n    <caption>${t('ns.connected', { n: ns.connected.length })}</caption>\n`;
        b += `    <thead><tr>${th(['Proto', 'label.local-address', 'label.foreign-address', 'label.state', 'label.pid-program', 'label.process', 'label.evidence'])}</tr></thead>\n    <tbody>\n`;
        b += ns.connected.length
          ? `${tableRows('connected', ns.connected, options)}\n`
          : `      <tr><td colspan="7" class="muted">${t('label.none')}</td></tr>\n`;
        return `${b}    </tbody>\n  </table>\n`;
      });
      s += `  ${ns.connectedMore ? `<p class="print-only more">${t('ns.more-sockets', { n: ns.connectedMore })}</p>` : ''}\n  `;
    } else s += `<p class="muted">${t('ns.no-sockets')}</p>`;
    s += '\n\n';

    if (ns.hasProcesses) {
      s += `  <details class="processes">\n    <summary>${t('ns.processes', { n: ns.processCount })}</summary>\n`;
      s += lazy(tr('label.processes'), ns.processCount, ns.processesInline, () => {
        let b = `    <table class="data process-list${ns.processSummary ? ' screen-only' : ''}">\n`;
        b += `      <thead><tr>${th(['PID', 'PPID', 'label.user', 'label.command', 'label.evidence'])}</tr></thead>\n      <tbody>\n`;
        return `${b}${tableRows('process', ns.processes, options)}\n      </tbody>\n    </table>\n`;
      });
      const sum = ns.processSummary;
      s += `    ${sum ? `<p class="print-only more">${t('ns.process-summary', { kernel: sum.kernelThreads, user: sum.userCount, programs: sum.programs })}</p>` : ''}\n  </details>\n`;
    }
    return s;
  });
  return `${out}</section>\n`;
}
