/**
 * StepReach (analysis.reach) -> display rows for templates/partials/reach.hbs and
 * templates/markdown/reach.hbs: one table per destination group (Docker network, the host, a
 * namespace), one column per source, one cell per verdict linking to the path's section.
 *
 * Readability on real hosts: a wildcard socket of the host stands at each of its addresses (7 on
 * a host with 5 bridges); rows of one socket whose verdicts are the same for every source are
 * merged into one row listing the addresses. The page has no script: a cell is a link to
 * `#<step>-path-<n>`, and the path's section is shown by `:target` (CSS), so a click shows it.
 */
import { cellAt, type StepReach, type StepReachCell } from '../analyses/reach.js';
import type { Finding } from '../analyses/types.js';
import { type MessageId, type Translator, translator } from '../i18n/index.js';
import { contains } from '../reach/addr.js';
import { stageText } from '../reach/format.js';
import type { Verdict } from '../reach/types.js';
import type { ReportStep } from '../report/types.js';
import { evidenceLink, pathAnchor } from './view-analyses.js';

/**
 * The verdicts in the legend's order. Cell text (`reach.v.<verdict>`): short, and never colour
 * alone (WCAG 1.4.1); the legend's long text is `reach.vlong.<verdict>`.
 */
export const VERDICTS: readonly Verdict[] = [
  'delivered',
  'dropped',
  'rejected',
  'no-listener',
  'no-route',
  'left-host',
  'unknown',
];
export const shortVerdict = (tr: Translator, v: Verdict) => tr(`reach.v.${v}` as MessageId);
export const longVerdict = (tr: Translator, v: Verdict) => tr(`reach.vlong.${v}` as MessageId);

/** At most this many paths per step in the PDF and the Markdown (the HTML and JSON have all). */
export const NOTABLE_PATHS = 12;

/** At most this many paths per step in the HTML (report.json has all). */
export const HTML_PATHS = 2000;

function sourceName(id: string): string {
  if (id.startsWith('outside:')) return `LAN ${id.slice(8)}`;
  if (id.startsWith('container:')) return id.slice(10);
  if (id.startsWith('netns:')) return id.slice(6);
  if (id.startsWith('group:')) return id.slice(6);
  return id;
}

function nsName(id: string): string {
  if (id.startsWith('container:')) return id.slice(10);
  if (id.startsWith('netns:')) return id.slice(6);
  return id;
}

