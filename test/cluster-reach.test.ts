/**
 * Reachability across nodes (src/cluster/reach.ts) on samples/cluster-mixed: three real bundles
 * of a swarm built by test/scripts/engine-cluster.sh (node1 manager on 20.10, node2 and node3 on
 * 28.5) with its story: node3's host firewall drops udp/4789 from node2 only, and c1's own
 * firewall drops tcp/80 from c3. The expectations come from the engines and the kernel
 * (test/fixtures-cluster-truth/mixed: `ip -j neigh`, `bridge -j fdb`, `ip -d -j link` of every
 * overlay namespace, the scenario's record of its rules) and from the real probes sent between
 * every two containers after the capture (reach-probes.json there), never from dockernet's
 * parsers. No root needed: the live comparison is test/cluster-reach-probes.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';
import { buildClusterModel } from '../src/cluster/build.js';
import { type ClusterPath, type ClusterReachInput, traceCluster } from '../src/cluster/reach.js';
import { formatClusterMatrix, formatClusterPath } from '../src/cluster/reach-format.js';
import { clusterReachMatrix } from '../src/cluster/reach-matrix.js';
import { type ClusterProbeFile, compareClusterProbes } from '../src/cluster/reach-probes.js';
import type { FwRule } from '../src/model/firewall-types.js';
import type { StepModel } from '../src/model/types.js';
import { buildClusterReport } from '../src/pipeline.js';
import { renderHtml } from '../src/render/html.js';
import { renderMarkdown } from '../src/render/markdown.js';
import type { Report } from '../src/report/types.js';
import { HOSTILE_MARKUP } from './support/hostile.js';
import { type Schema, validate } from './support/json-schema.js';

const root = join(import.meta.dirname, '..');
const SAMPLE = join(root, 'samples', 'cluster-mixed');
const TRUTH = join(root, 'test', 'fixtures-cluster-truth', 'mixed');
const schema = JSON.parse(readFileSync(join(root, 'docs', 'report-schema.json'), 'utf8')) as Schema;

// biome-ignore lint/suspicious/noExplicitAny: the engines' JSON, read as it is
const json = (f: string): any => JSON.parse(readFileSync(f, 'utf8'));
interface TruthNode {
  name: string;
  underlay: string;
  container: string;
  containerOverlayIp: string;
}
const meta = json(join(TRUTH, 'cluster.json')) as {
  nodes: TruthNode[];
  story: { node: string; namespace: string; rule: string }[];
};
const node = (name: string) => meta.nodes.find((n) => n.name === name)!;
/** The kernel's neighbour entry for `addr` in any overlay namespace of `n` (ip -j neigh). */
function truthNeigh(n: string, addr: string): { ns: string; lladdr: string } | undefined {
  for (const ns of readdirSync(join(TRUTH, n, 'ns'))) {
    const e = (json(join(TRUTH, n, 'ns', ns, 'neigh.json')) as { dst: string; lladdr?: string }[]).find(
      (x) => x.dst === addr && x.lladdr,
    );
    if (e) return { ns, lladdr: e.lladdr! };
  }
  return undefined;
}
const truthFdb = (n: string, ns: string, mac: string): string | undefined =>
  (json(join(TRUTH, n, 'ns', ns, 'fdb.json')) as { mac: string; dst?: string }[]).find(
    (e) => e.mac === mac && e.dst,
  )?.dst;
const truthVni = (n: string, ns: string): number | undefined =>
  (
    json(join(TRUTH, n, 'ns', ns, 'link.json')) as {
      linkinfo?: { info_kind?: string; info_data?: { id?: number } };
    }[]
  ).find((l) => l.linkinfo?.info_kind === 'vxlan')?.linkinfo?.info_data?.id;

let report: Report;
let input: ClusterReachInput;
beforeAll(async () => {
  report = await buildClusterReport([SAMPLE]);
  input = { cluster: report.cluster!.model, models: report.steps.map((s) => s.model) };
});

const stepOf = (hostname: string) => report.cluster!.model.nodes.find((n) => n.hostname === hostname)!.step!;
/** Line `line` (1-based) of a bundle file of report step `step`, as captured. */
const rawLine = (step: number, file: string, line: number): string =>
  report.steps[step - 1]!.files.find((f) => f.path === file)!.text.split('\n')[line - 1] ?? '';
