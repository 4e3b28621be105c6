/**
 * The hostile corpus (test/support/hostile.ts, generated at test time): each input gets a clear
 * error (BundleReadError, CLI exit 3) or warnings, no exception escapes, every file is accounted
 * for, nothing is written outside the output folder, memory stays bounded, secrets are masked in
 * every output, and the HTML, opened in real headless Chromium with every request blocked, runs
 * no script, loads nothing and shows the markup as text.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleReadError } from '../src/bundle/read.js';
import { buildReport } from '../src/pipeline.js';
import { renderHtml } from '../src/render/html.js';
import type { Report } from '../src/report/types.js';
import { missing, testBrowserPath } from './support/env.js';
import { HOSTILE_MARKUP, type HostileCase, hostileCases, SECRET, snapshot } from './support/hostile.js';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'dockernet-hostile-'));
const cases = hostileCases();
/** HTML of each case that produced a report, for the browser checks. */
const rendered = new Map<string, string>();

afterAll(() => rmSync(work, { recursive: true, force: true }));

const hasTime = existsSync('/usr/bin/time');
const MAX_RSS_MB = 500;

interface CliRun {
  status: number | null;
  stderr: string;
  maxRssMb?: number;
}

/**
 * HTML and JSON only, and no browser where the CLI has that switch: the hostile inputs are about
 * reading; diagrams rendered in Chromium would only make each run slower.
 */
const reportHelp = spawnSync(process.execPath, [join(root, 'bin/dockernet.js'), 'report', '--help'], {
  encoding: 'utf8',
  env: { ...process.env, DOCKERNET_FROM_SOURCE: '1' },
}).stdout;
const FAST = ['-f', 'html,json', ...(reportHelp.includes('--no-browser') ? ['--no-browser'] : [])];

/** The CLI as a user runs it, under /usr/bin/time -v for its peak RSS. */
function runCli(args: string[]): Promise<CliRun> {
  const node = [join(root, 'bin/dockernet.js'), ...args, ...FAST];
  const [cmd, argv] = hasTime
    ? ['/usr/bin/time', ['-v', process.execPath, ...node]]
    : [process.execPath, node];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      env: { ...process.env, DOCKERNET_FROM_SOURCE: '1', LC_ALL: 'C.UTF-8' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (status) => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const exit = /Exit status: (\d+)/.exec(stderr);
      resolve({
        status: hasTime && exit ? Number(exit[1]) : status,
        stderr,
        ...(rss ? { maxRssMb: Number(rss[1]) / 1024 } : {}),
      });
    });
  });
}

function messagesOf(report: Report): string {
  return report.steps[0]!.warnings.map((w) => `${w.severity} ${w.file ?? ''}: ${w.message}`).join('\n');
}

describe('hostile bundles: read, parse, model, report, render', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(work, 'case-'));
      const input = c.build(dir);
      let report: Report | undefined;
      let error: unknown;
      try {
        report = await buildReport([input], { generatedAt: '2000-01-01T00:00:00.000Z' });
      } catch (e) {
        error = e;
      }
      if (c.readError) {
        expect(error, 'a BundleReadError is expected').toBeInstanceOf(BundleReadError);
        expect((error as Error).message).toMatch(c.readError);
        return;
      }
      expect(error, `no exception may escape: ${(error as Error)?.stack}`).toBeUndefined();
      const step = report!.steps[0]!;
      const messages = messagesOf(report!);
      for (const re of c.warnings ?? []) expect(messages, `warning ${re}`).toMatch(re);
      const paths = new Set(step.files.map((f) => f.path));
      for (const p of c.accounted ?? [])
        expect(
          paths.has(p) || messages.includes(p),
          `${p}: neither in the report's files nor in a warning`,
        ).toBe(true);
      // Every command has a status, every output a command names is in the files.
      for (const cmd of step.commands) expect(cmd.status).toMatch(/^[a-z]+$/);
      for (const f of step.files) expect(typeof f.text).toBe('string');
      const html = renderHtml(report!);
      const json = JSON.stringify(report);
      expect(JSON.parse(json).steps[0].files).toHaveLength(step.files.length);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      rendered.set(c.name, html);
    }, 120_000);
  }

  it('markup reaches the HTML and JSON escaped, never as markup', () => {
    const html = rendered.get(cases.find((c) => c.name.startsWith('markup'))!.name)!;
    expect(html).toBeDefined();
    const body = html.slice(html.indexOf('<body'));
    expect(body).not.toMatch(/<script|<img|<svg|onerror=|onload=/i);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('</style><style>');
    // Handlebars in data stays data: `{{handlebars}}` is printed, not evaluated.
    expect(body).toContain('{{handlebars}}');
  });

  it('secrets are masked in the appendix, the model, the HTML and the JSON', () => {
    const html = rendered.get(cases.find((c) => c.name.startsWith('secrets'))!.name)!;
    expect(html).toBeDefined();
    expect(html).not.toContain(SECRET);
    expect(html).toContain('DB_PASSWORD&#x3D;***');
    expect(html).toContain('--password&#x3D;***');
  });
});

