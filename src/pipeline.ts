/**
 * The one module that knows the order of the stages (design note):
 *   read -> (redact) -> parse -> model -> report -> render
 * Each stage takes and returns plain JSON-serialisable data.
 */

import { ReachOffload, WARM_MIN_FILES, wantsOffload } from './analyses/reach-offload.js';
import { DEFAULT_LIMITS, type ReadLimits } from './bundle/limits.js';
import { readBundle } from './bundle/read.js';
import type { Bundle } from './bundle/types.js';
import { buildClusterModel } from './cluster/build.js';
import { expandClusterInputs } from './cluster/bundles.js';
import { runClusterFindings } from './cluster/findings/index.js';
import { clusterReachMatrix } from './cluster/reach-matrix.js';
import { type Lang, translator } from './i18n/index.js';
import { buildStepModel } from './model/build-step.js';
import type { StepModel } from './model/types.js';
import { type ParsedBundle, parseBundle } from './parsers/parse-bundle.js';
import { discoverRedactions, redactBundle } from './redact/redact-bundle.js';
import type { Redactor } from './redact/redactor.js';
import { type AssembleOptions, assembleReport, assembleReportAsync } from './report/assemble.js';
import type { Report } from './report/types.js';
import { mark } from './timings.js';
import { VERSION } from './version.js';

export interface BuildReportOptions {
  limits?: ReadLimits;
  /** Fixed timestamp for reproducible output (tests, golden files). */
  generatedAt?: string;
  title?: string;
  /** 'given' keeps the inputs' order; 'time' sorts steps by capture time (unknown times last). */
  order?: 'given' | 'time';
  /**
   * `--redact`: host names, public addresses, MACs and Compose paths replaced by pseudonyms in the
   * raw outputs, before anything parses them (src/redact/). One Redactor for all the steps.
   */
  redactor?: Redactor;
  /** The language of the report's text (default English; the CLI reads the locale). */
  lang?: Lang;
}

/** The read stage for every input, in order; redacted (all steps together) when asked. */
export async function readBundles(inputs: string[], opts: BuildReportOptions = {}): Promise<Bundle[]> {
  const bundles: Bundle[] = [];
  for (const input of inputs) bundles.push(await readBundle(input, opts.limits ?? DEFAULT_LIMITS));
  if (!opts.redactor) return bundles;
  // Discovery sees every step first: a host name found in step 4 is redacted in step 1 too.
  discoverRedactions(bundles, opts.redactor);
  return bundles.map((b) => redactBundle(b, opts.redactor!));
}

/** Parse and model read bundles (one per step, in order) and assemble the Report. */
export function reportFromBundles(bundles: Bundle[], opts: BuildReportOptions = {}): Report {
  return finish(assembleReport(modelled(bundles, opts), assembleOptions(opts)), opts);
}

/**
 * reportFromBundles for the CLI: the same Report, with a big step's reachability matrix computed
 * on a worker thread while the questions and findings run (analyses/reach-offload.ts).
 */
export async function reportFromBundlesAsync(
  bundles: Bundle[],
  opts: BuildReportOptions = {},
): Promise<Report> {
  const offload = new ReachOffload();
  // The thread starts while the bundles are parsed and modelled.
  if (bundles.some((b) => b.files.length >= WARM_MIN_FILES)) offload.warm();
  try {
    // A big step's matrix is asked for the moment its model is there (analyze asks again).
    const steps = modelled(bundles, opts, (model) => {
      if (wantsOffload(model)) {
        void offload.reach(model, opts.lang ?? 'en');
        mark('model sent to the reachability thread');
      }
    });
    return finish(await assembleReportAsync(steps, { ...assembleOptions(opts), via: offload }), opts);
  } finally {
    await offload.close();
  }
}

function modelled(
  bundles: Bundle[],
  opts: BuildReportOptions,
  built?: (model: StepModel) => void,
): { parsed: ParsedBundle; model: StepModel }[] {
  const steps: { parsed: ParsedBundle; model: StepModel }[] = bundles.map((bundle) => {
    const parsed = parseBundle(bundle);
    const model = buildStepModel(parsed);
    built?.(model);
    return { parsed, model };
  });
  if (opts.order === 'time') {
    const t = (s: { parsed: ParsedBundle }) =>
      Date.parse(s.parsed.bundle.meta.capturedAt ?? '') || Number.POSITIVE_INFINITY;
    steps.sort((a, b) => t(a) - t(b));
  }
  return steps;
}

function assembleOptions(opts: BuildReportOptions): AssembleOptions {
  return {
    generator: { name: 'dockernet', version: VERSION },
    ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
    ...(opts.title ? { title: opts.redactor ? opts.redactor.text(opts.title) : opts.title } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
  };
}

function finish(report: Report, opts: BuildReportOptions): Report {
  if (opts.redactor) report.redaction = opts.redactor.summary(opts.lang);
  return report;
}

/** Read, parse and model every input (one per step, in order) and assemble the Report. */
export async function buildReport(inputs: string[], opts: BuildReportOptions = {}): Promise<Report> {
  return reportFromBundles(await readBundles(inputs, opts), opts);
}

/**
 * `--cluster`: one bundle per node of a swarm, captured at the same time (or folders of them).
 * Each node is a step with its normal host sections; the report adds the cluster joined from
 * their models (src/cluster/) and the findings about it.
 */
export async function buildClusterReport(inputs: string[], opts: BuildReportOptions = {}): Promise<Report> {
  return withCluster(await buildReport(expandClusterInputs(inputs), opts), opts);
}

/** The cluster stage: joins the steps' models as the nodes of one swarm (see buildClusterReport). */
export function withCluster(report: Report, opts: BuildReportOptions = {}): Report {
  const models = report.steps.map((s) => s.model);
  const model = buildClusterModel(models);
  const findings = runClusterFindings({
    cluster: model,
    nodes: models.map((m, k) => ({ step: k + 1, model: m })),
    ...(opts.lang ? { lang: opts.lang } : {}),
  });
  const reach = clusterReachMatrix({ cluster: model, models, ...(opts.lang ? { lang: opts.lang } : {}) });
  report.cluster = { model, findings, reach };
  if (!opts.title) {
    const names = model.nodes.filter((n) => n.step !== undefined).map((n) => n.hostname);
    report.title = translator(opts.lang ?? 'en')('cl.title', { nodes: names });
  }
  return report;
}
