/**
 * No import cycles under src/: every module's imports (static, `import type`, re-exports and
 * `import('...')` with a literal) read with TypeScript's own pre-processor, resolved the way
 * NodeNext resolves our specifiers (`./x.js` is `./x.ts`), and the strongly connected components
 * of that graph found with Tarjan's algorithm. Type-only cycles count too: they are not a
 * runtime problem, but they tie two stages together so that neither can be read or moved alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');

/**
 * Cycles known and left for now, each as the exact set of its modules (relative to src/). A cycle
 * that grows, or any other cycle, fails the test.
 */
const KNOWN_CYCLES: { files: string[]; why: string }[] = [];

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .sort();
}

/** `./x.js` -> `./x.ts`, `./x` -> `./x.ts` or `./x/index.ts`; undefined for JSON and packages. */
function resolveSpecifier(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c));
}

function importGraph(files: string[]): Graph {
  const graph: Graph = new Map();
  for (const f of files) {
    const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    const deps = new Set<string>();
    for (const ref of info.importedFiles) {
      const to = resolveSpecifier(f, ref.fileName);
      if (to) deps.add(to);
    }
    graph.set(f, [...deps].sort());
  }
  return graph;
}

/** Strongly connected components with more than one module, or a module importing itself. */
function cycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || graph.get(v)?.includes(v)) found.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import cycles', () => {
  it('the checker finds a cycle through re-exports, type imports and dynamic imports', () => {
    const g: Graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    // And the graph reader sees every form of import on real files.
    const files = sourceFiles(src);
    const graph = importGraph(files);
    const edge = (a: string, b: string) => graph.get(join(src, a))?.includes(join(src, b));
    expect(edge('render/outputs.ts', 'render/mermaid/index.ts')).toBe(true); // import
    expect(edge('analyses/types.ts', 'report/command.ts')).toBe(true); // import type
    expect(edge('report/types.ts', 'report/command.ts')).toBe(true); // export type ... from
    expect(edge('render/browser-start.ts', 'render/browser-find.ts')).toBe(true); // await import('...')
  });

  it('src/ has no import cycle but the known ones', () => {
    const files = sourceFiles(src);
    expect(files.length).toBeGreaterThan(100);
    const found = cycles(importGraph(files)).map((c) => c.map((f) => relative(src, f)));
    const known = (c: string[]) => KNOWN_CYCLES.some((k) => k.files.join(' ') === c.join(' '));
    for (const k of KNOWN_CYCLES) {
      if (!found.some((c) => c.join(' ') === k.files.join(' ')))
        console.warn(`import-cycles: "${k.why}" is gone: remove it from KNOWN_CYCLES`);
    }
    expect(found.filter((c) => !known(c))).toEqual([]);
  });
});
