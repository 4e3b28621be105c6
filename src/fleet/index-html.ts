/**
 * index.html of a fleet: one row per host, sortable by any column and filterable by text and by
 * severity, offline. Same rules as report.html (src/render/html.ts): a Content-Security-Policy
 * with `default-src 'none'`, the stylesheet and the one script allowed by their sha256 only, no
 * inline style attribute, nothing loaded. Every value from a bundle is escaped; links go to the
 * host's folder, whose name (a slug) is [a-z0-9-] only. Without JavaScript the table is the same,
 * in the order given, and the controls are hidden.
 */
import { type MessageId, type Translator, translator } from '../i18n/index.js';
import { cspFor } from '../render/html.js';
import { type FleetIndex, type FleetRow, SEVERITY_ORDER } from './row.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);
}

const CSS = `
:root{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:14px;color:#1b1f24}
body{margin:1.5rem}
h1{font-size:1.4rem;margin:0 0 .3rem}
.muted{color:#5b6470}
.controls{display:none;margin:.8rem 0;gap:1rem;align-items:center;flex-wrap:wrap}
.dn-js .controls{display:flex}
.controls input[type=search]{min-width:18rem;padding:.2rem .4rem}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d8dde3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7;white-space:nowrap}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.sev{text-align:right}
td.time{white-space:nowrap}
.sev-high{color:#a40e26;font-weight:bold}
.sev-medium{color:#9a4d00;font-weight:bold}
.sev-low{color:#6b5900}
.sev-info{color:#3b4a5a}
.zero{color:#b8bfc7;font-weight:normal}
tr.failed td{background:#fff4f4}
.error{color:#a40e26}
.ports{max-width:22rem}
code{font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.92em}
`;

/**
 * The page's one script (its sha256 is in the CSP): sort by a column (numbers as numbers, empty
 * cells last), filter rows by text (host, engine, ports, networks, error) and by the least
 * severity a host must have a finding of. It reads only the page's own attributes.
 */
export const FLEET_SCRIPT = `(function(){
'use strict';
var table=document.getElementById('fleet');
var body=table.tBodies[0];
var filter=document.getElementById('filter');
var sev=document.getElementById('severity');
var shown=document.getElementById('shown');
var heads=table.tHead.rows[0].cells;
function key(row,col,num){
  var v=row.cells[col].getAttribute('data-sort');
  if(v===null)v=row.cells[col].textContent;
  if(!num)return v.toLowerCase();
  return v===''?null:Number(v);
}
function sortBy(col){
  var th=heads[col];
  var num=th.getAttribute('data-type')==='num';
  var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
  for(var i=0;i<heads.length;i++)heads[i].removeAttribute('aria-sort');
  th.setAttribute('aria-sort',dir);
  var rows=Array.prototype.slice.call(body.rows);
  var sign=dir==='ascending'?1:-1;
  rows.sort(function(a,b){
    var x=key(a,col,num),y=key(b,col,num);
    if(x===y)return Number(a.getAttribute('data-i'))-Number(b.getAttribute('data-i'));
    if(x===null)return 1;
    if(y===null)return -1;
    return (x<y?-1:1)*sign;
  });
  for(var j=0;j<rows.length;j++)body.appendChild(rows[j]);
}
function apply(){
  var q=filter.value.trim().toLowerCase();
  var min=Number(sev.value);
  var n=0;
  for(var i=0;i<body.rows.length;i++){
    var r=body.rows[i];
    var ok=(!q||r.getAttribute('data-search').indexOf(q)!==-1)&&(min<0||Number(r.getAttribute('data-worst'))<=min);
    r.hidden=!ok;
    if(ok)n++;
  }
  shown.textContent=shown.getAttribute('data-text').replace('{n}',n).replace('{total}',body.rows.length);
}
for(var i=0;i<heads.length;i++){
  (function(col){
    var b=heads[col].querySelector('button');
    if(b)b.addEventListener('click',function(){sortBy(col);});
  })(i);
}
filter.addEventListener('input',apply);
sev.addEventListener('change',apply);
apply();
document.documentElement.classList.add('dn-js');
})();`;

interface Column {
  /** The heading's message id. */
  title: MessageId;
  type: 'num' | 'text';
}

const COLUMNS: Column[] = [
  { title: 'fleet.h.host', type: 'text' },
  { title: 'fleet.h.engine', type: 'text' },
  { title: 'fleet.h.running', type: 'num' },
  { title: 'fleet.h.containers', type: 'num' },
  { title: 'fleet.h.networks', type: 'num' },
  { title: 'fleet.h.published', type: 'num' },
  ...SEVERITY_ORDER.map((s): Column => ({ title: `fleet.h.${s}` as MessageId, type: 'num' })),
  { title: 'fleet.h.captured', type: 'text' },
  { title: 'fleet.h.report', type: 'text' },
];

/** Index of the most severe level a host has a finding of (0 high ... 3 info), 4 for none. */
export function worstSeverity(row: FleetRow): number {
  const i = SEVERITY_ORDER.findIndex((s) => (row.findings?.[s] ?? 0) > 0);
  return i === -1 ? SEVERITY_ORDER.length : i;
}

const MAX_PORTS_SHOWN = 12;

