/** The analyze stage's public surface. */
export { analyzeSteps } from './analyze.js';
export { diffSteps } from './diff.js';
export { findingFamilies, findingInfo, runFindings } from './findings/index.js';
export { suggestLabel } from './label.js';
export { questions } from './questions/index.js';
export { runQuestions } from './run-questions.js';
export type * from './types.js';
