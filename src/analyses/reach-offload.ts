/**
 * The reachability matrix of a big step on a second thread (issue 13, the 1,000-container host):
 * the matrix needs only the model, and the questions and the findings but `paths` do not need
 * the matrix, so the main thread answers them while a worker thread traces the packets
 * (docs/performance.md, "The 1,000-container host: session 6"). The worker gets a structured
 * clone of the model (plain JSON data, like every stage's output) and posts back the same
 * StepReach that stepReach gives in-process; small steps stay in-process (a worker's start
 * costs more than their matrix). Any failure of the worker itself (not found, crashed) falls
 * back to stepReach in-process, so the result never depends on the thread.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../i18n/index.js';
import type { StepModel } from '../model/types.js';
import { type StepReach, stepReach } from './reach.js';

/** A step's matrix or the message of the error it threw (as stepReach would have thrown it). */
export type ReachOutcome = { reach: StepReach } | { error: string };

/**
 * Below this many namespaces the matrix is computed in-process: the slides' steps have 3-10 and
 * their matrix takes milliseconds; a worker costs ~50 ms of start and the model's clone. The
 * 250-container host of the bench (~250 namespaces) already gains.
 */
export const OFFLOAD_MIN_NAMESPACES = 100;

/** 'auto': a worker for big steps; 'always' (tests) and 'never' force one way. */
export type OffloadMode = 'auto' | 'always' | 'never';

/**
 * Whether read bundles are worth starting the thread for before they are parsed: ~6 files per
 * container namespace in a bundle, so this many files is about OFFLOAD_MIN_NAMESPACES.
 */
export const WARM_MIN_FILES = 500;

export function wantsOffload(model: StepModel, mode: OffloadMode = 'auto'): boolean {
  if (mode !== 'auto') return mode === 'always';
  return model.namespaces.length >= OFFLOAD_MIN_NAMESPACES;
}

/** stepReach in-process, as an outcome. */
export function reachHere(model: StepModel, lang: Lang): ReachOutcome {
  try {
    return { reach: stepReach(model, lang) };
  } catch (e) {
    return { error: (e as Error)?.message ?? String(e) };
  }
}

/**
 * One worker thread for the steps of a run, started on the first request. `close` ends it (the
 * process would otherwise wait for it).
 */
export class ReachOffload {
  private worker: Worker | undefined;
  private failed = false;
  /** Matrices the worker thread computed (tests: the worker did run, no fallback). */
  answered = 0;
  private next = 0;
  private pending = new Map<number, { model: StepModel; lang: Lang; done: (o: ReachOutcome) => void }>();

  /** Requests made, by model and language: asked again, the same answer (no second trace). */
  private asked = new WeakMap<StepModel, Map<Lang, Promise<ReachOutcome>>>();

  /**
   * The step's matrix, computed on the worker (in-process if the worker cannot run). The
   * pipeline asks as soon as a step's model is built (the thread traces while the report's step
   * is assembled and the next bundle parsed); the analysis asks again and gets that answer.
   */
  reach(model: StepModel, lang: Lang): Promise<ReachOutcome> {
    let byLang = this.asked.get(model);
    if (!byLang) {
      byLang = new Map();
      this.asked.set(model, byLang);
    }
    let p = byLang.get(lang);
    if (!p) {
      p = this.request(model, lang);
      byLang.set(lang, p);
    }
    return p;
  }

  private request(model: StepModel, lang: Lang): Promise<ReachOutcome> {
    const w = this.failed ? undefined : this.start();
    if (!w) return Promise.resolve(reachHere(model, lang));
    const id = this.next++;
    return new Promise<ReachOutcome>((done) => {
      this.pending.set(id, { model, lang, done });
      try {
        w.postMessage({ id, model: forReach(model), lang });
      } catch {
        // Not cloneable (never expected of a model): in-process.
        this.pending.delete(id);
        done(reachHere(model, lang));
      }
    });
  }

  /**
   * Starts the thread now (its start and module loading, ~0.15 s, then overlap the parse and
   * the model), when the inputs look big enough that a step will want it (`looksBig`).
   */
  warm(): void {
    if (!this.failed) this.start();
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const w = new Worker(...workerEntry());
      w.on('message', (m: { id: number } & ReachOutcome) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.answered++;
        p.done('reach' in m ? { reach: m.reach } : { error: m.error });
      });
      // The worker could not load or died: what it had not answered is computed here.
      const fail = () => {
        this.failed = true;
        this.worker = undefined;
        const left = [...this.pending.values()];
        this.pending.clear();
        for (const p of left) p.done(reachHere(p.model, p.lang));
      };
      w.on('error', fail);
      w.on('exit', () => {
        if (this.pending.size > 0) fail();
      });
      this.worker = w;
      return w;
    } catch {
      this.failed = true;
      return undefined;
    }
  }
}

/**
 * The model as the worker gets it: each namespace with its listening sockets only. The evaluator
 * reads no other socket (reach/matrix.ts makes destinations of listeners, reach/trace.ts
 * delivers to them), and the others are more than half of the clone on a big host (the
 * host's 20,000 connections: 8 of 15 MB). test/reach-offload.test.ts compares the matrices.
 */
function forReach(model: StepModel): StepModel {
  return {
    ...model,
    namespaces: model.namespaces.map((ns) => ({ ...ns, sockets: ns.sockets.filter((s) => s.listening) })),
  };
}

/**
 * The worker's script next to this module: reach-worker.js in tsc's dist/ and in the esbuild
 * bundle (dist/app/, an entry of its own: scripts/bundle-cli.mjs), reach-worker.ts when running
 * from the sources (tsx, vitest): then the worker registers tsx's loader first, as
 * bin/dockernet.js does.
 */
function workerEntry(): [string | URL, { eval?: boolean; execArgv: string[] }] {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./reach-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  // The process's flags but `--input-type` (a run from `node --input-type=module -e`, as the
  // bench's profile does): a worker started from a file refuses it.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  if (!fromSource) return [script, { execArgv }];
  // tsx's ESM entry (its CommonJS one cannot register the loader in a worker).
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); });`;
  return [boot, { eval: true, execArgv }];
}
