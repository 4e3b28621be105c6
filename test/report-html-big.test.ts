/**
 * The compact report.html of a big host (src/render/lazy.ts), opened in real headless Chromium
 * with every request blocked (and, as root, in a network namespace of its own with only lo up):
 * the page runs its one script under the strict CSP, a collapsed table expands with its rows,
 * an evidence link into the compressed appendix shows its line, a reachability cell shows its
 * path, and nothing is fetched. Without JavaScript the page says where the data is.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle, writeBundle } from '../bench/generate.js';
import { DEFAULT_LIMITS } from '../src/bundle/limits.js';
import { readBundle } from '../src/bundle/read.js';
import { buildStepModel } from '../src/model/build-step.js';
import { parseBundle } from '../src/parsers/parse-bundle.js';
import { blockRequests, findBrowser, launchBrowser } from '../src/render/browser.js';
import { cspFor, isCompact, renderHtml } from '../src/render/html.js';
import { COMPACT_THRESHOLD_BYTES, estimatePageBytes } from '../src/render/lazy.js';
import { assembleReport } from '../src/report/assemble.js';
import type { Report } from '../src/report/types.js';
import { hasCommand, isRoot, missing } from './support/env.js';

const found = findBrowser();
const skip = missing({ chromium: found !== undefined });
const dir = mkdtempSync(join(tmpdir(), 'dockernet-big-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Chromium in a network namespace of its own (lo up, nothing else) when root can make one. */
function isolatedBrowser(path: string): string {
  if (!isRoot() || !hasCommand('unshare')) {
    console.warn(
      '\n*** Chromium runs WITHOUT network isolation (not root or no unshare); requests are still blocked. ***\n',
    );
    return path;
  }
  const wrapper = join(dir, 'chromium-netns');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec unshare --net -- sh -c 'ip link set lo up && exec "$0" "$@"' ${JSON.stringify(path)} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}

async function bigReport(): Promise<Report> {
  // 150 containers, 4,000 host sockets: well above the compact threshold, small enough for a test.
  const gen = generateBundle({
    containers: 150,
    networks: 6,
    sockets: 4000,
    routes: 600,
    processes: 800,
    seed: 5,
  });
  const file = await writeBundle(gen, join(dir, 'big.tar.gz'));
  const parsed = parseBundle(await readBundle(file, DEFAULT_LIMITS));
  return assembleReport([{ parsed, model: buildStepModel(parsed) }], {
    generator: { name: 'dockernet', version: 'test' },
  });
}

describe('compact mode threshold', () => {
  it('is chosen for a big host and never for a printed appendix or when turned off', async () => {
    const report = await bigReport();
    expect(estimatePageBytes(report)).toBeGreaterThan(COMPACT_THRESHOLD_BYTES);
    expect(isCompact(report)).toBe(true);
    expect(isCompact(report, { appendix: 'cited' })).toBe(false);
    expect(isCompact(report, { compact: false })).toBe(false);
    const html = renderHtml(report, { compact: false });
    expect(html).not.toContain('<script');
    // Printed tables stop after their first rows and say where the rest is.
    expect(html).toMatch(
      /<p class="print-only more">\d+ more sockets: see report\.html or report\.json\.<\/p>/,
    );
  });
});

