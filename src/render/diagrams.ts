/**
 * Mermaid source -> SVG, pre-rendered in headless Chromium so the report needs no script to show
 * its diagrams. One browser and one page for all diagrams of a run (loading mermaid is the slow
 * part; a small diagram then renders in ~100-200 ms). The page loads nothing from the network:
 * it is one HTML file with mermaid inlined (diagramPageHtml, mermaid-bundle.ts) whose CSP allows
 * no request, every request is also aborted by blockRequests, and Chromium resolves no host name
 * (launchBrowser).
 *
 * `htmlLabels: false` gives labels as SVG <text>, not HTML in <foreignObject>, so the file also
 * reads in librsvg, Inkscape and office programs. Mermaid draws some failures instead of throwing
 * (a "Syntax error in text" bomb, "Maximum text size in diagram exceeded"): both are detected and
 * reported as errors, never returned as a picture.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'puppeteer';
import { mark } from '../timings.js';
import { blockRequests, launchBrowser } from './browser.js';
import { MAX_TEXT_SIZE, mermaidConfig, svgDataUri } from './diagram-script.js';
import { flowchartBundle } from './mermaid-bundle.js';

export {
  DIAGRAM_FONT,
  MAX_EDGES,
  MAX_TEXT_SIZE,
  mermaidConfig,
  mermaidScriptPath,
  svgDataUri,
} from './diagram-script.js';

export interface RenderedDiagram {
  svg?: string;
  /** The drawn SVG as a PNG (with `png: true`), drawn by the same page (screenshotSvg). */
  png?: Buffer;
  error?: string;
  /** Time spent in mermaid.render for this diagram. */
  ms: number;
}

export interface RenderOptions {
  /** A browser to reuse (one per run: diagrams and PDF share it); it is left open. */
  browser?: Browser;
  /** A page already made by prepareDiagramPage (mermaid loaded while the report was being built); it is closed after. */
  page?: Promise<PreparedPage>;
  /** Several such pages, drawing side by side; all are closed after. */
  pages?: Promise<PreparedPage>[];
  /** Else the browser to launch (and close) for these diagrams. */
  browserPath?: string;
  /** Prefix of the SVG element ids; diagrams inlined in one HTML page need distinct ids. */
  idPrefix?: string;
  /** Seed of mermaid's deterministic ids: the same source and seed give the same SVG bytes. */
  seed?: string;
  /** Called with the URLs the page tried to load (always blocked); tests expect none. */
  onBlocked?: (urls: string[]) => void;
  /** Longest time for one diagram (default 60,000 ms). */
  timeoutMs?: number;
  /** Also screenshot each drawn SVG to a PNG, in the same page (no other browser). */
  png?: boolean;
  /**
   * Leave `page` open for the next call (a fleet run draws every host's figures in one page, so
   * mermaid is loaded once). A page a diagram broke (crash, timeout) is closed all the same: the
   * caller sees `page.isClosed()` and prepares a new one.
   */
  keepPage?: boolean;
}

/** Fonts Debian has (fonts-liberation, fonts-dejavu); the SVG names them for other viewers too. */

/** Texts Mermaid draws instead of the diagram when it fails without throwing. */
const ERROR_PICTURES: readonly [RegExp, string][] = [
  [/Maximum text size in diagram exceeded/i, 'Maximum text size in diagram exceeded'],
  [/Syntax error in text/i, 'Syntax error in text'],
  [/class="error-icon"/, 'mermaid drew its error picture'],
];

/** The text an SVG shows (labels are split into one <tspan> per word), without its CSS. */
export function svgText(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d) % 0x110000))
    .replace(/&amp;/g, '&');
}

export function errorPictureOf(svg: string): string | undefined {
  const text = svgText(svg);
  for (const [re, what] of ERROR_PICTURES) if (re.test(text) || re.test(svg)) return what;
  return undefined;
}

