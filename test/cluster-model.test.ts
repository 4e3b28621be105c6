/**
 * The cluster model on real bundles: samples/cluster-mixed (three nodes captured together by
 * test/scripts/engine-cluster.sh: node1 manager on Docker 20.10, node2 and node3 workers on 28.5,
 * an attachable overlay with a container on each node, a replicated service publishing 8080),
 * compared relation by relation with the engines' own view kept beside it
 * (test/fixtures-cluster-truth/mixed, trimmed by test/scripts/trim-cluster-truth.mjs; read with
 * JSON.parse only). Then every cluster finding: raised on a copy of the real models with one
 * thing broken, quiet on the real ones; markup in a node's hostname; the CLI.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { buildClusterModel } from '../src/cluster/build.js';
import { expandClusterInputs } from '../src/cluster/bundles.js';
import {
  clusterFindingFamilies,
  clusterFindingInfo,
  runClusterFindings,
} from '../src/cluster/findings/index.js';
import type { ClusterFindingKind } from '../src/cluster/findings/types.js';
import { buildFirewall } from '../src/model/firewall.js';
import type { FwRule } from '../src/model/firewall-types.js';
import type { StepModel } from '../src/model/types.js';
import { iptablesSave } from '../src/parsers/iptables-save.js';
import { buildClusterReport, buildReport } from '../src/pipeline.js';
import { renderHtml } from '../src/render/html.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { clusterDiagram } from '../src/render/mermaid/cluster.js';
import { displayedText, escapeLine } from '../src/render/mermaid/escape.js';
import type { Report } from '../src/report/types.js';
import { parseFlow } from './fixtures-mermaid/parse.js';
import {
  CLUSTER_RELATIONS,
  type ClusterRelations,
  modelRelations,
  storyBlocks,
  truthRelations,
} from './support/cluster-truth.js';
import { HOSTILE_MARKUP } from './support/hostile.js';

const root = join(import.meta.dirname, '..');
const SAMPLE = join(root, 'samples', 'cluster-mixed');
const TRUTH = join(root, 'test', 'fixtures-cluster-truth', 'mixed');

let report: Report;
let models: StepModel[];
/** Line `line` (1-based) of a bundle file of report step `step`, as captured. */
const rawLine = (step: number, file: string, line: number): string =>
  report.steps[step - 1]!.files.find((f) => f.path === file)!.text.split('\n')[line - 1] ?? '';
beforeAll(async () => {
  report = await buildClusterReport([SAMPLE]);
  models = report.steps.map((s) => s.model);
});

