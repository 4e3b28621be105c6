/**
 * Diagrams rendered to SVG in real headless Chromium (every request blocked and, as root, inside
 * a namespace without network): the course steps, a big aggregated host and the injection
 * corpus. Every SVG is produced, is not one of Mermaid's error pictures, and holds nothing that
 * could run or fetch; the page loaded nothing. The SVG sanitizer is also tested on its own.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockRequests, launchBrowser } from '../src/render/browser.js';
import {
  DIAGRAM_ORIGIN,
  diagramPageHtml,
  errorPictureOf,
  mermaidConfig,
  mermaidScriptPath,
  prepareDiagramPage,
  type RenderedDiagram,
  renderDiagrams,
  sanitizeSvg,
  svgDataUri,
  svgFile,
  svgProblems,
  svgStyles,
  svgText,
} from '../src/render/diagrams.js';
import { stepDiagram } from '../src/render/mermaid/index.js';
import {
  bigHost,
  HOSTILE_NAMES,
  hostileModel,
  step1,
  step2,
  step3,
  step4,
} from './fixtures-mermaid/models.js';
import { missing, testBrowserPath } from './support/env.js';

const browserPath = testBrowserPath();
const skip = missing({ chromium: browserPath !== undefined });

describe('sanitizeSvg', () => {
  const evil = [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" id="d1">',
    '<style>@import url(https://x.example/a.css); #d1 .a{fill:url(https://x.example/p.png)} #d1 .b{fill:url(#grad)}</style>',
    '<script>alert(1)</script><script/>',
    '<g class="node" onclick="alert(1)" ONMOUSEOVER=\'alert(2)\'><rect width="10" style="fill:red;background:url(http://x)"/>',
    '<a href="javascript:alert(1)"><text x="1">link &lt;script&gt;</text></a>',
    '<use xlink:href="https://x.example/s.svg#a"/><use href="#local"/>',
    '<image href="https://x.example/i.png"/><feImage href="http://x"/>',
    '<animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onclick" to="alert(1)"/>',
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject>',
    '<iframe src="https://x.example"></iframe><!-- <script>alert(1)</script> -->',
    '<path d="M0 0" marker-end="url(#arrow)" fill="url( &#104;ttp://x )"/>',
    '<text>javascript:alert(1) onload=alert(1) &lt;script&gt;</text></g></svg>',
  ].join('');

  it('drops what could run or fetch and keeps the drawing', () => {
    expect(svgProblems(evil).length).toBeGreaterThan(8);
    const clean = sanitizeSvg(evil);
    expect(svgProblems(clean)).toEqual([]);
    const tags = clean.replace(/>[^<]*</g, '><');
    expect(tags).not.toMatch(
      /<script|<foreignObject|<iframe|<image|<animate|<set\b|onload|onclick|onmouseover/i,
    );
    expect(clean).not.toMatch(/https?:\/\/x\.example|javascript:alert\(1\)"|@import/);
    expect(clean).toContain('<rect width="10"/>');
    expect(clean).toContain('<use href="#local"/>');
    expect(clean).toContain('marker-end="url(#arrow)"');
    expect(clean).toContain('#d1 .b{fill:url(#grad)}');
    // Label text stays text, escaped as it was.
    expect(clean).toContain('<text x="1">link &lt;script&gt;</text>');
    expect(clean).toContain('<text>javascript:alert(1) onload=alert(1) &lt;script&gt;</text>');
    expect(svgStyles(clean)).toHaveLength(1);
  });

  it('judges href-like values without a scheme, entity or url() as the full check does', () => {
    // Values with none of & \\ : ( take a shorter path (diagrams.ts PLAIN_VALUE): an href that
    // is not a #fragment is still an external reference, with or without white space around it.
    const uses = [
      ['<use href="//x.example/s.svg"/>', true],
      ['<use href="x.example/s.svg#a"/>', true],
      ['<use xlink:href="  #local"/>', false],
      ['<use href="\u2028\u00a0#local"/>', false],
      ['<use href="\u2028x#local"/>', true],
      ['<use href="&#35;local"/>', false],
      ['<use href="&#104;ttps://x.example/s.svg"/>', true],
      ['<use href="#a" style="-moz-binding"/>', true],
      ['<rect class="a b" fill="#fff" d="M0 0 L1 1"/>', false],
    ] as const;
    for (const [tag, flagged] of uses) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg">${tag}</svg>`;
      expect(svgProblems(svg).length > 0, tag).toBe(flagged);
      expect(svgProblems(sanitizeSvg(svg)), tag).toEqual([]);
    }
  });

  it('makes a standalone file with a fixed size', () => {
    const svg =
      '<svg id="d1" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 812.5px;" viewBox="0 0 812.5 300.25"><g/></svg>';
    expect(svgFile(svg)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg id="d1" width="813" height="301" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 812.5 300.25"><g/></svg>\n',
    );
    expect(svgDataUri('<svg/>')).toBe(
      `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`,
    );
  });

  it('recognises Mermaid error pictures', () => {
    expect(errorPictureOf('<svg><g><text class="error-text">Syntax error in text</text></g></svg>')).toBe(
      'Syntax error in text',
    );
    expect(errorPictureOf('<svg><text>Maximum text size in diagram exceeded</text></svg>')).toBe(
      'Maximum text size in diagram exceeded',
    );
    expect(errorPictureOf('<svg><style>#a .error-icon{fill:#552222;}</style><g/></svg>')).toBeUndefined();
  });
});

describe('diagramPageHtml: the page the figures are drawn in', () => {
  const scripts = (html: string) => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

  it('allows its two scripts by hash, inline styles and data: images, and nothing else', () => {
    const html = diagramPageHtml('globalThis.mermaid = {};', 'seed');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    const [bundle, init] = scripts(html);
    expect(bundle).toBe('globalThis.mermaid = {};');
    expect(init).toContain('"deterministicIDSeed":"seed"');
    expect(csp).toBe(
      `default-src 'none'; script-src ${hash(bundle!)} ${hash(init!)}; style-src 'unsafe-inline'; img-src data:`,
    );
    expect(html).toContain('<link rel="icon" href="data:,">');
  });

  it('keeps a seed or a bundle holding </script> inside its script', () => {
    const html = diagramPageHtml('var a = "</script><script>alert(1)</script>";', '</script><img src=x>');
    // Only the two real ends of scripts: the page's markup cannot be closed from inside.
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html.endsWith('</script></body></html>')).toBe(true);
    expect(scripts(html)[1]).toContain('<\\/script><img src=x>');
    const csp = /content="([^"]*)"/.exec(html)![1]!;
    for (const s of scripts(html)) expect(csp).toContain(hash(s));
  });
});

interface Case {
  name: string;
  source: string;
  nodes?: number;
  /** Expected to fail: the error text it must contain. */
  fails?: RegExp;
}

