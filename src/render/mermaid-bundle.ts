/**
 * Mermaid for flowcharts only, as one classic script (sets `globalThis.mermaid`): what the
 * diagram page of the browser path evaluates, and what a `--no-browser` report.html inlines to
 * draw its figures when opened.
 *
 * Why not mermaid's own files: its IIFE bundle (mermaid.min.js, 3.4 MB) holds every diagram
 * type, katex and cytoscape, and evaluating it took 1.6-1.9 s in a page; its ESM build loads
 * only what a flowchart needs but as ~27 modules, each a request the page must make (and that
 * this process had to answer), so the page could not start before puppeteer drove it. This
 * bundle is mermaid's ESM core with the flowchart and its dagre layout, every other diagram
 * type's loader replaced by one that throws ("not bundled"): ~0.9 MB, one inline script, so
 * Chromium can load the diagram page from its command line while Node is still starting
 * (browser-start.ts). Its output for a flowchart is mermaid's own (test/mermaid-bundle.test.ts
 * draws the same sources with mermaid.min.js and compares the SVG bytes).
 *
 * Built by `npm run build` into dist/mermaid/flowchart.js (scripts/bundle-cli.mjs); a checkout
 * without a build (sources run through tsx) builds it in memory once per process with esbuild,
 * which is installed with tsx (~0.6 s of CPU).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** Where `npm run build` writes the bundle. */
export const FLOWCHART_BUNDLE_PATH = join(PACKAGE_ROOT, 'dist', 'mermaid', 'flowchart.js');

/**
 * Dynamic imports of mermaid's core that a flowchart needs: its diagram definition and the
 * dagre layout. Everything else mermaid loads on demand (the other 38 diagram types, other
 * layouts, katex) becomes a stub.
 */
const KEEP = /(^|\/)(flowDiagram|dagre)-[A-Z0-9]+\.mjs$/;

/**
 * Edits to mermaid's source for speed, each the same result by other means. Mermaid's
 * configuration holds a section for each of its ~30 diagram types (c4's alone has ~120 keys)
 * plus ~330 theme variables, and `getConfig()` hands out a fresh deep copy of all of it: it is
 * called ~130 times per figure (every node, edge and label), and the copying was a fifth of the
 * diagram page's time per figure (a CPU profile of the page drawing the slides' figures), most
 * of it in `assignWithDepth`'s Object.entries/forEach/defineProperty per key. Mermaid's complete
 * bundle draws the same SVG bytes (test/mermaid-bundle.test.ts); the build fails if an edit no
 * longer finds its text (another mermaid), rather than bundle a page that is slow unnoticed.
 */
interface SourcePatch {
  why: string;
  find: string;
  replace: string;
}

/** Config sections of the diagram types this bundle stubs; `state` stays: the edge code reads it for flowcharts too. */
const NOT_BUNDLED_SECTIONS = [
  'swimlane',
  'sequence',
  'gantt',
  'journey',
  'class',
  'er',
  'pie',
  'quadrantChart',
  'xyChart',
  'requirement',
  'mindmap',
  'ishikawa',
  'kanban',
  'timeline',
  'gitGraph',
  'c4',
  'sankey',
  'block',
  'packet',
  'treeView',
  'architecture',
  'eventmodeling',
  'radar',
  'venn',
  'cynefin',
  'treemap',
  'elk',
];

/**
 * `assignWithDepth({}, src, { depth })` written as plain loops, for getConfig's fresh target:
 * the same keys in the same order, null values left out, arrays copied without repeats, objects
 * copied to the given depth and shallowly below it. A key `__proto__` is defined, not assigned,
 * as mermaid does.
 */
const CONFIG_COPY = `function dockernetConfigCopy(src, depth) {
  const out = {};
  for (const key of Object.keys(src)) {
    let v = src[key];
    if (typeof v === 'object') {
      if (v === null) continue;
      if (Array.isArray(v)) { const a = []; for (const x of v) if (!a.includes(x)) a.push(x); v = a; }
      else v = depth - 1 <= 0 ? Object.assign({}, v) : dockernetConfigCopy(v, depth - 1);
    }
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}
`;

/**
 * Text widths of all a label's lines with one layout: mermaid measures each line with a
 * throw-away <text> and getComputedTextLength, and as the label's real lines are added between
 * two measures each one forced a new style and layout pass of the document (~0.7 ms each, ~160
 * per four slide figures: a fifth of their time). A line's width does not depend on the other
 * <text> elements beside it, so measuring them side by side gives the same numbers; a line too
 * wide for one row is still split by mermaid's own measuring, word by word.
 */
const MEASURE_ALL = `function dockernetWidths(parentNode, lineHeight, lines) {
  const spans = lines.map((line) => {
    const testElement = parentNode.append("text");
    const testSpan = createTspan(testElement, 1, lineHeight);
    updateTextContentAndStyles(testSpan, line);
    return [testElement, testSpan];
  });
  const widths = spans.map(([, testSpan]) => testSpan.node().getComputedTextLength());
  for (const [testElement] of spans) testElement.remove();
  return widths;
}
`;

