/**
 * The one module that knows the order of the stages (design note):
 *   read -> parse -> model -> report -> render
 * Each stage takes and returns plain JSON-serialisable data.
 */

import { DEFAULT_LIMITS, type ReadLimits } from './bundle/limits.js';
import { readBundle } from './bundle/read.js';
import type { Lang } from './i18n/index.js';
import { buildStepModel } from './model/build-step.js';
import type { StepModel } from './model/types.js';
import { type ParsedBundle, parseBundle } from './parsers/parse-bundle.js';
import { assembleReport } from './report/assemble.js';
import type { Report } from './report/types.js';
import { VERSION } from './version.js';

export interface BuildReportOptions {
  limits?: ReadLimits;
  /** Fixed timestamp for reproducible output (tests, golden files). */
  generatedAt?: string;
  title?: string;
  /** 'given' keeps the inputs' order; 'time' sorts steps by capture time (unknown times last). */
  order?: 'given' | 'time';
  /** The language of the report's text (default English; the CLI reads the locale). */
  lang?: Lang;
}

/** Read, parse and model every input (one per step, in order) and assemble the Report. */
export async function buildReport(inputs: string[], opts: BuildReportOptions = {}): Promise<Report> {
  const steps: { parsed: ParsedBundle; model: StepModel }[] = [];
  for (const input of inputs) {
    const bundle = await readBundle(input, opts.limits ?? DEFAULT_LIMITS);
    const parsed = parseBundle(bundle);
    steps.push({ parsed, model: buildStepModel(parsed) });
  }
  if (opts.order === 'time') {
    const t = (s: { parsed: ParsedBundle }) =>
      Date.parse(s.parsed.bundle.meta.capturedAt ?? '') || Number.POSITIVE_INFINITY;
    steps.sort((a, b) => t(a) - t(b));
  }
  return assembleReport(steps, {
    generator: { name: 'dockernet', version: VERSION },
    ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
  });
}
