/**
 * Report -> view model for the HTML and Markdown templates: the tables as rows of display
 * strings, evidence as links into the raw appendix. Templates stay logic-free; wording that a
 * reader sees lives in the templates, not here.
 */

import { nsById, vethLinkAt } from '../analyses/util.js';
import { hasCode } from '../i18n/coded.js';
import { type Translator, translator } from '../i18n/index.js';
import type { Evidence, ModelInterface, ModelNamespace, ModelSocket, StepModel } from '../model/types.js';
import type { RedactionSummary } from '../redact/redactor.js';
import { kindCount, kindPseudonym } from '../redact/summary-text.js';
import type { Report, ReportStep } from '../report/types.js';
import { type AnalysesView, type Audience, analysesView, markRepeats } from './view-analyses.js';
import { type EvidenceLink, fileAnchor, lineAnchor } from './view-anchors.js';
import { clusterView, type FigureView } from './view-cluster.js';
import { type AppendixMode, lineStats, linesHtml, shownCount, wideLines } from './view-lines.js';
import { reachView } from './view-reach.js';
import { sheetFiles } from './view-sheet.js';

export { type EvidenceLink, fileAnchor, lineAnchor } from './view-anchors.js';

function link(step: ReportStep, e: Evidence | undefined): EvidenceLink | undefined {
  if (!e) return undefined;
  return e.line !== undefined
    ? { href: `#${lineAnchor(step, e.file, e.line)}`, text: `${e.file}:${e.line}` }
    : { href: `#${fileAnchor(step, e.file)}`, text: e.file };
}

/** An interface's veth peer and its namespace (indexed lookups: analyses/util.ts). */
function peerText(t: Translator, model: StepModel, ns: ModelNamespace, i: ModelInterface): string {
  const l = vethLinkAt(model, ns.id, i.name);
  if (l) {
    const other = l.a.namespace === ns.id && l.a.ifname === i.name ? l.b : l.a;
    const otherNs = nsById(model, other.namespace);
    return t('view.peer', {
      ifname: other.ifname,
      ifindex: other.ifindex,
      ns: otherNs ? nsTitle(otherNs, t) : other.namespace,
    });
  }
  if (i.peerIfindex !== undefined)
    return t('view.peer-not-captured', {
      ifindex: i.peerIfindex,
      netnsid: i.linkNetnsid !== undefined ? String(i.linkNetnsid) : 'none',
    });
  return i.parent ? t('view.parent', { parent: i.parent }) : '';
}

/**
 * The containers table's order: containers of no Compose project first, as the model lists them,
 * then each project's (by project name) under a header row naming it, the first of each project
 * carrying `header`.
 */
function composeOrder(
  cs: StepModel['containers'],
): { c: StepModel['containers'][number]; header?: string }[] {
  const plain = cs.filter((c) => !c.compose).map((c) => ({ c }));
  const projects = [...new Set(cs.flatMap((c) => (c.compose ? [c.compose.project] : [])))].sort();
  return [
    ...plain,
    ...projects.flatMap((p) =>
      cs.filter((c) => c.compose?.project === p).map((c, i) => (i === 0 ? { c, header: p } : { c })),
    ),
  ];
}

/** Where a container's network stack is, in words for the containers table. */
function namespaceNote(t: Translator, m: StepModel, c: StepModel['containers'][number]): string {
  const live = c.status === undefined || /^(running|paused|restarting)$/.test(c.status);
  if (!live) return t('view.ns-none', { status: c.status ?? '' });
  if (c.networking === 'host') return t('view.ns-host');
  // Indexed (first match, as a find gave): 1,000 containers each searched 1,000 namespaces.
  const ns = c.namespace === undefined ? undefined : nsById(m, c.namespace);
  if (c.networking === 'shared') return t('view.ns-shared', { name: c.sharesWith ?? '?' });
  if (!ns) return t('view.ns-not-captured');
  return t('view.ns-own', {
    none: c.networking === 'none' ? 'yes' : 'no',
    inode: ns.inode ? String(ns.inode) : '',
    sharers: ns.sharers,
  });
}

export function nsTitle(ns: ModelNamespace, t: Translator = translator('en')): string {
  if (ns.kind === 'host') return t('view.title.host', { name: ns.name });
  if (ns.kind === 'container')
    return t('view.title.container', { name: ns.container ?? ns.name, sharers: ns.sharers });
  if (ns.role === 'ingress') return t('view.title.ingress', { name: ns.name });
  if (ns.role === 'overlay') return t('view.title.overlay', { name: ns.name });
  if (ns.role === 'load-balancer') return t('view.title.load-balancer', { name: ns.name });
  return t('view.title.sandbox', { name: ns.name });
}

