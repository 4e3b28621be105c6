/**
 * The "analyze" stage: every step's reachability matrix, questions and findings, and the diff of
 * each step against the one before it. Pure: models in, plain data out; a failing unit becomes
 * data, never a throw.
 */

import { mark } from '../timings.js';
import { diffSteps } from './diff.js';
import { findingsBeforeReach, runFindings } from './findings/index.js';
import { suggestLabel } from './label.js';
import { type StepReach, stepReach } from './reach.js';
import {
  type OffloadMode,
  ReachOffload,
  type ReachOutcome,
  reachHere,
  wantsOffload,
} from './reach-offload.js';
import { runQuestions } from './run-questions.js';
import type { AnalysisInput, Finding, StepAnalysis } from './types.js';
import { tr } from './util.js';

export function analyzeSteps(steps: AnalysisInput[]): StepAnalysis[] {
  const labels = stepLabels(steps);
  return steps.map((s, i) => {
    // Computed once per step: the findings from packet paths and every renderer read this one.
    let outcome: ReachOutcome;
    try {
      outcome = { reach: stepReach(s.model, s.lang) };
    } catch (e) {
      outcome = { error: (e as Error)?.message ?? String(e) };
    }
    const input = withReach(s, outcome);
    const answers = runQuestions(input);
    return stepAnalysis(steps, i, labels, runFindings(input), outcome, answers);
  });
}

/**
 * The same analyses, with the reachability matrix of a big step computed on a worker thread
 * (reach-offload.ts) while this thread answers the questions and runs the findings that do not
 * read the matrix; the findings from packet paths run when it is back. Same result as
 * analyzeSteps (test/reach-offload.test.ts).
 */
export async function analyzeStepsAsync(
  steps: AnalysisInput[],
  opts: { offload?: OffloadMode; via?: ReachOffload } = {},
): Promise<StepAnalysis[]> {
  const labels = stepLabels(steps);
  // `via`: the caller's worker (tests count what it answered), closed by the caller.
  const offload = opts.via ?? new ReachOffload();
  try {
    const out: StepAnalysis[] = [];
    for (const [i, s] of steps.entries()) {
      if (!wantsOffload(s.model, opts.offload)) {
        const outcome = reachHere(s.model, s.lang ?? 'en');
        const input = withReach(s, outcome);
        const answers = runQuestions(input);
        out.push(stepAnalysis(steps, i, labels, runFindings(input), outcome, answers));
        continue;
      }
      const pending = offload.reach(s.model, s.lang ?? 'en');
      mark(`step ${i + 1}: questions start (the matrix on its thread)`);
      // Questions never read the matrix (only the `paths` findings do: `readsReach`).
      const answers = runQuestions(s);
      const later = findingsBeforeReach(s);
      mark(`step ${i + 1}: questions and findings but paths done`);
      const outcome = await pending;
      mark(`step ${i + 1}: reachability matrix back (${offload.answered} from the thread)`);
      const input = withReach(s, outcome);
      out.push(stepAnalysis(steps, i, labels, later(input), outcome, answers));
    }
    return out;
  } finally {
    if (!opts.via) await offload.close();
  }
}

function stepLabels(steps: AnalysisInput[]): string[] {
  return steps.map((s) => {
    try {
      return suggestLabel(s.model, tr(s));
    } catch {
      return '';
    }
  });
}

function withReach(s: AnalysisInput, outcome: ReachOutcome): AnalysisInput {
  return 'reach' in outcome ? { ...s, reach: outcome.reach } : s;
}

function stepAnalysis(
  steps: AnalysisInput[],
  i: number,
  labels: string[],
  findings: Finding[],
  outcome: ReachOutcome,
  answers: StepAnalysis['answers'],
): StepAnalysis {
  const s = steps[i]!;
  const reach: StepReach | undefined = 'reach' in outcome ? outcome.reach : undefined;
  const reachError: Finding | undefined =
    'error' in outcome
      ? {
          kind: 'analysis-error',
          severity: 'info',
          subject: 'reachability',
          detail: tr(s)('fd.reach-failed', { error: outcome.error }),
          evidence: [],
        }
      : undefined;
  const analysis: StepAnalysis = {
    answers,
    findings: [...findings, ...(reachError ? [reachError] : [])],
    suggestedLabel: labels[i]!,
  };
  if (reach) analysis.reach = reach;
  const prev = steps[i - 1];
  if (prev)
    analysis.diff = diffSteps(
      prev.model,
      s.model,
      prev.meta.step || labels[i - 1] || tr(s)('report.step-n', { n: i }),
      tr(s),
    );
  return analysis;
}