const cases: Case[] = [];
const add = (name: string, d: ReturnType<typeof stepDiagram>) =>
  cases.push({ name, source: d.source, nodes: d.nodeCount });
add('step 1', stepDiagram(step1()));
add('step 2', stepDiagram(step2()));
add('step 3', stepDiagram(step3()));
add('step 4', stepDiagram(step4()));
add('step 4, sandbox not captured', stepDiagram(step4(false)));
// Mermaid failures in the middle of the batch: reported, and the next diagrams still render.
cases.push({
  name: 'over maxTextSize',
  source: `flowchart LR\n  n1["${'x'.repeat(60_000)}"]\n`,
  fails: /Maximum text size/,
});
cases.push({ name: 'syntax error', source: 'flowchart LR\n  n1["a"] --> --> n2\n', fails: /./ });
add('step 3 again', stepDiagram(step3()));
add('1,000 containers on 50 networks (aggregated)', stepDiagram(bigHost(1000, 50)));
for (const [i, name] of HOSTILE_NAMES.entries()) {
  const label =
    name.length > 30 ? `${JSON.stringify(name.slice(0, 20))}... (${name.length})` : JSON.stringify(name);
  add(`hostile ${i + 1}: ${label}`, stepDiagram(hostileModel(name, i % 2 === 0)));
}

/** One renderDiagrams call for the whole file: one browser, as in a real run. */
let blocked: string[] | undefined;
let rendering: Promise<RenderedDiagram[]> | undefined;
const renderAll = () =>
  (rendering ??= renderDiagrams(
    cases.map((c) => c.source),
    { browserPath: browserPath!, onBlocked: (urls) => (blocked = urls) },
  ));

