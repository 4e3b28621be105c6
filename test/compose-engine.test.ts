/**
 * Compose grouping on a real engine: test/scripts/engine-compose.sh starts dockerd (Debian's
 * 20.10, and 28.5 when unpacked) in throw-away namespaces with two Compose-labelled stacks
 * (shop: web x2 + db; blog: app) and one container of no project, and runs the collector. The engine's own labels (truth-compose.txt,
 * read with `docker inspect` before the collector ran) are the ground truth: the model, the
 * figure (Mermaid and draw.io) and the containers table group exactly those containers under
 * their project's name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { drawioFile } from '../src/render/drawio.js';
import { stepDiagram } from '../src/render/mermaid/index.js';
import { renderOutputs } from '../src/render/outputs.js';
import type { Report } from '../src/report/types.js';
import { docker28Root, engineSupport, variedSupport } from './helpers/docker-engine.js';
import { runInSandbox, sandboxRequired, scriptsDir, skipLoudly, tail } from './helpers/netns.js';

const support = engineSupport();
if (!support.ok)
  skipLoudly('Compose grouping on a real engine (test/compose-engine.test.ts)', support.reason);
if (!support.ok && sandboxRequired)
  describe('engine sandbox required', () => {
    it('can run dockerd in a namespace sandbox', () => {
      expect.fail(`DOCKERNET_REQUIRE_SANDBOX=1 but: ${support.ok ? '' : support.reason}`);
    });
  });

const engines = (['20.10', '28.5'] as const).filter((e) => e === '20.10' || variedSupport(e).ok);
if (support.ok && engines.length < 2)
  skipLoudly('Compose grouping on Docker 28.5', 'no Docker 28.5 unpacked');

describe.runIf(support.ok).each(engines)('Compose stacks on a real engine (Docker %s)', (engine) => {
  let dir: string;
  let report: Report;
  /** name -> [project, service, number] as the engine reports them ('' when unlabelled). */
  const truth = new Map<string, [string, string, string]>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dockernet-compose-'));
    const run = await runInSandbox(join(scriptsDir, 'engine-compose.sh'), [dir], {
      timeoutMs: 200_000,
      env: { ...process.env, DOCKERNET_ENGINE: engine, DOCKERNET_DOCKER28: docker28Root },
    });
    if (run.code !== 0)
      throw new Error(`engine-compose.sh failed (exit ${run.code})\n${tail(run.stderr, 40)}`);
    console.info(`compose scenario, Docker ${engine}: ${run.ms} ms`);
    for (const line of readFileSync(join(dir, 'truth-compose.txt'), 'utf8').trim().split('\n')) {
      const [name, project = '', service = '', number = ''] = line.split(' ');
      truth.set(name!, [project, service, number]);
    }
    report = await buildReport([join(dir, 'compose.tar.gz')], { generatedAt: '2000-01-01T00:00:00.000Z' });
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the model has each container’s project, service and number as the engine labelled them', () => {
    expect(truth.size).toBe(5);
    const model = report.steps[0]!.model;
    for (const [name, [project, service, number]] of truth) {
      const c = model.containers.find((x) => x.name === name);
      expect(c, name).toBeDefined();
      if (project === '') expect(c!.compose, name).toBeUndefined();
      else expect(c!.compose, name).toEqual({ project, service, number });
    }
  });

  it('the figure draws each project’s containers in one box named after it (Mermaid and draw.io)', () => {
    const d = stepDiagram(report.steps[0]!.model);
    expect(d.aggregated).toBe(false);
    const projects = [...new Set([...truth.values()].map((t) => t[0]).filter(Boolean))].sort();
    expect(projects).toEqual(['blog', 'shop']);
    const xml = drawioFile(d.figure, 'step 1');
    for (const project of projects) {
      const box = d.figure.groups.filter((g) => g.title[0] === `Compose project ${project}`);
      expect(box, project).toHaveLength(1);
      const members = box[0]!.children.map((id) => d.figure.groups.find((g) => g.id === id)!.title[0]);
      const expected = [...truth.entries()]
        .filter(([, t]) => t[0] === project)
        .map(([name, t]) => `container ${name} (service ${t[1]})`)
        .sort();
      expect([...members].sort()).toEqual(expected);
      expect(d.source).toContain(`subgraph ${box[0]!.id}["Compose project ${project}"]`);
      // In the draw.io file the container boxes are children of the project's box.
      expect(xml).toContain(`<mxCell id="${box[0]!.id}" value="Compose project ${project}"`);
      for (const id of box[0]!.children)
        expect(xml).toMatch(new RegExp(`<mxCell id="${id}" [^>]*parent="${box[0]!.id}"`));
    }
    // The container of no project is in no project box.
    const loner = d.figure.groups.find((g) => g.title[0] === 'container loner')!;
    expect(loner.parent).toBe('g1');
    // Both published ports are drawn.
    expect(d.source).toContain('host :8080');
    expect(d.source).toContain('host :8081');
  });

  it('the containers table groups them under the project (Markdown and HTML)', async () => {
    const out = await renderOutputs(report, { formats: ['md', 'html'], audience: 'review', browser: false });
    const md = String(out.files.find((f) => f.name === 'report.md')!.data);
    const section = md.slice(md.indexOf('#### Containers'));
    const rows = section
      .slice(0, section.indexOf('\n\n', section.indexOf('|')))
      .split('\n')
      .filter((l) => /^\| \*\*/.test(l));
    const table = rows.map((l) => /^\| \*\*([^*]+)\*\*/.exec(l)![1]!);
    // Unlabelled first, then blog's, then shop's, each under its header row.
    expect(table[0]).toBe('loner');
    expect(table.slice(1, 3)).toEqual(['Compose project blog', 'blog-app-1']);
    expect(table[3]).toBe('Compose project shop');
    expect(table.slice(4).sort()).toEqual(['shop-db-1', 'shop-web-1', 'shop-web-2']);
    expect(md).toContain('| **shop-db-1** (service db) |');
    const html = String(out.files.find((f) => f.name === 'report.html')!.data);
    expect(html).toContain('<tr class="compose-project"><th colspan="9">Compose project shop</th></tr>');
    expect(out.files.map((f) => f.name)).toContain('diagrams/step-1.drawio');
  });

  it('the collector recorded the Compose label values and no other label value', () => {
    const run = spawnSync(
      'tar',
      ['-xzOf', join(dir, 'compose.tar.gz'), '--wildcards', '*/docker-container-inspect.out'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    // The working_dir label (a path) is there by key only.
    expect(run.stdout).toContain('"com.docker.compose.project.working_dir"');
    expect(run.stdout).not.toContain('/srv/');
    expect(run.stdout).toContain(
      '"ComposeLabels":{ "com.docker.compose.container-number":"2","com.docker.compose.project":"shop","com.docker.compose.service":"web"}',
    );
  });
});
