/**
 * The command line: commander wiring only. Library code never exits the process; `main` returns
 * the exit code (documented in README.md):
 *   0 success · 1 unexpected failure · 2 usage error · 3 an input could not be read · 4 output not written
 *   5 --fail-on: a finding of that severity or higher
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { Severity } from './analyses/types.js';
import type { Bundle } from './bundle/types.js';
import { cliLang, localizeCommander } from './cli-i18n.js';
import { localizeText } from './i18n/coded.js';
import { LANGS, type Lang, langFromEnv, type MessageId, type Translator, translator } from './i18n/index.js';
import type { StepModel } from './model/types.js';
import { PACKAGE_ROOT } from './package-root.js';
import type { PacketSource } from './reach/types.js';
import { abandonBrowser, startBrowser } from './render/browser-start.js';
import { AUDIENCES, type Audience, FORMATS, type Format } from './render/formats.js';
import { mark } from './timings.js';
import { VERSION } from './version.js';

// The pipeline, parsers, renderers and the reachability engine are imported by the command that
// needs them, not here: `report` spawns Chromium before it loads them (issue #13), and `parse`,
// `collector` or `--help` load only what they use.

const DEFAULT_FORMATS = 'html,json,md';

export const EXIT = { ok: 0, failure: 1, usage: 2, input: 3, output: 4, findings: 5 } as const;

/** Ends the command with an exit code after it has already said why. */
class SilentExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

class ExitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

interface ReportOpts {
  output: string;
  format: string;
  audience: Audience;
  blanks?: boolean;
  order: 'given' | 'time';
  browser?: string | false;
  paper: 'a4' | 'letter';
  appendix: 'full' | 'cited' | 'none';
  pdfBookmarks?: boolean;
  title?: string;
  quiet?: boolean;
  zip?: string;
  failOn?: Severity;
  redact?: boolean;
  redactMap?: string;
  cluster?: boolean;
  lang?: Lang;
}

/** Messages on stderr; progress only on a terminal, so pipes and CI logs stay quiet. */
function log(quiet: boolean | undefined, msg: string): void {
  if (!quiet) process.stderr.write(`${msg}\n`);
}