describe.skipIf(skip)('diagrams in headless Chromium', () => {
  let results: RenderedDiagram[] = [];
  let totalMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    results = await renderAll();
    totalMs = Math.round(performance.now() - started);
    const rows = cases.map((c, i) => {
      const r = results[i]!;
      const what = r.svg
        ? `${(r.svg.length / 1024).toFixed(0).padStart(4)} KB`
        : `error: ${r.error?.split('\n')[0]}`;
      return `${String(r.ms).padStart(6)} ms  ${String(c.nodes ?? '').padStart(4)} nodes  ${what}  ${c.name}`;
    });
    const drawn = results.filter((r) => r.svg);
    const renderMs = results.reduce((t, r) => t + r.ms, 0);
    console.log(
      [
        `renderDiagrams: ${cases.length} diagrams in ${totalMs} ms (launch and mermaid load ${totalMs - renderMs} ms,`,
        `mean ${Math.round(renderMs / results.length)} ms per diagram, ${drawn.length} SVGs)`,
        ...rows,
      ].join('\n'),
    );
  });

  it('renders every diagram to an SVG, and reports the two broken sources as errors', () => {
    expect(results).toHaveLength(cases.length);
    for (const [i, c] of cases.entries()) {
      const r = results[i]!;
      if (c.fails) {
        expect(r.svg, c.name).toBeUndefined();
        expect(r.error, c.name).toMatch(c.fails);
      } else {
        expect(r.error, `${c.name}: ${r.error}`).toBeUndefined();
        expect(r.svg, c.name).toMatch(/^<svg[^>]* id="dockernet-diagram-\d+"/);
        expect(errorPictureOf(r.svg!), c.name).toBeUndefined();
        expect(r.svg, c.name).not.toMatch(/Syntax error|Maximum text size/i);
      }
    }
  });

  it('the SVGs hold nothing that could run or fetch, and labels are SVG text', () => {
    for (const [i, c] of cases.entries()) {
      const svg = results[i]!.svg;
      if (!svg) continue;
      expect(svgProblems(svg), c.name).toEqual([]);
      // Tags only: label text may well read "javascript:" or "onerror=", as text.
      const tags = svg.replace(/>[^<]*</g, '><');
      expect(tags, c.name).not.toMatch(/<script|<foreignObject|\son[a-z]+\s*=|javascript:/i);
      for (const m of svg.matchAll(/\s(?:xlink:)?href\s*=\s*"([^"]*)"/g)) expect(m[1], c.name).toMatch(/^#/);
      expect(svg, c.name).toContain('<text');
    }
  });

  it('the page loaded nothing', () => {
    expect(blocked).toEqual([]);
  });

  it('hostile names are drawn as text', () => {
    const at = (prefix: string) => results[cases.findIndex((c) => c.name.startsWith(prefix))]!.svg!;
    const script = HOSTILE_NAMES.indexOf('<script>alert(1)</script>') + 1;
    expect(at(`hostile ${script}:`)).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    expect(svgText(at(`hostile ${script}:`))).toContain('container <script>alert(1)</script>');
    const click = HOSTILE_NAMES.findIndex((n) => n.startsWith('x"]\nclick')) + 1;
    expect(at(`hostile ${click}:`)).not.toMatch(/class="node[^"]*clickable/);
  });

  it('is deterministic: the same source gives the same SVG but for its id', () => {
    const a = results[cases.findIndex((c) => c.name === 'step 3')]!.svg!;
    const b = results[cases.findIndex((c) => c.name === 'step 3 again')]!.svg!;
    const norm = (s: string) => s.replace(/dockernet-diagram-\d+/g, 'ID');
    expect(norm(b)).toBe(norm(a));
  });

  it('the step-3 figure shows the slide values', () => {
    const svg = results[cases.findIndex((c) => c.name === 'step 3')]!.svg!;
    for (const text of [
      'LAN 192.168.178.0/24',
      'gateway 192.168.178.1',
      '2: ens18',
      '192.168.178.42/24',
      '3: docker0 (bridge)',
      '172.17.0.1/16',
      '5: veth9c996da@if4',
      '4: eth0@if5',
      '172.17.0.2/16',
      'container whoami-port60000',
      ':8080 node',
      'host :60000',
      'docker-proxy',
      'tcp 60000 → 8080',
    ]) {
      expect(svgText(svg)).toContain(text);
    }
  });
});

