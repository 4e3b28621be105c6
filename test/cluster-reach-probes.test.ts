/**
 * The decisive test of the reachability across nodes (src/cluster/reach.ts): real packets on a
 * real three-node swarm (test/scripts/engine-cluster.sh via captureCluster, the same cached runs
 * the cluster's other tests read: 20.10, 28.5, and mixed) against the evaluator on the bundles
 * the collector took from those nodes. The scenario's story, set up before the capture: node3's
 * host firewall drops udp/4789 from node2 only; c1's own firewall drops tcp/80 from c3; tcp/81 is
 * closed. After the capture every container on the overlay (c1, c2, c3 and the web tasks) probes
 * every other one's overlay address on tcp/80 and tcp/81 (probe.mjs inside its namespace).
 * Every conclusive probe must agree with the evaluator (0 disagreements); the story's cells are
 * named: c2 -> c3 dropped by node3's INPUT rule, with that rule's line in node3's bundle.
 *
 * Kernel limit: no IPVS here, so no probe goes to a service VIP or a published port (the
 * evaluator says `unknown` there, by design).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { ClusterReachInput } from '../src/cluster/reach.js';
import {
  type ClusterProbeFile,
  type ClusterProbeReport,
  compareClusterProbes,
} from '../src/cluster/reach-probes.js';
import { buildClusterReport } from '../src/pipeline.js';
import type { Report } from '../src/report/types.js';
import {
  CLUSTER_ENGINES,
  type ClusterRun,
  captureCluster,
  describeClusterEngines,
} from './helpers/docker-cluster.js';
import { storyBlocks } from './support/cluster-truth.js';

describeClusterEngines(
  CLUSTER_ENGINES,
  {
    skip: (label) =>
      `reachability across nodes against real probes, ${label} (test/cluster-reach-probes.test.ts)`,
    required: (label) => `cluster reachability on ${label}: sandbox required`,
    describe: (label) => `reachability across nodes against real probes, ${label}`,
  },
  (engine, label) => {
    let run: ClusterRun;
    let report: Report;
    let input: ClusterReachInput;
    let file: ClusterProbeFile;
    let cmp: ClusterProbeReport;

    beforeAll(async () => {
      run = await captureCluster(undefined, { engine });
      report = await buildClusterReport([run.bundlesDir]);
      input = { cluster: report.cluster!.model, models: report.steps.map((s) => s.model) };
      file = JSON.parse(readFileSync(run.reachProbes, 'utf8')) as ClusterProbeFile;
      cmp = compareClusterProbes(input, file);
      const byVerdict: Record<string, number> = {};
      for (const c of cmp.agreements) byVerdict[c.verdict] = (byVerdict[c.verdict] ?? 0) + 1;
      console.info(
        `cluster reach ${label}: ${file.probes.length} cells, ${cmp.agreements.length} agree, ${cmp.disagreements.length} disagree, ${cmp.unknown.length} unknown, ${cmp.inconclusive.length} inconclusive; agreements by verdict ${JSON.stringify(byVerdict)}`,
      );
    }, 300_000);

    const container = (name: string) => run.meta.nodes.find((n) => n.name === name)!;

    it('probed every container on the overlay to every other one, tcp/80 and tcp/81', () => {
      const sources = new Set(file.probes.map((p) => `${p.from.node}:${p.from.name}`));
      // c1..c3 and the three web tasks.
      expect(sources.size).toBe(6);
      expect(file.probes).toHaveLength(sources.size * (sources.size - 1) * 2);
    });

    it('the evaluator agrees with every conclusive probe', () => {
      expect(
        cmp.disagreements.map(
          (c) =>
            `${c.probe.from.node}:${c.probe.from.name} -> ${c.probe.to.address}:${c.probe.to.port} probe ${c.probe.result}, evaluator ${c.verdict}: ${c.reason}`,
        ),
      ).toEqual([]);
      expect(cmp.unknown.map((c) => c.reason)).toEqual([]);
      expect(cmp.agreements.length + cmp.inconclusive.length).toBe(file.probes.length);
    });

    it("the cluster's reachability matrix has a cell for every probe, with the same verdict", () => {
      const m = report.cluster!.reach!;
      const cell = new Map(m.cells.map((c) => [`${c.source}|${c.destination}`, c]));
      for (const c of [...cmp.agreements, ...cmp.disagreements]) {
        const p = c.probe;
        const id = `${p.from.node}:${p.from.name}|${p.to.node}:${p.to.container} ${p.to.proto} ${p.to.address}:${p.to.port}`;
        expect(cell.get(id)?.verdict, id).toBe(c.verdict);
      }
    });

    it('the story: c2 -> c3 times out, dropped by the INPUT rule of node3 (cited), while c1 -> c3 connects', () => {
      const block = storyBlocks(run.truthDir).find((b) => b.port === 4789)!;
      const [c1, c2, c3] = ['node1', 'node2', 'node3'].map(container) as [
        (typeof run.meta.nodes)[number],
        (typeof run.meta.nodes)[number],
        (typeof run.meta.nodes)[number],
      ];
      expect(block).toMatchObject({ node: c3.name, from: c2.underlay });
      const cell = (from: string, to: string, port: number) =>
        [...cmp.agreements, ...cmp.disagreements].find(
          (c) => c.probe.from.name === from && c.probe.to.address === to && c.probe.to.port === port,
        )!;
      const dropped = cell(c2.container, c3.containerOverlayIp, 80);
      expect(dropped.probe.result).toBe('timeout');
      expect(dropped.verdict).toBe('dropped');
      expect(dropped.reason).toContain(`${c3.name}: `);
      const rule = dropped.path.hops.filter((h) => h.node === c3.name && h.rule).at(-1)!;
      expect(rule.rule!.chain).toBe('INPUT');
      const e = rule.evidence.at(-1)!;
      const text = report.steps[e.step - 1]!.files.find((f) => f.path === e.file)!.text.split('\n')[
        e.line! - 1
      ];
      expect(text).toBe(`-A INPUT -s ${c2.underlay}/32 -p udp -m udp --dport 4789 -j DROP`);
      const ok = cell(c1.container, c3.containerOverlayIp, 80);
      expect([ok.probe.result, ok.verdict]).toEqual(['connected', 'delivered']);
      const closed = cell(c1.container, c3.containerOverlayIp, 81);
      expect([closed.probe.result, closed.verdict]).toEqual(['refused', 'no-listener']);
      // c3 -> c2: the SYN arrives, the answer is what node3 drops.
      const back = cell(c3.container, c2.containerOverlayIp, 80);
      expect([back.probe.result, back.verdict]).toEqual(['timeout', 'dropped']);
      expect(back.reason).toMatch(/^the answer cannot come back: /);
    });
  },
);