async function reportCommand(inputs: string[], opts: ReportOpts): Promise<void> {
  // --lang, else the locale of the environment (LC_ALL, LC_MESSAGES, LANG), else English.
  const lang = opts.lang ?? langFromEnv(process.env);
  const t = translator(lang);
  let formats = opts.format
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (formats.length === 0) throw new ExitError(t('cli.no-format'), EXIT.usage);
  // `-f ...,zip` is `--zip <output>/report.zip` (with the other formats inside).
  const zipPath = opts.zip ?? (formats.includes('zip') ? join(opts.output, 'report.zip') : undefined);
  formats = formats.filter((f) => f !== 'zip');
  if (formats.length === 0) throw new ExitError(t('cli.zip-alone'), EXIT.usage);
  if (opts.redactMap && !opts.redact) throw new ExitError(t('cli.redact-map-alone'), EXIT.usage);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f))
      throw new ExitError(
        t('cli.unknown-format', { format: f, choices: `${FORMATS.join(', ')}, zip` }),
        EXIT.usage,
      );
  }
  if (opts.blanks && opts.audience !== 'handout') throw new ExitError(t('cli.blanks-alone'), EXIT.usage);
  mark('command line read');
  // Chromium starts (and loads mermaid) while the bundles are read and analysed.
  const started = await startBrowser({
    lang,
    formats: formats as Format[],
    ...(opts.browser !== undefined ? { browser: opts.browser } : {}),
  });
  // Loaded only now: the browser (started above) launches while these modules load.
  const { readBundles, reportFromBundlesAsync, withCluster } = await import('./pipeline.js');
  mark('pipeline loaded');
  // --cluster: the inputs may be folders of node bundles; each node is a step, then joined.
  const bundlePaths = opts.cluster
    ? (await import('./cluster/bundles.js')).expandClusterInputs(inputs)
    : inputs;
  let report: Awaited<ReturnType<typeof reportFromBundlesAsync>>;
  let bundles: Bundle[];
  const redactor = opts.redact ? new (await import('./redact/redactor.js')).Redactor() : undefined;
  try {
    const buildOpts = {
      order: opts.order,
      lang,
      ...(opts.title ? { title: opts.title } : {}),
      ...(redactor ? { redactor } : {}),
    };
    bundles = await readBundles(bundlePaths, buildOpts);
    mark('bundles read');
    report = await reportFromBundlesAsync(bundles, buildOpts);
    if (opts.cluster) report = withCluster(report, buildOpts);
    mark('report built');
  } catch (e) {
    await abandonBrowser(started);
    const { BundleReadError } = await import('./bundle/read.js');
    if (e instanceof BundleReadError) throw new ExitError(localizeText(lang, e), EXIT.input);
    throw e;
  }
  const { outputBytes, renderOutputs, writeOutputFile } = await import('./render/outputs.js');
  const interactive = process.stderr.isTTY === true && !opts.quiet;
  const result = await renderOutputs(
    report,
    {
      formats: formats as Format[],
      audience: opts.audience,
      ...(opts.blanks ? { blanks: true } : {}),
      paper: opts.paper,
      appendix: opts.appendix,
      ...(opts.pdfBookmarks ? { pdfBookmarks: true } : {}),
      ...(opts.browser !== undefined ? { browser: opts.browser } : {}),
      ...(interactive
        ? { progress: (m: string) => process.stderr.write(`${t('cli.progress', { what: m })}\n`) }
        : {}),
    },
    started,
  );
  mark('outputs rendered');
  const outDir = resolve(opts.output);
  const written: string[] = [];
  try {
    for (const f of result.files) {
      const path = join(outDir, f.name);
      writeOutputFile(path, f.data);
      written.push(path);
    }
  } catch (e) {
    throw new ExitError(t('cli.cannot-write', { dir: outDir, error: (e as Error).message }), EXIT.output);
  }
  mark('files written');
  const warnings = report.steps.reduce(
    (n, s) => n + s.warnings.length + s.commands.reduce((m, c) => m + c.warnings.length, 0),
    0,
  );
  const c = report.cluster;
  log(
    opts.quiet,
    c
      ? `dockernet: cluster of ${c.model.nodes.length} node(s), ${c.model.overlays.length} overlay(s), ${c.model.tunnels.length} tunnel(s), ${c.findings.length} cluster finding(s); ${warnings} warning(s)`
      : t('cli.summary', { steps: report.steps.length, warnings }),
  );
  for (const w of written.filter((p) => !p.includes(`${join(outDir, 'diagrams')}`)))
    log(opts.quiet, t('cli.wrote', { path: w }));
  const diagrams = written.filter((p) => p.includes(join(outDir, 'diagrams'))).length;
  if (diagrams) log(opts.quiet, t('cli.wrote-diagrams', { n: diagrams, dir: join(outDir, 'diagrams') }));
  if (zipPath) {
    const path = resolve(zipPath);
    try {
      const { archiveEntries, redactedBundleEntries, writeZip } = await import('./render/archive.js');
      const formats = Object.fromEntries(result.files.map((f) => [f.name, outputBytes(f.data)]));
      let entries: Awaited<ReturnType<typeof archiveEntries>>;
      if (redactor && report.redaction) {
        // The original bundles would undo the redaction: the redacted texts are packed instead.
        const { redactionText } = await import('./redact/summary-text.js');
        entries = [
          ...(await archiveEntries(report, formats, [], [])),
          ...(await redactedBundleEntries(report, bundles)),
          { name: 'REDACTION.txt', data: redactionText(report.redaction, lang) },
        ];
      } else entries = await archiveEntries(report, formats, [], bundlePaths);
      await writeZip(path, entries);
    } catch (e) {
      throw new ExitError(t('cli.cannot-write-zip', { path, error: (e as Error).message }), EXIT.output);
    }
    log(opts.quiet, t('cli.wrote-zip', { path }));
  }
  if (redactor && opts.redactMap) {
    const mapPath = resolve(opts.redactMap);
    try {
      mkdirSync(dirname(mapPath), { recursive: true });
      // Owner-only: the map undoes the redaction.
      writeFileSync(mapPath, `${JSON.stringify(redactor.pseudonyms(), null, 2)}\n`, { mode: 0o600 });
    } catch (e) {
      throw new ExitError(
        t('red.cli.cannot-write-map', { path: mapPath, error: (e as Error).message }),
        EXIT.output,
      );
    }
    log(opts.quiet, t('red.cli.wrote-map', { path: mapPath }));
  }
  if (report.redaction) {
    const { kindCount } = await import('./redact/summary-text.js');
    const said = report.redaction.kinds
      .filter((k) => k.values > 0)
      .map((k) => kindCount(k.kind, k.values, t));
    log(opts.quiet, t('red.cli.redacted', { what: said }));
  }
  for (const n of result.notes) log(opts.quiet, t('cli.note', { note: n }));
  if (opts.failOn) {
    const rank = SEVERITIES.indexOf(opts.failOn);
    const hits = [
      ...report.steps.flatMap((s) => s.analysis?.findings ?? []),
      ...(report.cluster?.findings ?? []),
    ].filter((f) => SEVERITIES.indexOf(f.severity) >= rank);
    if (hits.length > 0) {
      log(opts.quiet, t('cli.fail-on', { n: hits.length, severity: t(`severity.${opts.failOn}`) }));
      throw new SilentExit(EXIT.findings);
    }
  }
}

