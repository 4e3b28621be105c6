/**
 * Findings from packet paths, on real captures: the engine sample (Docker 20.10, no host
 * firewall) and the varied real-engine scenario (test/scripts/engine-varied.sh: INPUT policy
 * DROP like ufw, a DOCKER-USER DROP for 8080 on eth0, an internal network, ICC off, a port
 * published on 127.0.0.1) on Docker 20.10 and 28.5. Each path kind is raised where the engine's
 * rules let the packet through and kept quiet where they do not.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFindings } from '../src/analyses/findings/index.js';
import { stepReach } from '../src/analyses/reach.js';
import type { Finding, FindingKind } from '../src/analyses/types.js';
import type { StepModel } from '../src/model/types.js';
import { buildReport } from '../src/pipeline.js';
import type { Report } from '../src/report/types.js';
import { captureVaried, type EngineVersion, variedSupport } from './helpers/docker-engine.js';
import { sandboxRequired, skipLoudly } from './helpers/netns.js';

const root = join(import.meta.dirname, '..');

const findingsOf = (r: Report): Finding[] => r.steps[0]!.analysis!.findings;
const kindsOf = (fs: Finding[]) => fs.map((f) => f.kind);
const one = (fs: Finding[], kind: FindingKind, subject?: string) =>
  fs.filter((f) => f.kind === kind && (subject === undefined || f.subject === subject));

/** Findings of a model whose host FORWARD (and raw PREROUTING) accept everything: what `--iptables=false` leaves. */
function openForward(model: StepModel): Finding[] {
  const m = structuredClone(model);
  // Docker 28's raw PREROUTING drops for container addresses from other interfaces go too.
  for (const t of m.namespaces.find((n) => n.id === 'host')?.firewall?.tables ?? [])
    for (const c of t.chains)
      if (c.hook === 'forward' || (c.hook === 'prerouting' && t.name === 'raw')) {
        c.rules = [];
        c.policy = 'accept';
      }
  return runFindings({
    meta: {
      formatVersion: 1,
      collector: { name: 't', version: '0' },
      hostname: 'h',
      capturedAt: null,
      step: '',
      scopes: {},
    },
    model: m,
    commands: [],
    reach: stepReach(m),
  });
}

describe('findings from paths: engine sample (Docker 20.10, no host firewall)', () => {
  let r: Report;
  beforeAll(async () => {
    r = await buildReport([join(root, 'samples', 'engine-step3.tar.gz')]);
  });
  it('published-on-all-addresses is raised from the delivered path, with its evidence and path', () => {
    const [f] = one(findingsOf(r), 'published-on-all-addresses', 'tcp/60000');
    expect(f?.detail).toMatch(/gets through at 10\.99\.0\.2/);
    expect(f?.path).toBeDefined();
    const p = r.steps[0]!.analysis!.reach!.paths[f!.path!]!;
    expect(p.verdict).toBe('delivered');
    expect(f?.evidence).toContainEqual({ file: 'host/iptables-save.out', line: 36 });
  });
  it('no INPUT drops it: the ufw finding stays quiet, and no path kind is raised without cause', () => {
    const k = kindsOf(findingsOf(r));
    expect(k).not.toContain('published-port-bypasses-input');
    expect(k).not.toContain('published-port-filtered');
    expect(k).not.toContain('internal-network-reachable');
  });
});

describe('findings from paths: slides sample without firewall capture', () => {
  it('published-on-all-addresses falls back to the bind address and says the path is unknown', async () => {
    const r = await buildReport([join(root, 'samples', 'slides-step3')]);
    const [f] = one(findingsOf(r), 'published-on-all-addresses');
    expect(f?.detail).toMatch(/not known \(no firewall capture exists for host\)/);
    expect(f?.path).toBeUndefined();
  });
});

for (const engine of ['20.10', '28.5'] as EngineVersion[]) {
  const support = variedSupport(engine);
  if (!support.ok) skipLoudly(`findings from paths on the varied scenario, Docker ${engine}`, support.reason);
  if (!support.ok && sandboxRequired)
    describe(`findings from paths, Docker ${engine}: sandbox required`, () => {
      it('can run this engine in a namespace sandbox', () => expect.fail(support.ok ? '' : support.reason));
    });
  describe.runIf(support.ok)(`findings from paths: varied scenario on Docker ${engine}`, () => {
    let r: Report;
    let fs: Finding[];
    beforeAll(async () => {
      const run = await captureVaried(undefined, { engine, userlandProxy: true });
      r = await buildReport([run.bundle]);
      fs = findingsOf(r);
    }, 300_000);

    it('published-port-bypasses-input: 60000 and 8089 get through although INPUT drops them', () => {
      for (const port of ['tcp/60000', 'tcp/8089']) {
        const [f] = one(fs, 'published-port-bypasses-input', port);
        expect(f?.detail, port).toMatch(/policy DROP of filter INPUT/);
        expect(r.steps[0]!.analysis!.reach!.paths[f!.path!]!.verdict).toBe('delivered');
      }
      expect(one(fs, 'published-on-all-addresses', 'tcp/60000')).toEqual([]);
    });

    it('the 8080 DOCKER-USER rule: filtered on IPv4 (20.10), and on 28.5 the IPv6 path it does not cover', () => {
      if (engine === '20.10') {
        const [f] = one(fs, 'published-port-filtered', 'tcp/8080');
        expect(f?.detail).toMatch(/DOCKER-USER/);
      } else {
        const [f] = one(fs, 'published-port-bypasses-input', 'tcp/8080');
        expect(f?.detail).toMatch(/fd99::2/);
      }
    });

    it('127.0.0.1:9000: reachable from the LAN on 20.10 (DNAT before the martian check), contained by raw PREROUTING on 28.5', () => {
      if (engine === '20.10') {
        const [f] = one(fs, 'loopback-published-reachable');
        expect(f?.detail).toMatch(/delivered to httpd .* in container:admin/);
        expect(kindsOf(fs)).not.toContain('loopback-published-contained');
      } else {
        const [f] = one(fs, 'loopback-published-contained');
        expect(f?.detail).toMatch(/raw PREROUTING/);
        expect(kindsOf(fs)).not.toContain('loopback-published-reachable');
      }
    });

    it('internal network backend and the networks stay isolated: info, and the opposite kinds stay quiet', () => {
      expect(one(fs, 'internal-network-isolated', 'backend')).toHaveLength(1);
      expect(one(fs, 'networks-isolated')).toHaveLength(1);
      expect(kindsOf(fs)).not.toContain('internal-network-reachable');
      expect(kindsOf(fs)).not.toContain('networks-reach-each-other');
    });

    it('with FORWARD accepting everything, the internal network and the other networks are reached', () => {
      const open = openForward(r.steps[0]!.model);
      expect(one(open, 'internal-network-reachable', 'backend')).toHaveLength(1);
      expect(kindsOf(open)).toContain('networks-reach-each-other');
      // hostnet runs with --network host: it is the host, which reaches every bridge it holds.
      for (const f of one(open, 'networks-reach-each-other')) expect(f.subject).not.toMatch(/^(host|none)\b/);
      expect(kindsOf(open)).not.toContain('internal-network-isolated');
      expect(kindsOf(open)).not.toContain('networks-isolated');
    });
  });
}
