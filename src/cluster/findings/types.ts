/**
 * Findings about the cluster as a whole: inconsistencies between nodes that no single bundle
 * shows. Same shape as a step's findings (src/analyses/types.ts), with evidence that names the
 * node's report step. The text of every kind lives in catalogue.ts.
 */
import type { FindingInfo, Severity } from '../../analyses/types.js';
import type { Lang } from '../../i18n/index.js';
import type { NodeInput } from '../input.js';
import type { ClusterEvidence, ClusterModel } from '../types.js';

export type ClusterFindingKind =
  | 'node-missing-from-peers'
  | 'vni-mismatch'
  | 'underlay-mtu-too-small'
  | 'swarm-port-blocked'
  | 'swarm-port-reachable-from-outside'
  | 'task-without-overlay-namespace'
  | 'cluster-analysis-error';

export interface ClusterFinding {
  kind: ClusterFindingKind;
  severity: Severity;
  subject: string;
  detail: string;
  evidence: ClusterEvidence[];
}

export interface ClusterFindingInput {
  cluster: ClusterModel;
  nodes: NodeInput[];
  /** The language of the details (and of the packet paths they quote); English by default. */
  lang?: Lang;
}

export interface ClusterFindingFamily {
  id: string;
  kinds: readonly ClusterFindingKind[];
  run(input: ClusterFindingInput): ClusterFinding[];
}

export type ClusterFindingInfo = FindingInfo;