const PATCHES: readonly SourcePatch[] = [
  {
    why: 'the defaults without the sections of diagram types not bundled',
    find: 'var defaultConfig = Object.freeze(defaultConfig_default);',
    replace: `var defaultConfig = Object.freeze(Object.fromEntries(Object.entries(defaultConfig_default).filter(([k]) => !${JSON.stringify(NOT_BUNDLED_SECTIONS)}.includes(k))));`,
  },
  {
    why: "getConfig's copy in plain loops",
    find: 'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");',
    replace: `${CONFIG_COPY}var getConfig = /* @__PURE__ */ __name(() => dockernetConfigCopy(currentConfig, 2), "getConfig");`,
  },
  {
    why: "a label's lines measured with one layout",
    find: 'function createFormattedText(width, g, structuredText, addBackground = false, centerText = false) {',
    replace: `${MEASURE_ALL}function createFormattedText(width, g, structuredText, addBackground = false, centerText = false) {`,
  },
  {
    why: 'the measured widths used for the lines that fit',
    find: '  let lineIndex = 0;\n  for (const line of structuredText) {\n    const checkWidth = /* @__PURE__ */ __name((line2) => computeWidthOfText(labelGroup, lineHeight, line2) <= width, "checkWidth");\n    const linesUnderWidth = checkWidth(line) ? [line] : splitLineToFitWidth(line, checkWidth);',
    replace:
      '  let lineIndex = 0;\n  const widths = dockernetWidths(labelGroup, lineHeight, structuredText);\n  for (const [lineNumber, line] of structuredText.entries()) {\n    const checkWidth = /* @__PURE__ */ __name((line2) => computeWidthOfText(labelGroup, lineHeight, line2) <= width, "checkWidth");\n    const linesUnderWidth = widths[lineNumber] <= width ? [line] : splitLineToFitWidth(line, checkWidth);',
  },
];

/** The chunks of mermaid's ESM core the patches are looked for in. */
const PATCHED_CHUNK = /mermaid\.core[\\/]chunk-[A-Z0-9]+\.mjs$/;

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { text: string }[] }>;
}

/** esbuild's options for the bundle; `write` and `outfile` are the caller's. */
function bundleOptions(applied: Set<SourcePatch>): Record<string, unknown> {
  return {
    stdin: {
      contents: "import mermaid from 'mermaid/dist/mermaid.core.mjs'; globalThis.mermaid = mermaid;",
      resolveDir: PACKAGE_ROOT,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    banner: { js: bannerOf() },
    logLevel: 'warning',
    plugins: [
      {
        name: 'dockernet-flowchart-only',
        setup(b: {
          onResolve(o: { filter: RegExp }, f: (a: { path: string; kind: string }) => unknown): void;
          onLoad(o: { filter: RegExp; namespace?: string }, f: (a: { path: string }) => unknown): void;
        }) {
          b.onResolve({ filter: /.*/ }, (a) => {
            if (a.kind !== 'dynamic-import' || KEEP.test(a.path)) return undefined;
            return { path: a.path, namespace: 'dockernet-stub' };
          });
          b.onLoad({ filter: PATCHED_CHUNK }, (a) => {
            let text = readFileSync(a.path, 'utf8');
            const found = PATCHES.filter((p) => text.includes(p.find));
            if (found.length === 0) return undefined;
            for (const p of found) {
              text = text.replace(p.find, () => p.replace);
              applied.add(p);
            }
            return { contents: text, loader: 'js' };
          });
          // Evaluated only when mermaid meets that diagram type: the error names what is missing.
          b.onLoad({ filter: /.*/, namespace: 'dockernet-stub' }, (a) => ({
            contents: `throw new Error(${JSON.stringify(`dockernet draws flowcharts only; not bundled: ${a.path}`)});`,
            loader: 'js',
          }));
        },
      },
    ],
  };
}

/** Bundle now (build step, or a checkout without one); returns the script's text. */
export async function buildFlowchartBundle(
  outfile?: string,
  opts: { minify?: boolean } = {},
): Promise<string> {
  const esbuild = (await import('esbuild')) as unknown as EsbuildLike;
  const applied = new Set<SourcePatch>();
  const result = await esbuild.build({
    ...bundleOptions(applied),
    // Unminified (the bench's profile of the diagram page): mermaid's functions keep their names.
    ...(opts.minify === false ? { minify: false } : {}),
    ...(outfile ? { outfile, write: true } : { write: false, outfile: 'flowchart.js' }),
  });
  const missed = PATCHES.filter((p) => !applied.has(p));
  if (missed.length > 0)
    throw new Error(`mermaid's source has changed; not found: ${missed.map((p) => p.why).join('; ')}`);
  return outfile ? readFileSync(outfile, 'utf8') : result.outputFiles![0]!.text;
}

let built: Promise<string> | undefined;

/**
 * The first line of the bundle names the mermaid it was made of: a bundle of another version
 * (mermaid upgraded after the build) is not used. File times cannot tell: npm gives every
 * installed file the same old date.
 */
function bannerOf(): string {
  const pkg = createRequire(import.meta.url)('mermaid/package.json') as { version: string };
  return `/* dockernet: mermaid ${pkg.version}, flowcharts only */`;
}

/** The built bundle if it is there and made of the installed mermaid; else undefined. */
export function builtFlowchartBundle(): string | undefined {
  if (!existsSync(FLOWCHART_BUNDLE_PATH)) return undefined;
  const text = readFileSync(FLOWCHART_BUNDLE_PATH, 'utf8');
  return text.startsWith(`${bannerOf()}\n`) ? text : undefined;
}

/** The bundle's text: the built file, else built in memory (once per process). */
export function flowchartBundle(): Promise<string> {
  const ready = builtFlowchartBundle();
  if (ready !== undefined) return Promise.resolve(ready);
  built ??= buildFlowchartBundle();
  return built;
}