const trace = (from: TruthNode, to: TruthNode, port = 80, i: ClusterReachInput = input): ClusterPath =>
  traceCluster(
    i,
    { node: from.name, container: from.container },
    {
      address: to.containerOverlayIp,
      port,
      proto: 'tcp',
    },
  );
/** Consecutive hops' nodes, without repeats: the route of the packet between nodes. */
const nodeRoute = (p: ClusterPath) =>
  p.hops.map((h) => h.node).filter((n, i, a) => i === 0 || a[i - 1] !== n);

describe('the real probes on the sample, offline', () => {
  it('the evaluator agrees with every probe sent after the capture', () => {
    const file = json(join(TRUTH, 'reach-probes.json')) as ClusterProbeFile;
    const r = compareClusterProbes(input, file);
    console.info(
      `cluster sample probes: ${file.probes.length} cells, ${r.agreements.length} agree, ${r.disagreements.length} disagree, ${r.unknown.length} unknown, ${r.inconclusive.length} inconclusive`,
    );
    expect(
      r.disagreements.map(
        (c) =>
          `${c.probe.from.name} -> ${c.probe.to.address}:${c.probe.to.port} ${c.probe.result} vs ${c.verdict}: ${c.reason}`,
      ),
    ).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.agreements.length).toBe(file.probes.length);
    // The report's matrix has a cell for every probe (tcp/80 and the closed tcp/81), same verdict.
    const m = clusterReachMatrix(input);
    const cell = new Map(m.cells.map((c) => [`${c.source}|${c.destination}`, c]));
    for (const c of r.agreements) {
      const p = c.probe;
      const id = `${p.from.node}:${p.from.name}|${p.to.node}:${p.to.container} ${p.to.proto} ${p.to.address}:${p.to.port}`;
      expect(cell.get(id)?.verdict, id).toBe(c.verdict);
    }
    expect(m.cells).toHaveLength(file.probes.length);
    // The story is in the probes: some connected, some refused, some timed out.
    expect(new Set(file.probes.map((p) => p.result))).toEqual(new Set(['connected', 'refused', 'timeout']));
  });
});

describe('a packet from c1 on node1 to c3 on node3, hop by hop', () => {
  let p: ClusterPath;
  const [n1, n3] = [node('node1'), node('node3')];
  beforeAll(() => {
    p = trace(n1, n3);
  });

  it('is delivered to the socket of c3 on node3, and its answer crosses back to node1', () => {
    expect(p.verdict).toBe('delivered');
    expect(p.delivered).toMatchObject({ node: 'node3', namespace: `container:${n3.container}` });
    expect(nodeRoute(p)).toEqual(['node1', 'node3', 'node1']);
    expect(p.hops[0]).toMatchObject({
      node: 'node1',
      namespace: `container:${n1.container}`,
      stage: 'route',
    });
  });

  it("node1's overlay namespace: the neighbour entry gives c3's MAC, the fdb its VTEP (as the kernel has them)", () => {
    const nb = truthNeigh('node1', n3.containerOverlayIp)!;
    expect(nb, 'the kernel of node1 has a neighbour entry for c3').toBeDefined();
    const vtep = truthFdb('node1', nb.ns, nb.lladdr);
    expect(vtep).toBe(n3.underlay);
    expect(p.tunnel).toMatchObject({
      fromNode: 'node1',
      toNode: 'node3',
      vtep,
      mac: nb.lladdr,
      vni: truthVni('node1', nb.ns),
    });
    const s1 = stepOf('node1');
    const arp = p.hops.find((h) => h.node === 'node1' && h.detail.includes('neighbour entry'))!;
    expect(arp.namespace).toBe(`netns:${nb.ns}`);
    const arpLine = rawLine(s1, arp.evidence[0]!.file, arp.evidence[0]!.line!);
    expect(arpLine).toContain(n3.containerOverlayIp);
    expect(arpLine).toContain(nb.lladdr);
    const vx = p.hops.find((h) => h.node === 'node1' && h.stage === 'vxlan')!;
    const fdbLine = rawLine(s1, vx.evidence[0]!.file, vx.evidence[0]!.line!);
    expect(fdbLine).toMatch(new RegExp(`^${nb.lladdr} dev vxlan0 dst ${n3.underlay.replace(/\./g, '\\.')} `));
  });

  it("the VXLAN packet leaves node1's host namespace towards node3 and arrives on node3's udp/4789", () => {
    const out = p.hops.filter((h) => h.node === 'node1' && h.stage.startsWith('VXLAN: '));
    expect(out.map((h) => h.namespace)).toContain('host');
    expect(out.at(-1)!.detail).toContain(n3.underlay);
    const inn = p.hops.filter((h) => h.node === 'node3' && h.stage.startsWith('VXLAN: '));
    const sock = inn.find((h) => h.stage === 'VXLAN: socket')!;
    expect(rawLine(stepOf('node3'), sock.evidence[0]!.file, sock.evidence[0]!.line!)).toContain(':4789');
    const decap = p.hops.find((h) => h.node === 'node3' && h.stage === 'vxlan')!;
    const nb3 = truthNeigh('node1', n3.containerOverlayIp)!;
    expect(decap.detail).toContain(`VNI ${truthVni('node3', nb3.ns)}`);
    expect(rawLine(stepOf('node3'), decap.evidence[0]!.file, decap.evidence[0]!.line!)).toMatch(/vxlan/);
  });

  it("node3 bridges it to c3, whose socket accepts it; every hop cites its own node's bundle", () => {
    const last = p.hops
      .filter((h) => h.node === 'node3' && h.namespace === `container:${n3.container}`)
      .at(-1)!;
    expect(last.stage).toBe('socket');
    expect(rawLine(stepOf('node3'), last.evidence[0]!.file, last.evidence[0]!.line!)).toContain(':80');
    for (const h of p.hops)
      for (const e of h.evidence) {
        expect(e.step, `${h.node} ${h.stage}`).toBe(stepOf(h.node));
        expect(rawLine(e.step, e.file, e.line!).trim(), `${h.node} ${e.file}:${e.line}`).not.toBe('');
      }
    const text = formatClusterPath(p);
    expect(text).toContain('DELIVERED');
    expect(text).toContain('node3');
  });
});

