/**
 * Every finding kind: its severity here, its text in the message catalogs (design note: "text
 * that users read lives in tables"): `f.<kind>.title`, `.why` (why it matters), `.fix` (what to
 * do) and `.na` (when it is not raised) in src/i18n/messages/{en,de}.ts.
 * `Record<FindingKind, Severity>` and the id check below: adding a kind without its severity or
 * its text does not compile.
 */
import { type MessageId, type Translator, translator } from '../../i18n/index.js';
import type { FindingInfo, FindingKind, Severity } from '../types.js';

export const findingSeverity: Record<FindingKind, Severity> = {
  'published-on-all-addresses': 'medium',
  'published-port-bypasses-input': 'high',
  'published-port-filtered': 'info',
  'loopback-published-reachable': 'high',
  'loopback-published-contained': 'info',
  'internal-network-reachable': 'high',
  'internal-network-isolated': 'info',
  'networks-reach-each-other': 'medium',
  'networks-isolated': 'info',
  'container-host-network': 'medium',
  'default-bridge-icc': 'low',
  'subnet-overlaps-route': 'high',
  'ip-forward-off': 'high',
  'bridge-nf-call-off': 'medium',
  'docker-iptables-off': 'medium',
  'overlay-mtu-mismatch': 'medium',
  'bridge-down-with-ports': 'medium',
  'veth-peer-not-captured': 'info',
  'veth-ambiguous': 'low',
  'veth-without-master': 'low',
  'swarm-ports-exposed': 'medium',
  'stale-namespace-file': 'low',
  'capture-not-root': 'medium',
  'capture-incomplete': 'low',
  'analysis-error': 'info',
};

type FindingTextId = `f.${FindingKind}.${'title' | 'why' | 'fix' | 'na'}`;
// Fails to compile when a kind lacks one of its four texts in the English catalog.
const textIds = (kind: FindingKind): Record<'title' | 'why' | 'fix' | 'na', FindingTextId & MessageId> => ({
  title: `f.${kind}.title`,
  why: `f.${kind}.why`,
  fix: `f.${kind}.fix`,
  na: `f.${kind}.na`,
});

/** A kind's severity and text in the language of `t`. */
export function findingText(kind: FindingKind, t: Translator = translator('en')): FindingInfo {
  const ids = textIds(kind);
  return {
    severity: findingSeverity[kind],
    title: t(ids.title),
    explanation: t(ids.why),
    remediation: t(ids.fix),
    notApplicable: t(ids.na),
  };
}

/** Every kind with its English text (the conformance test walks it). */
export const findingInfo: Record<FindingKind, FindingInfo> = Object.fromEntries(
  (Object.keys(findingSeverity) as FindingKind[]).map((k) => [k, findingText(k)]),
) as Record<FindingKind, FindingInfo>;
