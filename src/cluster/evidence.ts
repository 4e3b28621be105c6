/** Evidence of one node's bundle, tagged with its report step (the renderers link to it). */
import type { Evidence } from '../model/types.js';
import type { ClusterEvidence } from './types.js';

export const at = (step: number, e: Evidence | undefined): ClusterEvidence[] => (e ? [{ ...e, step }] : []);

export const atAll = (step: number, es: (Evidence | undefined)[]): ClusterEvidence[] =>
  es.flatMap((e) => at(step, e));
