/**
 * Terminal text of a path and of the matrix, for `dockernet trace` and `dockernet reach`:
 *
 *   tcp 10.99.0.1:40000 -> 10.99.0.2:60000 from outside:eth0: delivered
 *     host              nat PREROUTING    DNAT 10.99.0.2:60000 -> 172.17.0.2:8080 (rule 2 of nat DOCKER)  host/iptables-save.out:36
 */
import type { Evidence } from '../model/types.js';
import type { ReachMatrix } from './matrix.js';
import type { PacketPath, PacketSource } from './types.js';

export function sourceLabel(f: PacketSource): string {
  switch (f.kind) {
    case 'outside':
      return `outside${f.uplink ? `:${f.uplink}` : ''}`;
    case 'host':
      return 'host';
    case 'namespace':
      return f.id;
    case 'container':
      return `container ${f.name}`;
  }
}

const ev = (e: Evidence[]) => e.map((x) => `${x.file}${x.line !== undefined ? `:${x.line}` : ''}`).join(', ');

export function formatPath(p: PacketPath): string {
  const pk = p.packet;
  const lines = [
    `${pk.proto} ${pk.src ?? '(auto)'} -> ${pk.dst}:${pk.dport} from ${sourceLabel(pk.from)}: ${p.verdict.toUpperCase()}`,
    `  ${p.reason}`,
  ];
  const nsW = Math.max(9, ...p.hops.map((h) => h.namespace.length));
  const stW = Math.max(5, ...p.hops.map((h) => h.stage.length));
  for (const h of p.hops) {
    const e = ev(h.evidence);
    lines.push(`  ${h.namespace.padEnd(nsW)}  ${h.stage.padEnd(stW)}  ${h.detail}${e ? `  [${e}]` : ''}`);
    if (h.rule?.index !== undefined)
      lines.push(`  ${''.padEnd(nsW)}  ${''.padEnd(stW)}    ${h.rule.chain}: ${h.rule.text}`);
  }
  if (p.assumptions.length > 0) {
    lines.push('  assumed:');
    for (const a of p.assumptions) lines.push(`    - ${a}`);
  }
  return `${lines.join('\n')}\n`;
}

const SHORT: Record<string, string> = {
  delivered: 'OK',
  dropped: 'drop',
  rejected: 'rej',
  'no-route': 'noroute',
  'no-listener': 'closed',
  'left-host': 'out',
  unknown: '?',
};

/** One block per destination group: a line per destination, a column per source. */
export function formatMatrix(m: ReachMatrix): string {
  const out: string[] = [];
  out.push(
    `sources: ${m.sources.map((s, i) => `[${i + 1}] ${s.id}${s.members.length > 1 ? ` (${s.members.length})` : ''}`).join('  ')}`,
  );
  out.push(
    `legend: OK delivered, closed no listener, rej rejected, drop dropped, noroute no route, out left the host, ? unknown`,
  );
  if (m.aggregated) out.push('aggregated: one representative per network group (pairs counted per cell)');
  const cell = new Map(m.cells.map((c) => [`${c.source}|${c.destination}`, c]));
  const groups = [...new Set(m.destinations.map((d) => d.group))];
  const idW = Math.max(20, ...m.destinations.map((d) => d.id.length));
  for (const g of groups) {
    out.push('', `== ${g}`);
    out.push(`${''.padEnd(idW)}  ${m.sources.map((_, i) => `[${i + 1}]`.padEnd(8)).join('')}`);
    for (const d of m.destinations.filter((x) => x.group === g)) {
      const row = m.sources
        .map((s) => (SHORT[cell.get(`${s.id}|${d.id}`)?.verdict ?? ''] ?? '').padEnd(8))
        .join('');
      out.push(
        `${d.id.padEnd(idW)}  ${row}  ${d.label}${d.members.length > 1 ? ` (+${d.members.length - 1})` : ''}`,
      );
    }
  }
  const unknown = m.cells.filter((c) => c.verdict === 'unknown');
  const reasons = [...new Set(unknown.map((c) => c.reason))];
  if (reasons.length > 0) {
    out.push('', 'unknown because:');
    for (const r of reasons.slice(0, 20)) out.push(`  - ${r}`);
  }
  out.push(
    '',
    `cells: ${Object.entries(m.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  return `${out.join('\n')}\n`;
}