describe.skipIf(skip)('compact report.html of a big host in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let html: string;
  let staticSize: number;
  let attempted: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const report = await bigReport();
    html = renderHtml(report);
    staticSize = renderHtml(report, { compact: false }).length;
    writeFileSync(join(dir, 'report.html'), html);
    browser = await launchBrowser(isolatedBrowser(found!.path));
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
    const url = pathToFileURL(join(dir, 'report.html')).href;
    attempted = await blockRequests(page, [url]);
    await page.goto(url, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('is a fraction of the static page, with one script allowed by its hash and no inline styles', async () => {
    expect(html.length).toBeLessThan(staticSize / 4);
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) =>
      m.getAttribute('content'),
    );
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("default-src 'none'");
    // The only executable script is the one the CSP names; the rest are gzip data blocks.
    const types = await page.$$eval('script', (s) => s.map((x) => x.getAttribute('type') ?? 'js'));
    expect(types.filter((t) => t === 'js')).toHaveLength(1);
    expect(types.filter((t) => t === 'application/gzip').length).toBeGreaterThanOrEqual(3);
    expect(csp).toBe(
      cspFor(
        await page.$eval('style', (s) => s.textContent ?? ''),
        [await page.$eval('script:not([type])', (s) => s.textContent ?? '')],
        false,
      ),
    );
  });

  it('expands a collapsed table with its rows', async () => {
    // The host's connected sockets: thousands of rows, collapsed.
    const summary = await page.$$eval('details.lazy > summary', (s) =>
      s.map((x) => x.textContent ?? '').filter((t) => t.startsWith('Network namespaces')),
    );
    expect(summary).toHaveLength(1);
    await page.$$eval('details.lazy > summary', (s) => {
      for (const x of s)
        if ((x.textContent ?? '').startsWith('Network namespaces')) (x as HTMLElement).click();
    });
    await page.waitForSelector('section.ns-host');
    await page.$eval('section.ns-host', (sec) => {
      for (const s of sec.querySelectorAll('details.lazy > summary'))
        if ((s.textContent ?? '').startsWith('Connected and other sockets')) (s as HTMLElement).click();
    });
    await page.waitForSelector('section.ns-host table.sockets.connected tbody tr');
    const rows = await page.$$eval('section.ns-host table.sockets.connected tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows[0]).toHaveLength(7);
    expect(rows[0]![0]).toMatch(/^(tcp|udp)6?$/);
    expect(rows[0]![6]).toMatch(/^host\/netstat.*\.out:\d+$/);
  });

  it('follows an evidence link into the compressed appendix and shows its line', async () => {
    const href = await page.$eval('section.ns-host table.sockets.connected tbody tr a.ev', (a) =>
      a.getAttribute('href'),
    );
    expect(href).toMatch(/^#step-1-f\d+-L\d+$/);
    const id = href!.slice(1);
    expect(await page.$(`[id="${id}"]`)).toBeNull(); // not in the page until asked for
    await page.click(`section.ns-host table.sockets.connected tbody tr a.ev[href="${href}"]`);
    await page.waitForSelector(`[id="${id}"].dn-target`);
    const line = await page.$eval(`[id="${id}"]`, (el) => ({
      text: el.textContent ?? '',
      open: (el.closest('details') as HTMLDetailsElement).open,
      visible: el.getBoundingClientRect().height > 0,
    }));
    const n = Number(id.replace(/.*-L/, ''));
    expect(line.text.startsWith(String(n))).toBe(true);
    expect(line.open).toBe(true);
    expect(line.visible).toBe(true);
    // The socket's own row says what the line says: its local address is on that line.
    const local = await page.$eval(
      `section.ns-host table.sockets.connected tbody tr:has(a.ev[href="${href}"]) td:nth-child(2)`,
      (td) => td.textContent?.trim() ?? '',
    );
    expect(line.text).toContain(local);
  });

  it('shows a reachability path from a cell of a collapsed matrix', async () => {
    await page.$eval('section.reach details.lazy > summary', (s) => (s as HTMLElement).click());
    await page.waitForSelector('section.reach table.reach-matrix a.v');
    const href = await page.$eval('section.reach table.reach-matrix a.v', (a) => a.getAttribute('href'));
    await page.click(`section.reach table.reach-matrix a.v[href="${href}"]`);
    const id = href!.slice(1);
    await page.waitForSelector(`[id="${id}"].dn-target`);
    const shown = await page.$eval(`[id="${id}"]`, (el) => ({
      display: getComputedStyle(el).display,
      hops: el.querySelectorAll('table.path-hops tbody tr').length,
    }));
    expect(shown.display).toBe('block');
    expect(shown.hops).toBeGreaterThan(0);
  });

  it('loaded nothing and logged no error', () => {
    expect(attempted).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('says where the data is without JavaScript', async () => {
    const p2 = await browser.newPage();
    await p2.setJavaScriptEnabled(false);
    const url = pathToFileURL(join(dir, 'report.html')).href;
    const blocked = await blockRequests(p2, [url]);
    await p2.goto(url, { waitUntil: 'load' });
    const note = await p2.$eval('p.compact-note', (p) => p.textContent ?? '');
    expect(note).toContain('report.json');
    expect(note).toContain('JavaScript is off');
    expect(blocked).toEqual([]);
    await p2.close();
  });
});
