/**
 * `dockernet report --cluster` on a real three-node swarm (test/scripts/engine-cluster.sh via
 * captureCluster: three dockerd in their own namespaces joined by a switch namespace; node1
 * manager, node2 and node3 workers; an attachable overlay with a container on each node; a
 * 3-replica service publishing 8080), on Debian's 20.10, on 28.5, and mixed (20.10 manager,
 * 28.5 workers). The scenario first proves the overlay carries packets (c1 on node1 reaches c2 on
 * node2), then the cluster report is compared with the engines' own view relation by relation
 * (test/support/cluster-truth.ts reads truth/ with JSON.parse only): nodes with role, status,
 * availability, engine and address; overlays with VNI and subnet; the kernel's VNI in every
 * overlay namespace; VXLAN tunnels as VTEP pairs from each node's fdb; Peers; containers per node;
 * services' VIPs; tasks per node. Then the rendered report shows every node, overlay and tunnel.
 *
 * Kernel limit: no IPVS here. The routing mesh forwards nothing, and the engines program no
 * DOCKER-INGRESS DNAT: the ingress path of 8080 stops at each node's ingress sandbox.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { Report } from '../src/report/types.js';
import {
  CLUSTER_ENGINES,
  type ClusterRun,
  captureCluster,
  describeClusterEngines,
} from './helpers/docker-cluster.js';
import {
  CLUSTER_RELATIONS,
  type ClusterRelations,
  modelRelations,
  storyBlocks,
  truthRelations,
} from './support/cluster-truth.js';

describeClusterEngines(
  CLUSTER_ENGINES,
  {
    skip: (label) => `cluster report on a three-node swarm, ${label} (test/cluster-report.test.ts)`,
    required: (label) => `cluster report on ${label}: sandbox required`,
    describe: (label) => `cluster report against the engines, ${label}`,
  },
  (engine, label) => {
    let run: ClusterRun;
    let report: Report;
    let html: string;
    let md: string;
    let want: ClusterRelations;
    let got: ClusterRelations;
    let out: string;

    beforeAll(async () => {
      run = await captureCluster(undefined, { engine });
      out = mkdtempSync(join(tmpdir(), 'dockernet-cluster-report-'));
      // The folder of bundles, as the playbook leaves it.
      const code = await main([
        'node',
        'dockernet',
        'report',
        '--cluster',
        run.bundlesDir,
        '-o',
        out,
        '--no-browser',
        '-q',
      ]);
      expect(code).toBe(0);
      report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      html = readFileSync(join(out, 'report.html'), 'utf8');
      md = readFileSync(join(out, 'report.md'), 'utf8');
      want = truthRelations(run.truthDir);
      got = modelRelations(report.cluster!.model);
      const counts = Object.fromEntries(CLUSTER_RELATIONS.map((r) => [r, want[r].length]));
      console.info(`cluster report ${label}: ${JSON.stringify(counts)}`);
      rmSync(out, { recursive: true, force: true });
    }, 300_000);

    it('the overlay carried a real probe from c1 on node1 to c2 on node2 before the capture', () => {
      const ok = run.meta.probes.filter((p) => p.from === 'c1' && p.to === 'c2' && p.result === 'ok');
      expect(ok.length).toBeGreaterThan(0);
    });

    for (const r of CLUSTER_RELATIONS)
      it(`${r}: the report says what the engines say`, () => {
        expect(want[r].length, `the truth has no ${r}`).toBeGreaterThan(0);
        expect(got[r]).toEqual(want[r]);
      });

    it('every node of the scenario, with its container on the overlay, and every tunnel between them', () => {
      const nodes = run.meta.nodes;
      expect(report.cluster!.model.nodes.map((n) => n.hostname).sort()).toEqual(
        nodes.map((n) => n.name).sort(),
      );
      const ov = report.cluster!.model.overlays.find((o) => o.name === run.meta.overlay.name)!;
      expect(ov.subnets).toEqual([run.meta.overlay.subnet]);
      for (const n of nodes) {
        const key = report.cluster!.model.nodes.find((x) => x.hostname === n.name)!.key;
        expect(ov.containers.find((c) => c.name === n.container)).toMatchObject({
          node: key,
          ipv4: n.containerOverlayIp,
        });
      }
      // Three nodes: three pairs per overlay, each seen by the fdb on both ends.
      const pairs = report.cluster!.model.tunnels.filter((t) => t.network === ov.id);
      expect(pairs).toHaveLength(3);
      for (const t of pairs) expect(t.a.fdb && t.b.fdb).toBe(true);
    });

    it("the swarm ports open to every address, and the story's blocked port (truth/cluster.json)", () => {
      // The nodes filter nothing but the rule the scenario's story inserted (a swarm port
      // dropped on one node from one other node's address): exactly that is blocked.
      const blocks = storyBlocks(run.truthDir);
      expect([...new Set(report.cluster!.findings.map((f) => f.kind))].sort()).toEqual(
        [...(blocks.length ? ['swarm-port-blocked'] : []), 'swarm-port-reachable-from-outside'].sort(),
      );
      const blocked = report.cluster!.findings.filter((f) => f.kind === 'swarm-port-blocked');
      expect(blocked.map((f) => f.subject).sort()).toEqual(
        blocks.map((b) => `${b.node} ${b.proto}/${b.port}`).sort(),
      );
      for (const b of blocks)
        expect(blocked.find((f) => f.subject === `${b.node} ${b.proto}/${b.port}`)!.detail).toContain(
          `(${b.from})`,
        );
    });

    it("HTML and Markdown show the cluster section with every node and each node's own sections", () => {
      for (const n of run.meta.nodes) {
        expect(html).toContain(`>${n.name}</a></td>`);
        expect(md).toContain(`| ${n.name} |`);
      }
      expect(html).toContain('id="cluster-topology"');
      expect(html.match(/<section class="step"/g)?.length ?? html.match(/id="step-\d+"/g)?.length).toBe(3);
      expect(md).toContain('```mermaid\nflowchart LR');
    });
  },
);
