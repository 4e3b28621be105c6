/**
 * Policy routing rules of a namespace from `ip -j rule show`, else `ip rule show` (plus
 * `ip -6 rule show`), for the packet-path evaluator.
 *
 *   0:	from all lookup local
 *   32766:	from all lookup main
 *
 * `ip rule` without `-6` prints only IPv4 rules: those get family inet, `ip -6 rule` inet6.
 */
import type { IpRule } from '../parsers/ip-rule.js';
import type { ParsedOutput } from '../parsers/parse-bundle.js';
import { evidenceOf } from './evidence.js';
import type { ModelIpRule } from './types.js';

function isIpRule(r: unknown): r is IpRule {
  return typeof r === 'object' && r !== null && 'priority' in r && 'action' in r && 'from' in r;
}

/** Rules of both families, sorted by priority; undefined when no rule capture was parsed. */
export function buildIpRules(outputs: ParsedOutput[]): ModelIpRule[] | undefined {
  const of = (id: string) => outputs.find((o) => o.run.id === id && o.status === 'parsed');
  const v4 = of('ip-j-rule') ?? of('ip-rule');
  const v6 = of('ip-6-rule');
  if (!v4 && !v6) return undefined;
  const out: ModelIpRule[] = [];
  for (const [o, family] of [
    [v4, 'inet'],
    [v6, 'inet6'],
  ] as const) {
    if (!o) continue;
    for (const r of o.records) {
      if (!isIpRule(r)) continue;
      const { line, ...rest } = r;
      out.push({ ...rest, family: r.family ?? family, evidence: evidenceOf(o, line) });
    }
  }
  return out.sort((a, b) => a.priority - b.priority);
}
