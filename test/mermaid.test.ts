/**
 * The topology figure as Mermaid source: structure (read back with Mermaid's own parser),
 * determinism, the escaping of hostile names, and aggregation of hosts beyond the budget.
 * Rendering in Chromium is test/diagrams.test.ts.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../src/model/types.js';
import { buildReport } from '../src/pipeline.js';
import { displayedText, escapeLine, label, truncate } from '../src/render/mermaid/escape.js';
import { DIAGRAM_BUDGET, stepDiagram } from '../src/render/mermaid/index.js';
import {
  bigHost,
  HOSTILE_NAMES,
  hostileModel,
  iface,
  step1,
  step2,
  step3,
  step4,
} from './fixtures-mermaid/models.js';
import { type ParsedFlow, parseFlow, parses } from './fixtures-mermaid/parse.js';

/** Every line the generator may write. Anything from data can only be inside "...". */
const LINE_GRAMMAR = new RegExp(
  [
    '^flowchart LR$',
    '^ +subgraph g\\d+\\["[^"\\n]*"\\]$',
    '^ +end$',
    '^ +direction (LR|TB)$',
    '^ +n\\d+(\\["[^"\\n]*"\\]|\\("[^"\\n]*"\\)|\\{\\{"[^"\\n]*"\\}\\}|\\[\\["[^"\\n]*"\\]\\])$',
    '^ +[ng]\\d+ (---|===|-\\.-|-->|-\\.->|~~~)(\\|"[^"\\n]*"\\|)? [ng]\\d+$',
    '^ +classDef [a-z]+ [a-z0-9:#,. -]+$',
    '^ +class [ng]\\d+(,[ng]\\d+)* [a-z]+$',
  ].join('|'),
);
const CLASSES = [
  'host',
  'lan',
  'iface',
  'bridge',
  'port',
  'service',
  'container',
  'sandbox',
  'overlay',
  'legend',
  'note',
  'up',
  'down',
  'unknown',
];

function vertex(flow: ParsedFlow, text: string | RegExp) {
  const v = flow.vertices.find((x) => (typeof text === 'string' ? x.text === text : text.test(x.text)));
  if (!v) throw new Error(`no node ${String(text)} in\n${flow.vertices.map((x) => x.text).join('\n---\n')}`);
  return v;
}

function edge(flow: ParsedFlow, a: string, b: string) {
  return flow.edges.find((e) => (e.start === a && e.end === b) || (e.start === b && e.end === a));
}

function groupOf(flow: ParsedFlow, id: string) {
  return flow.subgraphs.find((g) => g.nodes.includes(id));
}

