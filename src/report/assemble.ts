/** The "report" stage: parsed bundles and their models -> one Report. */
import { analyzeSteps, analyzeStepsAsync } from '../analyses/analyze.js';
import type { OffloadMode, ReachOffload } from '../analyses/reach-offload.js';
import type { AnalysisInput, StepAnalysis } from '../analyses/types.js';
import { coded, localize, localizeText } from '../i18n/coded.js';
import { type Lang, translator } from '../i18n/index.js';
import type { StepModel } from '../model/types.js';
import type { ParsedBundle, ParsedOutput } from '../parsers/parse-bundle.js';
import { maskSecrets } from './mask-secrets.js';
import {
  REPORT_SCHEMA,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportCommand,
  type ReportFile,
  type ReportStep,
} from './types.js';

/** Raw text kept per file in the report; longer files are cut with a note (the bundle keeps all). */
export const REPORT_TEXT_LIMIT = 1024 * 1024;

export interface AssembleOptions {
  generator: { name: string; version: string };
  /** Fixed in tests so the golden reports are stable. */
  generatedAt?: string;
  title?: string;
  /** The language of the report's text (default English). */
  lang?: Lang;
}

export function assembleReport(
  steps: { parsed: ParsedBundle; model: StepModel }[],
  opts: AssembleOptions,
): Report {
  const lang = opts.lang ?? 'en';
  const reportSteps = steps.map(({ parsed, model }, i) => assembleStep(parsed, model, i + 1, lang));
  return withAnalyses(reportSteps, analyzeSteps(analysisInputs(reportSteps, lang)), opts);
}

/**
 * assembleReport with the analyze stage's asynchronous form (the CLI's): a big step's
 * reachability matrix is computed on a worker thread meanwhile (analyses/reach-offload.ts).
 * The same Report.
 */
export async function assembleReportAsync(
  steps: { parsed: ParsedBundle; model: StepModel }[],
  opts: AssembleOptions & { offload?: OffloadMode; via?: ReachOffload },
): Promise<Report> {
  const lang = opts.lang ?? 'en';
  const reportSteps = steps.map(({ parsed, model }, i) => assembleStep(parsed, model, i + 1, lang));
  const analyses = await analyzeStepsAsync(analysisInputs(reportSteps, lang), {
    ...(opts.offload ? { offload: opts.offload } : {}),
    ...(opts.via ? { via: opts.via } : {}),
  });
  return withAnalyses(reportSteps, analyses, opts);
}

function analysisInputs(reportSteps: ReportStep[], lang: Lang): AnalysisInput[] {
  return reportSteps.map((s) => ({ meta: s.meta, model: s.model, commands: s.commands, lang }));
}

function withAnalyses(reportSteps: ReportStep[], analyses: StepAnalysis[], opts: AssembleOptions): Report {
  const lang = opts.lang ?? 'en';
  const t = translator(lang);
  reportSteps.forEach((s, i) => {
    const a = analyses[i];
    if (!a) return;
    s.analysis = a;
    // An unlabelled step is named from its content ("Docker engine, no containers").
    if (!s.meta.step) s.label = a.suggestedLabel;
  });
  const hosts = [...new Set(reportSteps.map((s) => s.model.hostname).filter(Boolean))];
  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: opts.generator,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    title:
      opts.title ?? (hosts.length ? t('report.title-hosts', { hosts: hosts.join(', ') }) : t('report.title')),
    lang,
    steps: reportSteps,
  };
}

/** A command of the step, its reason and warnings in the report's language (src/i18n/coded.ts). */
function toCommand(o: ParsedOutput, lang: Lang): ReportCommand {
  const c: ReportCommand = {
    id: o.run.id,
    scope: o.run.scope,
    // A command line can carry a password (`mysql -psecret`) like a process's can.
    command: maskSecrets(o.run.command).text,
    exitCode: o.run.exitCode,
    durationMs: o.run.durationMs,
    status: o.status,
    warnings: o.warnings.map((w) => localize(lang, w)),
    recordCount: o.records.length,
    inferred: !!o.run.inferred,
  };
  if (o.parser) c.parser = o.parser;
  if (o.reason)
    c.reason = localizeText(lang, { code: o.reasonCode, params: o.reasonParams, message: o.reason });
  if (o.reasonCode) c.reasonCode = o.reasonCode;
  if (o.reasonParams) c.reasonParams = o.reasonParams;
  return c;
}

function assembleStep(parsed: ParsedBundle, model: StepModel, index: number, lang: Lang): ReportStep {
  const { bundle } = parsed;
  const commands = parsed.outputs.map((o) => toCommand(o, lang));
  const warnings = bundle.warnings.map((w) => localize(lang, w));
  // path -> index of the first output naming it (a findIndex per file is quadratic: 20,000 files).
  const outputOf = new Map<string, number>();
  parsed.outputs.forEach((o, i) => {
    for (const p of [o.run.stdout, o.run.stderr]) if (p !== undefined && !outputOf.has(p)) outputOf.set(p, i);
  });
  const files: ReportFile[] = bundle.files.map((f) => {
    const masked = maskSecrets(
      f.text.length > REPORT_TEXT_LIMIT ? f.text.slice(0, REPORT_TEXT_LIMIT) : f.text,
    );
    if (masked.count > 0)
      warnings.push({
        severity: 'info',
        file: f.path,
        ...localize(lang, coded('masked', { n: masked.count })),
      });
    const rf: ReportFile = {
      path: f.path,
      size: f.size,
      encoding: f.encoding,
      truncated: f.truncated,
      text: masked.text,
    };
    if (f.text.length > REPORT_TEXT_LIMIT) rf.shownChars = REPORT_TEXT_LIMIT;
    const i = outputOf.get(f.path) ?? -1;
    if (i >= 0) {
      rf.commandIndex = i;
      rf.stream = parsed.outputs[i]!.run.stdout === f.path ? 'stdout' : 'stderr';
    }
    return rf;
  });
  return {
    index,
    anchor: `step-${index}`,
    label: maskSecrets(bundle.meta.step).text || translator(lang)('report.step-n', { n: index }),
    source: bundle.source,
    // Free text from whoever ran the collector: masked like the outputs.
    meta: {
      ...bundle.meta,
      step: maskSecrets(bundle.meta.step).text,
      ...(bundle.meta.comment !== undefined ? { comment: maskSecrets(bundle.meta.comment).text } : {}),
    },
    hasManifest: bundle.hasManifest,
    commands,
    files,
    warnings,
    model,
  };
}
