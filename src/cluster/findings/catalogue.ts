/**
 * Every cluster finding kind: its severity, and its text from the message catalogs
 * (`cf.<kind>.title|why|fix|na` in src/i18n/messages/: English here, any language through
 * clusterFindingText). `Record<ClusterFindingKind, ...>`: a kind without its text does not compile.
 */
import { type MessageId, type Translator, translator } from '../../i18n/index.js';
import type { ClusterFindingInfo, ClusterFindingKind } from './types.js';

/** The four texts of a kind in the language of `t`. */
export function clusterFindingText(
  kind: ClusterFindingKind,
  t: Translator = translator('en'),
): Omit<ClusterFindingInfo, 'severity'> {
  const id = (part: string) => `cf.${kind}.${part}` as MessageId;
  return {
    title: t(id('title')),
    explanation: t(id('why')),
    remediation: t(id('fix')),
    notApplicable: t(id('na')),
  };
}

const text = (kind: ClusterFindingKind) => clusterFindingText(kind);

export const clusterFindingInfo: Record<ClusterFindingKind, ClusterFindingInfo> = {
  'node-missing-from-peers': { severity: 'high', ...text('node-missing-from-peers') },
  'vni-mismatch': { severity: 'high', ...text('vni-mismatch') },
  'underlay-mtu-too-small': { severity: 'medium', ...text('underlay-mtu-too-small') },
  'swarm-port-blocked': { severity: 'high', ...text('swarm-port-blocked') },
  'swarm-port-reachable-from-outside': { severity: 'medium', ...text('swarm-port-reachable-from-outside') },
  'task-without-overlay-namespace': { severity: 'high', ...text('task-without-overlay-namespace') },
  'cluster-analysis-error': { severity: 'info', ...text('cluster-analysis-error') },
};
