/**
 * End to end: the CLI renders the four slide samples, and the HTML is opened in real headless
 * Chromium with every request blocked (and, as root, inside a namespace without network).
 * Checks: no console error, no request attempted, and the slides' values in the tables.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockRequests, launchBrowser } from '../src/render/browser.js';
import { missing, testBrowserPath } from './support/env.js';

const root = join(import.meta.dirname, '..');
const samples = [1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`));
const browserPath = testBrowserPath();
const skip = missing({ chromium: browserPath !== undefined });

describe.skipIf(skip)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let out: string;
  const consoleProblems: string[] = [];
  let attempted: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'dockernet-html-'));
    // From source, as after `npm ci` on a fresh clone (a stale dist/ must not hide a change).
    // The CLI pre-renders the figures with the same (network-isolated) Chromium.
    const run = spawnSync(
      process.execPath,
      [join(root, 'bin/dockernet.js'), 'report', ...samples, '-o', out, '--browser', browserPath!],
      {
        encoding: 'utf8',
        env: { ...process.env, DOCKERNET_FROM_SOURCE: '1' },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    browser = await launchBrowser(browserPath!);
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') consoleProblems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${String(e)}`));
    const url = pathToFileURL(join(out, 'report.html')).href;
    attempted = await blockRequests(page, [url]);
    await page.goto(url, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Text of the rows of the tables matching `selector` inside one step's section. */
  const rows = (step: number, selector: string) =>
    page.$$eval(`#step-${step} ${selector} tbody tr`, (trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
      ),
    );

  it('loads nothing and logs no error', () => {
    expect(attempted).toEqual([]);
    expect(consoleProblems).toEqual([]);
  });

  it('has a Content-Security-Policy that forbids scripts and fetches', async () => {
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) =>
      m.getAttribute('content'),
    );
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(await page.$$eval('script', (s) => s.length)).toBe(0);
  });

  it('shows one section per step', async () => {
    const titles = await page.$$eval('section.step > h2', (hs) => hs.map((h) => h.textContent ?? ''));
    expect(titles).toHaveLength(4);
  });

  it('step 1: ens18 192.168.178.42/24, no bridges, default via 192.168.178.1, sshd on 0.0.0.0:ssh', async () => {
    const ifaces = await rows(1, 'section.ns-host table.interfaces');
    expect(ifaces.find((r) => r[1] === 'ens18')?.[9]).toContain('192.168.178.42/24');
    expect(await page.$$eval('#step-1 section.ns-host table.bridges', (t) => t.length)).toBe(0);
    const routes = await rows(1, 'section.ns-host table.routes');
    expect(routes.some((r) => r[1] === 'default' && r[2] === '192.168.178.1' && r[3] === 'ens18')).toBe(true);
    const listening = await rows(1, 'section.ns-host table.listening');
    expect(listening.some((r) => r[1] === '0.0.0.0:ssh' && r[2] === '22' && r[5] === '804/sshd')).toBe(true);
    const connected = await rows(1, 'section.ns-host table.connected');
    expect(connected.some((r) => r[3] === 'ESTABLISHED' && r[4]?.startsWith('1060/sshd'))).toBe(true);
  });

  it('step 2: docker0 172.17.0.1/16 DOWN and a bridge without ports, linkdown route', async () => {
    const ifaces = await rows(2, 'section.ns-host table.interfaces');
    const docker0 = ifaces.find((r) => r[1] === 'docker0');
    expect(docker0?.[3]).toBe('DOWN');
    expect(docker0?.[9]).toContain('172.17.0.1/16');
    const bridges = await rows(2, 'section.ns-host table.bridges');
    const br = bridges.find((r) => r[0] === 'docker0');
    expect(br?.[5]).toBe('no ports');
    expect(br?.[6]).toBe('bridge');
    const routes = await rows(2, 'section.ns-host table.routes');
    expect(
      routes.some((r) => r[1] === '172.17.0.0/16' && r[3] === 'docker0' && r[7]?.includes('linkdown')),
    ).toBe(true);
    const nets = await rows(2, 'table.networks');
    expect(nets.map((r) => r[0]).sort()).toEqual(['bridge', 'host', 'none']);
  });

  it('step 3: docker0 UP with veth9c996da, docker-proxy on :::60000, the container eth0 paired', async () => {
    const ifaces = await rows(3, 'section.ns-host table.interfaces');
    expect(ifaces.find((r) => r[1] === 'docker0')?.[3]).toBe('UP');
    const bridges = await rows(3, 'section.ns-host table.bridges');
    expect(bridges.find((r) => r[0] === 'docker0')?.[5]).toContain('veth9c996da');
    const listening = await rows(3, 'section.ns-host table.listening');
    expect(listening.some((r) => r[1] === ':::60000' && r[5] === '3491/docker-proxy')).toBe(true);
    const veths = await rows(3, 'table.data');
    expect(veths.some((r) => r[0]?.startsWith('veth9c996da') && r[2]?.startsWith('eth0'))).toBe(true);
    const inContainer = await rows(3, 'section.ns-container table.listening');
    expect(inContainer.some((r) => r[1] === ':::8080' && r[5] === '21/node')).toBe(true);
    const ports = await rows(3, 'table.ports');
    expect(ports.some((r) => r[0]?.includes('60000') && r[1] === '172.17.0.2:8080')).toBe(true);
  });

  it('step 4: docker_gwbridge 172.18.0.1/16 and ingress-sbox 10.255.0.2/16', async () => {
    const bridges = await rows(4, 'section.ns-host table.bridges');
    const gw = bridges.find((r) => r[0] === 'docker_gwbridge');
    expect(gw?.[4]).toContain('172.18.0.1/16');
    expect(gw?.[5]).toContain('veth8149801');
    const nets = await rows(4, 'table.networks');
    const ingress = nets.find((r) => r[0]?.startsWith('ingress'));
    expect(ingress?.[2]).toBe('overlay');
    expect(ingress?.[4]).toContain('10.255.0.0/16');
    expect(ingress?.[7]).toContain('10.255.0.2/16');
  });

  it('step 3: the reachability matrix, and a clicked cell shows its path (no script: :target)', async () => {
    const heads = await page.$$eval('#step-3 table.reach-matrix thead tr:last-child th', (ths) =>
      ths.map((t) => t.textContent?.trim()),
    );
    // One table per destination group, each with the source columns.
    expect(heads).toEqual(
      [...Array(2)].flatMap(() => ['Destination', 'LAN ens18', 'host', 'whoami-port60000']),
    );
    const captions = await page.$$eval('#step-3 table.reach-matrix caption', (cs) =>
      cs.map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(captions).toEqual([
      "host (the host's own sockets and published ports)",
      'bridge (bridge, 172.17.0.0/16)',
    ]);
    // The slides captured no firewall: every cell is unknown, in text, with the reason on hover.
    const cells = await page.$$eval('#step-3 td.v-cell a', (as) =>
      as.map((a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        title: a.getAttribute('title'),
        label: a.getAttribute('aria-label'),
      })),
    );
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.text))).toEqual(new Set(['?']));
    expect(cells[0]!.title).toBe('unknown, because no firewall capture exists for host');
    expect(cells[0]!.label).toMatch(/^LAN ens18 to host tcp .*: unknown\b.*\. Show the path\.$/);
    const id = cells[0]!.href!.slice(1);
    const shown = () => page.$eval(`#${id}`, (e) => getComputedStyle(e).display);
    expect(await shown()).toBe('none');
    await page.click(`#step-3 td.v-cell a[href="#${id}"]`);
    expect(await shown()).toBe('block');
    const hops = await page.$$eval(`#${id} table.path-hops tbody tr`, (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(hops[0]?.slice(1, 3)).toEqual(['outside', 'arrive']);
    // The path says where and why it stopped: the host's firewall was not captured.
    expect(await page.$eval(`#${id} h4`, (h) => h.textContent)).toMatch(
      /unknown, because no firewall capture exists for host/,
    );
    // Every evidence link of the path points at a line of the appendix.
    const evs = await page.$$eval(`#${id} a.ev`, (as) => as.map((a) => a.getAttribute('href')!.slice(1)));
    for (const e of evs) expect(await page.$(`[id="${e}"]`), e).not.toBeNull();
  });

  it('the appendix holds every file of every bundle, and evidence links resolve', async () => {
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      steps: { files: unknown[] }[];
    };
    const expected = report.steps.reduce((n, s) => n + s.files.length, 0);
    expect(await page.$$eval('details.rawfile', (d) => d.length)).toBe(expected);
    const broken = await page.$$eval('a.ev', (as) =>
      as.map((a) => a.getAttribute('href')!.slice(1)).filter((id) => !document.getElementById(id)),
    );
    expect(broken).toEqual([]);
    expect(await page.$$eval('a.ev', (as) => as.length)).toBeGreaterThan(50);
  });

  it("shows each step's pre-rendered topology figure as an SVG image", async () => {
    const srcs = await page.$$eval('section.diagram figure img', (imgs) =>
      imgs.map((i) => i.getAttribute('src') ?? ''),
    );
    expect(srcs).toHaveLength(4);
    for (const s of srcs) expect(s.startsWith('data:image/svg+xml;base64,')).toBe(true);
    // The words of a label are separate <tspan>s: compare the text without the markup.
    const step3 = Buffer.from(srcs[2]!.split(',')[1]!, 'base64')
      .toString('utf8')
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, '');
    for (const text of [
      'docker0',
      '172.17.0.1/16',
      'veth9c996da',
      'eth0@if5',
      '172.17.0.2/16',
      ':8080',
      'host :60000',
    ])
      expect(step3).toContain(text);
    const widths = await page.$$eval('section.diagram figure img', (imgs) =>
      imgs.map((i) => (i as HTMLImageElement).naturalWidth),
    );
    for (const w of widths) expect(w).toBeGreaterThan(100);
  });
});

describe.skipIf(skip)('HTML report without a browser: mermaid draws the figures in the page', () => {
  it('renders the figures from the embedded script, allowed by hash, with no request and no error', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dockernet-html-nobrowser-'));
    const run = spawnSync(
      process.execPath,
      [join(root, 'bin/dockernet.js'), 'report', ...samples, '-o', out, '--no-browser'],
      { encoding: 'utf8', env: { ...process.env, DOCKERNET_FROM_SOURCE: '1' } },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('no browser to pre-render them');
    const browser = await launchBrowser(browserPath!);
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warn') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(String(e)));
      const url = pathToFileURL(join(out, 'report.html')).href;
      const attempted = await blockRequests(page, [url]);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('pre.mermaid svg').length === 4, {
        timeout: 30_000,
      });
      const texts = await page.$$eval('pre.mermaid svg', (svgs) => svgs.map((s) => s.textContent ?? ''));
      expect(texts[2]).toContain('veth9c996da');
      expect(texts[3]).toContain('docker_gwbridge');
      expect(attempted).toEqual([]);
      expect(problems).toEqual([]);
      const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) =>
        m.getAttribute('content'),
      );
      expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+'/);
    } finally {
      await browser.close();
    }
  });
});