/**
 * `--format html,json`: the formats, or a usage error (the same check as report's, kept apart so
 * that the two commands' option parsing can change independently).
 */
function parseFormats(list: string, t: Translator): Format[] {
  const formats = list
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (formats.length === 0) throw new ExitError(t('cli.no-format'), EXIT.usage);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f))
      throw new ExitError(t('cli.unknown-format', { format: f, choices: FORMATS.join(', ') }), EXIT.usage);
  }
  return formats as Format[];
}

interface FleetOpts {
  output: string;
  format: string;
  audience: Audience;
  browser?: string | false;
  paper: 'a4' | 'letter';
  appendix: 'full' | 'cited' | 'none';
  quiet?: boolean;
  failOn?: Severity;
  lang?: Lang;
}

/**
 * `dockernet fleet`: one report per host in <out>/<host>/ and an index (src/fleet/run.ts). Every
 * host is written even when some bundles fail; the exit code then says an input could not be read.
 */
async function fleetCommand(args: string[], opts: FleetOpts): Promise<void> {
  const lang = opts.lang ?? langFromEnv(process.env);
  const t = translator(lang);
  const formats = parseFormats(opts.format, t);
  const { expandBundleInputs } = await import('./bundle/inputs.js');
  const inputs = expandBundleInputs(args);
  if (inputs.length === 0)
    throw new ExitError(t('fleet.cli.no-bundle', { inputs: args.join(', ') }), EXIT.input);
  const { FleetWriteError, runFleet } = await import('./fleet/run.js');
  const interactive = process.stderr.isTTY === true && !opts.quiet;
  const outDir = resolve(opts.output);
  let result: Awaited<ReturnType<typeof runFleet>>;
  try {
    result = await runFleet(inputs, outDir, {
      formats,
      audience: opts.audience,
      paper: opts.paper,
      appendix: opts.appendix,
      lang,
      ...(opts.browser !== undefined ? { browser: opts.browser } : {}),
      ...(interactive ? { progress: (m: string) => process.stderr.write(`dockernet: ${m}\n`) } : {}),
    });
  } catch (e) {
    if (e instanceof FleetWriteError) throw new ExitError(e.message, EXIT.output);
    throw e;
  }
  const failed = result.index.hosts.filter((h) => h.error);
  log(
    opts.quiet,
    t('fleet.cli.summary', {
      hosts: result.index.hosts.length,
      failed: failed.length,
      files: result.hostFiles,
      dir: outDir,
    }),
  );
  for (const p of result.indexFiles) log(opts.quiet, t('cli.wrote', { path: p }));
  for (const n of result.notes) log(opts.quiet, t('cli.note', { note: n }));
  for (const h of failed) process.stderr.write(`dockernet: ${h.input}: ${h.error}\n`);
  if (opts.failOn) {
    const rank = SEVERITIES.indexOf(opts.failOn);
    const hit = result.index.hosts.filter((h) =>
      SEVERITIES.some((s, i) => i >= rank && (h.findings?.[s] ?? 0) > 0),
    );
    if (hit.length > 0) {
      log(
        opts.quiet,
        t('fleet.cli.fail-on', { n: hit.length, severity: t(`severity.${opts.failOn}` as MessageId) }),
      );
      throw new SilentExit(EXIT.findings);
    }
  }
  if (failed.length > 0) throw new SilentExit(EXIT.input);
}

