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
import { LANGS, type Lang, langFromEnv, translator } from './i18n/index.js';
import type { StepModel } from './model/types.js';
import { PACKAGE_ROOT } from './package-root.js';
import type { PacketSource } from './reach/types.js';
import { abandonBrowser, startBrowser } from './render/browser-start.js';
import { AUDIENCES, type Audience, FORMATS, type Format } from './render/formats.js';
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
  if (formats.length === 0) throw new ExitError('zip needs at least one other format to hold', EXIT.usage);
  if (opts.redactMap && !opts.redact) throw new ExitError('--redact-map needs --redact', EXIT.usage);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f))
      throw new ExitError(
        t('cli.unknown-format', { format: f, choices: `${FORMATS.join(', ')}, zip` }),
        EXIT.usage,
      );
  }
  if (opts.blanks && opts.audience !== 'handout')
    throw new ExitError('--blanks is for --audience handout (the answer key shows the names)', EXIT.usage);
  // Chromium starts (and loads mermaid) while the bundles are read and analysed.
  const started = await startBrowser({
    lang,
    formats: formats as Format[],
    figures: inputs.length,
    ...(opts.browser !== undefined ? { browser: opts.browser } : {}),
  });
  // Loaded only now: the browser (started above) launches while these modules load.
  const { readBundles, reportFromBundles, withCluster } = await import('./pipeline.js');
  // --cluster: the inputs may be folders of node bundles; each node is a step, then joined.
  const bundlePaths = opts.cluster
    ? (await import('./cluster/bundles.js')).expandClusterInputs(inputs)
    : inputs;
  let report: ReturnType<typeof reportFromBundles>;
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
    report = reportFromBundles(bundles, buildOpts);
    if (opts.cluster) report = withCluster(report, buildOpts);
  } catch (e) {
    await abandonBrowser(started);
    const { BundleReadError } = await import('./bundle/read.js');
    if (e instanceof BundleReadError) throw new ExitError(e.message, EXIT.input);
    throw e;
  }
  const { renderOutputs } = await import('./render/outputs.js');
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
  const outDir = resolve(opts.output);
  const written: string[] = [];
  try {
    for (const f of result.files) {
      const path = join(outDir, f.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.data);
      written.push(path);
    }
  } catch (e) {
    throw new ExitError(t('cli.cannot-write', { dir: outDir, error: (e as Error).message }), EXIT.output);
  }
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
      const formats = Object.fromEntries(result.files.map((f) => [f.name, f.data]));
      let entries: Awaited<ReturnType<typeof archiveEntries>>;
      if (redactor && report.redaction) {
        // The original bundles would undo the redaction: the redacted texts are packed instead.
        const { redactionText } = await import('./redact/summary-text.js');
        entries = [
          ...(await archiveEntries(report, formats, [], [])),
          ...(await redactedBundleEntries(report, bundles)),
          { name: 'REDACTION.txt', data: redactionText(report.redaction) },
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
      throw new ExitError(`cannot write the redaction map ${mapPath}: ${(e as Error).message}`, EXIT.output);
    }
    log(opts.quiet, `  wrote ${mapPath} (original -> pseudonym: keep it out of the ticket)`);
  }
  if (report.redaction) {
    const { kindCount } = await import('./redact/summary-text.js');
    const said = report.redaction.kinds.filter((k) => k.values > 0).map((k) => kindCount(k.kind, k.values));
    log(opts.quiet, `  redacted: ${said.length ? said.join(', ') : 'nothing identifying found'}`);
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
function parseFormats(list: string): Format[] {
  const formats = list
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (formats.length === 0) throw new ExitError('no format given', EXIT.usage);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f))
      throw new ExitError(`unknown format "${f}" (choose from ${FORMATS.join(', ')})`, EXIT.usage);
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
}

/**
 * `dockernet fleet`: one report per host in <out>/<host>/ and an index (src/fleet/run.ts). Every
 * host is written even when some bundles fail; the exit code then says an input could not be read.
 */
