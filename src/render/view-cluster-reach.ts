/**
 * Report.cluster.reach (src/cluster/reach-matrix.ts) -> display rows for the section
 * "Reachability across nodes" (templates/partials/cluster-reach.hbs, markdown/cluster-reach.hbs):
 * one row per overlay socket, one column per source container, each cell's verdict; then every
 * cell that is not delivered with its reason and its path, each hop on its node with evidence
 * links into that node's appendix. The words are the catalogs' (`creach.*`, `reach.v.*`).
 */
import { clusterStageText } from '../cluster/reach-format.js';
import type { ClusterEvidence } from '../cluster/types.js';
import { type Translator, translator } from '../i18n/index.js';
import type { Verdict } from '../reach/types.js';
import type { Report } from '../report/types.js';
import { type EvidenceLink, fileAnchor, lineAnchor } from './view-anchors.js';
import { longVerdict, shortVerdict, VERDICTS } from './view-reach.js';

export function clusterReachView(report: Report, tr: Translator = translator(report.lang)) {
  const m = report.cluster?.reach;
  if (!m) return undefined;
  const short = (v: Verdict) => shortVerdict(tr, v);
  // Across nodes, "left the host" means it left the captured nodes.
  const long = (v: Verdict) => (v === 'left-host' ? tr('creach.vlong.left-host') : longVerdict(tr, v));
  const link = (e: ClusterEvidence): EvidenceLink | undefined => {
    const step = report.steps[e.step - 1];
    if (!step) return undefined;
    return {
      href: `#${e.line !== undefined ? lineAnchor(step, e.file, e.line) : fileAnchor(step, e.file)}`,
      text: `${step.model.hostname || `step ${e.step}`}: ${e.file}${e.line !== undefined ? `:${e.line}` : ''}`,
    };
  };
  const cellOf = new Map(m.cells.map((c, k) => [`${c.source}|${c.destination}`, k]));
  // A closed port answered by its container (no-listener) is the expected answer, not a problem.
  const closed = new Set(m.destinations.filter((d) => d.closed).map((d) => d.id));
  const problems = m.cells
    .map((c, k) => ({ c, k }))
    .filter(
      ({ c }) => c.verdict !== 'delivered' && !(c.verdict === 'no-listener' && closed.has(c.destination)),
    );
  const problemCells = new Set(problems.map((p) => p.k));
  const anchorOf = (k: number) => `cluster-reach-${k + 1}`;
  return {
    anchor: 'cluster-reach',
    cellCount: m.cells.length,
    counts: VERDICTS.filter((v) => m.counts[v]).map((v) => ({
      verdict: v,
      count: m.counts[v],
      text: short(v),
    })),
    legend: VERDICTS.filter((v) => m.counts[v]).map((v) => ({ verdict: v, text: short(v), long: long(v) })),
    sources: m.sources.map((s, i) => ({
      n: i + 1,
      id: s.id,
      text: tr('creach.on-node', { container: s.container, node: s.node }),
    })),
    rows: m.destinations.map((d) => ({
      container: d.container,
      node: d.node,
      where: tr('creach.on-node', { container: d.container, node: d.node }),
      address: `${d.proto} ${d.address}:${d.port}`,
      label: d.closed ? tr('creach.closed-port') : d.label,
      cells: m.sources.map((s) => {
        const k = cellOf.get(`${s.id}|${d.id}`);
        if (k === undefined) return { empty: true };
        const c = m.cells[k]!;
        return {
          empty: false,
          verdict: c.verdict,
          text: short(c.verdict),
          title: c.reason,
          href: problemCells.has(k) ? `#${anchorOf(k)}` : undefined,
        };
      }),
    })),
    problems: problems.map(({ c, k }) => {
      const p = m.paths[c.path]!;
      const s = m.sources.find((x) => x.id === c.source)!;
      const d = m.destinations.find((x) => x.id === c.destination)!;
      return {
        anchor: anchorOf(k),
        verdict: c.verdict,
        verdictText: short(c.verdict),
        from: tr('creach.on-node', { container: s.container, node: s.node }),
        to: tr('creach.on-node', { container: d.container, node: d.node }),
        address: `${d.proto} ${d.address}:${d.port}`,
        reason: c.reason,
        tunnel: p.tunnel
          ? tr('creach.tunnel', {
              network: p.tunnel.network ?? '?',
              vni: String(p.tunnel.vni ?? '?'),
              from: p.tunnel.fromNode,
              to: p.tunnel.toNode ?? '?',
              vtep: p.tunnel.vtep ?? '?',
            })
          : '',
        hops: p.hops.map((h, i) => ({
          n: i + 1,
          node: h.node,
          namespace: h.namespace,
          stage: clusterStageText(tr, h.stage),
          detail: h.detail,
          rule: h.rule?.index !== undefined ? `${h.rule.chain}: ${h.rule.text}` : '',
          evidence: h.evidence.map(link).filter((x): x is EvidenceLink => !!x),
        })),
        assumptions: p.assumptions,
      };
    }),
    hasClosed: closed.size > 0,
    truncated: m.truncated ?? 0,
  };
}

export type ClusterReachView = ReturnType<typeof clusterReachView>;
