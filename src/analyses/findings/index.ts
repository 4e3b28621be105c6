/**
 * The finding registry: every family, listed explicitly. A family that throws becomes an
 * `analysis-error` finding, never a failed run. To add a kind: add it to `FindingKind`, give it
 * text in catalogue.ts (the compiler insists), raise it in a family, and test both ways in
 * test/findings.test.ts.
 */
import type { AnalysisInput, Finding, FindingFamily, Severity } from '../types.js';
import { tr } from '../util.js';
import { capture } from './capture.js';
import { dockerNetworks } from './docker-networks.js';
import { hostSettings } from './host-settings.js';
import { links } from './links.js';
import { namespaces } from './namespaces.js';
import { paths } from './paths.js';
import { ports } from './ports.js';

export { findingInfo, findingSeverity, findingText } from './catalogue.js';

export const findingFamilies: readonly FindingFamily[] = [
  paths,
  ports,
  dockerNetworks,
  hostSettings,
  links,
  namespaces,
  capture,
];

const ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };

export function runFindings(
  input: AnalysisInput,
  families: readonly FindingFamily[] = findingFamilies,
): Finding[] {
  return ordered(families.map((f) => runFamily(f, input)));
}

/**
 * runFindings in two halves, for an analysis whose reachability matrix is still being computed
 * (on another thread, analyses/reach-offload.ts): the families that do not read it run now, the
 * ones that do (`readsReach`) when the returned function gets the input with the matrix. The
 * same list as runFindings on that input: each family's findings in family order, then sorted.
 */
export function findingsBeforeReach(
  input: AnalysisInput,
  families: readonly FindingFamily[] = findingFamilies,
): (withReach: AnalysisInput) => Finding[] {
  const early = families.map((f) => (f.readsReach ? undefined : runFamily(f, input)));
  return (withReach) => ordered(families.map((f, i) => early[i] ?? runFamily(f, withReach)));
}

/** One family's findings; a family that throws is one analysis-error finding. */
function runFamily(f: FindingFamily, input: AnalysisInput): Finding[] {
  try {
    return f.run(input);
  } catch (e) {
    return [
      {
        kind: 'analysis-error',
        severity: 'info',
        subject: f.id,
        detail: tr(input)('fd.family-failed', { id: f.id, error: (e as Error)?.message ?? String(e) }),
        evidence: [],
      },
    ];
  }
}

/** Stable: by severity, then in family order. */
function ordered(perFamily: Finding[][]): Finding[] {
  return perFamily
    .flat()
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