/** Severities from least to most severe, for --fail-on. */
const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high'];

async function parseCommand(
  id: string | undefined,
  file: string | undefined,
  opts: { list?: boolean },
): Promise<void> {
  const { findParser, parsers } = await import('./parsers/index.js');
  if (opts.list || !id) {
    for (const p of parsers) process.stdout.write(`${p.id.padEnd(24)} ${p.description}\n`);
    return;
  }
  const parser = findParser(id);
  if (!parser) throw new ExitError(`no parser "${id}"; see dockernet parse --list`, EXIT.usage);
  let text: string;
  try {
    text = readFileSync(file ?? 0, 'utf8');
  } catch (e) {
    throw new ExitError(`cannot read ${file ?? 'standard input'}: ${(e as Error).message}`, EXIT.input);
  }
  process.stdout.write(`${JSON.stringify(parser.parse(text), null, 2)}\n`);
}

/** The collector script ships with the package; `dockernet collector > collect.sh` hands it over. */
export const COLLECTOR_PATH = join(PACKAGE_ROOT, 'collector', 'dockernet-collect.sh');

function collectorCommand(): void {
  let script: string;
  try {
    script = readFileSync(COLLECTOR_PATH, 'utf8');
  } catch (e) {
    throw new ExitError(
      `the collector script is missing from this installation: ${(e as Error).message}`,
      EXIT.failure,
    );
  }
  process.stdout.write(script);
}

/** One bundle's model, for trace and reach. */
async function modelOf(input: string, lang: Lang = 'en'): Promise<StepModel> {
  const { BundleReadError, readBundle: readOneBundle } = await import('./bundle/read.js');
  const { DEFAULT_LIMITS } = await import('./bundle/limits.js');
  const { buildStepModel } = await import('./model/build-step.js');
  const { parseBundle } = await import('./parsers/parse-bundle.js');
  try {
    return buildStepModel(parseBundle(await readOneBundle(input, DEFAULT_LIMITS)));
  } catch (e) {
    if (e instanceof BundleReadError) throw new ExitError(localizeText(lang, e), EXIT.input);
    throw e;
  }
}

/** `host`, `outside`, `outside:eth0`, `container:<name>`, `netns:<name>`, or a container name. */
export function parseFrom(text: string, lang: Lang = 'en'): PacketSource {
  if (text === 'host') return { kind: 'host' };
  if (text === 'outside') return { kind: 'outside' };
  if (text.startsWith('outside:')) return { kind: 'outside', uplink: text.slice('outside:'.length) };
  if (/^(container|netns):/.test(text)) return { kind: 'namespace', id: text };
  if (text === '') throw new ExitError(translator(lang)('cli.from-empty'), EXIT.usage);
  return { kind: 'container', name: text };
}

