/**
 * Terminal text of a path and of the matrix, for `dockernet trace` and `dockernet reach`:
 *
 *   tcp 10.99.0.1:40000 -> 10.99.0.2:60000 from outside:eth0: delivered
 *     host              nat PREROUTING    DNAT 10.99.0.2:60000 -> 172.17.0.2:8080 (rule 2 of nat DOCKER)  host/iptables-save.out:36
 */
import { type Lang, type MessageId, type Translator, translator } from '../i18n/index.js';
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

/**
 * A hop's stage in the report's language. The JSON keeps the evaluator's stage ids (`route`,
 * `veth`, `bridge docker0`); netfilter stages (`nat PREROUTING`, `filter DOCKER-USER`) are the
 * tables' and chains' own names and stay as they are.
 */
const STAGES = new Set([
  'route',
  'veth',
  'forward',
  'out',
  'arrive',
  'socket',
  'docker-proxy',
  'macvlan',
  'ipvlan',
]);
export function stageText(tr: Translator, stage: string): string {
  if (STAGES.has(stage)) return tr(`reach.stage.${stage}` as MessageId);
  const br = /^bridge (.+)$/.exec(stage);
  return br ? tr('reach.stage.bridge', { name: br[1]! }) : stage;
}

/** `file:line, file` (a hop's evidence in the terminal). */
export const evidenceText = (e: readonly Pick<Evidence, 'file' | 'line'>[]) =>
  e.map((x) => `${x.file}${x.line !== undefined ? `:${x.line}` : ''}`).join(', ');

/** The path's own text (reason, hops, assumptions) is in the language it was traced in. */
export function formatPath(p: PacketPath, lang: Lang = 'en'): string {
  const t = translator(lang);
  const pk = p.packet;
  const lines = [
    t('tr.t.head', {
      packet: `${pk.proto} ${pk.src ?? '(auto)'} -> ${pk.dst}:${pk.dport}`,
      from: sourceLabel(pk.from),
      verdict: p.verdict.toUpperCase(),
    }),
    `  ${p.reason}`,
  ];
  const nsW = Math.max(9, ...p.hops.map((h) => h.namespace.length));
  const stW = Math.max(5, ...p.hops.map((h) => stageText(t, h.stage).length));
  for (const h of p.hops) {
    const e = evidenceText(h.evidence);
    lines.push(
      `  ${h.namespace.padEnd(nsW)}  ${stageText(t, h.stage).padEnd(stW)}  ${h.detail}${e ? `  [${e}]` : ''}`,
    );
    if (h.rule?.index !== undefined)
      lines.push(`  ${''.padEnd(nsW)}  ${''.padEnd(stW)}    ${h.rule.chain}: ${h.rule.text}`);
  }
  lines.push(...assumptionLines(t, p.assumptions));
  return `${lines.join('\n')}\n`;
}

/** The block "assumed:" and one line per assumption (none without assumptions). */
export function assumptionLines(t: Translator, assumptions: readonly string[]): string[] {
  return assumptions.length > 0 ? [`  ${t('tr.t.assumed')}`, ...assumptions.map((a) => `    - ${a}`)] : [];
}

/** A cell's short text per verdict (`tr.t.v.<verdict>`), at most 7 characters: the column is 8 wide. */
export const shortVerdictText = (t: Translator, v: string) => (v ? t(`tr.t.v.${v}` as MessageId) : '');

/** One block per destination group: a line per destination, a column per source. */
export function formatMatrix(m: ReachMatrix, lang: Lang = 'en'): string {
  const t = translator(lang);
  const out: string[] = [];
  out.push(
    t('tr.t.sources', {
      sources: m.sources
        .map((s, i) => `[${i + 1}] ${s.id}${s.members.length > 1 ? ` (${s.members.length})` : ''}`)
        .join('  '),
    }),
  );
  out.push(t('tr.t.legend'));
  if (m.aggregated) out.push(t('tr.t.aggregated'));
  const cell = new Map(m.cells.map((c) => [`${c.source}|${c.destination}`, c]));
  const groups = [...new Set(m.destinations.map((d) => d.group))];
  const idW = Math.max(20, ...m.destinations.map((d) => d.id.length));
  for (const g of groups) {
    out.push('', `== ${g}`);
    out.push(`${''.padEnd(idW)}  ${m.sources.map((_, i) => `[${i + 1}]`.padEnd(8)).join('')}`);
    for (const d of m.destinations.filter((x) => x.group === g)) {
      const row = m.sources
        .map((s) => shortVerdictText(t, cell.get(`${s.id}|${d.id}`)?.verdict ?? '').padEnd(8))
        .join('');
      out.push(
        `${d.id.padEnd(idW)}  ${row}  ${d.label}${d.members.length > 1 ? ` (+${d.members.length - 1})` : ''}`,
      );
    }
  }
  const unknown = m.cells.filter((c) => c.verdict === 'unknown');
  const reasons = [...new Set(unknown.map((c) => c.reason))];
  if (reasons.length > 0) {
    out.push('', t('tr.t.unknown-because'));
    for (const r of reasons.slice(0, 20)) out.push(`  - ${r}`);
  }
  out.push('', countsLine(t, m.counts));
  return `${out.join('\n')}\n`;
}

/** The matrix's last line: how many cells had which verdict (`delivered 12, dropped 3`). */
export function countsLine(t: Translator, counts: Readonly<Partial<Record<string, number>>>): string {
  return t('tr.t.cells', {
    counts: Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  });
}
