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
  const out: Finding[] = [];
  for (const f of families) {
    try {
      out.push(...f.run(input));
    } catch (e) {
      out.push({
        kind: 'analysis-error',
        severity: 'info',
        subject: f.id,
        detail: tr(input)('fd.family-failed', { id: f.id, error: (e as Error)?.message ?? String(e) }),
        evidence: [],
      });
    }
  }
  // Stable: by severity, then in family order.
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
