/**
 * The "analyze" stage: every step's reachability matrix, questions and findings, and the diff of
 * each step against the one before it. Pure: models in, plain data out; a failing unit becomes
 * data, never a throw.
 */
import { diffSteps } from './diff.js';
import { runFindings } from './findings/index.js';
import { suggestLabel } from './label.js';
import { type StepReach, stepReach } from './reach.js';
import { runQuestions } from './run-questions.js';
import type { AnalysisInput, Finding, StepAnalysis } from './types.js';
import { tr } from './util.js';

export function analyzeSteps(steps: AnalysisInput[]): StepAnalysis[] {
  const labels = steps.map((s) => {
    try {
      return suggestLabel(s.model, tr(s));
    } catch {
      return '';
    }
  });
  return steps.map((s, i) => {
    // Computed once per step: the findings from packet paths and every renderer read this one.
    let reach: StepReach | undefined;
    let reachError: Finding | undefined;
    try {
      reach = stepReach(s.model, s.lang);
    } catch (e) {
      reachError = {
        kind: 'analysis-error',
        severity: 'info',
        subject: 'reachability',
        detail: tr(s)('fd.reach-failed', { error: (e as Error)?.message ?? String(e) }),
        evidence: [],
      };
    }
    const input: AnalysisInput = reach ? { ...s, reach } : s;
    const analysis: StepAnalysis = {
      answers: runQuestions(input),
      findings: [...runFindings(input), ...(reachError ? [reachError] : [])],
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
  });
}
