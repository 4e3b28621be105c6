/**
 * Questions on the four slide steps (built from samples/ with the real pipeline, so the file texts
 * are there to check evidence against), on the real-engine captures, and on a modified model to
 * prove that answers come from the data, not from text keyed to the samples.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSteps } from '../src/analyses/analyze.js';
import { questions } from '../src/analyses/questions/index.js';
import { runQuestion, runQuestions } from '../src/analyses/run-questions.js';
import type { AnalysisInput, Answer, Question } from '../src/analyses/types.js';
import type { StepModel } from '../src/model/types.js';
import { buildReport } from '../src/pipeline.js';
import { analysesView } from '../src/render/view-analyses.js';
import type { Report, ReportStep } from '../src/report/types.js';

const root = join(import.meta.dirname, '..');
let report: Report;

const input = (s: ReportStep): AnalysisInput => ({ meta: s.meta, model: s.model, commands: s.commands });
const byId = (answers: Answer[], id: string) => answers.find((a) => a.id === id)!;

function expectEvidenceExists(step: ReportStep, a: Answer) {
  for (const e of a.evidence) {
    const f = step.files.find((x) => x.path === e.file);
    expect(f, `${a.id}: ${e.file} is not a file of ${step.anchor}`).toBeDefined();
    if (e.line !== undefined) {
      const lines = f!.text.replace(/\n$/, '').split('\n');
      expect(e.line, `${a.id}: ${e.file}:${e.line}`).toBeGreaterThanOrEqual(1);
      expect(e.line, `${a.id}: ${e.file}:${e.line}`).toBeLessThanOrEqual(lines.length);
    }
  }
}

beforeAll(async () => {
  report = await buildReport([1, 2, 3, 4].map((n) => join(root, `samples/slides-step${n}`)));
});

const expected: Record<number, string[]> = {
  1: ['host-interfaces', 'host-bridges', 'host-routes', 'host-sockets'],
  2: [
    'host-interfaces',
    'host-bridges',
    'host-routes',
    'host-sockets',
    'default-bridge-interface',
    'default-bridge-state',
    'default-bridge-ports',
    'default-bridge-subnet',
    'bridge-vs-interface',
    'linkdown-route',
    'docker-networks',
  ],
  3: ['veth-peer', 'default-bridge-state', 'proxy-dual-stack', 'container-network', 'container-processes'],
  4: ['gwbridge', 'ingress-sandbox', 'veth-peer', 'docker-networks'],
};

describe('questions on the slide steps', () => {
  it('has 14 to 18 questions with unique kebab-case ids', () => {
    expect(questions.length).toBeGreaterThanOrEqual(14);
    expect(questions.length).toBeLessThanOrEqual(18);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) expect(q.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const [n, ids] of Object.entries(expected)) {
    it(`step ${n}: the seed's questions are answered, with evidence that exists`, () => {
      const step = report.steps[Number(n) - 1]!;
      const answers = runQuestions(input(step));
      for (const id of ids) {
        const a = byId(answers, id);
        expect(a.status, `${id}: ${a.reason}`).toBe('answered');
        expect(a.answer.length).toBeGreaterThan(40);
        expect(a.evidence.length, id).toBeGreaterThan(0);
      }
      for (const a of answers) {
        expect(a.status).not.toBe('error');
        expect(a.answer).not.toMatch(/<\/?[a-z][a-z0-9]*(\s[^>]*)?>/);
        expectEvidenceExists(step, a);
      }
    });
  }

  it('step 1: no bridges, sockets identified generically, Docker questions not applicable', () => {
    const answers = runQuestions(input(report.steps[0]!));
    expect(byId(answers, 'host-bridges').answer).toMatch(/None/);
    expect(byId(answers, 'host-bridges').answer).toMatch(/Spanning Tree/);
    const sockets = byId(answers, 'host-sockets').answer;
    expect(sockets).toMatch(/systemd-resolved/);
    expect(sockets).toMatch(/OpenSSH server/);
    expect(sockets).toMatch(/SSH login session \(user root on pts\/0\) from pc-home2\.home/);
    const na = byId(answers, 'default-bridge-state');
    expect(na.status).toBe('not-applicable');
    expect(na.reason).toMatch(/Docker is not installed/);
  });

  it('step 2: docker0 DOWN without ports, its subnet, the linkdown route, bridge id vs MAC', () => {
    const answers = runQuestions(input(report.steps[1]!));
    expect(byId(answers, 'default-bridge-state').question).toBe('Why is `docker0` DOWN (NO-CARRIER)?');
    expect(byId(answers, 'default-bridge-state').answer).toMatch(/no port at all/);
    expect(byId(answers, 'default-bridge-subnet').facts).toContainEqual({
      label: 'subnet',
      value: '172.17.0.0/16',
    });
    expect(byId(answers, 'linkdown-route').answer).toMatch(/`linkdown` says the device has no carrier/);
    expect(byId(answers, 'bridge-vs-interface').answer).toMatch(
      /differs from the interface's `02:42:a5:fc:1c:e7`/,
    );
    expect(byId(answers, 'docker-networks').answer).toMatch(/`bridge`, `host`,? and `none`/);
  });

  it('step 3: veth9c996da@if4 and eth0@if5, docker-proxy on :::60000, PID 1 npm', () => {
    const answers = runQuestions(input(report.steps[2]!));
    const v = byId(answers, 'veth-peer');
    expect(v.question).toBe('Where is interface 4, and what does `veth9c996da@if4` mean?');
    expect(v.answer).toMatch(/`4: eth0@if5`/);
    expect(v.answer).toMatch(/link-netnsid 0/);
    const p = byId(answers, 'proxy-dual-stack');
    expect(p.answer).toMatch(/IPv4-mapped/);
    expect(p.facts).toContainEqual({ label: 'net.ipv6.bindv6only', value: 'not captured' });
    const c = byId(answers, 'container-network');
    expect(c.answer).toMatch(/default via 172\.17\.0\.1 dev eth0/);
    expect(c.answer).toMatch(/host's bridge `docker0`/);
    const ps = byId(answers, 'container-processes');
    expect(ps.answer).toMatch(/PID 1 is `npm`/);
    expect(ps.answer).toMatch(/`node server\.js` \(PID 21\)/);
    expect(ps.answer).toMatch(/host PID 3515/);
  });

  it('step 4: docker_gwbridge vs docker0, the ingress sandbox', () => {
    const answers = runQuestions(input(report.steps[3]!));
    expect(byId(answers, 'gwbridge').answer).toMatch(/`enable_icc` is `false`/);
    const i = byId(answers, 'ingress-sandbox');
    expect(i.answer).toMatch(/`10\.255\.0\.0\/16`/);
    expect(i.answer).toMatch(/Docker sandbox ingress_sbox/);
    expect(i.answer).toMatch(/VXLAN id 4096/);
  });

  it('suggests labels from the content', () => {
    const a = analyzeSteps(report.steps.map(input));
    expect(a.map((x) => x.suggestedLabel)).toEqual([
      'Host without Docker',
      'Docker engine, no containers',
      '1 container',
      'swarm manager, 1 container',
    ]);
  });
});

/** Rename the default bridge and move its subnet: every answer must follow the data. */
function renamed(model: StepModel): StepModel {
  const m = JSON.parse(JSON.stringify(model)) as StepModel;
  const sub = (s: string) => s.replace(/docker0/g, 'br-custom').replace(/172\.17\./g, '10.42.');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return sub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k === 'file' ? k : sub(k), k === 'file' ? x : walk(x)]),
      );
    return v;
  };
  return walk(m) as StepModel;
}