/** The checks every generated source must pass, whatever the model. */
async function wellFormed(d: ReturnType<typeof stepDiagram>): Promise<ParsedFlow> {
  for (const line of d.source.trimEnd().split('\n'))
    expect(line, 'line outside the grammar').toMatch(LINE_GRAMMAR);
  expect(d.source).not.toMatch(/<script/i);
  expect(d.source).not.toContain('%%');
  expect(d.source).not.toMatch(/^\s*(click|style|linkStyle|call|href)\b/m);
  for (const [quoted] of d.source.matchAll(/"[^"]*"/g)) {
    expect(quoted.replaceAll('<br/>', '')).not.toMatch(/-->|`|[<>]|\n|#(?!(lt|gt|amp);)\w+;/);
  }
  const flow = await parseFlow(d.source);
  // An edge to a subgraph (the aggregated grid) also lists the subgraph's id as a vertex.
  const groups = new Set(flow.subgraphs.map((g) => g.id));
  expect(flow.vertices.filter((v) => !groups.has(v.id))).toHaveLength(d.nodeCount);
  expect(flow.edges).toHaveLength(d.edgeCount);
  for (const v of flow.vertices) {
    expect(v.id).toMatch(groups.has(v.id) ? /^g\d+$/ : /^n\d+$/);
    expect(v.link).toBeUndefined();
    expect(v.classes.filter((c) => !CLASSES.includes(c))).toEqual([]);
  }
  for (const g of flow.subgraphs) expect(g.id).toMatch(/^g\d+$/);
  expect(flow.classNames.filter((c) => !CLASSES.includes(c))).toEqual([]);
  expect(d.nodeCount).toBeLessThanOrEqual(DIAGRAM_BUDGET.maxNodes);
  expect(d.edgeCount).toBeLessThanOrEqual(DIAGRAM_BUDGET.maxEdges);
  expect(d.source.length).toBeLessThanOrEqual(DIAGRAM_BUDGET.maxChars);
  return flow;
}

describe('mermaid-escape', () => {
  it('keeps what is inert in a quoted label and rewrites what is not', () => {
    expect(escapeLine('veth9c996da@if4')).toBe('veth9c996da@if4');
    expect(escapeLine('fd00:affe::1/64 [x] (y) {z} | #1 ~ !')).toBe('fd00:affe::1/64 [x] (y) {z} | #1 ~ !');
    expect(escapeLine('<script>&')).toBe('#lt;script#gt;#amp;');
    expect(escapeLine('a"b`c;d')).toBe('a\u2033b\u2032c\u037ed');
    expect(escapeLine('%%{init}%% 100%')).toBe('% %{init}% % 100%');
    expect(escapeLine('a\nb\tc\r\nd')).toBe('a b c  d');
    expect(escapeLine('\u0000\u001b\u007f\u202e')).toBe('\ufffd\ufffd\ufffd\ufffd');
    expect(escapeLine('style x classDef')).toBe('st\u200byle x class\u200bDef');
    expect(escapeLine('\ufb02°lt¶ß')).toBe('fl°lt¶ ß');
  });

  it('cuts long text on code points, never inside a surrogate pair', () => {
    expect(truncate('x'.repeat(5000), 48)).toHaveLength(48);
    const emoji = truncate('😀'.repeat(100), 10);
    expect(Array.from(emoji)).toHaveLength(10);
    expect(emoji.endsWith('…')).toBe(true);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('joins lines with <br/> and reads back as written', () => {
    const l = label(['a <b>', '', 'c & d']);
    expect(l).toBe('"a #lt;b#gt;<br/>c #amp; d"');
    expect(displayedText(l)).toBe('a <b>\nc & d');
  });
});

describe('stepDiagram: the course steps', () => {
  it('step 1: the host, ens18 with its LAN and gateway, what listens', async () => {
    const d = stepDiagram(step1());
    const flow = await wellFormed(d);
    expect(d.aggregated).toBe(false);
    const lan = vertex(flow, 'LAN 192.168.178.0/24\ngateway 192.168.178.1');
    const ens18 = vertex(flow, /^2: ens18\n192\.168\.178\.42\/24/);
    expect(edge(flow, lan.id, ens18.id)?.text).toBe('default route');
    expect(groupOf(flow, lan.id)).toBeUndefined();
    expect(groupOf(flow, ens18.id)?.title).toBe('host dh-home2');
    expect(vertex(flow, /^listening on the host\n:22 sshd\nlocalhost:53 systemd-resolve/)).toBeTruthy();
    expect(flow.vertices.some((v) => v.text.includes('bridge)'))).toBe(false);
  });

  it('step 2: docker0 DOWN without carrier and without ports', async () => {
    const flow = await wellFormed(stepDiagram(step2()));
    const docker0 = vertex(
      flow,
      /^3: docker0 \(bridge\)\n172\.17\.0\.1\/16\nDOWN \(no carrier\)\nDocker network bridge\nno ports$/,
    );
    expect(docker0.classes).toEqual(['bridge', 'down']);
    expect(flow.vertices.some((v) => /^(host|none) /.test(v.text))).toBe(false);
  });

  it('step 3: the figure of the slides', async () => {
    const d = stepDiagram(step3());
    const flow = await wellFormed(d);
    const ens18 = vertex(flow, /^2: ens18\n/);
    const docker0 = vertex(flow, '3: docker0 (bridge)\n172.17.0.1/16\nUP\nDocker network bridge');
    const veth = vertex(flow, '5: veth9c996da@if4');
    const eth0 = vertex(flow, '4: eth0@if5\n172.17.0.2/16');
    const listen = vertex(flow, ':8080 node');
    const proxy = vertex(flow, 'host :60000\ndocker-proxy');
    expect(docker0.classes).toContain('up');
    expect(edge(flow, ens18.id, docker0.id)).toMatchObject({ stroke: 'dotted', text: 'routed' });
    expect(edge(flow, docker0.id, veth.id)).toMatchObject({ stroke: 'normal', type: 'arrow_open' });
    expect(edge(flow, veth.id, eth0.id)).toMatchObject({ stroke: 'thick', start: veth.id });
    expect(edge(flow, proxy.id, listen.id)).toMatchObject({
      start: proxy.id,
      type: 'arrow_point',
      text: 'tcp 60000 → 8080',
    });
    expect(edge(flow, ens18.id, proxy.id)).toMatchObject({ start: ens18.id, text: 'tcp :60000' });
    const container = groupOf(flow, eth0.id)!;
    expect(container.title).toBe('container whoami-port60000');
    expect(container.nodes).toEqual(expect.arrayContaining([eth0.id, listen.id]));
    expect(container.classes).toEqual(['container']);
    expect(groupOf(flow, container.id)?.title).toBe('host dh-home2');
    expect(eth0.classes).toEqual(['container', 'up']);
    expect(vertex(flow, /^Legend\n/).classes).toEqual(['legend']);
  });

  it('step 4: docker_gwbridge, the ingress overlay and the ingress_sbox sandbox', async () => {
    const flow = await wellFormed(stepDiagram(step4()));
    const gw = vertex(
      flow,
      '10: docker_gwbridge (bridge)\n172.18.0.1/16\nUP\nDocker network docker_gwbridge',
    );
    const ingress = vertex(flow, 'ingress (overlay network)\n10.255.0.0/16\nswarm routing mesh');
    const veth = vertex(flow, '12: veth8149801@if11');
    const eth0 = vertex(flow, '9: eth0@if10\n10.255.0.2/16');
    const eth1 = vertex(flow, '11: eth1@if12\n172.18.0.2/16');
    expect(ingress.classes).toEqual(['overlay']);
    expect(edge(flow, gw.id, veth.id)).toBeTruthy();
    expect(edge(flow, veth.id, eth1.id)?.stroke).toBe('thick');
    expect(edge(flow, ingress.id, eth0.id)?.stroke).toBe('normal');
    expect(edge(flow, vertex(flow, /^2: ens18/).id, ingress.id)?.text).toBe('VXLAN');
    const sandbox = groupOf(flow, eth0.id)!;
    expect(sandbox.title).toBe('Docker sandbox ingress_sbox');
    expect(sandbox.classes).toEqual(['sandbox']);
    expect(groupOf(flow, eth1.id)).toBe(sandbox);
  });

  it('step 4 without the sandbox captured: its endpoints from docker network inspect', async () => {
    const flow = await wellFormed(stepDiagram(step4(false)));
    const veth = vertex(flow, '12: veth8149801@if11\npeer not captured');
    const onGw = vertex(flow, 'endpoint on docker_gwbridge\n172.18.0.2/16\ngateway_ingress-sbox');
    const onIngress = vertex(flow, 'endpoint on ingress\n10.255.0.2/16\ningress-endpoint');
    // The only unpaired port of docker_gwbridge and its only unattached endpoint: drawn as a pair.
    expect(edge(flow, veth.id, onGw.id)?.stroke).toBe('dotted');
    expect(edge(flow, vertex(flow, /^ingress \(overlay/).id, onIngress.id)).toBeTruthy();
    expect(groupOf(flow, onGw.id)?.title).toBe('Docker sandbox ingress-sbox');
    expect(onGw.classes).toEqual(['sandbox', 'unknown']);
  });

  it('a container known only to Docker, a port published to it, a model with no host', async () => {
    const m = step3();
    m.namespaces = m.namespaces.filter((n) => n.kind === 'host');
    m.vethLinks = [];
    m.containers[0]!.namespace = undefined as never;
    delete m.containers[0]!.namespace;
    const flow = await wellFormed(stepDiagram(m));
    const c = vertex(flow, 'on bridge\n172.17.0.2/16\ninterfaces not captured');
    expect(groupOf(flow, c.id)?.title).toBe('container whoami-port60000');
    const target = vertex(flow, ':8080');
    expect(edge(flow, vertex(flow, 'host :60000\ndocker-proxy').id, target.id)?.text).toBe(
      'tcp 60000 → 8080',
    );
    const empty: StepModel = {
      hostname: '',
      namespaces: [],
      vethLinks: [],
      links: [],
      staleNamespaces: [],
      docker: { installed: false, evidence: [] },
      dockerNetworks: [],
      containers: [],
      publishedPorts: [],
    };
    await wellFormed(stepDiagram(empty));
  });

  it('a host whose uplink is enslaved to a bridge: the bridge carries the LAN', async () => {
    const m = step3();
    const host = m.namespaces[0]!;
    host.interfaces.push(iface(20, 'br0', { kind: 'bridge', addresses: ['192.168.178.42/24'] }));
    host.interfaces[1]!.addresses = [];
    host.interfaces[1]!.master = 'br0';
    host.bridges.push({ name: 'br0', ports: ['ens18'], hasInterface: true, evidence: [] });
    host.routes[0]!.dev = 'br0';
    const flow = await wellFormed(stepDiagram(m));
    const br0 = vertex(flow, /^20: br0 \(bridge\)\n192\.168\.178\.42\/24\nUP$/);
    const lan = vertex(flow, 'LAN 192.168.178.0/24\ngateway 192.168.178.1');
    expect(edge(flow, lan.id, br0.id)?.text).toBe('default route');
    expect(edge(flow, br0.id, vertex(flow, '2: ens18').id)).toBeTruthy();
    expect(edge(flow, br0.id, vertex(flow, /^3: docker0/).id)?.text).toBe('routed');
  });

  it("a port forwarded by DNAT (userland proxy off) and a container sharing another one's network", async () => {
    const m = step3();
    const p = m.publishedPorts[0]!;
    p.sources = ['iptables-dnat'];
    delete p.pid;
    m.containers.push({
      name: 'sidecar',
      networkMode: 'container:whoami-port60000',
      networks: [],
      evidence: [],
    });
    const flow = await wellFormed(stepDiagram(m));
    expect(vertex(flow, 'host :60000\nDNAT (iptables)')).toBeTruthy();
    const side = vertex(flow, 'network mode\nshares container:whoami-port60000');
    expect(groupOf(flow, side.id)?.title).toBe('container sidecar');
  });

  it('one box saying so when even the smallest summary is over the budget', async () => {
    const d = stepDiagram(bigHost(300, 30), { maxChars: 1200 });
    expect(d.aggregated).toBe(true);
    expect(d.nodeCount).toBe(1);
    const flow = await parseFlow(d.source);
    expect(flow.vertices[0]?.text).toMatch(/^too large to draw\n/);
  });

  it('is deterministic: the same model gives the same bytes', () => {
    for (const make of [step1, step2, step3, () => step4(), () => step4(false), () => bigHost(300, 12)]) {
      const a = stepDiagram(make());
      const b = stepDiagram(structuredClone(make()));
      expect(b.source).toBe(a.source);
      expect(stepDiagram(make()).source).toBe(a.source);
      const ids = [...a.source.matchAll(/^\s+(n\d+)[[({]/gm)].map((m) => m[1]);
      expect(ids).toEqual(ids.map((_, i) => `n${i + 1}`));
    }
  });
});

describe('stepDiagram: hostile names', () => {
  for (const name of HOSTILE_NAMES) {
    const title = JSON.stringify(name.length > 60 ? `${name.slice(0, 40)}… (${name.length} chars)` : name);
    it(`escapes ${title}`, async () => {
      for (const captured of [true, false]) {
        const d = stepDiagram(hostileModel(name, captured));
        const flow = await wellFormed(d);
        expect(d.aggregated).toBe(false);
        expect(d.source.length).toBeLessThan(8000);
        // Nothing was lost or added: the same nodes and edges as with plain names.
        const plain = stepDiagram(step4(captured));
        expect([d.nodeCount, d.edgeCount]).toEqual([plain.nodeCount, plain.edgeCount]);
        // The container's title reads as the name, within what the rule changes.
        const g = flow.subgraphs.find((x) => x.title.startsWith('container '))!;
        // Group titles are cut at 40 characters (they do not wrap); Mermaid trims them.
        const expected = truncate(`container ${name}`, 40)
          .replace(/[\t\n\r]/g, ' ')
          .replace(/"/g, '\u2033')
          .replace(/`/g, '\u2032')
          .replace(/;/g, '\u037e')
          .replace(/%(?=%)/g, '% ')
          .trim();
        const plainEnough = ![...name].some((ch) => {
          const c = ch.codePointAt(0)!;
          return (
            c < 0x20 ||
            (c >= 0x7f && c <= 0x9f) ||
            (c >= 0x202a && c <= 0x202e) ||
            ch === '\ufb02' ||
            ch === '¶'
          );
        });
        if (plainEnough && !/style|classDef/.test(name)) {
          expect(g.title).toBe(expected);
        }
        expect(Array.from(g.title).length).toBeLessThanOrEqual(44);
      }
    });
  }

  it('shows markup as text: <script> is drawn as the characters < s c r i p t >', async () => {
    const flow = await parseFlow(stepDiagram(hostileModel('<script>alert(1)</script>')).source);
    expect(flow.subgraphs.map((g) => g.title)).toContain('container <script>alert(1)</script>');
  });

  it('the corpus has teeth: pasted raw, names break the source or add a click handler', async () => {
    const raw = (name: string) => `flowchart LR\n  n1["${name}"]\n`;
    const broken = [];
    for (const name of HOSTILE_NAMES) if (!(await parses(raw(name)))) broken.push(name);
    expect(broken.length).toBeGreaterThanOrEqual(4);
    const breakout = HOSTILE_NAMES.find((n) => n.startsWith('x"]\nclick'))!;
    const injected = await parseFlow(raw(breakout));
    expect(injected.vertices.find((v) => v.id === 'n1')?.classes).toContain('clickable');
    const escaped = await parseFlow(stepDiagram(hostileModel(breakout)).source);
    expect(escaped.vertices.flatMap((v) => v.classes)).not.toContain('clickable');
  });
});

describe('stepDiagram: hosts beyond the budget', () => {
  it('1,000 containers on 50 networks: one node per network with its count (the rest counted), ports kept', async () => {
    const m = bigHost(1000, 50);
    const d = stepDiagram(m);
    expect(d.aggregated).toBe(true);
    expect(d.nodeCount).toBeLessThanOrEqual(60);
    const flow = await wellFormed(d);
    const nets = flow.vertices.filter((v) => /^Docker network \S+\n/.test(v.text));
    const more = vertex(flow, /^\+\d+ more networks\nwith \d+ containers$/);
    // docker0's network and the 50 app networks: drawn or counted, none lost.
    expect(nets.length + Number(/^\+(\d+)/.exec(more.text)![1])).toBe(51);
    // Every network a published port leads to is drawn.
    for (const p of m.publishedPorts.filter((x) => x.container?.startsWith('svc-')))
      expect(
        vertex(flow, new RegExp(`^Docker network app-net-${Number(p.container!.slice(4)) % 50}\\n`)),
      ).toBeTruthy();
    expect(
      vertex(flow, /^Docker network app-net-0\n172\.20\.0\.1\/20 UP\n20 containers on br-1a2b3c4d5e00$/),
    ).toBeTruthy();
    const published = flow.vertices.filter((v) => /^host :\d+\ndocker-proxy$/.test(v.text));
    expect(published).toHaveLength(m.publishedPorts.length);
    const p = vertex(flow, 'host :61047\ndocker-proxy');
    const target = flow.edges.find((e) => e.start === p.id)!;
    expect(target.text).toBe('tcp 61047 → svc-47:8080');
    expect(flow.vertices.find((v) => v.id === target.end)?.text).toMatch(/^Docker network app-net-47\n/);
  });

  it('more networks than fit: the busiest kept, the rest counted', async () => {
    const d = stepDiagram(bigHost(2000, 400, 10));
    expect(d.aggregated).toBe(true);
    const flow = await wellFormed(d);
    expect(vertex(flow, /^\+\d+ more networks\nwith \d+ containers$/)).toBeTruthy();
    // Too many ports to draw one by one: one node per target network says how many it has, and
    // every published port is accounted for (grouped, or counted in "+N more").
    const m = bigHost(2000, 400, 10);
    const groups = flow.vertices.filter((v) => /\n\d+ published ports?$/.test(v.text));
    expect(groups.length).toBeGreaterThan(0);
    const grouped = groups.reduce((n, v) => n + Number(/\n(\d+) published/.exec(v.text)![1]), 0);
    const rest = flow.vertices.find((v) => /^\+\d+ more published ports$/.test(v.text));
    const more = rest ? Number(/^\+(\d+)/.exec(rest.text)![1]) : 0;
    expect(grouped + more).toBe(m.publishedPorts.length);
  });

  it('hostile 5,000-character names on a big host stay under every limit', async () => {
    const m = bigHost(400, 20);
    for (const c of m.containers) c.name = `${'<'.repeat(4990)}${c.name}`;
    for (const n of m.dockerNetworks) n.name = `"${'%'.repeat(4990)}${n.name}`;
    for (const n of m.namespaces) if (n.kind === 'container') n.container = `${'`'.repeat(5000)}`;
    await wellFormed(stepDiagram(m));
  });

  it('a small budget aggregates even a small host', async () => {
    const d = stepDiagram(step4(), { maxNodes: 8 });
    expect(d.aggregated).toBe(true);
    const flow = await wellFormed(d);
    expect(flow.vertices.length).toBeLessThanOrEqual(14);
    expect(vertex(flow, /^host :60000\ndocker-proxy$/)).toBeTruthy();
  });
});

describe('stepDiagram: the sample bundles, through the pipeline', () => {
  const root = join(import.meta.dirname, '..');
  const slides = [1, 2, 3, 4].map((n) => join(root, 'samples', `slides-step${n}`));
  const engine = [2, 3, 4].map((n) => join(root, 'samples', `engine-step${n}.tar.gz`));
  let flows: ParsedFlow[] = [];

  beforeAll(async () => {
    const report = await buildReport([...slides, ...engine], { generatedAt: '2000-01-01T00:00:00.000Z' });
    flows = await Promise.all(report.steps.map((s) => wellFormed(stepDiagram(s.model))));
  });

  it('step 3 (slides): the figure the issue asks for', () => {
    const flow = flows[2]!;
    const ens18 = vertex(flow, '2: ens18\n192.168.178.42/24');
    const lan = vertex(flow, 'LAN 192.168.178.0/24\ngateway 192.168.178.1');
    const docker0 = vertex(flow, /^3: docker0 \(bridge\)\n172\.17\.0\.1\/16\nUP\nDocker network bridge$/);
    const veth = vertex(flow, '5: veth9c996da@if4');
    const eth0 = vertex(flow, '4: eth0@if5\n172.17.0.2/16');
    const listen = vertex(flow, ':8080 node');
    const proxy = vertex(flow, 'host :60000\ndocker-proxy');
    expect(edge(flow, lan.id, ens18.id)).toBeTruthy();
    expect(edge(flow, docker0.id, veth.id)).toBeTruthy();
    expect(edge(flow, veth.id, eth0.id)?.stroke).toBe('thick');
    expect(edge(flow, proxy.id, listen.id)?.text).toBe('tcp 60000 → 8080');
    expect(groupOf(flow, eth0.id)?.title).toBe('container whoami-port60000');
  });

  it('step 4 (slides): docker_gwbridge with ingress_sbox, the ingress overlay and its namespace', () => {
    const flow = flows[3]!;
    const gw = vertex(flow, /^10: docker_gwbridge \(bridge\)\n172\.18\.0\.1\/16\nUP/);
    const ingress = vertex(flow, /^ingress \(overlay network\)\n10\.255\.0\.0\/16/);
    const eth1 = vertex(flow, /^\d+: eth1@if\d+\n172\.18\.0\.2\/16$/);
    const eth0 = vertex(flow, /^\d+: eth0@if\d+\n10\.255\.0\.2\/16$/);
    expect(groupOf(flow, eth1.id)?.title).toMatch(/^Docker sandbox ingress.sbox$/);
    expect(groupOf(flow, eth0.id)).toBe(groupOf(flow, eth1.id));
    const br0 = vertex(flow, /^\d+: br0 \(bridge\)\n10\.255\.0\.1\/16$/);
    expect(edge(flow, ingress.id, br0.id)).toBeTruthy();
    expect(groupOf(flow, br0.id)?.title).toMatch(/^ingress overlay: namespace /);
    const veth = flow.edges.find((e) => e.end === eth1.id && e.stroke === 'thick')!;
    expect(edge(flow, gw.id, veth.start)).toBeTruthy();
  });

  it('the real-engine bundles: their own names and addresses, the lab uplink with its LAN', () => {
    const [e2, e3, e4] = flows.slice(4) as [ParsedFlow, ParsedFlow, ParsedFlow];
    for (const flow of [e2, e3, e4]) {
      const lan = vertex(flow, /^LAN \d+\.\d+\.\d+\.\d+\/\d+\ngateway /);
      expect(flow.edges.some((e) => e.start === lan.id && e.text === 'default route')).toBe(true);
    }
    expect(vertex(e2, /docker0 \(bridge\)\n172\.17\.0\.1\/16\nDOWN/).classes).toContain('down');
    const published = vertex(e3, /^host :\d+\ndocker-proxy$/);
    expect(e3.edges.find((e) => e.start === published.id && e.type === 'arrow_point')?.text).toMatch(
      /^tcp \d+ → \d+$/,
    );
    expect(vertex(e4, /^ingress \(overlay network\)/).classes).toEqual(['overlay']);
  });
});
