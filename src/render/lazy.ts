/**
 * Compact mode of report.html for big hosts: big tables, the reachability matrix and its paths,
 * and the raw appendix are not written as markup but stored once, gzip-compressed, in
 * `<script type="application/gzip" id="dn-z-...">BASE64</script>` data blocks (a data block is
 * never executed, so the CSP does not apply to it), and filled in when a reader opens them.
 * The page's one script (PAGE_SCRIPT, allowed by its sha256 only) inflates a block with the
 * browser's own `DecompressionStream('gzip')`: no eval, no fetch, no library.
 *
 * Small reports (the slide samples) never use this: `wantsCompact` says when a report is big
 * enough (docs/performance.md, "Big hosts"), and below it the page stays static with no script.
 *
 * Three groups, each one gzip stream of a JSON array, inflated on first use: `t` (tables: HTML),
 * `r` (the reachability matrix and its paths: HTML) and `a` (the appendix: each file's plain
 * text; the page numbers its lines itself, as view.ts's linesHtml does for static pages).
 */
import { once } from 'node:events';
import { createGzip, gzipSync } from 'node:zlib';
import Handlebars from 'handlebars';
import { isLang, translator } from '../i18n/index.js';
import type { Report } from '../report/types.js';

export type LazyGroup = 't' | 'r' | 'a';

/** Above this estimated page size (bytes) report.html switches to the compact mode. */
export const COMPACT_THRESHOLD_BYTES = 3 * 1024 * 1024;

/**
 * Rough size of the static page: raw outputs as numbered lines (~60 bytes of markup per line on
 * top of the text), ~150 bytes per table row, ~250 per reachability cell. The four slide samples
 * estimate ~1.2 MB (static); a 100-container host is above the threshold.
 */
