import type { Severity } from '../../analyses/types.js';
import type { ClusterEvidence } from '../types.js';
import { clusterFindingInfo } from './catalogue.js';
import type { ClusterFinding, ClusterFindingKind } from './types.js';

export function clusterFinding(
  kind: ClusterFindingKind,
  subject: string,
  detail: string,
  evidence: ClusterEvidence[],
  severity?: Severity,
): ClusterFinding {
  // Several paths often end on the same rule or socket line: cite each line once.
  const seen = new Set<string>();
  const unique = evidence.filter((e) => {
    const k = `${e.step} ${e.file} ${e.line ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { kind, severity: severity ?? clusterFindingInfo[kind].severity, subject, detail, evidence: unique };
}

/** A node's name for the text: hostname, else its address or key. */
export function nodeName(
  cluster: { nodes: { key: string; hostname: string; address?: string }[] },
  key: string,
): string {
  const n = cluster.nodes.find((x) => x.key === key);
  return n?.hostname || n?.address || key;
}
