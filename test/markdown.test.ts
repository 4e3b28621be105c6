/**
 * Markdown for tickets: the four slide samples against a golden file (rewrite with
 * DOCKERNET_UPDATE_GOLDEN=1 and review the diff), and hostile names that must stay text.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { mdCode, mdFence, mdText, renderMarkdown } from '../src/render/markdown.js';
import type { Report } from '../src/report/types.js';

const root = join(import.meta.dirname, '..');
const update = process.env.DOCKERNET_UPDATE_GOLDEN === '1';
const golden = join(root, 'test', 'golden', 'slides.report.md');

/** The cell separators GFM sees: like cmark-gfm's scanner, `\` + ASCII punctuation is one unit. */
function cellSeparators(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && /[!-/:-@[-`{-~]/.test(line[i + 1] ?? '')) i++;
    else if (line[i] === '|') n++;
  }
  return n;
}

/**
 * The text GFM parses as Markdown/HTML: escaped backticks and code spans removed (inside one, `<script>` is shown as
 * characters, never parsed). Spans are matched like CommonMark: a run of N backticks up to the
 * next run of exactly N.
 */
function outsideCode(md: string): string {
  return md.replace(/\\[\\`]/g, 'ESC').replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, ' CODE ');
}

/** Every table: its rows have exactly as many separators as its header. */
function tablesAreRectangular(md: string): string[] {
  const problems: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\|(---\|)+$/.test(lines[i + 1] ?? '')) continue;
    const want = cellSeparators(lines[i]!);
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++)
      if (cellSeparators(lines[j]!) !== want) problems.push(`line ${j + 1}: ${lines[j]}`);
  }
  return problems;
}