function rowHtml(t: Translator, r: FleetRow, i: number): string {
  const search = [
    r.host,
    r.engine,
    r.input,
    r.error,
    ...(r.published?.ports ?? []),
    ...(r.networks?.names ?? []),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  const cells: string[] = [];
  const num = (n: number | undefined, title?: string) =>
    n === undefined
      ? '<td class="num" data-sort="">–</td>'
      : `<td class="num" data-sort="${n}"${title ? ` title="${esc(title)}"` : ''}>${n}</td>`;
  cells.push(
    `<td data-sort="${esc(r.host.toLowerCase())}"><strong>${esc(r.host)}</strong>${
      r.error ? `<div class="error">${esc(r.error)}</div>` : ''
    }<div class="muted"><code>${esc(r.input)}</code></div></td>`,
  );
  cells.push(`<td>${esc(r.engine ?? '')}</td>`);
  cells.push(num(r.containers?.running));
  cells.push(num(r.containers?.total));
  cells.push(num(r.networks?.total, r.networks?.names.join(', ')));
  const ports = r.published?.ports ?? [];
  const more =
    ports.length > MAX_PORTS_SHOWN ? ` ${t('fleet.more', { n: ports.length - MAX_PORTS_SHOWN })}` : '';
  cells.push(
    r.published
      ? `<td class="num ports" data-sort="${r.published.total}">${r.published.total}${
          ports.length
            ? `<div class="muted">${esc(ports.slice(0, MAX_PORTS_SHOWN).join(' '))}${more}</div>`
            : ''
        }</td>`
      : '<td class="num" data-sort="">–</td>',
  );
  for (const s of SEVERITY_ORDER) {
    const n = r.findings?.[s];
    const kinds = (r.findingKinds ?? []).filter((k) => k.severity === s).map((k) => `${k.kind} ×${k.count}`);
    cells.push(
      n === undefined
        ? '<td class="sev" data-sort="">–</td>'
        : `<td class="sev sev-${s}${n === 0 ? ' zero' : ''}" data-sort="${n}"${
            kinds.length ? ` title="${esc(kinds.join(', '))}"` : ''
          }>${n}</td>`,
    );
  }
  cells.push(`<td class="time" data-sort="${esc(r.capturedAt ?? '')}">${esc(r.capturedAt ?? '')}</td>`);
  const f = r.files ?? {};
  const links = (
    [
      ['html', 'HTML'],
      ['md', 'Markdown'],
      ['json', 'JSON'],
      ['pdf', 'PDF'],
    ] as const
  )
    .filter(([k]) => f[k])
    .map(([k, label]) => `<a href="${esc(f[k])}">${label}</a>`)
    .join(' · ');
  cells.push(`<td>${links || `<span class="muted">${esc(t('fleet.no-report'))}</span>`}</td>`);
  return `<tr data-i="${i}" data-worst="${worstSeverity(r)}" data-search="${esc(search)}"${
    r.error ? ' class="failed"' : ''
  }>${cells.join('')}</tr>`;
}

export function renderFleetHtml(index: FleetIndex): string {
  const lang = index.lang ?? 'en';
  const t = translator(lang);
  const hosts = index.hosts;
  const failed = hosts.filter((h) => h.error).length;
  const totals = SEVERITY_ORDER.map(
    (s) => `${hosts.reduce((n, h) => n + (h.findings?.[s] ?? 0), 0)} ${t(`severity.${s}` as MessageId)}`,
  );
  const csp = cspFor(CSS, [FLEET_SCRIPT], false);
  const head = COLUMNS.map(
    (c) => `<th scope="col" data-type="${c.type}"><button type="button">${esc(t(c.title))}</button></th>`,
  ).join('');
  const options = [
    `<option value="-1">${esc(t('fleet.any-host'))}</option>`,
    ...SEVERITY_ORDER.map(
      (s, i) =>
        `<option value="${i}">${esc(t('fleet.at-least', { severity: t(`severity.${s}` as MessageId) }))}</option>`,
    ),
  ].join('');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(t('fleet.title', { n: hosts.length }))}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(t('fleet.title', { n: hosts.length }))}</h1>
<p class="muted">${esc(t('fleet.reports', { n: hosts.length - failed }))}${failed ? `, <span class="error">${esc(t('fleet.failed', { n: failed }))}</span>` : ''}; ${esc(t('fleet.findings', { totals: totals.join(', ') }))} ${esc(t('fleet.generated', { generator: `${index.generator.name} ${index.generator.version}`, at: index.generatedAt }))}</p>
<div class="controls">
<label>${esc(t('fleet.filter'))} <input type="search" id="filter" placeholder="${esc(t('fleet.filter-hint'))}" autocomplete="off"></label>
<label>${esc(t('fleet.show'))} <select id="severity">${options}</select></label>
<span id="shown" class="muted" aria-live="polite" data-text="${esc(t('fleet.shown', { n: '{n}', total: '{total}' }))}"></span>
</div>
<table id="fleet">
<thead><tr>${head}</tr></thead>
<tbody>
${hosts.map((h, i) => rowHtml(t, h, i)).join('\n')}
</tbody>
</table>
<script>${FLEET_SCRIPT}</script>
</body>
</html>
`;
}