/** `ps` shows a kernel thread's name in brackets: `[kthreadd]`, `[kworker/1:0H]`. */
function kernelThread(command: string): boolean {
  return /^\[.*\]$/.test(command.trim());
}

/** `/usr/sbin/sshd -D` -> sshd, `sshd: root@pts/0` -> sshd. */
function programName(command: string): string {
  const first = command.trim().split(/\s+/)[0] ?? '';
  return first.replace(/:$/, '').split('/').pop() || first;
}

function processSummary(processes: readonly { command: string }[]) {
  const user = processes.filter((p) => !kernelThread(p.command));
  const counts = new Map<string, number>();
  for (const p of user) counts.set(programName(p.command), (counts.get(programName(p.command)) ?? 0) + 1);
  return {
    kernelThreads: processes.length - user.length,
    userCount: user.length,
    programs: [...counts].map(([name, n]) => (n > 1 ? `${name} (${n})` : name)).join(', '),
  };
}

/** The "bound to" texts, once per language: a big host has ~20,000 socket rows. */
const bindTexts = new Map<Translator, Record<'all' | 'loopback' | 'one', string>>();
function bindText(t: Translator, s: ModelSocket): string {
  let texts = bindTexts.get(t);
  if (!texts) {
    texts = { all: t('view.bind.all'), loopback: t('view.bind.loopback'), one: t('view.bind.one') };
    bindTexts.set(t, texts);
  }
  return texts[s.wildcard ? 'all' : s.loopback ? 'loopback' : 'one'];
}

function socketRow(t: Translator, step: ReportStep, s: ModelSocket) {
  return {
    proto: s.proto,
    local: `${s.localAddress}:${s.localPort}`,
    localPortNumber: s.localPortNumber !== undefined ? String(s.localPortNumber) : '',
    foreign: `${s.foreignAddress}:${s.foreignPort}`,
    state: s.state ?? '',
    process: s.pid !== undefined ? `${s.pid}/${s.program ?? '?'}` : (s.program ?? ''),
    command: s.processCommand ?? '',
    bind: bindText(t, s),
    ev: link(step, s.evidence),
  };
}

