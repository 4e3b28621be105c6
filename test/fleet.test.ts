/**
 * `dockernet fleet` on the real samples (the five engine captures and the four slide folders,
 * nine hosts with duplicate names), plus a corrupt archive and a bundle whose host name is
 * hostile markup. Every number of the index is checked against the host's own report.json as
 * written (recounted here from the report, not taken from the fleet code), every link against
 * the files on disk, and the index page is opened in headless Chromium (its own network
 * namespace as root, every request blocked): no request, no script error, sorting and filtering
 * work. All hosts' figures are drawn by ONE browser (a wrapper counts launches).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Severity } from '../src/analyses/types.js';
import { expandBundleInputs } from '../src/bundle/inputs.js';
import type { FleetIndex, FleetRow } from '../src/fleet/row.js';
import { type FleetResult, runFleet } from '../src/fleet/run.js';
import { SlugAllocator, slugOf } from '../src/fleet/slug.js';
import { blockRequests, launchBrowser } from '../src/render/browser.js';
import type { Report } from '../src/report/types.js';
import { missing, testBrowserPath } from './support/env.js';
import { HOSTILE_MARKUP } from './support/hostile.js';

const root = join(import.meta.dirname, '..');
const samples = join(root, 'samples');
const dir = mkdtempSync(join(tmpdir(), 'dockernet-fleet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Markdown link: an unescaped `[`, its text, `](target)`. */
const LINK = /(?<!\\)\[([^\]]*)\]\(([^)]*)\)/g;
const CORRUPT = 'corrupt <img src=x onerror=alert(2)>.tar.gz';
const HOSTILE_HOST = `${HOSTILE_MARKUP[0]}${HOSTILE_MARKUP[2]}](javascript:alert(1)) | x`;
const browserPath = testBrowserPath();
const noChromium = missing({ chromium: browserPath !== undefined });

/** The fleet folder: every sample, plus a corrupt archive and a hostile copy of slides-step3. */
function makeFleetFolder(): string {
  const fleet = join(dir, 'bundles');
  mkdirSync(join(fleet, 'engine'), { recursive: true });
  for (const f of readdirSync(samples)) {
    const p = join(samples, f);
    if (f.endsWith('.tar.gz')) cpSync(p, join(fleet, 'engine', f));
    else if (f.startsWith('slides-')) cpSync(p, join(fleet, f), { recursive: true });
  }
  // Its file name is markup too: the index shows the path and the error, both as text.
  writeFileSync(join(fleet, CORRUPT), Buffer.from('\x1f\x8b\x08\x00 this is not gzip data at all'));
  const hostile = join(fleet, 'hostile');
  cpSync(join(samples, 'slides-step3'), hostile, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(hostile, 'manifest.json'), 'utf8'));
  manifest.hostname = HOSTILE_HOST;
  writeFileSync(join(hostile, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return fleet;
}

/** Counts recomputed from a host's report.json, as a reader of that file would. */
function countsOf(report: Report) {
  const step = report.steps[0]!;
  const m = step.model;
  const findings = step.analysis?.findings ?? [];
  const sev = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    host: step.meta.hostname,
    engine: m.docker.serverVersion,
    capturedAt: step.meta.capturedAt,
    containers: m.containers.length,
    running: m.containers.filter((c) => c.status === 'running').length,
    networks: m.dockerNetworks.length,
    published: m.publishedPorts.length,
    findings: { high: sev('high'), medium: sev('medium'), low: sev('low'), info: sev('info') },
  };
}

describe('fleet inputs and slugs', () => {
  it('finds archives and bundle folders under a folder, recursively, sorted, without following symlinks', () => {
    const f = join(dir, 'walk');
    mkdirSync(join(f, 'site-a', 'web1'), { recursive: true });
    writeFileSync(join(f, 'site-a', 'web1', 'manifest.json'), '{}');
    mkdirSync(join(f, 'site-a', 'web1', 'host'));
    writeFileSync(join(f, 'site-a', 'db1.tar.gz'), '');
    writeFileSync(join(f, 'b.tgz'), '');
    writeFileSync(join(f, 'notes.txt'), '');
    symlinkSync(join(samples, 'engine-step2.tar.gz'), join(f, 'link.tar.gz'));
    symlinkSync(samples, join(f, 'linked-dir'));
    expect(expandBundleInputs([f, join(samples, 'slides-step1'), join(dir, 'absent.tar.gz')])).toEqual([
      join(f, 'b.tgz'),
      join(f, 'site-a', 'db1.tar.gz'),
      join(f, 'site-a', 'web1'),
      join(samples, 'slides-step1'),
      join(dir, 'absent.tar.gz'),
    ]);
  });

  it('makes path-safe, distinct slugs from any name', () => {
    expect(slugOf('Web-01.example.com')).toBe('web-01-example-com');
    expect(slugOf('../../etc/passwd')).toBe('etc-passwd');
    expect(slugOf('<script>')).toBe('script');
    expect(slugOf('')).toBe('host');
    expect(slugOf('ünïcode')).toBe('unicode');
    const a = new SlugAllocator();
    expect(['web', 'WEB', 'web', 'web-2', '%%'].map((n) => a.next(n))).toEqual([
      'web',
      'web-2',
      'web-3',
      'web-2-2',
      'host',
    ]);
  });
});