async function fleetCommand(args: string[], opts: FleetOpts): Promise<void> {
  const formats = parseFormats(opts.format);
  const { expandBundleInputs } = await import('./bundle/inputs.js');
  const inputs = expandBundleInputs(args);
  if (inputs.length === 0) throw new ExitError(`no bundle found in ${args.join(', ')}`, EXIT.input);
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
    `dockernet: ${result.index.hosts.length} host(s), ${failed.length} failed; ${result.hostFiles} file(s) in ${outDir}`,
  );
  for (const p of result.indexFiles) log(opts.quiet, `  wrote ${p}`);
  for (const n of result.notes) log(opts.quiet, `  note: ${n}`);
  for (const h of failed) process.stderr.write(`dockernet: ${h.input}: ${h.error}\n`);
  if (opts.failOn) {
    const rank = SEVERITIES.indexOf(opts.failOn);
    const hit = result.index.hosts.filter((h) =>
      SEVERITIES.some((s, i) => i >= rank && (h.findings?.[s] ?? 0) > 0),
    );
    if (hit.length > 0) {
      log(opts.quiet, `dockernet: ${hit.length} host(s) with a finding of severity ${opts.failOn} or higher`);
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
async function modelOf(input: string): Promise<StepModel> {
  const { BundleReadError, readBundle: readOneBundle } = await import('./bundle/read.js');
  const { DEFAULT_LIMITS } = await import('./bundle/limits.js');
  const { buildStepModel } = await import('./model/build-step.js');
  const { parseBundle } = await import('./parsers/parse-bundle.js');
  try {
    return buildStepModel(parseBundle(await readOneBundle(input, DEFAULT_LIMITS)));
  } catch (e) {
    if (e instanceof BundleReadError) throw new ExitError(e.message, EXIT.input);
    throw e;
  }
}

/** `host`, `outside`, `outside:eth0`, `container:<name>`, `netns:<name>`, or a container name. */
export function parseFrom(text: string): PacketSource {
  if (text === 'host') return { kind: 'host' };
  if (text === 'outside') return { kind: 'outside' };
  if (text.startsWith('outside:')) return { kind: 'outside', uplink: text.slice('outside:'.length) };
  if (/^(container|netns):/.test(text)) return { kind: 'namespace', id: text };
  if (text === '') throw new ExitError('--from is empty', EXIT.usage);
  return { kind: 'container', name: text };
}

/** `10.0.0.2:8080`, `10.0.0.2:53/udp`, `[fd00::2]:80/tcp`. */
export function parseTo(text: string): { address: string; port: number; proto: 'tcp' | 'udp' } {
  const m = /^(?:\[([^\]]+)\]|([^:/\s]+)):(\d+)(?:\/(tcp|udp))?$/.exec(text.trim());
  const port = Number(m?.[3]);
  if (!m || port < 1 || port > 65535)
    throw new ExitError(`--to "${text}": expected ADDRESS:PORT[/tcp|udp] ([v6]:PORT for IPv6)`, EXIT.usage);
  return { address: m[1] ?? m[2] ?? '', port, proto: m[4] === 'udp' ? 'udp' : 'tcp' };
}

async function traceCommand(
  input: string,
  opts: { from: string; to: string; src?: string; json?: boolean },
): Promise<void> {
  const from = parseFrom(opts.from);
  const to = parseTo(opts.to);
  const model = await modelOf(input);
  const { tracePacket, formatPath } = await import('./reach/index.js');
  const path = tracePacket(model, {
    from,
    dst: to.address,
    proto: to.proto,
    dport: to.port,
    ...(opts.src ? { src: opts.src } : {}),
  });
  process.stdout.write(opts.json ? `${JSON.stringify(path, null, 2)}\n` : formatPath(path));
}

async function reachCommand(input: string, opts: { json?: boolean }): Promise<void> {
  const model = await modelOf(input);
  const { reachMatrix, formatMatrix } = await import('./reach/index.js');
  const m = reachMatrix(model);
  process.stdout.write(opts.json ? `${JSON.stringify(m, null, 2)}\n` : formatMatrix(m));
}

export function buildProgram(): Command {
  const program = new Command('dockernet')
    .description('Explain and review the networking of a Docker host from captured dump bundles.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('report')
    .description('Render a report from one bundle per building step, in the order given.')
    .argument('<inputs...>', '.tar.gz bundles or unpacked bundle directories, one per step')
    .requiredOption('-o, --output <dir>', 'folder to write report.html (and the other formats) into')
    .addOption(
      new Option('-f, --format <list>', `comma-separated formats: ${FORMATS.join(', ')}, zip`).default(
        DEFAULT_FORMATS,
      ),
    )
    .option(
      '--browser <path>',
      'Chromium to pre-render diagrams and print the PDF (default: found automatically)',
    )
    .option('--no-browser', 'use no browser: the HTML draws its diagrams itself, no PDF')
    .addOption(new Option('--paper <size>', 'PDF paper size').choices(['a4', 'letter']).default('a4'))
    .addOption(
      new Option(
        '--appendix <what>',
        "the PDF's raw outputs: full (every line), cited (the lines findings and answers cite), none",
      )
        .choices(['full', 'cited', 'none'])
        .default('cited'),
    )
    .option(
      '--pdf-bookmarks',
      "the PDF's bookmarks panel from the headings (Chromium then writes a tagged PDF: ~4x larger, 0.2-0.9 s slower (measured on the slides); its table of contents and evidence links work without)",
    )
    .addOption(
      new Option(
        '-a, --audience <who>',
        'review: findings first, answers shown; handout: a worksheet with the questions and room to write; answers: the answer key',
      )
        .choices(AUDIENCES as string[])
        .default('review'),
    )
    .option('--blanks', "with --audience handout: the figure's interface names left blank to fill in")
    .addOption(
      new Option('--order <how>', 'step order: as given on the command line, or by capture time')
        .choices(['given', 'time'])
        .default('given'),
    )
    .addOption(
      new Option(
        '--lang <lang>',
        'language of the report and of these messages (default: from LC_ALL, LC_MESSAGES or LANG, else en)',
      ).choices(LANGS as unknown as string[]),
    )
    .option('-t, --title <text>', 'report title (default: from the host names)')
    .option(
      '-z, --zip <path>',
      'also write one archive for a ticket: the formats, diagrams, bundles, SHA256SUMS',
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit with code 5 when a finding of this severity or higher is raised',
      ).choices(['info', 'low', 'medium', 'high']),
    )
    .option(
      '--redact',
      'replace host names, public IP addresses, MACs and Compose/home paths by consistent pseudonyms (see docs/redaction.md)',
    )
    .option(
      '--redact-map <file>',
      'with --redact: also write original -> pseudonym to FILE (never into the report or zip)',
    )
    .option(
      '--cluster',
      'the inputs are the nodes of one swarm captured at the same time (bundles, or a folder of them): one report of the cluster',
    )
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Examples:
  $ dockernet report --cluster node1.tar.gz node2.tar.gz node3.tar.gz -o cluster-report
  $ dockernet report samples/slides-step1 samples/slides-step2 samples/slides-step3 samples/slides-step4 -o out
  $ dockernet report before.tar.gz after.tar.gz -o /tmp/review --format html
  $ dockernet report samples/slides-step* -o handout --audience handout --blanks --format html,pdf --paper letter
  $ dockernet report dockernet-*.tar.gz -o ticket --redact -f html,md,json,zip

Without a browser (none found, or --no-browser), report.html embeds mermaid's script to draw its
figures when opened, and no PDF is written; the note says how to get one.`,
    )
    .action(reportCommand);

  program
    .command('fleet')
    .description(
      'One report per host for many unrelated hosts, plus an index page (index.html, .json, .md) linking them.',
    )
    .argument(
      '<inputs...>',
      'folders of bundles (searched recursively), .tar.gz bundles or bundle folders: one host each',
    )
    .requiredOption('-o, --output <dir>', 'folder to write index.html and one folder per host into')
    .addOption(
      new Option('-f, --format <list>', `each host's formats: ${FORMATS.join(', ')}`).default(
        DEFAULT_FORMATS,
      ),
    )
    .option('--browser <path>', "Chromium to pre-render every host's figures (one browser for all hosts)")
    .option('--no-browser', 'use no browser: each report.html draws its figures itself, no PDF')
    .addOption(new Option('--paper <size>', 'PDF paper size').choices(['a4', 'letter']).default('a4'))
    .addOption(
      new Option('--appendix <what>', "the PDFs' raw outputs")
        .choices(['full', 'cited', 'none'])
        .default('cited'),
    )
    .addOption(
      new Option('-a, --audience <who>', 'as for report').choices(AUDIENCES as string[]).default('review'),
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit with code 5 when a host has a finding of this severity or higher',
      ).choices(['info', 'low', 'medium', 'high']),
    )
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
A bundle that cannot be read is a row of the index with its error; the other hosts are still
written, and the exit code is then 3.