function namespaceView(t: Translator, step: ReportStep, ns: ModelNamespace) {
  const m = step.model;
  const tables = [...new Set(ns.routes.map((r) => r.table))].sort((a, b) =>
    a === 'main' ? -1 : b === 'main' ? 1 : a.localeCompare(b),
  );
  return {
    anchor: `${step.anchor}-${ns.id.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    title: nsTitle(ns, t),
    kind: ns.kind,
    captured: ns.captured.join(', '),
    hasInterfaces: ns.interfaces.length > 0,
    interfaces: ns.interfaces.map((i) => ({
      ifindex: i.ifindex,
      name: i.name,
      kind: i.kind,
      state: i.state ?? '',
      stateClass: i.state === 'UP' ? 'up' : i.state === 'DOWN' ? 'down' : 'unknown',
      flags: i.flags.join(','),
      flagList: i.flags,
      mtu: i.mtu ?? '',
      mac: i.mac ?? '',
      master: i.master ?? '',
      peer: peerText(t, m, ns, i),
      addresses: i.addresses.map((a) => a.cidr),
      ev: link(step, i.evidence),
    })),
    hasBridges: ns.bridges.length > 0,
    bridges: ns.bridges.map((b) => {
      const iface = ns.interfaces.find((i) => i.name === b.name);
      return {
        name: b.name,
        bridgeId: b.bridgeId ?? '',
        stp: b.stp === undefined ? '' : t(b.stp ? 'label.yes' : 'label.no'),
        ports: b.ports,
        state: iface?.state ?? '',
        stateClass: iface?.state === 'UP' ? 'up' : iface?.state === 'DOWN' ? 'down' : 'unknown',
        addresses: iface ? iface.addresses.map((a) => a.cidr) : [],
        dockerNetwork: m.dockerNetworks.find((n) => n.bridge === b.name)?.name ?? '',
        ev: link(step, b.evidence[0]),
      };
    }),
    hasRoutes: ns.routes.length > 0,
    routeTables: tables.map((t) => ({
      table: t,
      // Table local holds only the routes the kernel adds for each address (local, broadcast):
      // paper counts them, report.html lists them.
      printSummary: t === 'local',
      typesText: [...new Set(ns.routes.filter((r) => r.table === t).map((r) => r.type))].join(', '),
      routes: ns.routes
        .filter((r) => r.table === t)
        .map((r) => ({
          type: r.type === 'unicast' ? '' : r.type,
          dst: r.dst,
          via: r.via ?? (r.nexthops ? r.nexthops.map((h) => h.via ?? h.dev).join(', ') : ''),
          dev: r.dev ?? '',
          proto: r.proto ?? '',
          scope: r.scope ?? '',
          src: r.src ?? '',
          flags: r.flags.join(' '),
          ev: link(step, r.evidence),
        })),
    })),
    hasSockets: ns.sockets.length > 0,
    listening: ns.sockets.filter((s) => s.listening).map((s) => socketRow(t, step, s)),
    connected: ns.sockets.filter((s) => !s.listening).map((s) => socketRow(t, step, s)),
    hasProcesses: ns.processes.length > 0,
    processCount: ns.processes.length,
    // Compact mode (src/render/lazy.ts): the host's tables stay in the page up to LAZY_ROWS rows;
    // another namespace's whole section is one collapsed block.
    lazyInline: ns.kind === 'host',
    lazySummary: t('view.ns-summary', {
      interfaces: ns.interfaces.length,
      routes: ns.routes.length,
      sockets: ns.sockets.length,
      processes: ns.processes.length,
    }),
    interfacesInline: ns.interfaces.length <= LAZY_ROWS,
    routesInline: ns.routes.length <= LAZY_ROWS,
    routeCount: ns.routes.length,
    listeningInline: ns.sockets.filter((s) => s.listening).length <= LAZY_ROWS,
    connectedInline: ns.sockets.filter((s) => !s.listening).length <= LAZY_ROWS,
    processesInline: ns.processes.length <= LAZY_ROWS,
    // Printed tables stop after PRINT_ROWS rows (print.css); the PDF says how many more there are.
    listeningMore: Math.max(0, ns.sockets.filter((s) => s.listening).length - PRINT_ROWS),
    connectedMore: Math.max(0, ns.sockets.filter((s) => !s.listening).length - PRINT_ROWS),
    // A long `ps` listing is summarised on paper (kernel threads counted, user-space programs
    // named once each); report.html has every row.
    processSummary: ns.processes.length > PRINT_ROWS ? processSummary(ns.processes) : undefined,
    processes: ns.processes.map((p) => ({
      pid: p.pid,
      ppid: p.ppid ?? '',
      user: p.user,
      command: p.command,
      ev: link(step, p.evidence),
    })),
  };
}

/** One namespace's section of the HTML report (src/render/namespace-html.ts writes it). */
export type NamespaceView = ReturnType<typeof namespaceView>;
/** A namespace's view not made yet (reportView's `deferNamespaces`). */
export interface DeferredNamespaceView {
  later: () => NamespaceView;
}

function dockerView(t: Translator, step: ReportStep) {
  const m = step.model;
  return {
    installed: m.docker.installed,
    clientVersion: m.docker.clientVersion ?? '',
    serverVersion: m.docker.serverVersion ?? '',
    apiVersion: m.docker.apiVersion ?? '',
    serverError: m.docker.serverError ?? '',
    ev: link(step, m.docker.evidence[0]),
    hasNetworks: m.dockerNetworks.length > 0,
    networks: m.dockerNetworks.map((n) => ({
      name: n.name,
      id: n.id.slice(0, 12),
      driver: n.driver,
      scope: n.scope,
      subnets: n.subnets.map((s) => `${s.subnet}${s.gateway ? ` gw ${s.gateway}` : ''}`),
      bridge: n.bridge ?? '',
      bridgePresent: n.bridge
        ? m.namespaces.some((ns) => ns.id === 'host' && ns.interfaces.some((i) => i.name === n.bridge))
        : false,
      attributes: [
        n.internal && 'internal',
        n.ingress && 'ingress',
        n.attachable && 'attachable',
        n.enableIPv6 && 'IPv6',
      ]
        .filter(Boolean)
        .join(', '),
      endpoints: n.endpoints.map(
        (e) => `${e.name}${e.ipv4 ? ` ${e.ipv4}` : ''}${e.sandbox ? ' (sandbox)' : ''}`,
      ),
      inspected: n.inspected,
      ev: link(step, n.evidence[0]),
    })),
    hasContainers: m.containers.length > 0,
    containersInline: m.containers.length <= LAZY_ROWS,
    portsInline: m.publishedPorts.length <= LAZY_ROWS,
    containers: composeOrder(m.containers).map(({ c, header }) => ({
      name: c.name,
      service: c.compose?.service ?? '',
      projectHeader: header ?? '',
      image: c.image ?? '',
      status: c.status ?? '',
      networkMode: c.networkMode ?? '',
      id: c.id ? c.id.slice(0, 12) : '',
      pid: c.pid ?? '',
      networks: c.networks.map(
        (n) =>
          `${n.network}${n.ipv4 ? ` ${n.ipv4}` : ''}${n.ipv6 ? ` ${n.ipv6}` : ''}${n.role === 'gateway' ? ` (${t('view.gateway-leg')})` : ''}`,
      ),
      namespace: namespaceNote(t, m, c),
      ev: link(step, c.evidence[0]),
    })),
    hasPorts: m.publishedPorts.length > 0,
    ports: m.publishedPorts.map((p) => ({
      host: `${p.hostIp}:${p.hostPort}/${p.proto}`,
      container: p.containerIp ? `${p.containerIp}:${p.containerPort ?? '?'}` : '',
      containerName: p.container ?? '',
      via: p.sources
        .map((x) => (x === 'docker-proxy' && p.pid !== undefined ? `docker-proxy (pid ${p.pid})` : x))
        .join(', '),
      ev: link(step, p.evidence[0]),
    })),
  };
}

function vethView(t: Translator, step: ReportStep) {
  const m = step.model;
  const title = (id: string) => {
    const ns = nsById(m, id);
    return ns ? nsTitle(ns, t) : id;
  };
  return m.vethLinks.map((l) => ({
    a: `${l.a.ifname} (if${l.a.ifindex})`,
    aNs: title(l.a.namespace),
    b: `${l.b.ifname} (if${l.b.ifindex})`,
    bNs: title(l.b.namespace),
    ev: link(step, l.evidence[0]),
    ev2: link(step, l.evidence[1]),
  }));
}

/** macvlan/ipvlan/vlan children with their parents, vxlan devices with their VNI. */
function linkView(t: Translator, step: ReportStep) {
  const m = step.model;
  const title = (id: string) => {
    const ns = nsById(m, id);
    return ns ? nsTitle(ns, t) : id;
  };
  return m.links.map((l) => ({
    kind: `${l.kind}${l.mode ? ` (${l.mode})` : ''}${l.vni !== undefined ? ` VNI ${l.vni}` : ''}`,
    child: `${l.child.ifname} (if${l.child.ifindex})`,
    childNs: title(l.child.namespace),
    other: l.parent
      ? t('view.link-parent', {
          ifname: l.parent.ifname,
          ifindex: l.parent.ifindex,
          ns: title(l.parent.namespace),
        })
      : l.network
        ? t('view.link-network', { name: l.network })
        : '',
    ev: link(step, l.evidence[0]),
  }));
}

function staleView(step: ReportStep) {
  return step.model.staleNamespaces.map((s) => ({
    path: s.path ?? s.name,
    reason: s.reason,
    leftBy: s.leftBy ?? '',
    ev: link(step, s.evidence[0]),
  }));
}

/** Rows of a socket or process table that the PDF prints (print.css hides the rest). */
const PRINT_ROWS = 15;

/** Compact mode: tables with more rows than this are collapsed and filled on demand. */
export const LAZY_ROWS = 50;

export type { AppendixMode } from './view-lines.js';

/** Lines per file that the step's findings and answers cite as evidence. */
function citedLines(step: ReportStep): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const add = (e: Evidence) => {
    if (e.line === undefined) return;
    const set = out.get(e.file) ?? new Set<number>();
    set.add(e.line);
    out.set(e.file, set);
  };
  for (const f of step.analysis?.findings ?? []) f.evidence.forEach(add);
  for (const a of step.analysis?.answers ?? []) a.evidence.forEach(add);
  return out;
}

/** One file of the appendix (src/render/appendix-html.ts writes it). */
export type FileView = ReturnType<typeof filesView>[number];

function filesView(t: Translator, step: ReportStep, mode: AppendixMode = 'full', compact = false) {
  const cited = mode === 'cited' ? citedLines(step) : undefined;
  return step.files.map((f, i) => {
    const cmd = f.commandIndex !== undefined ? step.commands[f.commandIndex] : undefined;
    const anchor = `${step.anchor}-f${i}`;
    // The compact page with every file needs no line of its own (the page numbers them).
    const stats = compact && mode === 'full' ? lineStats(f.text) : undefined;
    const lines = stats ? [] : f.text === '' ? [] : f.text.replace(/\n$/, '').split('\n');
    const total = stats ? stats.count : lines.length;
    // A warning without a code has no catalog text: it stays English, and says so (lang="en").
    const fileWarnings = step.warnings
      .filter((w) => w.file === f.path)
      .map((w) => ({ text: w.message, en: !hasCode(w) }));
    return {
      anchor,
      path: f.path,
      size: f.size,
      stream: f.stream ?? '',
      command: cmd?.command ?? '',
      scope: cmd?.scope ?? '',
      exitCode: cmd?.exitCode ?? '',
      durationMs: cmd?.durationMs ?? '',
      parser: f.stream === 'stdout' ? (cmd?.parser ?? '') : '',
      status: f.stream === 'stdout' ? (cmd?.status ?? 'raw') : f.stream === 'stderr' ? 'stderr' : 'raw',
      reason: f.stream === 'stdout' ? (cmd?.reason ?? '') : '',
      warnings: [
        ...fileWarnings,
        ...(f.stream === 'stdout' && cmd
          ? cmd.warnings.map((w) => ({
              text:
                w.line !== undefined
                  ? t('view.line-warning', { line: w.line, message: w.message })
                  : w.message,
              en: !hasCode(w),
            }))
          : []),
      ],
      empty: total === 0,
      // Paper sets the appendix in two columns; a file whose lines are mostly longer than a
      // column (netstat, ps) spans the page so its columns stay aligned.
      wide: stats ? stats.wide : wideLines(lines, mode, cited?.get(f.path)),
      cut: f.shownChars !== undefined,
      // The appendix's numbered lines as one pre-built string, byte for byte what the template's
      // `{{#each lines}}<span class="ln" id="{{id}}">...` gave: a Handlebars iteration per line of a
      // 20,000-row output cost about a second on a 1,000-container host.
      // Full: every file with its text. Cited: the files a finding or answer cites, with those
      // lines; the others (and every file with `none`) are one row of a compact list.
      shown: mode === 'full' || (mode === 'cited' && (cited?.get(f.path)?.size ?? 0) > 0),
      // Compact mode: the text is stored compressed and the page numbers its lines (lazy.ts).
      linesHtml: compact ? '' : linesHtml(lines, anchor, mode, cited?.get(f.path)),
      text: compact ? f.text : '',
      shownLines: mode === 'full' ? total : mode === 'none' ? 0 : shownCount(total, cited?.get(f.path)),
      totalLines: total,
    };
  });
}