describe('answers come from the data', () => {
  it('a renamed bridge and another subnet change the answers', () => {
    for (const n of [2, 3]) {
      const step = report.steps[n - 1]!;
      const model = renamed(step.model);
      const answers = runQuestions({ ...input(step), model });
      for (const id of [
        'default-bridge-interface',
        'default-bridge-state',
        'default-bridge-subnet',
        'bridge-vs-interface',
        'linkdown-route',
      ]) {
        const a = byId(answers, id);
        expect(a.status, `${id}: ${a.reason}`).toBe('answered');
        expect(`${a.question}\n${a.answer}`, id).toMatch(/br-custom/);
        expect(`${a.question}\n${a.answer}`, id).not.toMatch(/docker0|172\.17\./);
      }
      expect(byId(answers, 'default-bridge-subnet').facts).toContainEqual({
        label: 'subnet',
        value: '10.42.0.0/16',
      });
      if (n === 3) {
        expect(byId(answers, 'container-network').answer).toMatch(/default via 10\.42\.0\.1/);
        expect(byId(answers, 'container-network').answer).not.toMatch(/172\.17\./);
      }
    }
  });

  it('a question that throws becomes an error answer', () => {
    const boom: Question = {
      id: 'boom',
      needs: [],
      question: () => 'Does it crash?',
      appliesTo: () => true,
      answer: () => {
        throw new Error('kaboom');
      },
    };
    const a = runQuestion(boom, input(report.steps[0]!));
    expect(a.status).toBe('error');
    expect(a.reason).toMatch(/kaboom/);
  });

  it('the real engine captures give different, correct answers', async () => {
    const engine = await buildReport([2, 3, 4].map((n) => join(root, `samples/engine-step${n}.tar.gz`)));
    const [s2, s3, s4] = engine.steps.map((s) => runQuestions(input(s)));
    expect(byId(s2!, 'default-bridge-state').answer).toMatch(/no port at all/);
    const v = byId(s3!, 'veth-peer');
    expect(v.status).toBe('answered');
    const hostVeth = engine.steps[1]!.model.namespaces[0]!.interfaces.find(
      (i) => i.kind === 'veth' && i.master,
    )!;
    expect(v.question).toContain(`${hostVeth.name}@if${hostVeth.peerIfindex}`);
    expect(v.answer).toMatch(/container whoami/);
    const p = byId(s3!, 'proxy-dual-stack');
    expect(p.answer).toMatch(/two sockets/);
    expect(p.facts).toContainEqual({ label: 'net.ipv6.bindv6only', value: expect.any(String) });
    expect(byId(s3!, 'container-processes').answer).toMatch(/PID 1 is `httpd/);
    expect(byId(s4!, 'ingress-sandbox').answer).toMatch(/`10\.0\.0\.0\/24`/);
    engine.steps.forEach((step, i) => {
      for (const a of [s2, s3, s4][i]!) {
        expect(a.status).not.toBe('error');
        expectEvidenceExists(step, a);
      }
    });
  });
});

describe('analyses view', () => {
  it('handout shows questions without answers; review shows findings; answers shows the key', () => {
    const step = report.steps[2]!;
    const [a] = analyzeSteps([input(step)]);
    const handout = analysesView(step, a!, 'handout');
    expect(handout.showAnswers).toBe(false);
    expect(handout.showFindings).toBe(false);
    expect(handout.questions.every((q) => q.answered)).toBe(true);
    const review = analysesView(step, a!, 'review');
    expect(review.showFindings).toBe(true);
    expect(review.questions.length).toBe(questions.length);
    const q = review.questions.find((x) => x.id === 'veth-peer')!;
    expect(q.evidence[0]!.href).toMatch(/^#step-3-f\d+-L\d+$/);
    expect(q.blocks.some((b) => b.parts.some((p) => p.code))).toBe(true);
  });
});

describe('findings of one kind on a big host', () => {
  it('stand together, the first three in full and the rest folded, none lost', async () => {
    const { generateBundle, writeBundle } = await import('../bench/generate.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { renderHtml } = await import('../src/render/html.js');
    const dir = mkdtempSync(join(tmpdir(), 'dockernet-fold-'));
    try {
      const file = await writeBundle(
        generateBundle({ containers: 80, networks: 4, sockets: 400, routes: 50, processes: 200, seed: 3 }),
        join(dir, 'host.tar.gz'),
      );
      const big = await buildReport([file]);
      const step = big.steps[0]!;
      const a = step.analysis!;
      const view = analysesView(step, a, 'review');
      const rows = view.findings.rows;
      expect(rows).toHaveLength(a.findings.length);
      const count = new Map<string, number>();
      for (const f of a.findings) count.set(f.kind, (count.get(f.kind) ?? 0) + 1);
      const folded = [...count].filter(([, n]) => n >= 6);
      expect(folded.length).toBeGreaterThan(0);
      for (const [kind, n] of count) {
        const of = rows.map((r, i) => ({ r, i })).filter((x) => x.r.kind === kind);
        // Together: one run of rows.
        expect(of.at(-1)!.i - of[0]!.i + 1, kind).toBe(n);
        const starts = of.filter((x) => x.r.foldStart !== undefined);
        const ends = of.filter((x) => x.r.foldEnd);
        if (n >= 6) {
          expect(
            starts.map((x) => x.i - of[0]!.i),
            kind,
          ).toEqual([3]);
          expect(starts[0]!.r.foldStart).toContain(`${n - 3} more findings of this kind`);
          expect(
            ends.map((x) => x.i),
            kind,
          ).toEqual([of.at(-1)!.i]);
        } else {
          expect(starts.length + ends.length, kind).toBe(0);
        }
      }
      // Every finding is in the page; the folded ones inside a closed <details>.
      const html = renderHtml(big, { compact: false });
      for (const f of a.findings) expect(html).toContain(f.subject.replace(/&/g, '&amp;'));
      expect(html.match(/<li class="f-fold"><details><summary>/g)?.length).toBe(folded.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
