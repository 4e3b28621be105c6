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
  return { kind, severity: severity ?? clusterFindingInfo[kind].severity, subject, detail, evidence };
}

/** A node's name for the text: hostname, else its address or key. */
export function nodeName(
  cluster: { nodes: { key: string; hostname: string; address?: string }[] },
  key: string,
): string {
  const n = cluster.nodes.find((x) => x.key === key);
  return n?.hostname || n?.address || key;
}