export interface DiagramView extends FigureView {
  big: boolean;
}

export function stepView(
  step: ReportStep,
  audience: Audience = 'review',
  appendix: AppendixMode = 'full',
  compact = false,
  t: Translator = translator('en'),
  deferNamespaces = false,
) {
  const files = filesView(t, step, appendix, compact);
  const parseProblems = step.commands.filter(
    (c) => c.status === 'rejected' || c.status === 'error' || c.warnings.length > 0,
  );
  return {
    anchor: step.anchor,
    index: step.index,
    label: step.label,
    hostname: step.model.hostname,
    capturedAt: step.meta.capturedAt ?? '',
    collector: `${step.meta.collector.name} ${step.meta.collector.version}`.trim(),
    source: step.source,
    hasManifest: step.hasManifest,
    comment: step.meta.comment ?? '',
    user: step.meta.user
      ? `${step.meta.user.name ?? ''}${step.meta.user.uid !== undefined ? ` (uid ${step.meta.user.uid})` : ''}`
      : '',
    warnings: step.warnings
      .filter((w) => !w.file)
      .map((w) => ({ severity: w.severity, message: w.message, en: !hasCode(w) })),
    fileWarningCount: step.warnings.filter((w) => w.file).length,
    parseProblems: parseProblems.map((c) => ({
      id: c.id,
      scope: c.scope,
      status: c.status,
      reason: c.reason ?? '',
      // The collector's own words (a skipped command's why) and a parser's own rejection: as written.
      reasonEn: !hasCode({ code: c.reasonCode }),
      warningCount: c.warnings.length,
    })),
    counts: {
      files: step.files.length,
      commands: step.commands.length,
      parsed: step.commands.filter((c) => c.status === 'parsed').length,
    },
    namespaces: step.model.namespaces.map((ns) =>
      deferNamespaces ? { later: () => namespaceView(t, step, ns) } : namespaceView(t, step, ns),
    ),
    namespacesInline: step.model.namespaces.length <= LAZY_ROWS,
    docker: dockerView(t, step),
    veths: vethView(t, step),
    links: linkView(t, step),
    stale: staleView(step),
    hasVeths: step.model.vethLinks.length > 0,
    vethsInline: step.model.vethLinks.length <= LAZY_ROWS,
    files,
    // Full (report.html): every file in bundle order. Cited or none (the PDF): the files of short
    // lines first, printed in two columns, then the wide ones across the page.
    filesNarrow: appendix === 'full' ? [] : files.filter((f) => f.shown && !f.wide),
    filesWide: appendix === 'full' ? files.filter((f) => f.shown) : files.filter((f) => f.shown && f.wide),
    notShown: files.filter((f) => !f.shown),
    // Most files no one cites are empty stderr captures: paper names them in one line.
    notShownText: files.filter((f) => !f.shown && !f.empty),
    notShownEmpty: files.filter((f) => !f.shown && f.empty),
    filesInline: files.length <= LAZY_ROWS,
    summary: {
      interfaces: step.model.namespaces.find((n) => n.id === 'host')?.interfaces.length ?? 0,
      bridges: step.model.namespaces.find((n) => n.id === 'host')?.bridges.length ?? 0,
      containers: step.model.containers.length,
      ports: step.model.publishedPorts.length,
    },
    analyses: step.analysis ? analysesView(step, step.analysis, audience, t) : undefined,
    // The worksheet asks who reaches what: the matrix would be its answer.
    reach:
      step.analysis?.reach && audience !== 'handout'
        ? reachView(step, step.analysis.reach, step.analysis.findings, t)
        : undefined,
    // The worksheet and its answer key show the outputs the questions are about instead of the
    // tables and the appendix (view-sheet.ts).
    sheetFiles: audience === 'review' ? [] : sheetFiles(step).filter((f) => !f.wide),
    sheetFilesWide: audience === 'review' ? [] : sheetFiles(step).filter((f) => f.wide),
    /** Set by the HTML renderer when the step has a figure. */
    diagram: undefined as DiagramView | undefined,
  };
}

