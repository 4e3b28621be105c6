/**
 * The "analyze" stage: every step's questions and findings, and the diff of each step against
 * the one before it. Pure: models in, plain data out; a failing unit becomes data, never a throw.
 */
import { diffSteps } from './diff.js';
import { runFindings } from './findings/index.js';
import { suggestLabel } from './label.js';
import { runQuestions } from './run-questions.js';
import type { AnalysisInput, StepAnalysis } from './types.js';

export function analyzeSteps(steps: AnalysisInput[]): StepAnalysis[] {
  const labels = steps.map((s) => {
    try {
      return suggestLabel(s.model);
    } catch {
      return '';
    }
  });
  return steps.map((s, i) => {
    const analysis: StepAnalysis = {
      answers: runQuestions(s),
      findings: runFindings(s),
      suggestedLabel: labels[i]!,
    };
    const prev = steps[i - 1];
    if (prev) analysis.diff = diffSteps(prev.model, s.model, prev.meta.step || labels[i - 1] || `Step ${i}`);
    return analysis;
  });
}
