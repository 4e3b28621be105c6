/**
 * Types of the "analyze" stage: questions answered from a StepModel with evidence, findings for
 * a review, and what changed since the previous step. Plain JSON data, like every stage's output.
 *
 * The text of each finding kind lives in one table (`findingInfo` in findings/catalogue.ts), typed
 * `Record<FindingKind, ...>` so that the compiler asks for text whenever a kind is added.
 */
import type { BundleMeta } from '../bundle/types.js';
import type { Lang } from '../i18n/index.js';
import type { Evidence, StepModel } from '../model/types.js';
import type { ReportCommand } from '../report/command.js';
import type { StepReach } from './reach.js';

/** What every question and finding family gets: one step. */
export interface AnalysisInput {
  meta: BundleMeta;
  model: StepModel;
  commands: ReportCommand[];
  /** The step's reachability matrix, when the evaluator ran (findings from packet paths read it). */
  reach?: StepReach;
  /** The language of the answers, findings and diff lines (default English). */
  lang?: Lang;
}

export interface Fact {
  label: string;
  value: string;
}

export type AnswerStatus = 'answered' | 'not-applicable' | 'error';

export interface Answer {
  /** The question's id (kebab-case, = its file name in src/analyses/questions/). */
  id: string;
  /** The question as asked for this step; names come from the data (`docker0`, `br-custom`). */
  question: string;
  status: AnswerStatus;
  /**
   * Plain text, paragraphs separated by a blank line, no HTML. `code` in backticks is shown as
   * code by the renderers. Empty unless answered.
   */
  answer: string;
  facts: Fact[];
  evidence: Evidence[];
  /** Why the question does not apply, or the error it raised. */
  reason?: string;
}

/** Which captured data a question reads. Missing data gives "not applicable", not a wrong answer. */
export type Need =
  | 'host.interfaces'
  | 'host.bridges'
  | 'host.routes'
  | 'host.sockets'
  | 'host.processes'
  | 'docker'
  | 'docker.networks'
  | 'container'
  | 'sandbox';

export interface QuestionResult {
  answer: string;
  facts: Fact[];
  evidence: Evidence[];
}

export interface Question {
  id: string;
  needs: readonly Need[];
  /** The question for this step: names (bridge, veth, port) come from the data where it has them. */
  question(input: AnalysisInput): string;
  /** true, or the reason the question does not apply to this step. */
  appliesTo(input: AnalysisInput): true | string;
  answer(input: AnalysisInput): QuestionResult;
}

export type Severity = 'high' | 'medium' | 'low' | 'info';

export type FindingKind =
  | 'published-on-all-addresses'
  | 'container-host-network'
  | 'default-bridge-icc'
  | 'subnet-overlaps-route'
  | 'ip-forward-off'
  | 'bridge-nf-call-off'
  | 'docker-iptables-off'
  | 'overlay-mtu-mismatch'
  | 'bridge-down-with-ports'
  | 'veth-peer-not-captured'
  | 'veth-without-master'
  | 'veth-ambiguous'
  | 'swarm-ports-exposed'
  | 'published-port-bypasses-input'
  | 'published-port-filtered'
  | 'loopback-published-reachable'
  | 'loopback-published-contained'
  | 'internal-network-reachable'
  | 'internal-network-isolated'
  | 'networks-reach-each-other'
  | 'networks-isolated'
  | 'stale-namespace-file'
  | 'capture-not-root'
  | 'capture-incomplete'
  | 'analysis-error';

export interface Finding {
  kind: FindingKind;
  /** Usually the catalogue's severity; a family may raise or lower it for one instance. */
  severity: Severity;
  /** What it is about: `tcp/60000`, `docker0`, `net.ipv4.ip_forward`. */
  subject: string;
  /** This instance, in one or two sentences, from the data. */
  detail: string;
  evidence: Evidence[];
  /** Findings from packet paths: the index of the path in the step's `analysis.reach.paths`. */
  path?: number;
}

export interface FindingInfo {
  severity: Severity;
  title: string;
  explanation: string;
  remediation: string;
  /** When it is NOT raised, though it may look similar: each kind says so, and a test keeps it quiet there. */
  notApplicable: string;
}

/** One family of findings: one file in src/analyses/findings/. */
export interface FindingFamily {
  id: string;
  kinds: readonly FindingKind[];
  /**
   * The family reads `input.reach`: on big hosts the matrix is computed on another thread while
   * the other families run (analyses/reach-offload.ts), and this family runs when it is there.
   */
  readsReach?: true;
  run(input: AnalysisInput): Finding[];
}

export type DiffCategory =
  | 'interface'
  | 'address'
  | 'bridge'
  | 'bridge-port'
  | 'route'
  | 'socket'
  | 'process'
  | 'docker-network'
  | 'container'
  | 'veth'
  | 'published-port';

export interface DiffChange {
  category: DiffCategory;
  change: 'added' | 'removed' | 'changed';
  /** Stable across steps: `host/docker0`, `host/main/inet/unicast 172.17.0.0/16 dev docker0`. */
  key: string;
  summary: string;
  /** In this step's files (added, changed); removed items have none (their lines are in the previous step). */
  evidence?: Evidence;
}

export interface StepDiff {
  /** The previous step's label. */
  from: string;
  changes: DiffChange[];
}

export interface StepAnalysis {
  answers: Answer[];
  findings: Finding[];
  diff?: StepDiff;
  /** Who can reach what (sources x destinations) with the path of every cell; absent when it failed. */
  reach?: StepReach;
  /** A label from the content, for steps whose manifest has none. */
  suggestedLabel: string;
}