describe('hostile bundles through the CLI: exit codes, output folder, memory', () => {
  const cliCases = cases.filter((c) => c.cli);
  for (const c of cliCases) {
    it(`${c.name}: exit ${c.readError ? 3 : 0}, nothing outside -o, peak RSS < ${MAX_RSS_MB} MB`, async () => {
      const parent = mkdtempSync(join(work, 'cli-'));
      const input = c.build(mkdtempSync(join(work, 'input-')));
      const outside = [
        '/tmp/dockernet-hostile-abs.out',
        '/tmp/dockernet-hostile-target',
        join(tmpdir(), 'escape.out'),
        join(tmpdir(), 'escape2.out'),
        join(work, 'escape.out'),
        join(work, 'escape2.out'),
      ].filter((p) => !existsSync(p));
      const before = snapshot(parent);
      const r = await runCli(['report', input, '-o', join(parent, 'out')]);
      const created = snapshot(parent).filter((p) => !before.includes(p));
      if (c.readError) {
        expect(r.status, r.stderr).toBe(3);
        expect(r.stderr).toMatch(c.readError);
        expect(created).toEqual([]);
      } else {
        expect(r.status, r.stderr).toBe(0);
        // Other formats may be added to the CLI: whatever it writes must be under -o.
        expect(created.filter((p) => p !== 'out' && !p.startsWith('out/'))).toEqual([]);
        expect(created).toEqual(expect.arrayContaining(['out/report.html', 'out/report.json']));
        const json = readFileSync(join(parent, 'out', 'report.json'), 'utf8');
        const html = readFileSync(join(parent, 'out', 'report.html'), 'utf8');
        expect(json).not.toContain(SECRET);
        expect(html).not.toContain(SECRET);
      }
      for (const p of outside) expect(existsSync(p), `${p} was written`).toBe(false);
      if (r.maxRssMb !== undefined) {
        console.log(`${c.name}: exit ${r.status}, peak RSS ${Math.round(r.maxRssMb)} MB`);
        expect(r.maxRssMb, 'peak RSS in MB').toBeLessThan(MAX_RSS_MB);
      }
    }, 120_000);
  }

  it('secrets: masked in the files the CLI writes', async () => {
    const c = cases.find((x) => x.name.startsWith('secrets')) as HostileCase;
    const out = mkdtempSync(join(work, 'secrets-'));
    const r = await runCli(['report', c.build(mkdtempSync(join(work, 'input-'))), '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ['report.html', 'report.json'])
      expect(readFileSync(join(out, f), 'utf8')).not.toContain(SECRET);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const procs = report.steps[0]!.model.namespaces.flatMap((n) => n.processes.map((p) => p.command));
    expect(procs.some((p) => p.includes('--password=***'))).toBe(true);
    expect(messagesOf(report)).toMatch(/host\/ps\.out: 4 secret-looking values masked/);
  }, 120_000);
});

const browserPath = testBrowserPath();
const skip = missing({ chromium: browserPath !== undefined });

describe.skipIf(skip)('hostile reports in headless Chromium', () => {
  let browser: Browser;
  const pages = join(work, 'html');

  beforeAll(async () => {
    mkdirSync(pages, { recursive: true });
    browser = await (await import('../src/render/browser.js')).launchBrowser(browserPath!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Open one HTML file; report what ran, what was requested and what elements came from data. */
  async function open(file: string, bypassCsp: boolean) {
    const { blockRequests } = await import('../src/render/browser.js');
    const page = await browser.newPage();
    try {
      const pwned: string[] = [];
      const dialogs: string[] = [];
      await page.exposeFunction('pwned', (what: string) => {
        pwned.push(what);
      });
      await page.evaluateOnNewDocument(() => {
        const w = window as unknown as Record<string, unknown> & { pwned: (s: string) => void };
        for (const k of ['alert', 'confirm', 'prompt', 'print'])
          w[k] = (...args: unknown[]) => w.pwned(`${k}(${args.join(',')})`);
      });
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      if (bypassCsp) await page.setBypassCSP(true);
      const url = pathToFileURL(file).href;
      const attempted = await blockRequests(page, [url]);
      await page.goto(url, { waitUntil: 'load' });
      // Give event handlers (onerror of a broken image, onload) a moment to fire.
      await new Promise((r) => setTimeout(r, 100));
      const fromData = await page.$$eval(
        'script, img, svg[onload], [onerror], [onload], iframe, object, embed, a[href^="javascript:" i], base, meta[http-equiv="refresh" i]',
        (els) => els.map((e) => e.outerHTML.slice(0, 120)),
      );
      const text = await page.evaluate(() => document.body.textContent ?? '');
      const label = await page.$eval('section.step > h2', (h) => h.textContent ?? '');
      const hidden = await page.evaluate(() => getComputedStyle(document.body).display);
      return { pwned, dialogs, attempted, fromData, text, label, hidden };
    } finally {
      await page.close();
    }
  }

  it('no script runs, no request is attempted, no element comes from data, markup shows as text', async () => {
    expect(rendered.size).toBeGreaterThan(5);
    for (const [name, html] of rendered) {
      // The multi-megabyte appendices (bomb, 20k files, 10 MB line) carry no markup: static checks only.
      if (html.length > 3_000_000) continue;
      const file = join(pages, `${rendered.size}-${[...rendered.keys()].indexOf(name)}.html`);
      writeFileSync(file, html);
      const isMarkup = name.startsWith('markup');
      for (const bypass of isMarkup ? [false, true] : [false]) {
        const r = await open(file, bypass);
        const what = `${name}${bypass ? ' (CSP bypassed)' : ''}`;
        expect(r.pwned, `${what}: script ran`).toEqual([]);
        expect(r.dialogs, `${what}: dialog`).toEqual([]);
        expect(r.attempted, `${what}: requests`).toEqual([]);
        expect(r.fromData, `${what}: elements from data`).toEqual([]);
        expect(r.hidden, `${what}: injected CSS applied`).not.toBe('none');
        if (isMarkup) {
          for (const h of HOSTILE_MARKUP) {
            expect(r.text, `${what}: ${h} shown as text`).toContain(h);
            expect(r.label, `${what}: ${h} in the step title`).toContain(h);
          }
        }
      }
    }
  }, 180_000);
});