export function reachView(
  step: ReportStep,
  r: StepReach,
  findings: Finding[] = [],
  tr: Translator = translator('en'),
) {
  const model = step.model;
  // Group of a destination: the Docker network its address is on (a container on two networks has
  // a socket in each), else the matrix's group.
  const groupOf = (d: StepReach['destinations'][number]): string => {
    if (d.namespace === 'host') return 'host';
    const n = model.dockerNetworks.find((x) => x.subnets.some((s) => contains(s.subnet, d.address)));
    return n?.name ?? d.group;
  };
  // Column group of a source: the networks of its namespace (a container sharing another's
  // namespace, `--network container:<64 hex>`, is on that one's networks).
  const sourceGroup = (s: StepReach['sources'][number]): string => {
    if (s.from.kind === 'outside') return 'outside';
    if (s.from.kind === 'host') return 'host';
    if (s.from.kind !== 'container')
      return s.id.startsWith('group:') ? s.group : s.group === s.id ? tr('reach.group-other') : s.group;
    const name = s.from.name;
    const c = model.containers.find((x) => x.name === name);
    const nets = model.containers
      .filter((x) => x === c || (c?.namespace !== undefined && x.namespace === c.namespace))
      .flatMap((x) => x.networks.map((n) => n.network));
    return nets.length ? [...new Set(nets)].join(' + ') : (c?.networkMode ?? tr('reach.group-containers'));
  };
  const rank = (s: StepReach['sources'][number]) =>
    s.from.kind === 'outside'
      ? 0
      : s.from.kind === 'host'
        ? 1
        : s.from.kind === 'container' || s.id.startsWith('group:')
          ? 2
          : 3;
  // Columns: the LAN, the host, containers by network, then Docker's own namespaces.
  const order = r.sources
    .map((s, i) => ({ s, i, g: sourceGroup(s) }))
    .sort((a, b) => rank(a.s) - rank(b.s) || (rank(a.s) === 2 ? a.g.localeCompare(b.g) : 0) || a.i - b.i);
  const sources = order.map(({ s, i, g }) => ({
    n: i + 1,
    index: i,
    id: s.id,
    name: sourceName(s.id),
    group: g,
    count: s.members.length,
    many: s.members.length > 1,
  }));
  // Column groups: consecutive sources of one group share a header cell.
  const colGroups: { name: string; span: number }[] = [];
  for (const s of sources) {
    const last = colGroups[colGroups.length - 1];
    if (last && last.name === s.group) last.span++;
    else colGroups.push({ name: s.group, span: 1 });
  }
  const pathsUsed = new Map<number, { cells: string[] }>();
  const cellView = (c: StepReachCell | undefined, srcName: string, dstText: string) => {
    if (!c) return { empty: true, path: -1, text: '', verdict: '', href: '', title: '', label: '' };
    const p = r.paths[c.path]!;
    const use = pathsUsed.get(c.path) ?? { cells: [] };
    use.cells.push(`${srcName} -> ${dstText}`);
    pathsUsed.set(c.path, use);
    return {
      empty: false,
      path: c.path,
      text: shortVerdict(tr, c.verdict),
      verdict: c.verdict,
      href: `#${pathAnchor(step, c.path)}`,
      title: p.reason,
      label: tr('reach.cell-label', {
        src: srcName,
        dst: dstText,
        verdict: longVerdict(tr, c.verdict),
        pairs: c.pairs,
      }),
    };
  };

  type Row = {
    dsts: number[];
    key: string;
    verdicts: string;
  };
  const groups = new Map<string, Row[]>();
  r.destinations.forEach((d, di) => {
    const g = groupOf(d);
    const verdicts = r.sources.map((_, si) => cellAt(r, si, di)?.verdict ?? '').join(',');
    const key = `${d.namespace} ${d.proto} ${d.port} ${d.label}`;
    const rows = groups.get(g) ?? [];
    const same = rows.find((x) => x.key === key && x.verdicts === verdicts);
    if (same) same.dsts.push(di);
    else rows.push({ dsts: [di], key, verdicts });
    groups.set(g, rows);
  });
  const tables = [...groups.entries()].map(([name, rows]) => {
    // The Docker network named host (driver host) has no sockets of its own: this group is the host's.
    const net = name === 'host' ? undefined : model.dockerNetworks.find((n) => n.name === name);
    return {
      name,
      note: net
        ? [
            net.driver,
            net.internal ? 'internal' : '',
            net.options['com.docker.network.bridge.enable_icc'] === 'false' ? 'icc off' : '',
            net.subnets.map((s) => s.subnet).join(', '),
          ]
            .filter(Boolean)
            .join(', ')
        : name === 'host'
          ? tr('reach.host-note')
          : '',
      rows: rows.map((row) => {
        const d = r.destinations[row.dsts[0]!]!;
        const addresses = row.dsts.map((i) => r.destinations[i]!.address);
        const where = `${nsName(d.namespace)} ${d.proto}/${d.port}`;
        const dstText = `${d.namespace} ${d.proto} ${addresses[0]!.includes(':') ? `[${addresses[0]}]` : addresses[0]}:${d.port}`;
        return {
          where,
          namespace: nsName(d.namespace),
          proto: d.proto,
          port: d.port,
          addresses,
          addressText: addresses.join(', '),
          label: d.label,
          members: row.dsts.reduce((a, i) => a + r.destinations[i]!.members.length, 0),
          cells: sources.map((s) => cellView(cellAt(r, s.index, row.dsts[0]!), s.name, dstText)),
        };
      }),
    };
  });

  const cited = new Set(findings.map((f) => f.path).filter((p): p is number => p !== undefined));
  // A finding's path is shown even when its cell was merged into another address's row.
  const sorted = [...new Set([...pathsUsed.keys(), ...[...cited].filter((p) => r.paths[p])])].sort(
    (a, b) => a - b,
  );
  const notableSet = new Set<number>();
  for (const p of sorted) if (cited.has(p)) notableSet.add(p);
  // Then what a reviewer looks for: what the LAN gets to, and explicit firewall rules at work.
  for (const p of sorted) {
    if (notableSet.size >= NOTABLE_PATHS) break;
    const path = r.paths[p]!;
    const fromLan = (pathsUsed.get(p)?.cells ?? []).some((c) => c.startsWith('LAN '));
    // Dropped or rejected by a rule (not a policy): the last hop names the rule, in any language.
    const last = path.hops.length > 0 ? r.hops[path.hops[path.hops.length - 1]!] : undefined;
    const byRule =
      (path.verdict === 'dropped' || path.verdict === 'rejected') && last?.rule?.index !== undefined;
    if ((fromLan && path.verdict === 'delivered') || byRule) notableSet.add(p);
  }
  // A big host with a real firewall has a distinct path per cell (116,000 on the bench's
  // 1,000-container host: 30 s of rendering, 3 GB): the HTML shows HTML_PATHS of them, the
  // notable ones first; a cell whose path is left out links to a note naming report.json.
  let shownPaths = sorted;
  if (sorted.length > HTML_PATHS) {
    const rest = sorted.filter((p) => !notableSet.has(p)).slice(0, Math.max(0, HTML_PATHS - notableSet.size));
    shownPaths = [...new Set([...sorted.filter((p) => notableSet.has(p)), ...rest])].sort((a, b) => a - b);
    const kept = new Set(shownPaths);
    const more = `#${step.anchor}-reach-more`;
    for (const t of tables)
      for (const row of t.rows) for (const c of row.cells) if (!c.empty && !kept.has(c.path)) c.href = more;
  }
  const paths = shownPaths.map((p) => {
    const path = r.paths[p]!;
    const cells = pathsUsed.get(p)?.cells ?? [];
    return {
      anchor: pathAnchor(step, p),
      n: p,
      verdict: path.verdict,
      verdictText: shortVerdict(tr, path.verdict),
      reason: path.reason,
      notable: notableSet.has(p),
      usedBy: cells.slice(0, 4),
      moreUsers: cells.length > 4 ? cells.length - 4 : 0,
      hops: path.hops.map((hi, k) => {
        const h = r.hops[hi]!;
        return {
          n: k + 1,
          namespace: h.namespace,
          stage: stageText(tr, h.stage),
          detail: h.detail,
          rule:
            h.rule?.index !== undefined
              ? `${h.rule.table} ${h.rule.chain} #${h.rule.index}: ${h.rule.text}`
              : '',
          evidence: h.evidence.map((e) => evidenceLink(step, e)),
        };
      }),
      assumptions: path.assumptions.map((a) => r.assumptions[a]!),
    };
  });
  const counts = VERDICTS.filter((v) => r.counts[v]).map((v) => ({
    verdict: v,
    text: v === 'unknown' ? tr('reach.unknown') : shortVerdict(tr, v),
    count: r.counts[v]!,
  }));
  const unknownReasons = [
    ...new Set(r.cells.filter((c) => c.verdict === 'unknown').map((c) => r.paths[c.path]!.reason)),
  ].slice(0, 8);
  return {
    anchor: `${step.anchor}-reach`,
    pathsOmitted: sorted.length - shownPaths.length,
    pathsTotal: sorted.length,
    // Compact pages (src/render/lazy.ts) keep a small matrix and its paths in the page.
    inline: r.cells.length <= 500,
    aggregated: r.aggregated,
    sources,
    colGroups,
    tables,
    paths,
    notable: paths.filter((p) => p.notable),
    notableHidden: Math.max(0, paths.length - paths.filter((p) => p.notable).length),
    legend: VERDICTS.map((v) => ({ verdict: v, text: shortVerdict(tr, v), long: longVerdict(tr, v) })),
    counts,
    cellCount: r.cells.length,
    // Without a firewall capture every cell is "unknown": the PDF prints the reasons, not a
    // grid of question marks (report.html keeps the matrix).
    allUnknown: r.cells.length > 0 && r.cells.every((c) => c.verdict === 'unknown'),
    unknownReasons,
  };
}

export type ReachView = ReturnType<typeof reachView>;
