/**
 * report.md as GitHub and GitLab read it (GFM): fences that close, one ```mermaid block per
 * figure, <details> blocks balanced with the blank lines that make their inside Markdown, tables
 * with as many cells in every row as in the header, and no HTML but details/summary/br, also when
 * the raw outputs and names carry markup. A line scanner written from the GFM spec, not from our
 * renderer.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { Redactor } from '../src/redact/redactor.js';
import { renderMarkdown } from '../src/render/markdown.js';
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
});