describe("the sample's story", () => {
  const vxlanDrop = meta.story.find((s) => s.namespace === 'host' && s.rule.includes('4789'))!;
  const ctDrop = meta.story.find((s) => s.namespace.startsWith('container:'))!;
  const blockedFrom = meta.nodes.find((n) => vxlanDrop.rule.includes(`-s ${n.underlay} `))!;
  const blockedAt = node(vxlanDrop.node);
  const third = meta.nodes.find((n) => n !== blockedFrom && n !== blockedAt)!;

  it(`a container on the blocked node cannot reach one on ${vxlanDrop.node}: dropped by that node's INPUT rule`, () => {
    const p = trace(blockedFrom, blockedAt);
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toContain(vxlanDrop.node);
    // The last rule the path met on that node decided it.
    const h = p.hops.filter((x) => x.rule && x.node === vxlanDrop.node).at(-1)!;
    expect(h.rule!.chain).toBe('INPUT');
    const e = h.evidence.at(-1)!;
    expect(rawLine(stepOf(vxlanDrop.node), e.file, e.line!)).toBe(
      `-A INPUT -s ${blockedFrom.underlay}/32 -p udp -m udp --dport 4789 -j DROP`,
    );
  });

  it('the other way round the SYN gets through, but the answer cannot come back', () => {
    const p = trace(blockedAt, blockedFrom);
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toMatch(/^the answer cannot come back: /);
    expect(p.reason).toContain(vxlanDrop.node);
    expect(p.hops.some((h) => h.node === blockedFrom.name && h.stage === 'socket')).toBe(true);
  });

  it('the third node reaches both', () => {
    expect(trace(third, blockedAt).verdict).toBe('delivered');
    expect(trace(third, blockedFrom).verdict).toBe('delivered');
  });

  it("a rule in the destination container's own firewall drops it there", () => {
    const owner = meta.nodes.find((n) => `container:${n.container}` === ctDrop.namespace)!;
    const src = meta.nodes.find((n) => ctDrop.rule.includes(`-s ${n.containerOverlayIp} `))!;
    const p = trace(src, owner);
    expect(p.verdict).toBe('dropped');
    const h = p.hops.find((x) => x.rule && x.namespace === ctDrop.namespace)!;
    const e = h.evidence.at(-1)!;
    expect(rawLine(stepOf(owner.name), e.file, e.line!)).toContain(
      `-A INPUT -s ${src.containerOverlayIp}/32 -p tcp`,
    );
    // The same container from elsewhere still connects.
    const other = meta.nodes.find((n) => n !== src && n !== owner)!;
    expect(trace(other, owner).verdict).toBe('delivered');
  });

  it('a closed port: no listener in the destination container, the RST crosses back', () => {
    const p = trace(third, blockedAt, 81);
    expect(p.verdict).toBe('no-listener');
    expect(p.reason).toContain(blockedAt.name);
  });

  it('the matrix: every overlay container x every overlay socket, with the story in it', () => {
    const m = clusterReachMatrix(input);
    const names = new Set(m.sources.map((s) => s.container));
    for (const n of meta.nodes) expect(names.has(n.container)).toBe(true);
    const cell = (a: TruthNode, b: TruthNode) =>
      m.cells.find(
        (c) =>
          c.source === `${a.name}:${a.container}` &&
          c.destination === `${b.name}:${b.container} tcp ${b.containerOverlayIp}:80`,
      )!;
    expect(cell(blockedFrom, blockedAt).verdict).toBe('dropped');
    expect(cell(third, blockedAt).verdict).toBe('delivered');
    expect(m.cells.length).toBe(m.sources.length * m.destinations.length - m.destinations.length);
    expect(formatClusterMatrix(m)).toContain('not delivered:');
  });
});

