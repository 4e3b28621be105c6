/**
 * Terminal text of a path and of the matrix across nodes (`dockernet trace --cluster`,
 * `dockernet reach --cluster`): the single-host layout with the node of every hop first.
 *
 *   tcp node1:c1 -> 10.60.0.6:80: DELIVERED
 *     node3: delivered to httpd (pid 664) in container:c3
 *     node1  container:c1        route     out of eth0 to 10.60.0.6 ...   [containers/c1/ip-route-main.out:2]
 */
import { type Lang, type Translator, translator } from '../i18n/index.js';
import { assumptionLines, countsLine, evidenceText, shortVerdictText, stageText } from '../reach/format.js';
import type { ClusterPath } from './reach.js';
import type { ClusterReachMatrix } from './reach-matrix.js';

/**
 * A cross-node stage in the language: the single-host stage, after the prefix that says which leg
 * (`VXLAN: route`, `reply VXLAN: route`; src/cluster/reach.ts). In the JSON the stage is an id.
 */
export function clusterStageText(t: Translator, stage: string): string {
  const m = /^(reply VXLAN|VXLAN): (.*)$/.exec(stage);
  if (m) return t('ct.stage', { leg: m[1] === 'VXLAN' ? 'there' : 'reply', stage: stageText(t, m[2]!) });
  return stageText(t, stage);
}

/** The path's own text is in the language it was traced in; `lang` says the layout's words. */
export function formatClusterPath(p: ClusterPath, lang: Lang = 'en'): string {
  const t = translator(lang);
  const lines = [
    // No words here: the packet and the verdict's id.
    `${p.to.proto} ${p.from.node}:${p.from.container} -> ${p.to.address}:${p.to.port}: ${p.verdict.toUpperCase()}`,
    `  ${p.reason}`,
  ];
  if (p.tunnel)
    lines.push(
      `  ${t('ct.t.tunnel', {
        tunnel: `${p.tunnel.network ?? '?'} VNI ${p.tunnel.vni ?? '?'}, ${p.tunnel.fromNode} -> ${p.tunnel.toNode ?? '?'} (VTEP ${p.tunnel.vtep ?? '?'}, MAC ${p.tunnel.mac ?? '?'})`,
      })}`,
    );
  const stages = p.hops.map((h) => clusterStageText(t, h.stage));
  const nW = Math.max(4, ...p.hops.map((h) => h.node.length));
  const nsW = Math.max(9, ...p.hops.map((h) => h.namespace.length));
  const stW = Math.max(5, ...stages.map((s) => s.length));
  for (const [k, h] of p.hops.entries()) {
    const e = evidenceText(h.evidence);
    lines.push(
      `  ${h.node.padEnd(nW)}  ${h.namespace.padEnd(nsW)}  ${stages[k]!.padEnd(stW)}  ${h.detail}${e ? `  [${e}]` : ''}`,
    );
    if (h.rule?.index !== undefined)
      lines.push(
        `  ${''.padEnd(nW)}  ${''.padEnd(nsW)}  ${''.padEnd(stW)}    ${h.rule.chain}: ${h.rule.text}`,
      );
  }
  lines.push(...assumptionLines(t, p.assumptions));
  return `${lines.join('\n')}\n`;
}

/** A line per destination, a column per source; then every cell not delivered with its reason. */
export function formatClusterMatrix(m: ClusterReachMatrix, lang: Lang = 'en'): string {
  const t = translator(lang);
  const out: string[] = [];
  out.push(t('tr.t.sources', { sources: m.sources.map((s, i) => `[${i + 1}] ${s.id}`).join('  ') }));
  out.push(t('ct.t.legend'));
  const cell = new Map(m.cells.map((c) => [`${c.source}|${c.destination}`, c]));
  const idW = Math.max(20, ...m.destinations.map((d) => d.id.length));
  out.push('', `${''.padEnd(idW)}  ${m.sources.map((_, i) => `[${i + 1}]`.padEnd(8)).join('')}`);
  for (const d of m.destinations) {
    const row = m.sources
      .map((s) => {
        const c = cell.get(`${s.id}|${d.id}`);
        return (c ? shortVerdictText(t, c.verdict) : '-').padEnd(8);
      })
      .join('');
    out.push(`${d.id.padEnd(idW)}  ${row}  ${d.label}`);
  }
  const bad = m.cells.filter((c) => c.verdict !== 'delivered');
  if (bad.length > 0) {
    out.push('', t('ct.t.not-delivered'));
    for (const c of bad) out.push(`  ${c.source} -> ${c.destination}: ${c.verdict}: ${c.reason}`);
  }
  out.push('', countsLine(t, m.counts));
  return `${out.join('\n')}\n`;
}