describe('Markdown report', () => {
  let report: Report;
  beforeAll(async () => {
    report = await buildReport(
      [1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`)),
      { generatedAt: '2000-01-01T00:00:00.000Z' },
    );
    report.generator.version = '(any)';
    for (const s of report.steps) s.source = relative(root, s.source);
  });

  it('matches test/golden/slides.report.md', () => {
    const md = renderMarkdown(report, {
      diagrams: [undefined, undefined, 'flowchart LR\n  c["whoami-port60000"] --- b["docker0"]'],
    });
    if (update) writeFileSync(golden, md);
    expect(existsSync(golden), `missing ${golden}: run with DOCKERNET_UPDATE_GOLDEN=1`).toBe(true);
    expect(md).toBe(readFileSync(golden, 'utf8'));
  });

  it('says what the HTML says: the slides values, per step', () => {
    const md = renderMarkdown(report);
    const steps = md.split(/^## /m).slice(1);
    expect(steps).toHaveLength(4);
    expect(steps[0]).toContain('| 2 | `ens18` | ethernet | UP |');
    expect(steps[0]).toContain('`192.168.178.42/24`');
    expect(steps[1]).toMatch(
      /\| `docker0` \| `8000\.\w+` \| no \| DOWN \| `172\.17\.0\.1\/16` \| no ports \|/,
    );
    expect(steps[2]).toContain('| `0.0.0.0:60000/tcp` | `172.17.0.2:8080` | whoami-port60000 |');
    expect(steps[3]).toMatch(/\*\*ingress\*\* \| `\w+` \| overlay \| swarm \| `10\.255\.0\.0\/16/);
    expect(steps[1]).toContain('### Changes since');
    expect(steps[0]).toContain('### Findings');
    expect(tablesAreRectangular(md)).toEqual([]);
  });

  it('carries the reachability matrix: a compact table, and the notable paths in <details>', async () => {
    const engine = await buildReport([join(root, 'samples', 'engine-step3.tar.gz')]);
    const md = renderMarkdown(engine);
    expect(md).toContain('### Who can reach what');
    expect(md).toContain('| Destination | 1 | 2 | 3 |');
    expect(md).toContain('| host tcp/60000 `10.99.0.2, 172.17.0.1` | open | open | open |');
    expect(md).toContain('| whoami tcp/8080 `172.17.0.2` | open | open | open |');
    expect(md).toMatch(
      /<details><summary>Path \d+: open, delivered to httpd \(pid 1094\) in container:whoami<\/summary>/,
    );
    expect(md).toContain(
      '| 2 | `host` | nat PREROUTING | DNAT 10.99.0.2:60000 -> 172.17.0.2:8080 (rule 2 of nat DOCKER)',
    );
    expect(renderMarkdown(engine, { audience: 'handout' })).not.toContain('Who can reach what');
  });

  it('handout: questions only; answers: no findings', () => {
    const handout = renderMarkdown(report, { audience: 'handout' });
    expect(handout).toContain('### Questions');
    expect(handout).not.toContain('### Findings');
    expect(handout).not.toContain('Changes since');
    expect(handout).not.toContain('Evidence: `host/ip-addr.out');
    const answers = renderMarkdown(report, { audience: 'answers' });
    expect(answers).toContain('### Answer key');
    expect(answers).not.toContain('### Findings');
    expect(answers).toContain('Changes since');
  });

  it('puts a Mermaid source in a fence that no backtick run inside can close', () => {
    const src = 'flowchart LR\n  a["x ```` y"] --> b\n```\n';
    const md = renderMarkdown(report, { diagrams: [src] });
    const block = md.slice(md.indexOf('`````mermaid'));
    expect(block.startsWith('`````mermaid\nflowchart LR\n  a["x ```` y"] --> b\n```\n`````\n')).toBe(true);
    expect(mdFence('mermaid', 'graph TD')).toBe('```mermaid\ngraph TD\n```');
  });

  it('keeps hostile names as text: no HTML, no links, no headings, no extra table cells', () => {
    const hostile = [
      'evil|name',
      'a`b``c',
      '<script>alert(1)</script>',
      '[click](javascript:alert(1))',
      '![img](http://x/y.png)',
      '# heading',
      'line1\nline2\r\n## two',
      '**bold** _em_ ~~strike~~',
      '<!-- comment -->',
      '&lt;script&gt;',
      '- item',
      '1. item',
      '> quote',
      '\\|escaped',
    ].join(' ');
    const r = structuredClone(report);
    r.title = hostile;
    const s = r.steps[2]!;
    s.label = hostile;
    s.meta.comment = hostile;
    const host = s.model.namespaces[0]!;
    host.interfaces[0]!.name = hostile;
    host.interfaces[0]!.kind = hostile;
    host.interfaces[0]!.addresses[0]!.cidr = hostile;
    host.routes[0]!.dev = hostile;
    host.sockets[0]!.program = hostile;
    host.sockets[0]!.processCommand = hostile;
    s.model.containers[0]!.name = hostile;
    s.model.containers[0]!.image = hostile;
    s.model.dockerNetworks[0]!.name = hostile;
    s.model.dockerNetworks[0]!.endpoints[0]!.name = hostile;
    s.files[0]!.path = hostile;
    s.analysis!.answers[0]!.question = hostile;
    s.analysis!.answers[0]!.answer = `${hostile}\n\n- ${hostile}\n- \`${hostile}\``;
    s.analysis!.answers[0]!.facts = [{ label: hostile, value: hostile }];
    s.analysis!.findings[0]!.subject = hostile;
    s.analysis!.findings[0]!.detail = hostile;
    s.analysis!.diff!.changes[0]!.summary = hostile;
    for (const audience of ['review', 'handout', 'answers'] as const) {
      const full = renderMarkdown(r, { audience });
      const md = outsideCode(full);
      expect(md).not.toMatch(/<script/i);
      expect(md).not.toMatch(/<!--/);
      // No link or image: every '[' from the data is escaped, so no '[text](url)' can form.
      expect(md).not.toMatch(/(?<!\\)\[[^\]]*\]\(/);
      expect(md).toContain('\\[click](javascript:alert(1))');
      expect(md).not.toMatch(/!\[img\]/);
      expect(md).not.toMatch(/^#+ heading/m);
      expect(md).not.toMatch(/^#+ two/m);
      expect(md).not.toMatch(/^(- item|1\. item|> quote)/m);
      expect(md).not.toMatch(/[^\\]\*\*bold/);
      // An entity in the data stays the characters it was written with.
      expect(md).toContain('&amp;lt;script&amp;gt;');
      expect(tablesAreRectangular(full)).toEqual([]);
      // The hostile text shows up (as text) where it was put.
      expect(md).toContain('evil\\|name');
    }
  });

  it('escapes text and code spans', () => {
    expect(mdText('a|b')).toBe('a\\|b');
    expect(mdText('docker_gwbridge -> docker0')).toBe('docker_gwbridge -> docker0');
    expect(mdText('_em_')).toBe('\\_em\\_');
    expect(mdText('<b>')).toBe('&lt;b>');
    expect(mdText('# x')).toBe('\\# x');
    expect(mdText('issue #12 @team')).toBe('issue \\#12 \\@team');
    expect(mdText('root@pts/0')).toBe('root@pts/0');
    expect(mdText('x\ny')).toBe('x y');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
    expect(mdCode('a\\|b', true)).toBe('`a\\\\\\|b`');
    expect(mdText('a\\|b')).toBe('a\\\\\\|b');
    expect(mdCode('')).toBe('');
  });
});