describe.skipIf(skip)('the sources in a page of their own', () => {
  let browser: Browser;
  let page: Page;
  let attempted: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser(browserPath!);
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
    attempted = await blockRequests(page);
    await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: mermaidScriptPath() });
    await page.evaluate((config) => {
      (window as unknown as { mermaid: { initialize(c: unknown): void } }).mermaid.initialize(config);
    }, mermaidConfig());
  });

  afterAll(async () => {
    await page?.close().catch(() => undefined);
    await browser?.close();
  });

  it('mermaid.parse accepts every generated source', async () => {
    const verdicts = await page.evaluate(
      async (sources) => {
        const m = (window as unknown as { mermaid: { parse(t: string, o: unknown): Promise<unknown> } })
          .mermaid;
        const out: boolean[] = [];
        for (const s of sources) out.push((await m.parse(s, { suppressErrors: true })) !== false);
        return out;
      },
      cases.filter((c) => !c.fails).map((c) => c.source),
    );
    expect(verdicts.every(Boolean)).toBe(true);
  });

  it('every SVG is well-formed XML as a standalone file, and decodes as an <img>', async () => {
    const svgs = (await renderAll()).flatMap((r) => (r.svg ? [svgFile(r.svg)] : []));
    const verdicts = await page.evaluate(async (files) => {
      const out: string[] = [];
      for (const file of files) {
        const doc = new DOMParser().parseFromString(file, 'image/svg+xml');
        if (doc.querySelector('parsererror'))
          out.push(doc.querySelector('parsererror')?.textContent ?? 'parsererror');
      }
      return out;
    }, svgs);
    expect(verdicts).toEqual([]);
    const step3 = (await renderAll())[cases.findIndex((c) => c.name === 'step 3')]!.svg!;
    const size = await page.evaluate(
      async (uri) => {
        const img = new Image();
        img.src = uri;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      },
      svgDataUri(svgFile(step3)),
    );
    expect(size[0]).toBeGreaterThan(600);
    expect(size[1]).toBeGreaterThan(150);
  });

  it('inlined in a page, the SVGs run nothing and load nothing', async () => {
    const results = await renderAll();
    const img = HOSTILE_NAMES.indexOf('<img src=x onerror=alert(1)>') + 1;
    const svgs = ['step 4', 'step 4, sandbox not captured', `hostile ${img}:`].map(
      (prefix) => results[cases.findIndex((c) => c.name.startsWith(prefix))]!,
    );
    const found = await page.evaluate(
      async (list) => {
        (window as unknown as { hit: number }).hit = 0;
        const host = document.createElement('div');
        host.innerHTML = list.join('\n');
        document.body.append(host);
        await new Promise((r) => setTimeout(r, 200));
        const handlers = [...host.querySelectorAll('*')].flatMap((e) =>
          [...e.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => a.name),
        );
        return {
          hit: (window as unknown as { hit: number }).hit,
          scripts: host.querySelectorAll('script').length,
          foreign: host.querySelectorAll('foreignObject').length,
          handlers,
          texts: host.querySelectorAll('text').length,
          width: host.querySelector('svg')?.getBoundingClientRect().width ?? 0,
        };
      },
      svgs.map((s) => s.svg ?? ''),
    );
    expect(found).toMatchObject({ hit: 0, scripts: 0, foreign: 0, handlers: [] });
    expect(found.texts).toBeGreaterThan(10);
    expect(found.width).toBeGreaterThan(300);
    expect(attempted).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe.skipIf(skip)('renderDiagrams on two pages side by side', () => {
  it('gives the bytes and errors of one page, each figure in its place', async () => {
    const browser = await launchBrowser(browserPath!);
    try {
      const some = cases.slice(0, 7); // the four steps, one more, and the two broken sources
      const two = await renderDiagrams(
        some.map((c) => c.source),
        { browser, pages: [prepareDiagramPage(browser), prepareDiagramPage(browser)] },
      );
      const one = await renderAll();
      expect(two.map((r) => r.svg)).toEqual(one.slice(0, 7).map((r) => r.svg));
      expect(two.map((r) => r.error === undefined)).toEqual(some.map((c) => c.fails === undefined));
      expect((await browser.pages()).filter((p) => p.url().startsWith(DIAGRAM_ORIGIN))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe.skipIf(skip)('renderDiagrams when a diagram takes too long', () => {
  it('reports it and the diagrams after it as errors, and returns', async () => {
    const source = stepDiagram(step1()).source;
    const results = await renderDiagrams([source, source], { browserPath: browserPath!, timeoutMs: 1 });
    expect(results[0]?.error).toMatch(/not rendered within 1 ms/);
    expect(results[1]?.error).toMatch(/^not rendered: diagram 1 broke the page/);
  });

  it('a page that hangs for good after a figure whose PNG was asked for: returns, that figure kept', async () => {
    const browser = await launchBrowser(browserPath!);
    try {
      const ready = prepareDiagramPage(browser).then(async (p) => {
        // A mermaid that never comes back (a busy loop) for one figure.
        await p.page.evaluate(() => {
          const w = window as unknown as { mermaid: { render(i: string, t: string): Promise<unknown> } };
          const render = w.mermaid.render.bind(w.mermaid);
          w.mermaid.render = (id, text) => {
            if (text.includes('HANG')) for (;;);
            return render(id, text);
          };
        });
        return p;
      });
      // Biggest first: step 4 is drawn (its PNG asked for, not awaited), then the small one hangs.
      const results = await renderDiagrams(
        [stepDiagram(step4()).source, `${stepDiagram(step1()).source}\n%% HANG`],
        { browser, pages: [ready], png: true, timeoutMs: 4000 },
      );
      expect(results[0]?.svg).toMatch(/^<svg/);
      // Its PNG came before the page hung, or failed with the closed page: either is said.
      expect(results[0]?.png !== undefined || /PNG could not be made/.test(results[0]?.error ?? '')).toBe(
        true,
      );
      expect(results[1]?.error).toMatch(/^not rendered within 4000 ms/);
      expect(await (await ready).page.isClosed()).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
