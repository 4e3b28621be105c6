/**
 * The decisive test of the reachability evaluator (issue #12): real packets against
 * tracePacket and reachMatrix. test/scripts/engine-varied.sh builds a varied Docker host in
 * fresh namespaces (Debian's Docker 20.10, Docker 28.5, and 28.5 with "userland-proxy": false),
 * captures it with the collector, then sends REAL probes from every source namespace (the LAN,
 * the host, every container) to every listening socket and published port (probe.mjs: TCP
 * connect, UDP with an echo responder). Here the report is built from that bundle, every probe
 * is traced offline, and every conclusive disagreement fails. Cells the evaluator calls unknown
 * are listed apart with their reason; UDP probes without a reply to a service that answers
 * nobody are inconclusive (src/reach/probes.ts says why) and listed apart too.
 *
 * The scenario runs are shared with test/collector-varied.test.ts through captureVaried().
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../src/model/types.js';
import { buildReport } from '../src/pipeline.js';
import { sameAddress } from '../src/reach/addr.js';
import { reachMatrix } from '../src/reach/matrix.js';
import {
  compareWithProbes,
  type ProbeComparison,
  type ProbeFile,
  type ProbeReport,
} from '../src/reach/probes.js';
import { sourceNamespace } from '../src/reach/trace.js';
import type { PacketSource } from '../src/reach/types.js';
import { captureVaried, type EngineVersion, variedSupport } from './helpers/docker-engine.js';
import { sandboxRequired, skipLoudly } from './helpers/netns.js';
import { loadTruth, type Truth } from './support/engine-truth.js';

const CONFIGS: { engine: EngineVersion; userlandProxy: boolean }[] = [
  { engine: '20.10', userlandProxy: true },
  { engine: '28.5', userlandProxy: true },
  { engine: '28.5', userlandProxy: false },
];

const who = (f: PacketSource) =>
  f.kind === 'container' ? f.name : f.kind === 'outside' ? `outside:${f.uplink ?? ''}` : f.kind;
const cellText = (c: ProbeComparison) =>
  `${who(c.probe.from)} -> ${c.probe.to.address.includes(':') ? `[${c.probe.to.address}]` : c.probe.to.address}:${c.probe.to.port}/${c.probe.to.proto}: probe ${c.probe.result}${c.probe.detail ? ` (${c.probe.detail})` : ''}, evaluator ${c.verdict}: ${c.reason}`;

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

function summary(label: string, r: ProbeReport): string {
  const total = r.agreements.length + r.disagreements.length + r.unknown.length + r.inconclusive.length;
  const lines = [
    `reach vs probes, ${label}: ${total} cells; ${r.agreements.length} agree, ${r.disagreements.length} disagree, ${r.unknown.length} unknown, ${r.inconclusive.length} inconclusive`,
    `  agreements by verdict: ${JSON.stringify(countBy(r.agreements, (c) => `${c.verdict}/${c.probe.result}`))}`,
  ];
  for (const [reason, n] of Object.entries(
    countBy(r.unknown, (c) => (c.probe.result === 'error' ? `probe error: ${c.probe.detail}` : c.reason)),
  ))
    lines.push(`  unknown x${n}: ${reason}`);
  // Inconclusive cells by service (udp port of the namespace probed) and the evaluator's verdict.
  for (const [k, n] of Object.entries(
    countBy(
      r.inconclusive,
      (c) => `udp ${c.probe.to.port} (${c.probe.to.via ?? 'socket'}), evaluator ${c.verdict}`,
    ),
  ))
    lines.push(`  inconclusive x${n}: ${k}`);
  if (r.inconclusive[0]) lines.push(`  inconclusive because: ${r.inconclusive[0].why}`);
  for (const c of r.disagreements) lines.push(`  DISAGREE ${cellText(c)}`);
  return lines.join('\n');
}

for (const cfg of CONFIGS) {
  const label = `Docker ${cfg.engine}, userland-proxy ${cfg.userlandProxy}`;
  const support = variedSupport(cfg.engine);
  if (!support.ok)
    skipLoudly(`evaluator vs real probes on ${label} (test/reach-probes.test.ts)`, support.reason);
  if (!support.ok && sandboxRequired)
    describe(`evaluator vs real probes on ${label}: sandbox required`, () => {
      it('can run this engine in a namespace sandbox', () => {
        expect.fail(`DOCKERNET_REQUIRE_SANDBOX=1 but: ${support.ok ? '' : support.reason}`);
      });
    });

  describe.runIf(support.ok)(`evaluator vs real probes, ${label}`, () => {
    let model: StepModel;
    let truth: Truth;
    let file: ProbeFile;
    let r: ProbeReport;

    beforeAll(async () => {
      const run = await captureVaried(undefined, cfg);
      const report = await buildReport([run.bundle]);
      const step = report.steps[0];
      if (!step) throw new Error(`no step in the report of ${run.bundle}`);
      model = step.model;
      truth = loadTruth(run.truthDir);
      file = JSON.parse(readFileSync(run.probes, 'utf8')) as ProbeFile;
      r = compareWithProbes(model, file);
      console.info(summary(label, r));
    }, 600_000);

    const all = () => [...r.agreements, ...r.disagreements, ...r.unknown, ...r.inconclusive];
    /** The one probed cell, which must be conclusive and agree with the evaluator. */
    const cell = (from: string, address: string, port: number, proto: 'tcp' | 'udp' = 'tcp') => {
      const hits = all().filter(
        (c) =>
          who(c.probe.from).replace(/^outside:.*/, 'outside') === from &&
          sameAddress(c.probe.to.address, address) &&
          c.probe.to.port === port &&
          c.probe.to.proto === proto,
      );
      expect(hits, `probed once: ${from} -> ${address}:${port}/${proto}`).toHaveLength(1);
      const c = hits[0] as ProbeComparison;
      expect(r.agreements, `conclusive and agreeing: ${cellText(c)}`).toContain(c);
      return c;
    };
    const ipOf = (name: string, net: string, fam: 'ipv4' | 'ipv6' = 'ipv4') => {
      const ip = truth.containers.find((c) => c.name === name)?.networks.find((n) => n.name === net)?.[fam];
      if (!ip) throw new Error(`the engine gave ${name} no ${fam} address on ${net}`);
      return ip;
    };
    const delivered = (c: ProbeComparison, ns: string) => {
      expect(c.verdict, cellText(c)).toBe('delivered');
      expect(c.probe.result).toBe('connected');
      expect(c.path.delivered?.namespace).toBe(ns);
    };
    const notDelivered = (c: ProbeComparison) => {
      expect(c.verdict, cellText(c)).not.toBe('delivered');
      expect(c.probe.result).not.toBe('connected');
    };

    it('agrees with every conclusive probe', () => {
      expect(r.engine).toBe(truth.engine);
      expect(all().length).toBe(file.probes.length);
      expect(r.agreements.length).toBeGreaterThan(900);
      expect(r.disagreements.map(cellText)).toEqual([]);
    });

    it('says why for every unknown cell; probes themselves never errored', () => {
      for (const c of r.unknown) {
        expect(c.probe.result, cellText(c)).not.toBe('error');
        expect(c.reason, cellText(c)).toMatch(/^unknown, because .+/);
      }
    });

    it('keeps inconclusive only UDP probes without a reply to services that answer nobody', () => {
      for (const c of r.inconclusive) {
        expect(c.probe.to.proto, cellText(c)).toBe('udp');
        expect(c.probe.result, cellText(c)).toBe('timeout');
        expect(c.why).toMatch(/answered no probe/);
      }
      // The scenario's echo responders (whoami 5353 published, the host's 5354, db's 5353) make
      // their cells conclusive, from every source.
      const echoes = [ipOf('whoami', 'bridge'), ipOf('db', 'backend'), '10.99.0.2', '127.0.0.1'];
      const echoCells = all().filter(
        (c) =>
          c.probe.to.proto === 'udp' &&
          (c.probe.to.port === 5353 || c.probe.to.port === 5354) &&
          echoes.some((a) => sameAddress(a, c.probe.to.address)),
      );
      expect(echoCells.length).toBeGreaterThan(20);
      expect(echoCells.filter((c) => r.inconclusive.includes(c)).map(cellText)).toEqual([]);
    });

    describe('the story, cell by cell (probe and evaluator agree on each)', () => {
      it('the LAN reaches the published port 60000 although INPUT drops everything: DNAT goes through FORWARD', () => {
        const c = cell('outside', '10.99.0.2', 60000);
        delivered(c, 'container:whoami');
        expect(c.path.hops.some((h) => /FORWARD/.test(h.stage))).toBe(true);
        expect(c.path.hops.some((h) => /INPUT/.test(h.stage))).toBe(false);
        // The published UDP port too, with the echo in whoami answering.
        delivered(cell('outside', '10.99.0.2', 5353, 'udp'), 'container:whoami');
      });

      it('the LAN does not reach the host port 8081 (nor the host UDP echo 5354): INPUT policy DROP', () => {
        for (const c of [cell('outside', '10.99.0.2', 8081), cell('outside', '10.99.0.2', 5354, 'udp')]) {
          expect(c.verdict, cellText(c)).toBe('dropped');
          expect(c.reason).toMatch(/INPUT/);
          expect(c.probe.result).toBe('timeout');
        }
        expect(cell('outside', '10.99.0.2', 22).verdict).toBe('delivered');
        expect(cell('host', '127.0.0.1', 5354, 'udp').verdict).toBe('delivered');
      });

      it("the admin's DOCKER-USER rule drops the LAN to orders-api's 8080 (IPv4), published or direct", () => {
        const published = cell('outside', '10.99.0.2', 8080);
        expect(published.verdict, cellText(published)).toBe('dropped');
        expect(published.reason).toMatch(/DOCKER-USER/);
        expect(published.probe.result).toBe('timeout');
        // Straight to the container's address: 28.5's raw PREROUTING drops it even earlier.
        const direct = cell('outside', ipOf('orders-api', 'appnet'), 8080);
        expect(direct.verdict, cellText(direct)).toBe('dropped');
        expect(direct.reason).toMatch(cfg.engine === '28.5' ? /raw PREROUTING/ : /DOCKER-USER/);
        expect(direct.probe.result).toBe('timeout');
        // Over IPv6 the IPv4-only rule does not apply: 28.5 DNATs in ip6tables and delivers;
        // 20.10 has no ip6tables rules, so docker-proxy on [::] is behind the INPUT drop.
        const v6 = cell('outside', 'fd99::2', 8080);
        if (cfg.engine === '28.5') delivered(v6, 'container:orders-api');
        else expect(v6.verdict, cellText(v6)).toBe('dropped');
      });

      it('the internal network: db is unreachable from the LAN and other networks, reachable from orders-api', () => {
        const db = ipOf('db', 'backend');
        // (The host itself reaches it: backend's bridge is one of its own interfaces.)
        for (const from of ['outside', 'whoami', 'q1', 'admin']) {
          notDelivered(cell(from, db, 5432));
          notDelivered(cell(from, db, 5353, 'udp'));
        }
        delivered(cell('orders-api', db, 5432), 'container:db');
        delivered(cell('orders-api', db, 5353, 'udp'), 'container:db');
      });

      it('ICC off on quiet: q1 does not reach q2', () => {
        const c = cell('q1', ipOf('q2', 'quiet'), 80);
        expect(c.verdict, cellText(c)).toBe('dropped');
        expect(c.probe.result).toBe('timeout');
      });

      it("the port published on 127.0.0.1:9000 is the host's, not the LAN's", () => {
        delivered(cell('host', '127.0.0.1', 9000), 'container:admin');
        notDelivered(cell('outside', '10.99.0.2', 9000));
      });

      it('macvlan: the host cannot reach mv1, the LAN can', () => {
        const mv1 = ipOf('mv1', 'lanmv');
        const host = cell('host', mv1, 80);
        expect(host.verdict, cellText(host)).toBe('dropped');
        expect(host.reason).toMatch(/macvlan/);
        delivered(cell('outside', mv1, 80), 'container:mv1');
      });

      it('containers of different networks are isolated from each other', () => {
        notDelivered(cell('whoami', ipOf('orders-api', 'appnet'), 8080));
        notDelivered(cell('orders-api', ipOf('whoami', 'bridge'), 8080));
        notDelivered(cell('q1', ipOf('whoami', 'bridge'), 8080));
        notDelivered(cell('whoami', ipOf('q1', 'quiet'), 80));
        // ...but the same network is open: admin and orders-api share appnet.
        delivered(cell('admin', ipOf('orders-api', 'appnet'), 8080), 'container:orders-api');
      });

      it('the host reaches [::1]:8080 through docker-proxy; without it (28.5, proxy off) the kernel drops it', () => {
        const c = cell('host', '::1', 8080);
        if (cfg.userlandProxy) delivered(c, 'container:orders-api');
        else {
          expect(c.verdict, cellText(c)).toBe('dropped');
          expect(c.reason).toMatch(/IPv6 loopback never leaves lo/);
          expect(c.probe.result).toBe('timeout');
          // IPv4 loopback works: Docker sets route_localnet=1 and MASQUERADEs it.
          delivered(cell('host', '127.0.0.1', 8080), 'container:orders-api');
        }
      });
    });

    it('reachMatrix has a cell for every probed pair, with the verdict of tracePacket', () => {
      const m = reachMatrix(model);
      expect(m.aggregated).toBe(false);
      const nsOf = (f: PacketSource) => {
        if (f.kind === 'outside') return `outside:${f.uplink ?? ''}`;
        const s = sourceNamespace(model, f);
        return 'error' in s ? `? ${s.error}` : s.ns.id;
      };
      const rows = new Map(m.sources.map((s) => [nsOf(s.from), s.id]));
      const missing: ProbeComparison[] = [];
      const wrong: string[] = [];
      let found = 0;
      for (const c of all()) {
        const row = rows.get(nsOf(c.probe.from));
        const cells = m.cells.filter((x) => {
          if (x.source !== row) return false;
          const d = m.destinations.find((y) => y.id === x.destination);
          return (
            d !== undefined &&
            d.port === c.probe.to.port &&
            d.proto === c.probe.to.proto &&
            sameAddress(d.address, c.probe.to.address)
          );
        });
        if (cells.length === 0) {
          missing.push(c);
          continue;
        }
        found++;
        for (const x of cells)
          if (x.verdict !== c.verdict) wrong.push(`${cellText(c)}; matrix says ${x.verdict}`);
      }
      expect(wrong).toEqual([]);
      // Not in the matrix, by design, and said: (1) a container's own loopback sockets (Docker's
      // embedded DNS on 127.0.0.11), reachable from that container only, not a destination the
      // rows share; (2) a published port probed at a host address it is not published on (the
      // probes try every published port at every host address; 9000 is published on 127.0.0.1
      // only, and the matrix has that cell, which answers the LAN question).
      const published = (c: ProbeComparison) =>
        model.publishedPorts.some(
          (p) =>
            p.hostPort === c.probe.to.port &&
            p.proto === c.probe.to.proto &&
            (p.hostIp === '' ||
              (p.hostIp === '0.0.0.0' && !c.probe.to.address.includes(':')) ||
              (p.hostIp === '::' && c.probe.to.address.includes(':')) ||
              sameAddress(p.hostIp, c.probe.to.address)),
        );
      const why = (c: ProbeComparison) =>
        c.probe.from.kind === 'container' && /^(127\.|::1$)/.test(c.probe.to.address)
          ? 'own loopback'
          : c.probe.to.via === 'published' && !published(c)
            ? 'not published at this address'
            : 'MISSING';
      console.info(
        `matrix ${label}: ${found} probed cells found; not in the matrix: ${JSON.stringify(countBy(missing, why))}`,
      );
      expect(missing.filter((c) => why(c) === 'MISSING').map(cellText)).toEqual([]);
    });
  });
}