/** `10.0.0.2:8080`, `10.0.0.2:53/udp`, `[fd00::2]:80/tcp`. */
export function parseTo(
  text: string,
  lang: Lang = 'en',
): { address: string; port: number; proto: 'tcp' | 'udp' } {
  const m = /^(?:\[([^\]]+)\]|([^:/\s]+)):(\d+)(?:\/(tcp|udp))?$/.exec(text.trim());
  const port = Number(m?.[3]);
  if (!m || port < 1 || port > 65535)
    throw new ExitError(translator(lang)('cli.to-format', { text }), EXIT.usage);
  return { address: m[1] ?? m[2] ?? '', port, proto: m[4] === 'udp' ? 'udp' : 'tcp' };
}

/** `--cluster`: the nodes' models (folders of bundles expanded) and the cluster joined from them. */
async function clusterOf(inputs: string[], lang: Lang = 'en') {
  const { expandClusterInputs } = await import('./cluster/bundles.js');
  const { buildClusterModel } = await import('./cluster/build.js');
  const models: StepModel[] = [];
  for (const i of expandClusterInputs(inputs)) models.push(await modelOf(i, lang));
  return { cluster: buildClusterModel(models), models, lang };
}

/** `node1:c1`, or `c1` when exactly one node has a container of that name. */
async function clusterFrom(input: Awaited<ReturnType<typeof clusterOf>>, text: string) {
  const { findNode, nodesWithContainer } = await import('./cluster/reach.js');
  const k = text.indexOf(':');
  if (k > 0) {
    const node = findNode(input.cluster, text.slice(0, k));
    if (!node)
      throw new ExitError(
        translator(input.lang)('cli.from-no-node', { from: text, node: text.slice(0, k) }),
        EXIT.usage,
      );
    return { node: node.hostname || node.key, container: text.slice(k + 1) };
  }
  const on = nodesWithContainer(input, text);
  if (on.length !== 1)
    throw new ExitError(
      translator(input.lang)('cli.from-ambiguous', {
        from: text,
        n: on.length,
        nodes: on.map((n) => n.hostname).join(', '),
      }),
      EXIT.usage,
    );
  return { node: on[0]!.hostname || on[0]!.key, container: text };
}

async function traceCommand(
  inputs: string[],
  opts: { from: string; to: string; src?: string; json?: boolean; cluster?: boolean; lang?: Lang },
): Promise<void> {
  const lang = opts.lang ?? langFromEnv(process.env);
  const to = parseTo(opts.to, lang);
  if (opts.cluster) {
    if (opts.src) throw new ExitError(translator(lang)('cli.src-cluster'), EXIT.usage);
    const input = await clusterOf(inputs, lang);
    const from = await clusterFrom(input, opts.from);
    const { traceCluster } = await import('./cluster/reach.js');
    const { formatClusterPath } = await import('./cluster/reach-format.js');
    const path = traceCluster(input, from, to);
    process.stdout.write(opts.json ? `${JSON.stringify(path, null, 2)}\n` : formatClusterPath(path, lang));
    return;
  }
  const input = oneBundle(inputs, lang);
  const from = parseFrom(opts.from, lang);
  const model = await modelOf(input, lang);
  const { tracePacket, formatPath } = await import('./reach/index.js');
  const path = tracePacket(
    model,
    {
      from,
      dst: to.address,
      proto: to.proto,
      dport: to.port,
      ...(opts.src ? { src: opts.src } : {}),
    },
    { lang },
  );
  process.stdout.write(opts.json ? `${JSON.stringify(path, null, 2)}\n` : formatPath(path, lang));
}

function oneBundle(inputs: string[], lang: Lang): string {
  if (inputs.length !== 1)
    throw new ExitError(translator(lang)('cli.one-bundle', { n: inputs.length }), EXIT.usage);
  return inputs[0]!;
}