describe('the cluster model against the engines, on the mixed 20.10/28.5 sample', () => {
  let want: ClusterRelations;
  let got: ClusterRelations;
  beforeAll(() => {
    want = truthRelations(TRUTH);
    got = modelRelations(report.cluster!.model);
  });
  for (const r of CLUSTER_RELATIONS)
    it(`${r}: the same as the engines say`, () => {
      expect(want[r].length, `the truth has no ${r}`).toBeGreaterThan(0);
      expect(got[r]).toEqual(want[r]);
    });

  it('a folder of bundles is read as its bundles, in name order', () => {
    const inputs = expandClusterInputs([SAMPLE]);
    expect(inputs).toHaveLength(3);
    expect(report.steps.map((s) => s.model.hostname)).toEqual(
      [...report.steps.map((s) => s.model.hostname)].sort(),
    );
  });

  it('every node has its underlay interface with the MTU its ip addr shows', () => {
    for (const n of report.cluster!.model.nodes) {
      const m = models[n.step! - 1]!;
      const dev = m.namespaces
        .find((x) => x.id === 'host')!
        .interfaces.find((i) => i.name === n.underlay?.interface);
      expect(
        dev?.addresses.map((a) => a.address),
        n.hostname,
      ).toContain(n.address);
      expect(n.underlay?.mtu).toBe(dev?.mtu);
    }
  });

  it('the published port has an ingress path on every node, as far as each node programmed it', () => {
    const truthPorts = JSON.parse(readFileSync(join(TRUTH, 'node1', 'service-inspect.json'), 'utf8')).flatMap(
      (s: { Endpoint: { Ports?: { PublishedPort: number; Protocol: string }[] } }) => s.Endpoint.Ports ?? [],
    );
    expect(report.cluster!.model.ingress.map((p) => `${p.port}/${p.proto}`)).toEqual(
      truthPorts.map((p: { PublishedPort: number; Protocol: string }) => `${p.PublishedPort}/${p.Protocol}`),
    );
    for (const p of report.cluster!.model.ingress) {
      expect(p.hops).toHaveLength(3);
      for (const h of p.hops) {
        const m = models[report.cluster!.model.nodes.find((n) => n.key === h.node)!.step! - 1]!;
        expect(h.ingressSandbox).toBe(m.namespaces.some((n) => n.role === 'ingress'));
        // This kernel has no IPVS: the engines program no DOCKER-INGRESS chain and no mark (the
        // capture's iptables-save has neither), so the path stops at the ingress sandbox.
        const saved = report.steps[m === models[0] ? 0 : models.indexOf(m)]!.files.find(
          (f) => f.path === 'host/iptables-save.out',
        )!.text;
        expect(h.dnatTo !== undefined).toBe(
          new RegExp(`DOCKER-INGRESS .*--dport ${p.port} .*DNAT`).test(saved),
        );
        expect(h.ipvs).toBe('not-captured');
      }
    }
  });

  it('an ingress path that the node programmed: DOCKER-INGRESS DNAT and the sandbox mark, with their lines', () => {
    // This kernel has no IPVS, so no engine here writes these rules: the swarm rules of a real
    // iptables-save (loaded into a throwaway namespace, test/fixtures/iptables-save), given to
    // node2's host and ingress sandbox of a copy of the real models.
    const file = 'host/iptables-save.out';
    const text = readFileSync(
      join(root, 'test/fixtures/iptables-save/netns-docker-swarm-old-chains.out'),
      'utf8',
    );
    const parsed = iptablesSave.parse(text);
    const firewall = buildFirewall([
      {
        run: {
          id: 'iptables-save',
          scope: 'host',
          command: 'iptables-save',
          exitCode: 0,
          durationMs: 1,
          stdout: file,
        },
        parser: 'iptables-save',
        status: 'parsed',
        records: parsed.records,
        warnings: [],
      },
    ])!;
    const ms = structuredClone(models);
    const node2 = byHost(ms, 'node2');
    for (const ns of node2.namespaces.filter((n) => n.id === 'host' || n.role === 'ingress'))
      ns.firewall = firewall;
    const cluster = buildClusterModel(ms);
    const path = cluster.ingress.find((p) => p.port === 8000 && p.proto === 'tcp')!;
    const key = cluster.nodes.find((n) => n.hostname === 'node2')!.key;
    const hop = path.hops.find((h) => h.node === key)!;
    const line = (re: RegExp) => text.split('\n').findIndex((l) => re.test(l)) + 1;
    expect(hop.dnatTo).toBe('172.18.0.2:8000');
    expect(hop.mark).toMatch(/0x100/);
    expect(hop.evidence.map((e) => `${e.step}:${e.file}:${e.line}`)).toEqual([
      `${ms.indexOf(node2) + 1}:${file}:${line(/^-A DOCKER-INGRESS .*--dport 8000 .*DNAT/)}`,
      `${ms.indexOf(node2) + 1}:${file}:${line(/^-A PREROUTING .*--dport 8000 .*MARK/)}`,
    ]);
    // The other nodes did not program it: the path breaks there, and the report shows where.
    expect(path.hops.filter((h) => h.dnatTo === undefined)).toHaveLength(2);
  });

  it("a node whose bundle is missing: placed by the manager's node inspect, its tunnels seen from one end", async () => {
    const [b1, b2, b3] = expandClusterInputs([SAMPLE]);
    const two = await buildClusterReport([b1!, b2!]);
    const m = two.cluster!.model;
    const third = JSON.parse(readFileSync(join(TRUTH, 'node3', 'docker-info.json'), 'utf8')) as {
      Name: string;
      Swarm: { NodeID: string; NodeAddr: string };
    };
    expect(b3).toMatch(/node3/);
    const n3 = m.nodes.find((n) => n.nodeId === third.Swarm.NodeID)!;
    expect(n3).toMatchObject({ hostname: third.Name, address: third.Swarm.NodeAddr });
    expect(n3.step).toBeUndefined();
    expect(n3.seenIn).toEqual(['node-ls', 'peers']);
    // One node per address: the Peers entries of node3 join the node the manager listed.
    expect(m.nodes).toHaveLength(3);
    const toThird = m.tunnels.filter((t) => t.a.node === n3.key || t.b.node === n3.key);
    expect(toThird).toHaveLength(2 * m.overlays.length);
    for (const t of toThird) {
      const [far, near] = t.a.node === n3.key ? [t.a, t.b] : [t.b, t.a];
      expect(far.fdb || far.peers).toBe(false);
      expect(near.fdb).toBe(true);
    }
    expect(clusterDiagram(m).source).toMatch(/-\.-\|"VXLAN<br\/>/);
  });

  it('tunnels cite the fdb lines of both ends, each in its own bundle', () => {
    for (const t of report.cluster!.model.tunnels) {
      for (const end of [t.a, t.b]) {
        const step = report.cluster!.model.nodes.find((n) => n.key === end.node)!.step!;
        const fdb = end.evidence.find((e) => /bridge-fdb/.test(e.file))!;
        expect(fdb.step).toBe(step);
        const text = report.steps[step - 1]!.files.find((f) => f.path === fdb.file)!.text;
        const other = t.a === end ? t.b : t.a;
        expect(text.split('\n')[fdb.line! - 1]).toContain(`dst ${other.vtep}`);
      }
    }
  });
});

/** A copy of the real models with one thing changed, and the kinds the cluster findings raise. */
function kinds(change: (ms: StepModel[]) => void = () => {}): ClusterFindingKind[] {
  const ms = structuredClone(models);
  change(ms);
  const cluster = buildClusterModel(ms);
  return runClusterFindings({ cluster, nodes: ms.map((model, k) => ({ step: k + 1, model })) }).map(
    (f) => f.kind,
  );
}

const byHost = (ms: StepModel[], h: string) => ms.find((m) => m.hostname === h)!;
const ov = (m: StepModel) => m.dockerNetworks.find((n) => n.name === 'ov')!;
const addrOf = (m: StepModel) => m.docker.swarm!.nodeAddr!;

/** INPUT of a node: the given rules first, then the given policy. */
function input(m: StepModel, rules: Omit<FwRule, 'index' | 'evidence' | 'text'>[], policy?: 'drop'): void {
  const host = m.namespaces.find((n) => n.id === 'host')!;
  const filter = host.firewall!.tables.find((t) => t.name === 'filter' && t.family === 'ipv4')!;
  const chain = filter.chains.find((c) => c.name === 'INPUT')!;
  const ev = chain.evidence;
  chain.rules = [
    ...rules.map((r, i) => ({ ...r, index: i + 1, text: 'test rule', evidence: ev })),
    ...chain.rules.map((r, i) => ({ ...r, index: rules.length + i + 1 })),
  ];
  if (policy) chain.policy = policy;
}

const CASES: Record<Exclude<ClusterFindingKind, 'cluster-analysis-error'>, (ms: StepModel[]) => void> = {
  'node-missing-from-peers': (ms) => {
    const n3 = addrOf(byHost(ms, 'node3'));
    const net = ov(byHost(ms, 'node1'));
    net.peers = net.peers!.filter((p) => p.ip !== n3);
  },
  'vni-mismatch': (ms) => {
    ov(byHost(ms, 'node2')).options['com.docker.network.driver.overlay.vxlanid_list'] = '4242';
  },
  'underlay-mtu-too-small': (ms) => {
    const m = byHost(ms, 'node3');
    const dev = m.namespaces
      .find((n) => n.id === 'host')!
      .interfaces.find((i) => i.addresses.some((a) => a.address === addrOf(m)))!;
    dev.mtu = 1400;
  },
  'swarm-port-blocked': (ms) => {
    input(byHost(ms, 'node2'), [
      {
        matches: [
          { kind: 'proto', proto: 'udp', negate: false },
          { kind: 'port', dir: 'dport', ranges: [[4789, 4789]], negate: false },
        ],
        target: { kind: 'drop' },
      },
    ]);
  },
  'swarm-port-reachable-from-outside': () => {},
  'task-without-overlay-namespace': (ms) => {
    const m = byHost(ms, 'node3');
    const id = ov(m).id;
    m.namespaces = m.namespaces.filter(
      (n) => !(n.role === 'overlay' && id.startsWith(n.name.replace(/^\d+-/, ''))),
    );
  },
};

describe('cluster findings', () => {
  it('every kind has text and a family, and a test here', () => {
    const raised = new Set(clusterFindingFamilies.flatMap((f) => f.kinds));
    for (const [kind, info] of Object.entries(clusterFindingInfo)) {
      expect(info.explanation.length, kind).toBeGreaterThan(40);
      if (kind === 'cluster-analysis-error') continue;
      expect(raised.has(kind as ClusterFindingKind), kind).toBe(true);
      expect(Object.keys(CASES)).toContain(kind);
    }
  });

  // The sample's nodes have no INPUT filtering (the sandbox's namespaces): swarm ports are
  // reachable from anywhere, and that is raised on the real models as they are.
  const quietFirewall = (ms: StepModel[]) => {
    for (const m of ms)
      input(
        m,
        [
          {
            matches: [{ kind: 'addr', dir: 'src', cidrs: ['10.99.0.0/24'], negate: false }],
            target: { kind: 'accept' },
          },
        ],
        'drop',
      );
  };

  for (const [kind, change] of Object.entries(CASES) as [ClusterFindingKind, (ms: StepModel[]) => void][]) {
    it(`${kind}: raised when broken`, () => {
      expect(kinds(change)).toContain(kind);
    });
    it(`${kind}: not raised on the real cluster${kind.startsWith('swarm-port') ? ' with INPUT accepting only the nodes' : ''}`, () => {
      expect(kinds(kind.startsWith('swarm-port') ? quietFirewall : undefined)).not.toContain(kind);
    });
  }

  it("the real cluster as captured: the swarm ports open to every address, and the story's blocked port", () => {
    // The scenario's story (truth/cluster.json): a host rule dropping a swarm port from one node.
    const blocks = storyBlocks(TRUTH);
    expect(blocks.length, 'the sample has no blocked swarm port in its story').toBeGreaterThan(0);
    const k = new Set(kinds());
    expect([...k].sort()).toEqual(['swarm-port-blocked', 'swarm-port-reachable-from-outside']);
    const blocked = report.cluster!.findings.filter((f) => f.kind === 'swarm-port-blocked');
    expect(blocked.map((f) => f.subject).sort()).toEqual(
      blocks.map((b) => `${b.node} ${b.proto}/${b.port}`).sort(),
    );
    for (const b of blocks) {
      const f = blocked.find((x) => x.subject === `${b.node} ${b.proto}/${b.port}`)!;
      expect(f.detail).toContain(`(${b.from})`);
      // The rule's own line is cited: the node's iptables-save, as captured.
      const step = report.cluster!.model.nodes.find((n) => n.hostname === b.node)!.step!;
      const cited = f.evidence.filter((e) => e.step === step && /iptables-save/.test(e.file));
      expect(cited.length).toBeGreaterThan(0);
      const text = rawLine(step, cited[cited.length - 1]!.file, cited[cited.length - 1]!.line!);
      expect(text).toMatch(
        new RegExp(
          `-A INPUT -s ${b.from.replace(/\./g, '\\.')}/32 -p ${b.proto} .*--dport ${b.port} -j DROP`,
        ),
      );
    }
    // One finding per node; 2377 only on the manager (workers do not listen on it).
    const fs = report.cluster!.findings.filter((f) => f.kind === 'swarm-port-reachable-from-outside');
    expect(fs).toHaveLength(3);
    for (const n of report.cluster!.model.nodes) {
      const f = fs.find((x) => x.subject.startsWith(`${n.hostname} `))!;
      expect(f.detail.includes('2377/tcp'), n.hostname).toBe(n.role === 'manager');
      expect(f.detail).toMatch(/4789\/udp/);
      expect(f.severity).toBe('high');
    }
  });

  it('a check that throws becomes one cluster-analysis-error', () => {
    const out = runClusterFindings({ cluster: report.cluster!.model, nodes: [] }, [
      {
        id: 'bad',
        kinds: [],
        run: () => {
          throw new Error('nope');
        },
      },
    ]);
    expect(out.map((f) => f.kind)).toEqual(['cluster-analysis-error']);
  });
});

describe('hostile names in the cluster section and figure', () => {
  it('markup in a hostname stays text in HTML, Markdown and Mermaid', async () => {
    for (const bad of HOSTILE_MARKUP) {
      const r = structuredClone(report);
      r.steps[0]!.model.hostname = bad;
      r.cluster = { model: buildClusterModel(r.steps.map((s) => s.model)), findings: [] };
      const html = renderHtml(r);
      const section = html.slice(
        html.indexOf('<section class="cluster"'),
        html.indexOf('</section>', html.indexOf('id="cluster"')),
      );
      expect(section).not.toContain(bad.includes('<') ? bad : '\u0000');
      expect(html).not.toMatch(/<script>alert|<img src=x|<svg onload/);
      const md = renderMarkdown(r);
      // `](javascript:` alone is no link: it needs an unescaped `[` before it.
      expect(md).not.toMatch(/<script>alert|<img src=x|<svg onload|(?<!\\)\[[^\]\n]*\]\(javascript:/);
      const flow = await parseFlow(clusterDiagram(r.cluster.model).source);
      expect(flow.vertices.some((v) => v.link)).toBe(false);
      // Shown as written, in Mermaid's safe look-alikes (″ for ", ; for ;: escape.ts).
      const first = Array.from(displayedText(escapeLine(bad)))
        .slice(0, 15)
        .join('');
      expect(
        flow.subgraphs.some((g) => g.title.startsWith(first)),
        bad,
      ).toBe(true);
    }
  });
});

describe('the cluster figure of a big cluster', () => {
  it('40 nodes: one box each, only the tunnel seen from one end drawn, the full mesh counted', async () => {
    // The real model's nodes and tunnels, repeated under other keys and addresses.
    const real = report.cluster!.model;
    const big = structuredClone(real);
    big.nodes = [];
    big.tunnels = [];
    for (let k = 0; k < 40; k++)
      big.nodes.push({
        ...structuredClone(real.nodes[k % real.nodes.length]!),
        key: `n${k}`,
        hostname: `node-${k}`,
        address: `10.99.1.${k + 1}`,
      });
    const t0 = real.tunnels[0]!;
    for (let i = 0; i < 40; i++)
      for (let j = i + 1; j < 40; j++)
        big.tunnels.push({
          ...structuredClone(t0),
          a: { ...t0.a, node: `n${i}` },
          b: { ...t0.b, node: `n${j}`, fdb: !(i === 3 && j === 7) },
        });
    const d = clusterDiagram(big);
    expect(d.aggregated).toBe(true);
    expect(d.edgeCount).toBe(1);
    expect(d.source.length).toBeLessThan(40_000);
    const flow = await parseFlow(d.source);
    expect(flow.edges).toHaveLength(1);
    expect(flow.vertices.find((v) => v.id === flow.edges[0]!.start)!.text).toMatch(/^node-3 /);
    expect(
      flow.vertices.some((v) => v.text.includes(`${(40 * 39) / 2 - 1} pairs with fdb entries on both ends`)),
    ).toBe(true);
    // The real cluster fits the budget: detailed.
    expect(clusterDiagram(real).aggregated).toBe(false);
  });
});

describe('dockernet report --cluster', () => {
  it('writes one report with the cluster and each node; the same bundles without --cluster have no cluster', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dockernet-cluster-'));
    try {
      const code = await main([
        'node',
        'dockernet',
        'report',
        '--cluster',
        SAMPLE,
        '-o',
        out,
        '--no-browser',
        '-q',
      ]);
      expect(code).toBe(0);
      const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      expect(json.cluster?.model.nodes.map((n) => n.hostname)).toEqual(['node1', 'node2', 'node3']);
      expect(json.steps).toHaveLength(3);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).toContain('id="cluster"');
      expect(html).toContain('id="cluster-topology"');
      expect(readFileSync(join(out, 'diagrams', 'cluster.mmd'), 'utf8')).toMatch(/^flowchart LR/);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## The cluster');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const plain = await buildReport(expandClusterInputs([SAMPLE]));
    expect(plain.cluster).toBeUndefined();
  });
});
