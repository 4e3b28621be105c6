/**
 * Report.cluster -> view model for the cluster section (HTML and Markdown): the nodes table,
 * overlays, tunnels, services, ingress paths and the cluster findings, as display strings with
 * evidence links into each node's appendix (`step-N-fK-LM`). Wording the reader sees lives in
 * the templates (partials/cluster.hbs, markdown/cluster.hbs).
 */
import { clusterFindingText } from '../cluster/findings/index.js';
import type { ClusterEvidence } from '../cluster/types.js';
import { translator } from '../i18n/index.js';
import type { Report } from '../report/types.js';
import { textParts } from './view-analyses.js';
import { type EvidenceLink, fileAnchor, lineAnchor } from './view-anchors.js';
import { clusterReachView } from './view-cluster-reach.js';

const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;

/**
 * A figure as the diagram partial shows it: the cluster's, and (with `big`) each step's in view.ts,
 * which imports this module and so extends this type rather than the other way round.
 */
export interface FigureView {
  anchor: string;
  source: string;
  alt: string;
  caption: string;
  img: string | undefined;
  script: boolean;
  error: string | undefined;
}

export function clusterView(report: Report) {
  const c = report.cluster;
  if (!c) return undefined;
  const m = c.model;
  const t = translator(report.lang);
  const link = (e: ClusterEvidence): EvidenceLink | undefined => {
    const step = report.steps[e.step - 1];
    if (!step) return undefined;
    const where = `${step.model.hostname || t('cl.step', { n: e.step })}: ${e.file}${e.line !== undefined ? `:${e.line}` : ''}`;
    return {
      href: `#${e.line !== undefined ? lineAnchor(step, e.file, e.line) : fileAnchor(step, e.file)}`,
      text: where,
    };
  };
  const links = (es: ClusterEvidence[]) => es.map(link).filter((x): x is EvidenceLink => !!x);
  const name = (key: string) => {
    const n = m.nodes.find((x) => x.key === key);
    return n?.hostname || n?.address || key;
  };
  return {
    anchor: 'cluster',
    counts: {
      nodes: m.nodes.length,
      captured: m.nodes.filter((n) => n.step !== undefined).length,
      overlays: m.overlays.length,
      tunnels: m.tunnels.length,
      services: m.services.length,
      containers: m.overlays.reduce((k, o) => k + o.containers.length, 0),
    },
    nodes: m.nodes.map((n) => ({
      hostname: n.hostname || t('cl.unknown-host'),
      stepAnchor: n.step !== undefined ? report.steps[n.step - 1]?.anchor : undefined,
      nodeId: n.nodeId ?? '',
      role: n.role ?? '',
      managerStatus: n.managerStatus ?? '',
      status: n.status ?? '',
      availability: n.availability ?? '',
      engine: n.engineVersion ?? '',
      address: n.address ?? '',
      underlay: n.underlay
        ? `${n.underlay.interface}${n.underlay.mtu !== undefined ? ` (MTU ${n.underlay.mtu})` : ''}`
        : '',
      seenIn: n.seenIn.join(', '),
      ev: links(n.evidence).slice(0, 3),
    })),
    overlays: m.overlays.map((o) => ({
      name: o.name,
      id: o.id.slice(0, 12),
      kind: o.ingress ? 'ingress' : o.attachable ? 'attachable' : '',
      vnis: o.vnis.join(', '),
      subnets: o.subnets.join(', '),
      nodes: o.nodes.map(name),
      perNode: o.onNode.map((x) => ({
        node: name(x.node),
        vni:
          x.kernelVni !== undefined
            ? t('cl.kernel', { vnis: x.vnis.join(',') || '?', kernel: x.kernelVni })
            : x.vnis.join(',') || '?',
        namespace: x.namespace ?? '',
        mtu: x.vxlanMtu ?? '',
        peers: x.peers?.join(', ') ?? '',
        ev: links(x.evidence).slice(0, 2),
      })),
      containers: o.containers.map((k) => ({
        node: name(k.node),
        name: k.name,
        ipv4: k.ipv4 ?? '',
        ev: link(k.evidence),
      })),
    })),
    tunnels: m.tunnels.map((tu) => ({
      network: tu.networkName,
      vni: tu.vni ?? '',
      a: name(tu.a.node),
      aVtep: tu.a.vtep ?? '',
      aSays: [tu.a.fdb && 'fdb', tu.a.peers && 'Peers'].filter(Boolean).join(' + ') || t('cl.says-nothing'),
      b: name(tu.b.node),
      bVtep: tu.b.vtep ?? '',
      bSays: [tu.b.fdb && 'fdb', tu.b.peers && 'Peers'].filter(Boolean).join(' + ') || t('cl.says-nothing'),
      both: tu.a.fdb && tu.b.fdb,
      ev: links([...tu.a.evidence.slice(0, 1), ...tu.b.evidence.slice(0, 1)]),
    })),
    services: m.services.map((s) => ({
      name: s.name,
      network: s.networkName,
      vip: s.vip ?? '',
      ports: s.ports.join(', '),
      tasks: s.tasks.map((k) => {
        const task = `${k.name}${k.ip ? ` ${k.ip}` : ''}`;
        const on = k.node ? name(k.node) : k.hostIp;
        return on ? t('cl.task-on', { task, node: on }) : task;
      }),
      ev: links(s.evidence).slice(0, 2),
    })),
    ingress: m.ingress.map((p) => ({
      port: `${p.port}/${p.proto}`,
      service: p.service ?? '',
      hops: p.hops.map((h) => ({
        node: name(h.node),
        dnat: h.dnatTo ?? '',
        sandbox: h.ingressSandbox ? t('cl.yes') : t('cl.no'),
        mark: h.mark ?? '',
        ipvs: h.ipvs === 'captured' ? t('cl.captured') : t('cl.not-captured'),
        ev: links(h.evidence),
      })),
    })),
    findings: {
      count: c.findings.length,
      counts: SEVERITIES.map((severity) => ({
        severity,
        count: c.findings.filter((f) => f.severity === severity).length,
      })),
      rows: c.findings.map((f) => {
        const info = clusterFindingText(f.kind, t);
        return {
          severity: f.severity,
          title: info.title,
          subject: f.subject,
          detail: textParts(f.detail),
          explanation: textParts(info.explanation),
          remediation: textParts(info.remediation),
          notApplicable: textParts(info.notApplicable),
          evidence: links(f.evidence),
        };
      }),
    },
    /** Reachability across nodes (view-cluster-reach.ts). */
    reach: clusterReachView(report),
    /** Set by the HTML renderer when the figure exists. */
    diagram: undefined as FigureView | undefined,
  };
}