async function reachCommand(
  inputs: string[],
  opts: { json?: boolean; cluster?: boolean; lang?: Lang },
): Promise<void> {
  const lang = opts.lang ?? langFromEnv(process.env);
  if (opts.cluster) {
    const input = await clusterOf(inputs, lang);
    const { clusterReachMatrix } = await import('./cluster/reach-matrix.js');
    const { formatClusterMatrix } = await import('./cluster/reach-format.js');
    const m = clusterReachMatrix(input);
    process.stdout.write(opts.json ? `${JSON.stringify(m, null, 2)}\n` : formatClusterMatrix(m, lang));
    return;
  }
  const model = await modelOf(oneBundle(inputs, lang), lang);
  const { reachMatrix, formatMatrix } = await import('./reach/index.js');
  const m = reachMatrix(model, { lang });
  process.stdout.write(opts.json ? `${JSON.stringify(m, null, 2)}\n` : formatMatrix(m, lang));
}

/**
 * The commands, their options and help in `lang` (src/cli-i18n.ts: help is printed during
 * parsing, so the language is chosen from the arguments and the environment before it).
 */
export function buildProgram(lang: Lang = 'en'): Command {
  const t = translator(lang);
  const examples = (lines: string) => `\n${t('help.examples')}\n${lines}`;
  const program = new Command('dockernet');
  // Before the subcommands: they inherit the help option and the help and output configuration.
  localizeCommander(program, lang);
  program
    .description(t('help.program'))
    .version(VERSION, '-V, --version', t('help.version'))
    .exitOverride()
    .showHelpAfterError(t('help.after-error'));

  program
    .command('report')
    .description(t('help.report'))
    .argument('<inputs...>', t('help.report.inputs'))
    .requiredOption('-o, --output <dir>', t('help.report.output'))
    .addOption(
      new Option('-f, --format <list>', t('help.report.format', { formats: FORMATS.join(', ') })).default(
        DEFAULT_FORMATS,
      ),
    )
    .option('--browser <path>', t('help.report.browser'))
    .option('--no-browser', t('help.report.no-browser'))
    .addOption(new Option('--paper <size>', t('help.paper')).choices(['a4', 'letter']).default('a4'))
    .addOption(
      new Option('--appendix <what>', t('help.report.appendix'))
        .choices(['full', 'cited', 'none'])
        .default('cited'),
    )
    .option(
      '--pdf-bookmarks',
      "the PDF's bookmarks panel from the headings (Chromium then writes a tagged PDF: ~4x larger, 0.2-0.9 s slower (measured on the slides); its table of contents and evidence links work without)",
    )
    .addOption(
      new Option('-a, --audience <who>', t('help.report.audience'))
        .choices(AUDIENCES as string[])
        .default('review'),
    )
    .option('--blanks', t('help.report.blanks'))
    .addOption(
      new Option('--order <how>', t('help.report.order')).choices(['given', 'time']).default('given'),
    )
    .addOption(new Option('--lang <lang>', t('help.report.lang')).choices(LANGS as unknown as string[]))
    .option('-t, --title <text>', t('help.report.title'))
    .option('-z, --zip <path>', t('help.report.zip'))
    .addOption(
      new Option('--fail-on <severity>', t('help.report.fail-on')).choices(['info', 'low', 'medium', 'high']),
    )
    .option('--redact', t('help.report.redact'))
    .option('--redact-map <file>', t('help.report.redact-map'))
    .option('--cluster', t('help.report.cluster'))
    .option('-q, --quiet', t('help.quiet'))
    .addHelpText(
      'after',
      examples(`  $ dockernet report --cluster node1.tar.gz node2.tar.gz node3.tar.gz -o cluster-report
  $ dockernet report samples/slides-step1 samples/slides-step2 samples/slides-step3 samples/slides-step4 -o out
  $ dockernet report before.tar.gz after.tar.gz -o /tmp/review --format html
  $ dockernet report samples/slides-step* -o handout --audience handout --blanks --format html,pdf --paper letter
  $ dockernet report dockernet-*.tar.gz -o ticket --redact -f html,md,json,zip

${t('help.report.after')}`),
    )
    .action(reportCommand);

  program
    .command('fleet')
    .description(t('help.fleet'))
    .argument('<inputs...>', t('help.fleet.inputs'))
    .requiredOption('-o, --output <dir>', t('help.fleet.output'))
    .addOption(
      new Option('-f, --format <list>', t('help.fleet.format', { formats: FORMATS.join(', ') })).default(
        DEFAULT_FORMATS,
      ),
    )
    .option('--browser <path>', t('help.fleet.browser'))
    .option('--no-browser', t('help.fleet.no-browser'))
    .addOption(new Option('--paper <size>', t('help.paper')).choices(['a4', 'letter']).default('a4'))
    .addOption(
      new Option('--appendix <what>', t('help.fleet.appendix'))
        .choices(['full', 'cited', 'none'])
        .default('cited'),
    )
    .addOption(
      new Option('-a, --audience <who>', t('help.fleet.audience'))
        .choices(AUDIENCES as string[])
        .default('review'),
    )
    .addOption(new Option('--lang <lang>', t('help.fleet.lang')).choices(LANGS as unknown as string[]))
    .addOption(
      new Option('--fail-on <severity>', t('help.fleet.fail-on')).choices(['info', 'low', 'medium', 'high']),
    )
    .option('-q, --quiet', t('help.quiet'))
    .addHelpText(
      'after',
      `
${t('help.fleet.after')}
${examples(`  $ dockernet fleet bundles/ -o fleet          # every .tar.gz and bundle folder under bundles/
  $ dockernet fleet web1.tar.gz db1.tar.gz -o fleet --format html,json,md,pdf`)}`,
    )
    .action(fleetCommand);

  program
    .command('parse')
    .description(t('help.parse'))
    .argument('[parser]', t('help.parse.parser'))
    .argument('[file]', t('help.parse.file'))
    .option('-l, --list', t('help.parse.list'))
    .addHelpText(
      'after',
      examples('  $ ip addr | dockernet parse ip-addr\n  $ dockernet parse netstat netstat.out'),
    )
    .action(parseCommand);

  program
    .command('trace')
    .description(t('help.trace'))
    .argument('<bundle...>', t('help.bundles'))
    .requiredOption('--from <who>', t('help.trace.from'))
    .option('--cluster', t('help.trace.cluster'))
    .requiredOption('--to <addr:port>', t('help.trace.to'))
    .option('--src <address>', t('help.trace.src'))
    .option('--json', t('help.trace.json'))
    .addOption(new Option('--lang <lang>', t('help.trace.lang')).choices(LANGS as unknown as string[]))
    .addHelpText(
      'after',
      examples(`  $ dockernet trace samples/engine-step3.tar.gz --from outside --to 10.99.0.2:60000/tcp
  $ dockernet trace bundle.tar.gz --from orders-api --to 172.18.0.3:5432
  $ dockernet trace --cluster samples/cluster-mixed --from node2:c2 --to 10.60.0.6:80`),
    )
    .action(traceCommand);

  program
    .command('reach')
    .description(t('help.reach'))
    .argument('<bundle...>', t('help.bundles'))
    .option('--cluster', t('help.reach.cluster'))
    .option('--json', t('help.reach.json'))
    .addOption(new Option('--lang <lang>', t('help.reach.lang')).choices(LANGS as unknown as string[]))
    .action(reachCommand);

  program
    .command('collector')
    .description(t('help.collector'))
    .addHelpText(
      'after',
      examples(`  $ npx dockernet collector > collect.sh
  $ scp collect.sh root@dockerhost: && ssh root@dockerhost sh collect.sh --step "after swarm init" -o /tmp/
  $ scp root@dockerhost:/tmp/dockernet-*.tar.gz . && npx dockernet report dockernet-*.tar.gz -o report`),
    )
    .action(collectorCommand);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(cliLang(argv.slice(2), process.env));
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version "errors" are successes; the message was already printed.
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof SilentExit) return e.code;
    if (e instanceof ExitError) {
      process.stderr.write(`dockernet: ${e.message}\n`);
      return e.code;
    }
    process.stderr.write(`dockernet: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.failure;
  }
}
