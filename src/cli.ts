/**
 * The command line: commander wiring only. Library code never exits the process; `main` returns
 * the exit code (documented in README.md):
 *   0 success · 1 unexpected failure · 2 usage error · 3 an input could not be read · 4 output not written
 *   5 --fail-on: a finding of that severity or higher
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import type { Severity } from './analyses/types.js';
import type { StepModel } from './model/types.js';
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
  order: 'given' | 'time';
  browser?: string | false;
  paper: 'a4' | 'letter';
  appendix: 'full' | 'cited' | 'none';
  title?: string;
  quiet?: boolean;
  zip?: string;
  failOn?: Severity;
}

/** Messages on stderr; progress only on a terminal, so pipes and CI logs stay quiet. */
function log(quiet: boolean | undefined, msg: string): void {
  if (!quiet) process.stderr.write(`${msg}\n`);
}

async function reportCommand(inputs: string[], opts: ReportOpts): Promise<void> {
  const formats = opts.format
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (formats.length === 0) throw new ExitError('no format given', EXIT.usage);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f))
      throw new ExitError(`unknown format "${f}" (choose from ${FORMATS.join(', ')})`, EXIT.usage);
  }
  // Chromium starts (and loads mermaid) while the bundles are read and analysed.
  const started = await startBrowser({
    formats: formats as Format[],
    figures: inputs.length,
    ...(opts.browser !== undefined ? { browser: opts.browser } : {}),
  });
  const { buildReport } = await import('./pipeline.js');
  let report: Awaited<ReturnType<typeof buildReport>>;
  try {
    report = await buildReport(inputs, { order: opts.order, ...(opts.title ? { title: opts.title } : {}) });
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
      paper: opts.paper,
      appendix: opts.appendix,
      ...(opts.browser !== undefined ? { browser: opts.browser } : {}),
      ...(interactive ? { progress: (m: string) => process.stderr.write(`dockernet: ${m}...\n`) } : {}),
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
    throw new ExitError(`cannot write the report to ${outDir}: ${(e as Error).message}`, EXIT.output);
  }
  const warnings = report.steps.reduce(
    (n, s) => n + s.warnings.length + s.commands.reduce((m, c) => m + c.warnings.length, 0),
    0,
  );
  log(opts.quiet, `dockernet: ${report.steps.length} step(s), ${warnings} warning(s)`);
  for (const w of written.filter((p) => !p.includes(`${join(outDir, 'diagrams')}`)))
    log(opts.quiet, `  wrote ${w}`);
  const diagrams = written.filter((p) => p.includes(join(outDir, 'diagrams'))).length;
  if (diagrams) log(opts.quiet, `  wrote ${diagrams} diagram file(s) in ${join(outDir, 'diagrams')}`);
  if (opts.zip) {
    const zipPath = resolve(opts.zip);
    try {
      const { archiveEntries, writeZip } = await import('./render/archive.js');
      const formats = Object.fromEntries(result.files.map((f) => [f.name, f.data]));
      await writeZip(zipPath, await archiveEntries(report, formats, [], inputs));
    } catch (e) {
      throw new ExitError(`cannot write the archive ${zipPath}: ${(e as Error).message}`, EXIT.output);
    }
    log(opts.quiet, `  wrote ${zipPath} (the report, its diagrams, the bundles and SHA256SUMS)`);
  }
  for (const n of result.notes) log(opts.quiet, `  note: ${n}`);
  if (opts.failOn) {
    const rank = SEVERITIES.indexOf(opts.failOn);
    const hits = report.steps
      .flatMap((s) => s.analysis?.findings ?? [])
      .filter((f) => SEVERITIES.indexOf(f.severity) >= rank);
    if (hits.length > 0) {
      log(opts.quiet, `dockernet: ${hits.length} finding(s) of severity ${opts.failOn} or higher`);
      throw new SilentExit(EXIT.findings);
    }
  }
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
export const COLLECTOR_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'collector',
  'dockernet-collect.sh',
);

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
      new Option('-f, --format <list>', `comma-separated formats: ${FORMATS.join(', ')}`).default(
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
    .addOption(
      new Option(
        '-a, --audience <who>',
        'review: findings first, answers shown; handout: a worksheet with the questions and room to write; answers: the answer key',
      )
        .choices(AUDIENCES as string[])
        .default('review'),
    )
    .addOption(
      new Option('--order <how>', 'step order: as given on the command line, or by capture time')
        .choices(['given', 'time'])
        .default('given'),
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
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Examples:
  $ dockernet report samples/slides-step1 samples/slides-step2 samples/slides-step3 samples/slides-step4 -o out
  $ dockernet report before.tar.gz after.tar.gz -o /tmp/review --format html
  $ dockernet report samples/slides-step* -o handout --audience handout --format html,pdf --paper letter

Without a browser (none found, or --no-browser), report.html embeds mermaid's script to draw its
figures when opened, and no PDF is written; the note says how to get one.`,
    )
    .action(reportCommand);

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
