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

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { text: string }[] }>;
}

/** esbuild's options for the bundle; `write` and `outfile` are the caller's. */
function bundleOptions(): Record<string, unknown> {
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
          onLoad(o: { filter: RegExp; namespace: string }, f: (a: { path: string }) => unknown): void;
        }) {
          b.onResolve({ filter: /.*/ }, (a) => {
            if (a.kind !== 'dynamic-import' || KEEP.test(a.path)) return undefined;
            return { path: a.path, namespace: 'dockernet-stub' };
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
export async function buildFlowchartBundle(outfile?: string): Promise<string> {
  const esbuild = (await import('esbuild')) as unknown as EsbuildLike;
  const result = await esbuild.build({
    ...bundleOptions(),
    ...(outfile ? { outfile, write: true } : { write: false, outfile: 'flowchart.js' }),
  });
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