/**
 * `deferNamespaces` (report.html): each namespace's view is made by the page's namespace section
 * as it is written (`{ later }`), so that the views of a big host's 1,000 sections (~20,000
 * socket rows) die young one after the other instead of all living through the whole render.
 */
export function reportView(
  report: Report,
  audience: Audience = 'review',
  appendix: AppendixMode = 'full',
  compact = false,
  deferNamespaces = false,
) {
  return {
    compact,
    audience,
    appendix,
    appendixFull: appendix === 'full',
    appendixCited: appendix === 'cited',
    isHandout: audience === 'handout',
    /** Handout and answers: the worksheet layout (templates/partials/sheet.hbs). */
    isSheet: audience !== 'review',
    showFindings: audience === 'review',
    title: report.title,
    generator: `${report.generator.name} ${report.generator.version}`,
    generatedAt: report.generatedAt,
    schemaVersion: report.schemaVersion,
    redaction: report.redaction ? redactionView(report.redaction, translator(report.lang)) : undefined,
    steps: withRepeatsMarked(
      report.steps.map((s) =>
        stepView(s, audience, appendix, compact, translator(report.lang), deferNamespaces),
      ),
    ),
    /** `--cluster`: the nodes joined (view-cluster.ts); absent for a report of building steps. */
    cluster: clusterView(report),
  };
}

/** `--redact`: what was replaced (the kinds found), with the pseudonyms' form, and what is kept. */
function redactionView(r: RedactionSummary, t: Translator) {
  return {
    kinds: r.kinds
      .filter((k) => k.values > 0)
      .map((k) => ({
        ...k,
        counted: kindCount(k.kind, k.values, t),
        as: kindPseudonym(k.kind, t),
      })),
    kept: r.kept,
  };
}

function withRepeatsMarked<T extends { index: number; analyses?: AnalysesView }>(steps: T[]): T[] {
  markRepeats(steps);
  return steps;
}