describe('what breaks the path, on copies of the real models', () => {
  const [n1, n3] = [node('node1'), node('node3')];
  const changed = (change: (ms: StepModel[]) => void): ClusterReachInput => {
    const models = structuredClone(input.models);
    change(models);
    return { cluster: buildClusterModel(models), models };
  };
  const byHost = (ms: StepModel[], h: string) => ms.find((m) => m.hostname === h)!;
  const ovNs = (m: StepModel) => {
    const nb = truthNeigh('node1', n3.containerOverlayIp)!;
    return m.namespaces.find((n) => n.id === `netns:${nb.ns}`)!;
  };

  it('no neighbour entry for the address: no-route, nothing answers ARP', () => {
    const i = changed((ms) => {
      const ns = ovNs(byHost(ms, 'node1'));
      ns.neighbours = ns.neighbours!.filter((x) => x.address !== n3.containerOverlayIp);
    });
    const p = trace(n1, n3, 80, i);
    expect(p.verdict).toBe('no-route');
    expect(p.reason).toMatch(/no neighbour entry for/);
  });

  it('no fdb entry for the MAC: no-route, no VTEP to send to', () => {
    const mac = truthNeigh('node1', n3.containerOverlayIp)!.lladdr;
    const i = changed((ms) => {
      const ns = ovNs(byHost(ms, 'node1'));
      ns.fdb = ns.fdb!.filter((x) => x.mac !== mac);
    });
    const p = trace(n1, n3, 80, i);
    expect(p.verdict).toBe('no-route');
    expect(p.reason).toMatch(/no forwarding entry/);
  });

  it('a VTEP that no node has: left the cluster', () => {
    const mac = truthNeigh('node1', n3.containerOverlayIp)!.lladdr;
    const i = changed((ms) => {
      for (const e of ovNs(byHost(ms, 'node1')).fdb!) if (e.mac === mac) e.dst = '10.99.0.99';
    });
    const p = trace(n1, n3, 80, i);
    expect(p.verdict).toBe('left-host');
    expect(p.reason).toContain('10.99.0.99');
  });

  it("a VNI that the receiving node's vxlan device does not have: dropped there", () => {
    const i = changed((ms) => {
      for (const i2 of ovNs(byHost(ms, 'node3')).interfaces) if (i2.kind === 'vxlan') i2.vni = 4242;
    });
    const p = trace(n1, n3, 80, i);
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toMatch(/VNI \d+ matches no vxlan device/);
  });

  it("the sending vxlan device's VNI not captured: unknown, not a guess", () => {
    const i = changed((ms) => {
      for (const i2 of ovNs(byHost(ms, 'node1')).interfaces) if (i2.kind === 'vxlan') delete i2.vni;
    });
    const p = trace(n1, n3, 80, i);
    expect(p.verdict).toBe('unknown');
    expect(p.reason).toMatch(/VNI of node1's vxlan device is not in the capture/);
  });

  /** A rule first in a chain of a node's host filter table (the chain as captured, then the rule). */
  const firstRule = (m: StepModel, chainName: string, target: FwRule['target']) => {
    const host = m.namespaces.find((n) => n.id === 'host')!;
    const filter = host.firewall!.tables.find((t) => t.name === 'filter' && t.family === 'ipv4')!;
    const chain = filter.chains.find((c) => c.name === chainName)!;
    const rule = {
      matches: [
        { kind: 'proto', proto: 'udp', negate: false },
        { kind: 'port', dir: 'dport', ranges: [[4789, 4789]], negate: false },
      ],
      target,
    } as Omit<FwRule, 'index' | 'evidence' | 'text'>;
    chain.rules = [
      {
        ...rule,
        index: 1,
        text: `-A ${chainName} -p udp --dport 4789 -j ${target.kind.toUpperCase()}`,
        evidence: chain.evidence,
      },
      ...chain.rules.map((r, i) => ({ ...r, index: i + 2 })),
    ];
  };

  it("the sender's own OUTPUT drops udp/4789: dropped on the sending node", () => {
    const p = trace(
      n1,
      n3,
      80,
      changed((ms) => firstRule(byHost(ms, 'node1'), 'OUTPUT', { kind: 'drop' })),
    );
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toMatch(/^node1: VXLAN, udp\/4789 to /);
    expect(p.hops.at(-1)).toMatchObject({ node: 'node1', namespace: 'host', stage: 'VXLAN: filter OUTPUT' });
  });

  it('a REJECT of udp/4789 on the receiving node: the error goes to the kernel, the connection times out (dropped)', () => {
    const p = trace(
      n1,
      n3,
      80,
      changed((ms) => firstRule(byHost(ms, 'node3'), 'INPUT', { kind: 'reject' })),
    );
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toMatch(/^node3: .*rejected.*the connection times out/);
  });

  it("the destination node's bundle missing: unknown, naming it", () => {
    const models = input.models.filter((m) => m.hostname !== 'node3');
    const p = trace(n1, n3, 80, { cluster: buildClusterModel(models), models });
    expect(p.verdict).toBe('unknown');
    expect(p.reason).toContain('no bundle of node3');
  });

  it('an encrypted overlay, a service VIP, an ingress port: unknown with the reason', () => {
    const enc = changed((ms) => {
      for (const m of ms) for (const n of m.dockerNetworks) if (n.name === 'ov') n.options.encrypted = '';
    });
    expect(trace(n1, n3, 80, enc).reason).toMatch(/^unknown, because overlay ov is encrypted/);
    const web = input.cluster.services.find((s) => s.vip)!;
    const vip = traceCluster(
      input,
      { node: 'node1', container: n1.container },
      { address: web.vip!.split('/')[0]!, port: 80, proto: 'tcp' },
    );
    expect(vip.verdict).toBe('unknown');
    expect(vip.reason).toMatch(/VIP of service/);
    const port = input.cluster.ingress[0]!;
    const ing = traceCluster(
      input,
      { node: 'node1', container: n1.container },
      { address: n3.underlay, port: port.port, proto: port.proto },
    );
    expect(ing.verdict).toBe('unknown');
    expect(ing.reason).toMatch(/ingress routing mesh/);
  });
});

describe('the command line', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
      out.push(String(c));
      return true;
    });
    const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      err.push(String(c));
      return true;
    });
    try {
      const code = await main(['node', 'dockernet', ...args]);
      return { code, out: out.join(''), err: err.join('') };
    } finally {
      spyOut.mockRestore();
      spyErr.mockRestore();
    }
  };
  const [n2, n3] = [node('node2'), node('node3')];

  it('trace --cluster: NODE:CONTAINER to an overlay address, text and JSON', async () => {
    const t = await run([
      'trace',
      '--cluster',
      SAMPLE,
      '--from',
      `${n2.name}:${n2.container}`,
      '--to',
      `${n3.containerOverlayIp}:80`,
    ]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/: DROPPED\n/);
    expect(t.out).toContain(`tunnel: ov VNI`);
    const j = await run([
      'trace',
      '--cluster',
      SAMPLE,
      '--from',
      n3.container,
      '--to',
      `${n2.containerOverlayIp}:81/tcp`,
      '--json',
    ]);
    expect(j.code).toBe(0);
    const p = JSON.parse(j.out) as ClusterPath;
    expect(p.from).toEqual({ node: n3.name, container: n3.container });
    expect(p.verdict).toBe('dropped');
  });

  it('reach --cluster: the matrix, text and JSON', async () => {
    const t = await run(['reach', '--cluster', SAMPLE]);
    expect(t.code).toBe(0);
    expect(t.out).toContain('not delivered:');
    const j = await run(['reach', '--cluster', SAMPLE, '--json']);
    const m = JSON.parse(j.out) as ReturnType<typeof clusterReachMatrix>;
    expect(m.cells.length).toBeGreaterThan(0);
    expect(m.counts).toEqual(clusterReachMatrix(input).counts);
  });

  it('usage errors: several bundles without --cluster, a container on no node, an unknown node', async () => {
    expect((await run(['reach', SAMPLE, SAMPLE])).code).toBe(2);
    const none = await run(['trace', '--cluster', SAMPLE, '--from', 'nope', '--to', '10.60.0.2:80']);
    expect([none.code, none.err]).toEqual([2, expect.stringContaining('no container of that name')]);
    const bad = await run(['trace', '--cluster', SAMPLE, '--from', 'node9:c1', '--to', '10.60.0.2:80']);
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('no node node9')]);
  });
});

