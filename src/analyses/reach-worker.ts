/**
 * The worker thread of reach-offload.ts: gets a step's model (a structured clone) and its
 * language, computes stepReach and posts it back, or the error's message when it threw (the
 * analysis turns that into the same analysis-error finding as in-process).
 */
import { parentPort } from 'node:worker_threads';
import type { Lang } from '../i18n/index.js';
import type { StepModel } from '../model/types.js';
import { stepReach } from './reach.js';

parentPort?.on('message', (m: { id: number; model: StepModel; lang: Lang }) => {
  try {
    parentPort!.postMessage({ id: m.id, reach: stepReach(m.model, m.lang) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error)?.message ?? String(e) });
  }
});