export function estimatePageBytes(report: Report): number {
  let bytes = 0;
  for (const s of report.steps) {
    for (const f of s.files) bytes += f.text.length + 60 * countLines(f.text);
    let rows = s.model.containers.length + s.model.vethLinks.length + s.model.publishedPorts.length;
    for (const ns of s.model.namespaces)
      rows += ns.interfaces.length + ns.routes.length + ns.sockets.length + ns.processes.length;
    bytes += 150 * rows + 250 * (s.analysis?.reach?.cells.length ?? 0);
  }
  return bytes;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function wantsCompact(report: Report): boolean {
  return estimatePageBytes(report) > COMPACT_THRESHOLD_BYTES;
}

const esc = Handlebars.Utils.escapeExpression;

// Level 6: level 1 costs ~20% more bytes for ~half the time; level 9, 4% fewer for 3x.
const GZIP = { level: 6 };

function dataBlock(group: string, zipped: Buffer): string {
  return `<script type="application/gzip" id="dn-z-${group}">${zipped.toString('base64')}</script>`;
}

/**
 * One collapsible block (`{{#lazy}}` in the templates, and the sections written in code): on a
 * static page, or when `inline`, its content as it is; in compact mode a collapsed `<details>`
 * whose content is stored (reserved before the content is made, so that blocks made inside it
 * know their parent) and filled by the page's script when opened.
 */
export function lazyBlock(
  store: unknown,
  lang: unknown,
  opts: { group?: LazyGroup; summary: string; rows?: unknown; inline?: unknown },
  content: () => string,
): string {
  if (!(store instanceof LazyStore) || opts.inline) return content();
  const id = store.reserve(opts.group ?? 't');
  store.fill(id, content());
  const t = translator(isLang(lang) ? lang : 'en');
  const n = opts.rows;
  const rows =
    n === undefined
      ? opts.summary
      : typeof n === 'number'
        ? t('report.lazy-rows', { summary: opts.summary, n })
        : `${opts.summary} (${String(n)})`;
  return `<details class="lazy"><summary>${esc(rows)}</summary><div class="lazy-body" data-lazy="${id}">${noScriptNote(lang)}</div></details>`;
}

/** What a reader without JavaScript sees in place of a stored block. */
export function noScriptNote(lang: unknown): string {
  const t = translator(isLang(lang) ? lang : 'en');
  return `<span class="muted lazy-note">${esc(t('report.lazy-needs-js'))}</span>`;
}

/** A block reserved and never filled: an empty string in the group's array. */
const EMPTY_BLOCK = Buffer.from('""');
const COMMA = Buffer.from(',');

/** The bytes of `[e0,e1,...]` from the elements' JSON bytes, in order. */
function arrayParts(list: Buffer[]): Buffer[] {
  const parts: Buffer[] = [Buffer.from('[')];
  for (const [i, b] of list.entries()) {
    if (i > 0) parts.push(COMMA);
    parts.push(b);
  }
  parts.push(Buffer.from(']'));
  return parts;
}

/** Bytes handed to the compressing thread at a time (one copy of the whole group was ~25 MB). */
const GZIP_BATCH = 1 << 20;

/**
 * The gzip stream of the parts' bytes, compressed on libuv's thread pool in batches: the same
 * bytes as gzip of their concatenation (deflate's output does not depend on how its input was
 * cut when nothing is flushed), without that concatenation.
 */
async function gzipParts(parts: Buffer[]): Promise<Buffer> {
  const z = createGzip(GZIP);
  const out: Buffer[] = [];
  z.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let batch: Buffer[] = [];
  let size = 0;
  const send = async () => {
    if (size === 0) return;
    const chunk = Buffer.concat(batch, size);
    batch = [];
    size = 0;
    if (!z.write(chunk)) await once(z, 'drain');
  };
  for (const p of parts) {
    batch.push(p);
    size += p.length;
    if (size >= GZIP_BATCH) await send();
  }
  await send();
  z.end();
  await ended;
  return Buffer.concat(out);
}

/** The blocks of one page being rendered; the template's `lazy` helper and view.ts fill it. */
export class LazyStore {
  /**
   * Each group's blocks, each already as the UTF-8 bytes of its JSON text (an element of the
   * group's JSON array): encoded when the block is filled, so that the markup, built by many
   * concatenations, is copied once while it is still young garbage and then held outside V8's
   * heap; a group's data block compresses the elements joined by commas (the same bytes as
   * JSON.stringify of the array). Holding the blocks as built and stringifying the arrays at the
   * end kept ~200 MB of string pieces in the heap until the end of the render on the
   * 1,000-container host, and flattened and encoded ~40 MB once more (docs/performance.md).
   */
  private groups: Record<LazyGroup, Buffer[]> = { t: [], r: [], a: [] };
  /** Anchors inside stored HTML blocks -> block id, so that a link to them fills their block. */
  private ids: Record<string, string> = {};
  /** Block -> the block whose content holds its placeholder (blocks nest: a table in a namespace). */
  private parents: Record<string, string> = {};
  private open: string[] = [];

  /**
   * Reserves a block before its content is rendered, so that blocks rendered inside it know
   * their parent; `fill` stores the content. Returns the id (`t3`) the placeholder carries.
   */
  reserve(group: LazyGroup): string {
    const list = this.groups[group];
    const id = `${group}${list.length}`;
    list.push(EMPTY_BLOCK);
    const parent = this.open[this.open.length - 1];
    if (parent) this.parents[id] = parent;
    this.open.push(id);
    return id;
  }

  fill(id: string, content: string | [string, string]): void {
    const group = id.charAt(0) as LazyGroup;
    this.groups[group][Number(id.slice(1))] = Buffer.from(JSON.stringify(content), 'utf8');
    this.open.pop();
    // Anchors inside the block (a reachability path, a namespace) must still be reachable by link;
    // an appendix line's anchor is found from its file's (`<file>-L<n>`).
    const html = typeof content === 'string' ? content : content[0];
    // Every ` id="..."` (as /\sid="([^"]+)"/g), found by indexOf: stored blocks are ~30 MB of
    // markup on a big host, mostly rows without ids.
    for (let at = html.indexOf('id="'); at >= 0; at = html.indexOf('id="', at + 4)) {
      if (at === 0 || !/\s/.test(html.charAt(at - 1))) continue;
      const end = html.indexOf('"', at + 4);
      if (end < 0) break;
      if (end > at + 4) this.ids[html.slice(at + 4, end)] ??= id;
    }
  }

  add(group: LazyGroup, content: string | [string, string]): string {
    const id = this.reserve(group);
    this.fill(id, content);
    return id;
  }

  /**
   * Whether markup rendered now goes into a stored block: the evidence links there leave out their
   * title (html.ts), which repeats their text.
   */
  get inBlock(): boolean {
    return this.open.length > 0;
  }

  get size(): number {
    return this.groups.t.length + this.groups.r.length + this.groups.a.length;
  }

  /** The data blocks, to be placed at the end of the body. */
  dataBlocks(): string {
    return this.streams()
      .map(([g, parts]) => dataBlock(g, gzipSync(Buffer.concat(parts), GZIP)))
      .join('\n');
  }

  /**
   * The same, each group compressed on libuv's thread pool: the groups side by side (~40 MB of
   * JSON on the 1,000-container host), each fed in batches (no copy of a whole group), and the
   * calling thread free meanwhile.
   */
  async dataBlocksAsync(): Promise<string> {
    const zipped = await Promise.all(
      this.streams().map(async ([g, parts]) => dataBlock(g, await gzipParts(parts))),
    );
    return zipped.join('\n');
  }

  /** Each group's JSON bytes and the index's, in the page's order; an empty group has no data block. */
  private streams(): [string, Buffer[]][] {
    const out: [string, Buffer[]][] = [];
    for (const [g, list] of Object.entries(this.groups)) if (list.length > 0) out.push([g, arrayParts(list)]);
    out.push(['i', [Buffer.from(JSON.stringify({ ids: this.ids, parents: this.parents }), 'utf8')]]);
    return out;
  }
}

/**
 * The page's script in compact mode (its sha256 is in the CSP). Opening a collapsed block
 * (`details.lazy`, or an appendix file) or following a link to an anchor that is not in the page
 * yet (an evidence line `#<file>-L<n>`, a reachability path) inflates the block's group once,
 * inserts the block, opens the enclosing details and scrolls to the anchor. `:target` CSS does
 * not re-match an element inserted after navigation, so the target also gets class dn-target.
 */
export const PAGE_SCRIPT = `(function(){
'use strict';
var cache={};
function group(g){
  if(!cache[g]){
    var el=document.getElementById('dn-z-'+g);
    var bin=atob(el.textContent.trim());
    var bytes=new Uint8Array(bin.length);
    for(var i=0;i<bin.length;i++)bytes[i]=bin.charCodeAt(i);
    var stream=new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    cache[g]=new Response(stream).text().then(JSON.parse);
  }
  return cache[g];
}
function lines(pre,text,anchor){
  var ls=text.replace(/\\n$/,'').split('\\n');
  var frag=document.createDocumentFragment();
  for(var n=0;n<ls.length;n++){
    var s=document.createElement('span');s.className='ln';s.id=anchor+'-L'+(n+1);
    var no=document.createElement('span');no.className='n';no.textContent=String(n+1);
    s.appendChild(no);s.appendChild(document.createTextNode(ls[n]+'\\n'));frag.appendChild(s);
  }
  pre.textContent='';pre.appendChild(frag);
}
function fill(el){
  if(!el||el.getAttribute('data-filled'))return Promise.resolve();
  el.setAttribute('data-filled','1');
  var id=el.getAttribute('data-lazy');
  return group(id.charAt(0)).then(function(list){
    var c=list[Number(id.slice(1))];
    if(typeof c==='string'){el.innerHTML=c;return;}
    /* an appendix file: its metadata, then its text as numbered lines */
    el.innerHTML=c[0];
    var pre=el.querySelector('pre.raw');
    if(pre)lines(pre,c[1],el.getAttribute('data-anchor'));
  });
}
function openUp(el){
  for(var p=el;p;p=p.parentElement)if(p.tagName==='DETAILS'&&!p.open)p.open=true;
}
document.addEventListener('toggle',function(e){
  var d=e.target;
  if(d.tagName!=='DETAILS'||!d.open)return;
  var ph=d.querySelector('[data-lazy]:not([data-filled])');
  if(ph&&ph.closest('details')===d)fill(ph);
},true);
/* The index (group i): anchors inside stored blocks -> block, and block -> enclosing block. */
function idx(){return group('i');}
/* Fills block id, and first the blocks that hold its placeholder. */
function ensure(id){
  var ph=document.querySelector('[data-lazy="'+id+'"]');
  if(ph)return fill(ph);
  return idx().then(function(ix){
    var parent=ix.parents[id];
    if(!parent)return undefined;
    return ensure(parent).then(function(){return fill(document.querySelector('[data-lazy="'+id+'"]'));});
  });
}
function show(anchor){
  if(!anchor)return;
  var done=Promise.resolve();
  if(!document.getElementById(anchor))done=idx().then(function(ix){
    if(ix.ids[anchor])return ensure(ix.ids[anchor]);
    /* an appendix line: its file's block, then the file's text */
    var file=anchor.replace(/-L\\d+$/,'');
    return (ix.ids[file]?ensure(ix.ids[file]):Promise.resolve()).then(function(){
      var d=document.getElementById(file);
      return d?fill(d.querySelector('[data-lazy]')):undefined;
    });
  });
  done.then(function(){
    var t=document.getElementById(anchor);
    if(!t)return;
    var old=document.querySelectorAll('.dn-target');
    for(var i=0;i<old.length;i++)old[i].classList.remove('dn-target');
    t.classList.add('dn-target');
    openUp(t);
    t.scrollIntoView();
  });
}
function fromHash(){show(decodeURIComponent(location.hash.slice(1)));}
window.addEventListener('hashchange',fromHash);
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',fromHash);else fromHash();
document.documentElement.classList.add('dn-js');
})();`;