Examples:
  $ dockernet fleet bundles/ -o fleet          # every .tar.gz and bundle folder under bundles/
  $ dockernet fleet web1.tar.gz db1.tar.gz -o fleet --format html,json,md,pdf`,
    )
    .action(fleetCommand);

  program
    .command('parse')
    .description("Print one parser's JSON for one command output (stdin when no file), like jc.")
    .argument('[parser]', 'parser id, see --list')
    .argument('[file]', 'file with the command output; standard input when absent')
    .option('-l, --list', 'list the parsers')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ip addr | dockernet parse ip-addr\n  $ dockernet parse netstat netstat.out',
    )
    .action(parseCommand);

  program
    .command('trace')
    .description('Follow the first packet of a connection through routes, bridges and the firewall.')
    .argument('<bundle>', '.tar.gz bundle or unpacked bundle directory')
    .requiredOption(
      '--from <who>',
      'host | outside[:uplink] | container name | namespace id (container:x, netns:x)',
    )
    .requiredOption('--to <addr:port>', 'destination ADDRESS:PORT[/tcp|udp]; [v6]:PORT for IPv6')
    .option('--src <address>', 'source address (default: chosen as the kernel would)')
    .option('--json', 'print the path as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ dockernet trace samples/engine-step3.tar.gz --from outside --to 10.99.0.2:60000/tcp
  $ dockernet trace bundle.tar.gz --from orders-api --to 172.18.0.3:5432`,
    )
    .action(traceCommand);

  program
    .command('reach')
    .description('Who can reach what: every source x every listening socket and published port.')
    .argument('<bundle>', '.tar.gz bundle or unpacked bundle directory')
    .option('--json', 'print the matrix with every path as JSON')
    .action(reachCommand);

  program
    .command('collector')
    .description('Print the POSIX sh collector to run on a Docker host (it writes a bundle).')
    .addHelpText(
      'after',
      `
Examples:
  $ npx dockernet collector > collect.sh
  $ scp collect.sh root@dockerhost: && ssh root@dockerhost sh collect.sh --step "after swarm init" -o /tmp/
  $ scp root@dockerhost:/tmp/dockernet-*.tar.gz . && npx dockernet report dockernet-*.tar.gz -o report`,
    )
    .action(collectorCommand);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
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