const out = join(dir, 'out');
let launches = 0;
let browserUsed: string | false = false;
let inputs: string[] = [];
let running: Promise<FleetResult> | undefined;

/** The fleet run every test below reads (run once, with the counting browser when there is one). */
function fleetRun(): Promise<FleetResult> {
  running ??= (async () => {
    inputs = expandBundleInputs([makeFleetFolder()]);
    if (noChromium)
      return runFleet(inputs, out, { formats: ['html', 'json', 'md'], audience: 'review', browser: false });
    // Every launch of the browser leaves a line: the fleet must launch it once for all hosts.
    const count = join(dir, 'launches');
    browserUsed = join(dir, 'chromium-counting');
    writeFileSync(browserUsed, `#!/bin/sh\necho launch >> '${count}'\nexec '${browserPath}' "$@"\n`);
    chmodSync(browserUsed, 0o755);
    const r = await runFleet(inputs, out, {
      formats: ['html', 'json', 'md'],
      audience: 'review',
      browser: browserUsed,
    });
    launches = readFileSync(count, 'utf8').split('\n').filter(Boolean).length;
    return r;
  })();
  return running;
}

describe('dockernet fleet on the samples, a corrupt and a hostile bundle', () => {
  let result: FleetResult;
  beforeAll(async () => {
    result = await fleetRun();
  }, 600_000);

  it('has one row per bundle, in order, the corrupt one with its error and no report', () => {
    const hosts = result.index.hosts;
    expect(inputs).toHaveLength(11); // 5 archives + 4 slide folders + corrupt + hostile
    expect(hosts.map((h) => h.input)).toEqual(inputs);
    const bad = hosts.filter((h) => h.error);
    expect(bad.map((h) => h.input)).toEqual([join(dir, 'bundles', CORRUPT)]);
    expect(bad[0]!.error).toContain(CORRUPT);
    expect(bad[0]!.slug).toBeUndefined();
    expect(bad[0]!.files).toBeUndefined();
    expect(bad[0]!.host).toBe(CORRUPT.replace('.tar.gz', ''));
  });

  it('counts what each host report.json says', () => {
    const ok = result.index.hosts.filter((h) => !h.error);
    expect(ok).toHaveLength(10);
    for (const h of ok) {
      const report: Report = JSON.parse(readFileSync(join(out, h.slug!, 'report.json'), 'utf8'));
      expect(report.steps).toHaveLength(1);
      const c = countsOf(report);
      expect(h.host, h.input).toBe(c.host);
      expect(h.engine).toBe(c.engine);
      expect(h.capturedAt).toBe(c.capturedAt);
      expect(h.containers?.total).toBe(c.containers);
      if (h.containers?.running !== undefined) expect(h.containers.running).toBe(c.running);
      expect(h.networks?.total).toBe(c.networks);
      expect(h.published?.total).toBe(c.published);
      expect(h.findings).toEqual(c.findings);
      expect(h.findingKinds?.reduce((n, k) => n + k.count, 0)).toBe(
        Object.values(c.findings).reduce((a, b) => a + b, 0),
      );
    }
    // The samples are not all alike: the index shows different engines, containers and findings.
    expect(new Set(ok.map((h) => h.engine)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(ok.map((h) => h.containers?.total)).size).toBeGreaterThanOrEqual(2);
    expect(ok.some((h) => (h.findings?.high ?? 0) > 0)).toBe(true);
  });

  it('gives every host its own folder: distinct slugs for duplicate names', () => {
    const ok = result.index.hosts.filter((h) => !h.error);
    const slugs = ok.map((h) => h.slug!);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(s).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    // The slide folders and engine captures share host names: the names repeat, the slugs do not.
    expect(new Set(ok.map((h) => h.host)).size).toBeLessThan(ok.length);
    const hostile = ok.find((h) => h.input.endsWith('hostile'))!;
    expect(hostile.host).toBe(HOSTILE_HOST);
  });

  it('writes index.json as returned, and every link of index.html and index.md resolves to a file', () => {
    const json: FleetIndex = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(result.index)));
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const md = readFileSync(join(out, 'index.md'), 'utf8');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    const mdLinks = [...md.matchAll(LINK)].map((m) => m[2]!);
    const ok = result.index.hosts.filter((h) => !h.error);
    expect(hrefs).toHaveLength(ok.length * 3);
    expect(mdLinks).toHaveLength(ok.length * 2);
    for (const href of [...hrefs, ...mdLinks]) {
      expect(href).toMatch(/^[a-z0-9-]+\/report\.(html|json|md)$/);
      expect(existsSync(join(out, href)), href).toBe(true);
    }
    for (const h of ok) {
      expect(h.files).toEqual({
        html: `${h.slug}/report.html`,
        json: `${h.slug}/report.json`,
        md: `${h.slug}/report.md`,
      });
      // The figure of each host: always its Mermaid source; SVG and PNG when the browser drew it.
      expect(existsSync(join(out, h.slug!, 'diagrams', 'step-1.mmd'))).toBe(true);
      if (browserUsed) expect(existsSync(join(out, h.slug!, 'diagrams', 'step-1.svg')), h.slug).toBe(true);
    }
  });

  it('escapes the hostile name in index.html and index.md', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const md = readFileSync(join(out, 'index.md'), 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<img');
    expect(html.match(/<script>/g)).toHaveLength(1); // the page's own, allowed by its hash
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    // No link but the index's own (an escaped `\[` opens none); the name's pipe is escaped.
    expect(
      [...md.matchAll(LINK)].map((m) => m[2]).every((t) => /^[a-z0-9-]+\/report\.(md|html)$/.test(t!)),
    ).toBe(true);
    expect(md).toContain('\\| x');
    // Each row stays one row of the Markdown table: the name's pipe is escaped.
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Host'));
    expect(rows).toHaveLength(result.index.hosts.length);
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    for (const r of rows) expect(cells(r)).toBe(cells(rows[0]!));
  });

  it.runIf(!noChromium)('drew every host figure with one browser', () => {
    expect(launches).toBe(1);
  });
});

