/**
 * Anchors of the raw appendix (`step-1-f12-L7`: file 12 of step 1, line 7) and the links into
 * it that every table, answer and finding uses. Its own module so that view.ts and the
 * views of analyses and reachability all import it without importing each other.
 */
import type { ReportStep } from '../report/types.js';

export interface EvidenceLink {
  href: string;
  text: string;
}

/** path -> index of its first file, per step: a findIndex per evidence link was quadratic. */
const fileIndexCache = new WeakMap<ReportStep, Map<string, number>>();

function fileIndex(step: ReportStep, path: string): number {
  let index = fileIndexCache.get(step);
  if (!index || index.size > step.files.length) {
    index = new Map();
    step.files.forEach((f, i) => {
      if (!index!.has(f.path)) index!.set(f.path, i);
    });
    fileIndexCache.set(step, index);
  }
  return index.get(path) ?? -1;
}

export function fileAnchor(step: ReportStep, path: string): string {
  const i = fileIndex(step, path);
  return `${step.anchor}-f${i < 0 ? 'x' : i}`;
}

export function lineAnchor(step: ReportStep, path: string, line: number): string {
  return `${fileAnchor(step, path)}-L${line}`;
}