interface MermaidWindow {
  mermaid: {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
}

interface Attempt extends RenderedDiagram {
  /** The page is no longer usable (crashed, or still busy with a diagram that timed out). */
  broken?: boolean;
}

/** What the page drew for one figure, before this process checks it (checkDrawn). */
type Drawn = Attempt | { raw: string; ms: number };

/**
 * Draw one figure in the page. Only the page's part: the SVG's checks (checkDrawn) are made
 * while the page draws the next figure (renderDiagrams).
 */
async function drawOne(page: Page, id: string, source: string, timeoutMs: number): Promise<Drawn> {
  // Mermaid would draw "Maximum text size in diagram exceeded" instead: say it without drawing.
  if (source.length > MAX_TEXT_SIZE) {
    return {
      error: `Maximum text size in diagram exceeded (${source.length} > ${MAX_TEXT_SIZE} characters)`,
      ms: 0,
    };
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let result: { svg?: string; error?: string } | 'timeout';
  try {
    const rendering = page.evaluate(
      async (elementId, text) => {
        const w = window as unknown as MermaidWindow;
        try {
          const { svg } = await w.mermaid.render(elementId, text);
          return { svg };
        } catch (e) {
          // mermaid.render leaves its scratch element behind on a failure.
          document.getElementById(`d${elementId}`)?.remove();
          return { error: e instanceof Error ? e.message : String(e) };
        }
      },
      id,
      source,
    );
    rendering.catch(() => undefined);
    result = await Promise.race([rendering, timeout]);
  } catch (e) {
    return {
      error: `the browser failed: ${e instanceof Error ? e.message : String(e)}`,
      ms: elapsed(),
      broken: true,
    };
  } finally {
    clearTimeout(timer);
  }
  const ms = elapsed();
  // A render that finished after the budget counts as a timeout too: on a loaded machine the
  // event loop can take the page's answer before the (already due) timer, and the outcome of a
  // timeout must not depend on that race.
  if (result === 'timeout' || ms > timeoutMs)
    return { error: `not rendered within ${timeoutMs} ms`, ms, broken: true };
  if (result.error !== undefined) return { error: result.error.split('\n').slice(0, 6).join('\n'), ms };
  return { raw: result.svg ?? '', ms };
}

/** A drawn SVG checked and made safe to inline, or the reason it is not used. */
function checkDrawn(drawn: Drawn): Attempt {
  if (!('raw' in drawn)) return drawn;
  const { raw: svg, ms } = drawn;
  const picture = errorPictureOf(svg);
  if (picture) return { error: picture, ms };
  if (!svg.startsWith('<svg')) return { error: 'mermaid returned no SVG', ms };
  const clean = sanitizeSvg(portable(svg));
  const problems = svgProblems(clean);
  if (problems.length > 0) return { error: `unsafe SVG: ${problems.join('; ')}`, ms };
  return { svg: clean, ms };
}

/**
 * Make the SVG read the same outside browsers:
 * - Mermaid writes a label as one <tspan> per word, each but the first starting with a space.
 *   Browsers keep that space; librsvg (GNOME, LibreOffice, many ticket systems) drops it under
 *   SVG's default whitespace rule and draws "listeningonthehost". `xml:space="preserve"` keeps
 *   the spaces and changes nothing in a browser.
 * - The SVG comes from innerHTML, which writes U+00A0 as `&nbsp;`: not an XML entity, so a
 *   standalone .svg file with it does not parse. `&#160;` does.
 */
export function portable(svg: string): string {
  return svg
    .replace(/<text(?=[\s>])(?![^>]*\sxml:space=)/g, '<text xml:space="preserve"')
    .replace(/&nbsp;/g, '&#160;');
}

/**
 * Render every source to SVG in one browser page, in order. A failing diagram gives `error` and
 * does not stop the others; only a browser that cannot start or load mermaid throws. A diagram
 * that takes longer than `timeoutMs` (default 60 s) leaves the page busy: it and the diagrams
 * after it get an error.
 */
export interface PreparedPage {
  page: Page;
  /** URLs the page tried to load (all blocked). */
  attempted: string[];
}

/**
 * The diagram page's own address when this process serves it (prepareDiagramPage): nothing is
 * fetched from it, blockRequests answers it in this process, and `.invalid` can never resolve
 * (RFC 2606), besides Chromium's rule that resolves no name at all.
 */
export const DIAGRAM_ORIGIN = 'https://mermaid.dockernet.invalid/';
const DIAGRAM_PAGE = `${DIAGRAM_ORIGIN}diagram.html`;

/**
 * A small flowchart with the constructs stepDiagram writes (subgraph, label lines, edge labels,
 * dotted and thick links, classDef/class): drawn once as the page loads, so that mermaid's
 * flowchart code is compiled before the report's figures are waited for. Its SVG is discarded;
 * a figure's bytes depend only on its source, id and seed (checked by tests).
 */
const WARM_UP = `flowchart LR
  a{{"LAN<br/>gateway"}}
  subgraph g["host"]
    b["eth0<br/>10.0.0.2/24"]
    c[["docker0 (bridge)"]]
  end
  b -.-|"routed"| c
  a ---|"default route"| b
  b ==> c
  b ~~~ c
  classDef x fill:#fafafa,stroke:#616161,stroke-width:1px,color:#212121
  class g x
  class c x`;

/** A script's text as it may stand inside <script>...</script>. */
function inlineScript(text: string): string {
  return text.replace(/<\/script/gi, '<\\/script');
}

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The diagram page: mermaid for flowcharts (mermaid-bundle.ts) and a script that initialises it
 * and draws the warm-up figure; `window.dockernetReady` is the promise of that ('ok', or the
 * error's text). The page needs nothing else: its CSP allows only these two scripts, inline
 * styles (mermaid writes a <style> into each SVG) and data: images (the PNGs are drawn from a
 * data: URI), so it can load nothing even when no request interception is in place yet (the
 * pages Chromium opens from its command line, see spawnChromium). The icon link keeps Chromium
 * from asking for /favicon.ico.
 */
export function diagramPageHtml(bundle: string, seed?: string): string {
  const mermaidScript = inlineScript(bundle);
  const init = inlineScript(
    `mermaid.initialize(${JSON.stringify(mermaidConfig(seed))});` +
      `window.dockernetReady=mermaid.render('dockernet-warm-up',${JSON.stringify(WARM_UP)}).then(` +
      `function(){var e=document.getElementById('ddockernet-warm-up');if(e)e.remove();return 'ok';},` +
      `function(e){return 'mermaid failed: '+(e&&e.message||e);});`,
  );
  const csp = `default-src 'none'; script-src ${cspHash(mermaidScript)} ${cspHash(init)}; style-src 'unsafe-inline'; img-src data:`;
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}"><link rel="icon" href="data:,">` +
    `</head><body><script>${mermaidScript}</script><script>${init}</script></body></html>`
  );
}

/** Wait until a diagram page has mermaid ready (its warm-up figure drawn); throws if it failed. */
async function pageReady(page: Page, timeoutMs = 60_000): Promise<void> {
  // Polled on DOM changes (the warm-up figure makes some), not on a timer; a page that is still
  // navigating from its initial empty document gets the check again in its new document.
  const handle = await page.waitForFunction('window.dockernetReady', {
    polling: 'mutation',
    timeout: timeoutMs,
  });
  // The poller awaits the promise: the handle holds its value ('ok' or the error's text).
  const status = await handle.jsonValue();
  await handle.dispose();
  if (status !== 'ok') throw new Error(`the diagram page did not start: ${String(status)}`);
}

/**
 * A page with mermaid loaded, initialised and warmed up, served by this process at
 * DIAGRAM_ORIGIN (a tab of a browser the CLI did not start with its diagram pages, a fleet's
 * replacement for a page a diagram broke, a run with its own seed).
 */
export async function prepareDiagramPage(browser: Browser, seed?: string): Promise<PreparedPage> {
  const page = await unusedPage(browser);
  const html = diagramPageHtml(await flowchartBundle(), seed);
  const attempted = await blockRequests(page, [], (url) =>
    url === DIAGRAM_PAGE ? { contentType: 'text/html; charset=utf-8', body: html } : undefined,
  );
  await page.goto(DIAGRAM_PAGE, { waitUntil: 'load' });
  await pageReady(page);
  return { page, attempted };
}

/**
 * The diagram pages Chromium opened from its command line (spawnChromium's `startPage`), each
 * loading mermaid while Node was still starting, connecting and reading the bundles. A page
 * that is missing (Chromium did not open it) is made the slow way.
 */
export function adoptStartPages(browser: Browser, urls: readonly string[]): Promise<PreparedPage>[] {
  // The pages there are right after connecting are the tabs Chromium opened from its command
  // line (nothing else has made one yet); under load a tab may not have committed its file://
  // URL yet, so they are not told apart by URL. Listing them attaches to them, which waits while
  // a tab is busy loading mermaid: the caller gets its promises at once and does its own work
  // meanwhile (the PDF's draft page).
  const tabs = browser.pages().then((pages) => pages.filter((p) => !claimed.has(p)));
  tabs.catch(() => undefined);
  return urls.map(async (url, i) => {
    const page = (await tabs)[i];
    if (!page) return prepareDiagramPage(browser);
    claimed.add(page);
    // Nothing is loaded by the page (its CSP), but what a figure might try is blocked and listed.
    const attempted = await blockRequests(page, [url.replace(/#.*$/, '')]);
    await pageReady(page);
    mark(`diagram page ${i + 1} ready`);
    return { page, attempted };
  });
}

/** Pages taken as diagram pages: each is taken once. */
const claimed = new WeakSet<Page>();

/**
 * A new page for prepareDiagramPage. Never a page found in the browser: another part of the
 * run may have just made it (the PDF's page), and two owners of one page broke both (seen in
 * CI: a diagram page made of the PDF's draft page, closed under it when the PDF was printed).
 */
async function unusedPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  claimed.add(page);
  return page;
}

export async function renderDiagrams(sources: string[], opts: RenderOptions): Promise<RenderedDiagram[]> {
  const given = opts.pages ?? (opts.page ? [opts.page] : undefined);
  if (sources.length === 0) {
    if (!opts.keepPage)
      for (const p of given ?? [])
        await (await p.catch(() => undefined))?.page.close().catch(() => undefined);
    return [];
  }
  if (!opts.browser && !opts.browserPath) throw new Error('renderDiagrams needs a browser or a browserPath');
  const browser = opts.browser ?? (await launchBrowser(opts.browserPath!));
  const pending = given ?? [prepareDiagramPage(browser, opts.seed)];
  try {
    const prefix = safeIdPrefix(opts.idPrefix ?? 'dockernet-diagram');
    const out: RenderedDiagram[] = new Array(sources.length);
    // Biggest sources first, each to the next free page: the pages finish about together.
    const queue = [...sources.keys()].sort((x, y) => sources[y]!.length - sources[x]!.length);
    const attempted: string[] = [];
    let loaded = 0;
    let lastError: unknown;
    // One worker per page; a page that breaks (timeout, crash) stops taking figures, and the
    // figures no page could draw get an error naming why.
    let broken: string | undefined;
    const worker = async (ready: Promise<PreparedPage>) => {
      let prepared: PreparedPage;
      try {
        prepared = await ready;
        loaded++;
      } catch (e) {
        lastError = e;
        return;
      }
      const { page } = prepared;
      // `dockernet fleet` keeps a page that still works for the next host (keepPage).
      let pageBroken = false;
      const seen = prepared.attempted.length;
      // A figure's PNG is made while the page already draws the next figure (not awaited in
      // turn): the page does not wait for this process between figures. Each PNG still comes
      // from its own figure's SVG file, and all are in before the page is given up.
      const pngs: Promise<void>[] = [];
      const draw = (i: number) => drawOne(page, `${prefix}-${i + 1}`, sources[i]!, opts.timeoutMs ?? 60_000);
      try {
        let i = queue.shift();
        let drawing = i === undefined ? undefined : draw(i);
        while (i !== undefined && drawing !== undefined) {
          const drawn = await drawing;
          const current = i;
          // The page starts the next figure before this process checks the one it drew (the
          // checks of a slide figure's SVG took 7-20 ms, the page waited for them before).
          i = 'broken' in drawn && drawn.broken ? undefined : queue.shift();
          drawing = i === undefined ? undefined : draw(i);
          if (drawing) await new Promise((resolve) => setImmediate(resolve));
          const { broken: fatal, ...r } = checkDrawn(drawn);
          if (r.svg && opts.png) {
            pngs.push(
              screenshotSvg(page, svgFile(r.svg)).then(
                (png) => {
                  r.png = png;
                },
                (e: unknown) => {
                  r.error = `the PNG could not be made: ${e instanceof Error ? e.message : String(e)}`;
                },
              ),
            );
          }
          out[current] = r;
          if (fatal) {
            pageBroken = true;
            broken ??= `diagram ${current + 1} broke the page (${r.error})`;
            return;
          }
        }
      } finally {
        // A broken page may never answer again (a figure still running): it is closed first, so
        // a PNG it still owed ends with an error instead of a wait without end.
        if (pageBroken) await page.close().catch(() => undefined);
        await Promise.all(pngs);
        // Only this run's attempts: a kept page carries those of earlier runs.
        attempted.push(...prepared.attempted.slice(seen));
        if (!opts.keepPage && !pageBroken) await page.close().catch(() => undefined);
      }
    };
    await Promise.all(pending.map(worker));
    // Only a browser that cannot load mermaid at all throws (as before: the run says why).
    if (loaded === 0) throw lastError;
    for (const i of sources.keys()) out[i] ??= { error: `not rendered: ${broken ?? 'no page left'}`, ms: 0 };
    opts.onBlocked?.(attempted);
    return out;
  } finally {
    if (!opts.browser) await browser.close().catch(() => undefined);
  }
}

/**
 * A standalone SVG file -> PNG, by the page that drew it: the file is parsed as XML (as any SVG
 * viewer would read it, so a file that is not well-formed fails here), then drawn as an image
 * (a data: URI, which runs no script and loads nothing) at its own size on white into a canvas,
 * encoded by the canvas. Measured here: ~25 ms a figure, where an element screenshot took
 * ~150 ms (a frame captured and sent per figure).
 */
async function screenshotSvg(page: Page, file: string): Promise<Buffer> {
  const png = await page.evaluate(
    async (markup, uri) => {
      const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
      const error = doc.getElementsByTagName('parsererror')[0];
      if (error) throw new Error(`the SVG file is not well-formed XML: ${error.textContent?.slice(0, 200)}`);
      const img = new Image();
      img.src = uri;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) throw new Error('the SVG has no size to draw');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0);
      return canvas.toDataURL('image/png');
    },
    file,
    svgDataUri(file),
  );
  const prefix = 'data:image/png;base64,';
  if (!png.startsWith(prefix)) throw new Error('the canvas gave no PNG');
  return Buffer.from(png.slice(prefix.length), 'base64');
}

/** A standalone .svg file: XML declaration, a fixed size from the viewBox instead of width="100%". */
export function svgFile(svg: string): string {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const box = /\sviewBox="([-\d.e]+)[\s,]+([-\d.e]+)[\s,]+([\d.e]+)[\s,]+([\d.e]+)"/.exec(root);
  let head = root.replace(/\sstyle="max-width:[^"]*"/, '');
  if (box) {
    const size = `width="${Math.ceil(Number(box[3]))}" height="${Math.ceil(Number(box[4]))}"`;
    head = /\swidth="[^"]*"/.test(head)
      ? head.replace(/\swidth="[^"]*"/, ` ${size}`)
      : head.replace(/^<svg/, `<svg ${size}`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}${svg.slice(root.length)}\n`;
}

function safeIdPrefix(p: string): string {
  const clean = p.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(clean) ? clean : `d-${clean}`;
}

// ---------------------------------------------------------------------------------------------
// Making an SVG safe to inline in the report.
//
// Mermaid in strict mode already escapes label text (a label "<script>" is the text &lt;script&gt;)
// and, with htmlLabels off, emits no <foreignObject>. This is the second line, applied to its
// serialised output: a small tokenizer over tags (the serializer quotes every attribute value)
// that keeps only drawing elements and drops what could run or fetch: script and foreign
// content, animation elements (they can rewrite an href), on* handlers, any href that is not a
// #fragment, url(...) that is not url(#...), @import, javascript: anywhere. svgProblems() then
// checks the result independently; renderDiagrams returns an error rather than an SVG it flags.

const DROP_WITH_CONTENT = new Set([
  'script',
  'foreignobject',
  'iframe',
  'object',
  'embed',
  'audio',
  'video',
  'canvas',
  'image',
  'feimage',
  'animate',
  'animatemotion',
  'animatetransform',
  'animatecolor',
  'set',
  'discard',
  'handler',
  'listener',
  'template',
  'noscript',
  'math',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
]);

/** What Mermaid flowcharts draw with; anything else loses its tag (its text stays, escaped). */
const SAFE_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'style',
  'title',
  'desc',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'marker',
  'clippath',
  'mask',
  'pattern',
  'lineargradient',
  'radialgradient',
  'stop',
  'use',
  'symbol',
  'filter',
  'feblend',
  'fecolormatrix',
  'fecomposite',
  'feflood',
  'fegaussianblur',
  'femerge',
  'femergenode',
  'feoffset',
  'fedropshadow',
]);

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|<\/?[A-Za-z][^\s/>]*(?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*\/?>/g;
const ATTR = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'to', 'from', 'values', 'begin', 'end']);

interface Tag {
  raw: string;
  /** Lower-case local name (`xlink:href` -> `href` for attributes, `svg:g` -> `g` for elements). */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: { name: string; value: string | undefined }[];
}

function localName(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes(':') ? lower.slice(lower.indexOf(':') + 1) : lower;
}

/** Walk markup: `text` for text between tags, `tag` for tags; comments, CDATA and `<!...>`/`<?...>` are skipped. */
function walk(svg: string, text: (t: string) => void, tag: (t: Tag) => void): void {
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(svg); m; m = TOKEN.exec(svg)) {
    if (m.index > last) text(svg.slice(last, m.index));
    last = m.index + m[0].length;
    const raw = m[0];
    if (raw.startsWith('<!') || raw.startsWith('<?')) continue;
    const closing = raw.startsWith('</');
    const head = /^<\/?([^\s/>]+)/.exec(raw)!;
    const selfClosing = raw.endsWith('/>');
    const attrs: Tag['attrs'] = [];
    for (const a of raw.slice(head[0].length, selfClosing ? -2 : -1).matchAll(ATTR)) {
      const v = a[2];
      attrs.push({ name: a[1]!, value: v === undefined ? undefined : v.replace(/^["']|["']$/g, '') });
    }
    tag({ raw, name: head[1]!, closing, selfClosing, attrs });
  }
  if (last < svg.length) text(svg.slice(last));
}

/** Entities and whitespace undone, lower-cased: how a browser would read a URL or CSS value. */
function normalised(value: string): string {
  return (
    value
      .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) =>
        String.fromCodePoint(Number.parseInt(h, 16) % 0x110000),
      )
      .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d) % 0x110000))
      .replace(/&colon;/gi, ':')
      .replace(/&lpar;/gi, '(')
      .replace(/&(tab|newline);/gi, '')
      .replace(/\\/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these inside URL schemes
      .replace(/[\s\u0000-\u001f]+/g, '')
      .toLowerCase()
  );
}

function cssProblems(css: string): string[] {
  const c = normalised(css);
  const out: string[] = [];
  if (/url\((?!['"]?#)/.test(c)) out.push('url() to a non-fragment');
  if (c.includes('@import')) out.push('@import');
  if (c.includes('javascript:')) out.push('javascript: URL');
  if (c.includes('expression(') || c.includes('-moz-binding') || c.includes('behavior:'))
    out.push('scripted CSS');
  return out;
}

function cleanCss(css: string): string {
  if (cssProblems(css).length === 0) return css;
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\s*\([^)]*\)/gi, (u) => (/^url\s*\(\s*['"]?#/i.test(u) ? u : 'none'))
    .replace(/expression\s*\(/gi, 'invalid(')
    .replace(/javascript\s*:/gi, 'invalid:')
    .replace(/behavior\s*:/gi, 'invalid:')
    .replace(/-moz-binding/gi, 'invalid');
}

/**
 * A value with no `&`, `\\`, `:`, `(` or control character: `normalised` would only take its
 * white space out and lower-case it, so it can hold no scheme, entity or url(). Most of an SVG's
 * values are such (path data, coordinates, classes), and normalising each of them was most of
 * the time of checking a figure.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters make a value not plain
const PLAIN_VALUE = /^[^&\\:(\u0000-\u001f]*$/;

function attrProblem(name: string, value: string | undefined): string | undefined {
  const local = localName(name);
  if (local.startsWith('on')) return `event handler attribute ${name}`;
  if (value === undefined) return undefined;
  // The same answer as below for a plain value (a style's CSS is always checked in full).
  if (local !== 'style' && PLAIN_VALUE.test(value))
    return URL_ATTRS.has(local) && !value.replace(/\s+/g, '').startsWith('#')
      ? `external reference ${name}="${value}"`
      : undefined;
  const v = normalised(value);
  if (URL_ATTRS.has(local) && !v.startsWith('#')) return `external reference ${name}="${value}"`;
  if (v.includes('javascript:') || v.includes('vbscript:') || v.includes('data:text/html'))
    return `script URL in ${name}`;
  if (/url\((?!['"]?#)/.test(v)) return `url() to a non-fragment in ${name}`;
  if (local === 'style' && cssProblems(value).length > 0) return `unsafe style attribute`;
  return undefined;
}

/**
 * Make an SVG produced by mermaid safe to inline in an HTML page: only drawing elements, no
 * script, no event handler, no external reference. Text content is kept as serialized (escaped).
 */
export function sanitizeSvg(svg: string): string {
  let out = '';
  let dropping: { name: string; depth: number } | undefined;
  let inStyle = false;
  walk(
    svg,
    (text) => {
      if (!dropping) out += inStyle ? cleanCss(text) : text.replace(/</g, '&lt;');
    },
    (t) => {
      const name = localName(t.name);
      if (dropping) {
        if (name === dropping.name && !t.selfClosing) dropping.depth += t.closing ? -1 : 1;
        if (dropping.depth === 0) dropping = undefined;
        return;
      }
      if (DROP_WITH_CONTENT.has(name)) {
        if (!t.closing && !t.selfClosing) dropping = { name, depth: 1 };
        return;
      }
      if (!SAFE_ELEMENTS.has(name)) return;
      if (name === 'style') inStyle = !t.closing && !t.selfClosing;
      if (t.closing) {
        out += `</${t.name}>`;
        return;
      }
      const kept = t.attrs
        .filter((a) => attrProblem(a.name, a.value) === undefined)
        .map((a) => (a.value === undefined ? a.name : `${a.name}="${a.value.replace(/"/g, '&quot;')}"`));
      out += `<${t.name}${kept.length ? ` ${kept.join(' ')}` : ''}${t.selfClosing ? '/>' : '>'}`;
    },
  );
  return out;
}

/** What makes an SVG unsafe to inline: empty when it is clean. Label text is not looked at. */
export function svgProblems(svg: string): string[] {
  const problems = new Set<string>();
  let inStyle = false;
  walk(
    svg,
    (text) => {
      if (inStyle) for (const p of cssProblems(text)) problems.add(`<style>: ${p}`);
    },
    (t) => {
      const name = localName(t.name);
      if (DROP_WITH_CONTENT.has(name)) problems.add(`<${name}> element`);
      else if (!SAFE_ELEMENTS.has(name)) problems.add(`unexpected <${name}> element`);
      if (name === 'style') inStyle = !t.closing && !t.selfClosing;
      for (const a of t.attrs) {
        const p = attrProblem(a.name, a.value);
        if (p) problems.add(p);
      }
    },
  );
  return [...problems];
}

/** The contents of the SVG's <style> elements: a page whose CSP allows styles by hash needs them. */
export function svgStyles(svg: string): string[] {
  return [...svg.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!);
}