describe('the report section "Reachability across nodes"', () => {
  const [n2, n3] = [node('node2'), node('node3')];

  it('report.json: the matrix with every path, valid against docs/report-schema.json', () => {
    const r = JSON.parse(JSON.stringify(report)) as Report;
    expect(validate(schema, r)).toEqual([]);
    const m = r.cluster!.reach!;
    expect(m.counts).toEqual(clusterReachMatrix(input).counts);
    const broken = structuredClone(r);
    broken.cluster!.reach!.cells[0]!.verdict = 'open' as never;
    expect(validate(schema, broken)).not.toEqual([]);
  });

  it('HTML: the matrix, and each cell not delivered with its reason and its path, evidence linked into its node', () => {
    const html = renderHtml(report);
    const at = html.indexOf('id="cluster-reach"');
    expect(at).toBeGreaterThan(0);
    const section = html.slice(at, html.indexOf('</section>\n</section>', at));
    // The story's cell: c2 on node2 -> c3 on node3, with node3's INPUT rule and its line.
    const k = report.cluster!.reach!.cells.findIndex(
      (c) =>
        c.source === `${n2.name}:${n2.container}` &&
        c.destination === `${n3.name}:${n3.container} tcp ${n3.containerOverlayIp}:80`,
    );
    expect(k).toBeGreaterThanOrEqual(0);
    expect(section).toContain(`href="#cluster-reach-${k + 1}"`);
    const path = section.slice(section.indexOf(`id="cluster-reach-${k + 1}"`));
    expect(path).toContain(`-s ${n2.underlay}/32 -p udp -m udp --dport 4789 -j DROP`);
    expect(path).toMatch(new RegExp(`${n3.name}: host/iptables-save\\.out:\\d+`));
  });

  it('Markdown and German: the same section, in the catalog words', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('### Reachability across nodes');
    expect(md).toContain('#### Not delivered, and why');
    const de = renderMarkdown({ ...report, lang: 'de' });
    expect(de).toContain('### Erreichbarkeit über Knoten hinweg');
    expect(de).toContain(`${n2.container} auf ${n2.name}`);
    expect(de).not.toContain('Not delivered, and why');
  });

  it('markup in a container name stays text in HTML and Markdown', () => {
    for (const bad of HOSTILE_MARKUP) {
      const r = structuredClone(report);
      const models = r.steps.map((s) => s.model);
      for (const m of models) for (const c of m.containers) if (c.name === n3.container) c.name = bad;
      for (const m of models)
        for (const n of m.dockerNetworks)
          for (const e of n.endpoints) if (e.name === n3.container) e.name = bad;
      const cluster = buildClusterModel(models);
      r.cluster = { model: cluster, findings: [], reach: clusterReachMatrix({ cluster, models }) };
      expect(r.cluster.reach!.sources.some((s) => s.container === bad)).toBe(true);
      const html = renderHtml(r);
      const section = html.slice(html.indexOf('id="cluster-reach"'));
      expect(section).not.toMatch(/<script>alert|<img src=x|<svg onload|<\/style><style>/);
      const md = renderMarkdown(r);
      expect(md).not.toMatch(/<script>alert|<img src=x|<svg onload|(?<!\\)\[[^\]\n]*\]\(javascript:/);
    }
  });
});