describe.skipIf(noChromium)('the fleet index.html in headless Chromium', () => {
  let result: FleetResult;
  let browser: Browser;
  let page: Page;
  let attempted: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    result = await fleetRun();
    browser = await launchBrowser(browserPath!);
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const url = pathToFileURL(join(out, 'index.html')).href;
    attempted = await blockRequests(page, [url]);
    await page.goto(url, { waitUntil: 'load' });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
  });

  const visibleRows = () =>
    page.$$eval('#fleet tbody tr', (trs) =>
      trs
        .filter((tr) => !(tr as HTMLElement).hidden)
        .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
  const header = (title: string) =>
    page.$$eval(
      '#fleet thead th button',
      (bs, t) => {
        const b = bs.find((x) => x.textContent === t) as HTMLElement;
        b.click();
        return (b.parentElement as HTMLElement).getAttribute('aria-sort');
      },
      title,
    );

  it('runs its script under the CSP and shows the hostile name as text', async () => {
    expect(await page.$eval('html', (h) => h.classList.contains('dn-js'))).toBe(true);
    expect(await page.$eval('#shown', (s) => s.textContent)).toBe('11 of 11 hosts shown');
    const names = await page.$$eval('#fleet tbody td:first-child strong', (s) => s.map((x) => x.textContent));
    expect(names).toContain(HOSTILE_HOST);
    expect(
      await page.$$eval('#fleet tbody script, #fleet tbody svg, #fleet tbody img', (x) => x.length),
    ).toBe(0);
  });

  it('sorts by a numeric column both ways, hosts without a report last', async () => {
    const col = 3; // Containers
    const rows = result.index.hosts;
    expect(await header('Containers')).toBe('ascending');
    const up = (await visibleRows()).map((r) => r[col]!);
    const nums = (xs: string[]) => xs.filter((x) => x !== '–').map(Number);
    expect(nums(up)).toEqual(
      rows
        .filter((h) => !h.error)
        .map((h) => h.containers!.total)
        .sort((a, b) => a - b),
    );
    expect(up[up.length - 1]).toBe('–');
    expect(await header('Containers')).toBe('descending');
    const down = (await visibleRows()).map((r) => r[col]!);
    expect(nums(down)).toEqual([...nums(up)].reverse());
    expect(down[down.length - 1]).toBe('–');
    // Text columns sort too: by host name.
    expect(await header('Host')).toBe('ascending');
    const hosts = await page.$$eval('#fleet tbody td:first-child strong', (s) =>
      s.map((x) => x.textContent ?? ''),
    );
    expect(hosts).toEqual(
      [...hosts].sort((a, b) =>
        a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
      ),
    );
  });

  it('filters by text and by severity', async () => {
    await page.type('#filter', '28.5');
    const engines = (await visibleRows()).map((r) => r[1]);
    expect(engines.length).toBe(result.index.hosts.filter((h) => h.engine?.includes('28.5')).length);
    expect(engines.length).toBeGreaterThan(0);
    for (const e of engines) expect(e).toContain('28.5');
    await page.$eval('#filter', (i) => {
      (i as HTMLInputElement).value = '';
      i.dispatchEvent(new Event('input'));
    });
    await page.select('#severity', '0'); // a finding of high or worse
    const withHigh = result.index.hosts.filter((h) => (h.findings?.high ?? 0) > 0);
    expect((await visibleRows()).length).toBe(withHigh.length);
    expect(await page.$eval('#shown', (s) => s.textContent)).toBe(
      `${withHigh.length} of ${result.index.hosts.length} hosts shown`,
    );
    await page.select('#severity', '-1');
    expect((await visibleRows()).length).toBe(result.index.hosts.length);
  });

  it('keeps a shared diagram page for the next host, and closes one a diagram broke', async () => {
    const { prepareDiagramPage, renderDiagrams } = await import('../src/render/diagrams.js');
    const prepared = prepareDiagramPage(browser);
    const source = 'flowchart LR\n  a["host a"] --> b["host b"]';
    const first = await renderDiagrams([source], { browser, page: prepared, keepPage: true });
    expect(first[0]!.svg).toMatch(/^<svg/);
    expect((await prepared).page.isClosed()).toBe(false);
    const second = await renderDiagrams([source], { browser, page: prepared, keepPage: true });
    expect(second[0]!.svg).toMatch(/^<svg/);
    // A diagram that does not finish in time leaves the page busy: it is closed, not kept.
    const broken = await renderDiagrams([source], { browser, page: prepared, keepPage: true, timeoutMs: 1 });
    expect(broken[0]!.error).toMatch(/not rendered within 1 ms/);
    expect((await prepared).page.isClosed()).toBe(true);
  }, 120_000);

  it('loaded nothing and logged no error', () => {
    expect(attempted).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('a browser that cannot start', () => {
  it('leaves the fleet without pre-rendered figures, said once, instead of failing every host', async () => {
    const out = join(dir, 'no-start');
    const r = await runFleet([join(samples, 'slides-step1'), join(samples, 'slides-step2')], out, {
      formats: ['html'],
      audience: 'review',
      browser: '/bin/false',
    });
    expect(r.index.hosts.map((h) => h.error)).toEqual([undefined, undefined]);
    expect(r.notes.filter((n) => n.startsWith('the browser could not be started'))).toHaveLength(1);
    for (const h of r.index.hosts) {
      expect(readFileSync(join(out, h.files!.html!), 'utf8')).toContain('mermaid.run(');
      expect(existsSync(join(out, h.slug!, 'diagrams', 'step-1.svg'))).toBe(false);
    }
  }, 120_000);
});

describe('dockernet fleet CLI', () => {
  it('--fail-on high exits 5 when a host has a high finding, 0 when none has', () => {
    const cli = (inputs: string[], out: string) =>
      spawnSync(
        process.execPath,
        [
          join(root, 'bin/dockernet.js'),
          'fleet',
          ...inputs,
          '-o',
          join(dir, out),
          '--no-browser',
          '-f',
          'json',
          '--fail-on',
          'high',
        ],
        { encoding: 'utf8', env: { ...process.env, DOCKERNET_FROM_SOURCE: '1' }, timeout: 120_000 },
      );
    const high = cli([join(samples, 'slides-step1'), join(samples, 'slides-step4')], 'fail-on-high');
    const index: FleetIndex = JSON.parse(readFileSync(join(dir, 'fail-on-high', 'index.json'), 'utf8'));
    expect(index.hosts.map((h) => (h.findings?.high ?? 0) > 0)).toEqual([false, true]);
    expect(high.status, high.stderr).toBe(5);
    expect(high.stderr).toContain('1 host with a finding of severity high');
    const none = cli([join(samples, 'slides-step1')], 'fail-on-none');
    expect(none.status, none.stderr).toBe(0);
  });

  it('writes every host, lists the unreadable bundle and exits 3', () => {
    const out = join(dir, 'cli-out');
    const bad = join(dir, 'cli-junk.tar.gz');
    writeFileSync(bad, 'not a bundle\n'.repeat(50));
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'bin/dockernet.js'),
        'fleet',
        join(samples, 'slides-step1'),
        bad,
        '-o',
        out,
        '--no-browser',
        '-f',
        'json',
      ],
      { encoding: 'utf8', env: { ...process.env, DOCKERNET_FROM_SOURCE: '1' }, timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain('cli-junk.tar.gz');
    const index: FleetIndex = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    expect(index.hosts.map((h: FleetRow) => Boolean(h.error))).toEqual([false, true]);
    expect(index.hosts[0]!.files).toEqual({ json: `${index.hosts[0]!.slug}/report.json` });
    expect(existsSync(join(out, index.hosts[0]!.slug!, 'report.html'))).toBe(false);
    expect(existsSync(join(dirname(join(out, 'index.html')), 'index.md'))).toBe(true);
  });
});
