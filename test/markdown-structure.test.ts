/**
 * report.md as GitHub and GitLab read it (GFM): fences that close, one ```mermaid block per
 * figure, <details> blocks balanced with the blank lines that make their inside Markdown, tables
 * with as many cells in every row as in the header, and no HTML but details/summary/br, also when
 * the raw outputs and names carry markup. A line scanner written from the GFM spec, not from our
 * renderer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle, writeBundle } from '../bench/generate.js';
import { buildReport } from '../src/pipeline.js';
import { Redactor } from '../src/redact/redactor.js';
import { MD_ROWS, renderMarkdown } from '../src/render/markdown.js';
import { stepDiagram } from '../src/render/mermaid/index.js';
import type { Report } from '../src/report/types.js';
import { HOSTILE_MARKUP } from './support/hostile.js';

const root = join(import.meta.dirname, '..');

interface Fence {
  info: string;
  body: string[];
  line: number;
}

interface Scan {
  fences: Fence[];
  problems: string[];
  /** Lines outside fenced blocks, with their 1-based numbers. */
  prose: { n: number; text: string }[];
}

/** GFM fenced code blocks (backtick fences, up to 3 spaces of indent) and what lies outside them. */
function scan(md: string): Scan {
  const lines = md.split('\n');
  const fences: Fence[] = [];
  const prose: Scan['prose'] = [];
  const problems: string[] = [];
  let open: { ticks: number; fence: Fence } | undefined;
  lines.forEach((l, i) => {
    if (open) {
      const close = /^ {0,3}(`{3,})\s*$/.exec(l);
      if (close && close[1]!.length >= open.ticks) open = undefined;
      else open.fence.body.push(l);
      return;
    }
    const start = /^ {0,3}(`{3,})([^`]*)$/.exec(l);
    if (start) {
      const fence = { info: start[2]!.trim(), body: [], line: i + 1 };
      fences.push(fence);
      open = { ticks: start[1]!.length, fence };
      return;
    }
    prose.push({ n: i + 1, text: l });
  });
  if (open) problems.push(`fence opened on line ${open.fence.line} never closes`);
  return { fences, prose, problems };
}

/** Code spans removed, as CommonMark matches them: a run of N backticks up to the next run of N. */
function withoutCodeSpans(s: string): string {
  return s.replace(/\\[\\`]/g, 'E').replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, 'C');
}

/** Separators GFM sees in a table row: `\` + punctuation is one unit (cmark-gfm's scanner). */
function cells(row: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && /[!-/:-@[-`{-~]/.test(row[i + 1] ?? '')) i++;
    else if (row[i] === '|') n++;
  }
  return n;
}

function structureProblems(md: string, figures: number): string[] {
  const { fences, prose, problems } = scan(md);
  const mermaid = fences.filter((f) => f.info === 'mermaid');
  if (mermaid.length !== figures) problems.push(`${mermaid.length} mermaid blocks for ${figures} figures`);
  for (const f of mermaid)
    if (!/^(flowchart|graph) /.test(f.body[0] ?? ''))
      problems.push(`mermaid block on line ${f.line} starts oddly`);
  let depth = 0;
  const text = (k: number) => prose.find((p) => p.n === k)?.text;
  for (const { n, text: l } of prose) {
    // HTML: only the collapsible blocks and line breaks in cells, never a tag from the data.
    for (const m of withoutCodeSpans(l).matchAll(/<\/?([A-Za-z][\w-]*)/g))
      if (!['details', 'summary', 'br'].includes(m[1]!.toLowerCase()))
        problems.push(`line ${n}: HTML <${m[1]}>`);
    if (/<!--/.test(withoutCodeSpans(l))) problems.push(`line ${n}: HTML comment`);
    if (l.startsWith('<details>')) {
      depth++;
      if (!/^<details><summary>.*<\/summary>$/.test(l))
        problems.push(`line ${n}: <details> without a one-line <summary>`);
      // Markdown inside <details> needs the HTML block to end: a blank line after the summary.
      if (text(n + 1) !== '') problems.push(`line ${n}: no blank line after <summary>`);
    } else if (l.includes('<details')) problems.push(`line ${n}: <details> not at the start of a line`);
    if (l === '</details>') {
      depth--;
      if (text(n - 1) !== '') problems.push(`line ${n}: no blank line before </details>`);
      if (depth < 0) problems.push(`line ${n}: </details> without <details>`);
    } else if (l.includes('</details>')) problems.push(`line ${n}: </details> not alone on its line`);
  }
  if (depth !== 0) problems.push(`${depth} <details> left open`);
  // Tables: a header, a delimiter row, rows with as many cells as the header.
  for (let i = 0; i + 1 < prose.length; i++) {
    const delim = prose[i + 1]!;
    if (delim.n !== prose[i]!.n + 1 || !/^\|(\s*:?-{3,}:?\s*\|)+$/.test(delim.text)) continue;
    const want = cells(prose[i]!.text);
    if (cells(delim.text) !== want)
      problems.push(`line ${delim.n}: delimiter row has other cells than the header`);
    for (let j = i + 2; j < prose.length && prose[j]!.text.startsWith('|'); j++)
      if (cells(prose[j]!.text) !== want)
        problems.push(`line ${prose[j]!.n}: ${cells(prose[j]!.text)} cells, header ${want}`);
  }
  return problems;
}

describe('report.md structure (GFM: GitHub and GitLab)', () => {
  const sets: Record<string, Report> = {};
  beforeAll(async () => {
    sets['slides'] = await buildReport([1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`)));
    sets['engine'] = await buildReport(
      [2, 3, 4].map((n) => join(root, 'samples', `engine-step${n}.tar.gz`)),
      { redactor: new Redactor() },
    );
  });

  for (const name of ['slides', 'engine'])
    for (const audience of ['review', 'handout', 'answers'] as const)
      it(`${name}, ${audience}: fences close, mermaid fenced, details balanced, tables well-formed, no HTML from data`, () => {
        const report = sets[name]!;
        const diagrams = report.steps.map((s) => stepDiagram(s.model).source);
        const md = renderMarkdown(report, { audience, diagrams });
        expect(structureProblems(md, diagrams.length)).toEqual([]);
        // The raw outputs the answers cite are there, collapsed.
        expect(md).toMatch(/^<details><summary>host\/ip-addr\.out · ip addr/m);
        if (name === 'engine' && audience === 'review') expect(md).toMatch(/^<details><summary>Path \d+: /m);
      });

  it('keeps markup in raw outputs, paths and commands as text', () => {
    const r = structuredClone(sets['slides']!);
    const step = r.steps[0]!;
    const cited = step.files.find((f) => f.path === 'host/ip-addr.out')!;
    const hostile = HOSTILE_MARKUP.join('\n');
    cited.text = `${hostile}\n</details>\n\n<script>alert(1)</script>\n\`\`\`\n\`\`\`\`mermaid\n${cited.text}`;
    const cmd = step.commands[cited.commandIndex!]!;
    cmd.command = `ip addr </summary></details><script>alert(1)</script> & "x"`;
    const md = renderMarkdown(r, { diagrams: r.steps.map((s) => stepDiagram(s.model).source) });
    expect(structureProblems(md, r.steps.length)).toEqual([]);
    expect(md).toContain(
      'ip addr &lt;/summary&gt;&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;',
    );
    // The raw text is inside a fence longer than its own backtick runs, shown as it was.
    const { fences } = scan(md);
    expect(
      fences.some(
        (f) => f.info === 'text' && f.body.includes('</details>') && f.body.includes('````mermaid'),
      ),
    ).toBe(true);
  });

  it('finds the problems it looks for (the checks can fail)', () => {
    expect(structureProblems('```mermaid\nflowchart LR\n', 1)).toContain(
      'fence opened on line 1 never closes',
    );
    expect(structureProblems('<details><summary>x</summary>\ntext\n</details>\n', 0)).toEqual([
      'line 1: no blank line after <summary>',
      'line 3: no blank line before </details>',
    ]);
    expect(structureProblems('<details><summary>x</summary>\n\n', 0)).toContain('1 <details> left open');
    expect(structureProblems('| a | b |\n|---|---|\n| 1 | 2 | 3 |\n', 0)).toEqual([
      'line 3: 4 cells, header 3',
    ]);
    expect(structureProblems('name <img src=x>\n', 0)).toEqual(['line 1: HTML <img>']);
    expect(structureProblems('`<img src=x>`\n', 0)).toEqual([]);
  });

  it('stops tables and lists of a big host after MD_ROWS rows, counting what it left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockernet-md-big-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const gen = generateBundle({
      containers: 90,
      networks: 4,
      sockets: 1500,
      routes: 300,
      processes: 300,
      seed: 9,
    });
    const report = await buildReport([await writeBundle(gen, join(dir, 'big.tar.gz'))]);
    const diagrams = report.steps.map((s) => stepDiagram(s.model).source);
    const md = renderMarkdown(report, { diagrams });
    expect(structureProblems(md, diagrams.length)).toEqual([]);
    // Every table: at most MD_ROWS rows and the row that counts the rest; but the list of the
    // bundle's files, which names every file (the report loses none).
    const lines = md.split('\n');
    let heading = '';
    let tables = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.startsWith('#')) heading = lines[i]!;
      if (!/^\|(\s*:?-{3,}:?\s*\|)+$/.test(lines[i]!)) continue;
      let rows = 0;
      while (lines[i + 1 + rows]?.startsWith('|')) rows++;
      tables++;
      if (heading === '### Bundle files') expect(rows).toBe(report.steps[0]!.files.length);
      else expect(rows, `table at line ${i}`).toBeLessThanOrEqual(MD_ROWS + 1);
    }
    expect(tables).toBeGreaterThan(10);
    // The counts come from the model: the host's routes and connected sockets, the namespaces.
    const model = report.steps[0]!.model;
    const host = model.namespaces.find((n) => n.kind === 'host')!;
    const routes = host.routes.filter((r) => (r.table ?? 'main') === 'main').length;
    const connected = host.sockets.filter((s) => !s.listening).length;
    expect(routes).toBeGreaterThan(MD_ROWS);
    expect(connected).toBeGreaterThan(MD_ROWS);
    expect(md).toContain(
      `| … ${connected - MD_ROWS} more rows: see report.html or report.json. | | | | | | |`,
    );
    expect(md).toContain(`… ${model.namespaces.length - MD_ROWS} more network namespaces`);
    // The host-sockets answer lists its first MD_ROWS sockets, its evidence the first MD_ROWS lines.
    expect(md).toMatch(/^- … [\d,]+ more items: see report\.html or report\.json\.$/m);
    expect(md).toMatch(/, … [\d,]+ more lines \(see report\.html or report\.json\)$/m);
    // Findings: why and what to do once per kind; from FOLD_FROM of a kind the rest in <details>.
    const findings = report.steps[0]!.analysis!.findings;
    const kinds = new Set(findings.map((f) => f.kind));
    expect(md.match(/^ {2}\*Why it matters:\* /gm)?.length).toBe(kinds.size);
    expect(md.match(/^ {2}\*Why it matters and what to do: as above\.\*$/gm)?.length).toBe(
      findings.length - kinds.size,
    );
    expect(md).toMatch(/^<details><summary>\d+ more findings of this kind: .+<\/summary>$/m);
    expect(md.length).toBeLessThan(1_000_000);
    // What is left out points to the files written beside it, or says how to get them.
    const only = renderMarkdown(report, { diagrams, formats: ['md'] });
    expect(only).not.toMatch(/more \w+: see report/);
    expect(only).toMatch(/^- … \d+ more items: listed with `-f html` or `-f json`\.$/m);
    const withHtml = renderMarkdown(report, { diagrams, formats: ['md', 'html', 'pdf'] });
    expect(withHtml).toMatch(/^\| … \d+ more rows: see report\.html\. \|/m);
    expect(withHtml).not.toMatch(/more \w+: see report\.html or report\.json/);
  });
});
