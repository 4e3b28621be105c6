// Build step: the CLI bundled by esbuild (already in node_modules through tsx) into a few files
// under dist/app/, so that a run loads one entry file and the chunks of what it uses instead
// of ~200 small modules compiled by tsc (module resolution and loading were ~0.25 s of a 0.7 s
// `--no-browser` run). Lazy `import()`s stay lazy: each becomes a chunk (`splitting`).
// Packages stay in node_modules (`packages: 'external'`): puppeteer, archiver and mermaid are
// only loaded by the runs that use them. bin/dockernet.js runs dist/app/cli.js when it is
// there and fresh, else dist/cli.js, else the sources through tsx. At the end, mermaid for
// flowcharts only (dist/mermaid/flowchart.js).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'app');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('dockernet: esbuild not found, the CLI runs from dist/ without the bundle');
  process.exit(0);
}
rmSync(out, { recursive: true, force: true });
await esbuild.build({
  // The reachability worker is a script of its own (src/analyses/reach-offload.ts loads
  // ./reach-worker.js next to the chunk that holds it, all in dist/app/).
  entryPoints: {
    cli: join(root, 'src', 'cli.ts'),
    'reach-worker': join(root, 'src', 'analyses', 'reach-worker.ts'),
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outdir: out,
  chunkNames: 'chunk-[hash]',
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
});

// Mermaid for flowcharts only, one script (src/render/mermaid-bundle.ts says why): tsc has just
// compiled that module into dist/, whose options are the ones a checkout without a build uses.
const { buildFlowchartBundle, FLOWCHART_BUNDLE_PATH } = await import('../dist/render/mermaid-bundle.js');
rmSync(dirname(FLOWCHART_BUNDLE_PATH), { recursive: true, force: true });
await buildFlowchartBundle(FLOWCHART_BUNDLE_PATH);
