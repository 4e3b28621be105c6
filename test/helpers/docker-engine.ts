/**
 * A real Docker engine (Debian docker.io's dockerd), isolated in fresh namespaces by
 * test/scripts/engine-steps.sh, driven through the slides' steps 2-4 with the collector run at
 * each step. Reusable: the collector tests assert on the bundles, the report tests can run
 * `dockernet report` on them, and test/scripts/capture-engine-samples.sh keeps them as samples.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lockOrDone } from './dir-lock.js';
import {
  collectorPath,
  runInSandbox,
  type Support,
  sandboxSupport,
  scriptsDir,
  tail,
  which,
} from './netns.js';

export interface EngineSteps {
  /** Step 2: the engine, no container. */
  step2: string;
  /** Step 3: `docker run -d --name whoami -p 60000:8080 local/busybox httpd -f -p 8080`. */
  step3: string;
  /** Step 4: after `docker swarm init --advertise-addr 10.99.0.2`. */
  step4: string;
  /** Step 3 again, with --no-nsenter and the exec root left to auto-detection. */
  step3Procfs: string;
  /** The output folder: also truth/<step>/ (what the engine and kernel said), state-*.txt, logs. */
  dir: string;
  /** The scenario's own log (stderr). */
  log: string;
  ms: number;
}

export const ENGINE_TOOLS = [
  'dockerd',
  'docker',
  'containerd',
  'runc',
  'busybox',
  'dash',
  'iptables-save',
  'nft',
];

/** Can this machine run the engine scenario? Root, unshare, dockerd and a static busybox. */
export function engineSupport(): Support {
  const base = sandboxSupport(ENGINE_TOOLS);
  if (!base.ok) return base;
  if (!existsSync('/bin/busybox')) return { ok: false, reason: '/bin/busybox (busybox-static) is missing' };
  return base;
}

/**
 * Run the three steps and write engine-step{2,3,4}.tar.gz (and the rest, see EngineSteps) into
 * outDir. About a minute on an idle 2-core machine (the scenario is killed after 280 s by
 * default); throws with the scenario's log when a step fails.
 */
export async function captureEngineSteps(
  outDir: string,
  opts: { timeoutMs?: number; shell?: string } = {},
): Promise<EngineSteps> {
  const env = { ...process.env, COLLECT_SHELL: opts.shell ?? 'dash' };
  const run = await runInSandbox(join(scriptsDir, 'engine-steps.sh'), [outDir], {
    timeoutMs: opts.timeoutMs ?? 280_000,
    env,
  });
  const steps: EngineSteps = {
    step2: join(outDir, 'engine-step2.tar.gz'),
    step3: join(outDir, 'engine-step3.tar.gz'),
    step4: join(outDir, 'engine-step4.tar.gz'),
    step3Procfs: join(outDir, 'engine-step3-procfs.tar.gz'),
    dir: outDir,
    log: run.stderr,
    ms: run.ms,
  };
  const missing = [steps.step2, steps.step3, steps.step4, steps.step3Procfs].filter((p) => !existsSync(p));
  if (run.code !== 0 || missing.length) {
    throw new Error(
      `engine scenario failed (exit ${run.code}, signal ${run.signal}; missing: ${missing.join(', ') || 'none'})\n` +
        tail(run.stderr, 60),
    );
  }
  return steps;
}

// ---------------------------------------------------------------- the varied scenario

export type EngineVersion = '20.10' | '28.5';

export interface VariedOptions {
  engine: EngineVersion;
  /** dockerd's "userland-proxy" (daemon.json); default true. */
  userlandProxy?: boolean;
  timeoutMs?: number;
  shell?: string;
}

export interface VariedRun {
  /** The output folder: varied.tar.gz, truth/, probes.json, collect.log, dockerd.log, timings.txt. */
  dir: string;
  bundle: string;
  truthDir: string;
  probes: string;
  /** The scenario's own log (stderr); empty when the run was reused. */
  log: string;
  /** How long the scenario took (when reused: how long it took then). */
  ms: number;
  /** True when a complete earlier run with the same scripts was reused. */
  reused: boolean;
}

/** Where Docker 28.5 is unpacked (.ci/run exports DOCKERNET_DOCKER28). */
export const docker28Root = process.env.DOCKERNET_DOCKER28 ?? '/opt/dockernet/docker28/root';

/** Can this machine run the varied scenario on this engine? */
export function variedSupport(engine: EngineVersion): Support {
  const base = engineSupport();
  if (!base.ok) return base;
  if (!which('node')) return { ok: false, reason: 'node is not on PATH (probe.mjs runs in the sandbox)' };
  if (engine === '28.5' && !existsSync(join(docker28Root, 'usr', 'sbin', 'dockerd'))) {
    return {
      ok: false,
      reason: `no Docker 28.5 in ${docker28Root} (sh scripts/fetch-docker28.sh /opt/dockernet/docker28)`,
    };
  }
  return base;
}

const VARIED_INPUTS = [
  join(scriptsDir, 'engine-varied.sh'),
  join(scriptsDir, 'engine-lib.sh'),
  join(scriptsDir, 'sandbox-guard.sh'),
  join(scriptsDir, 'probe.mjs'),
  collectorPath,
];

/**
 * The default folder of a varied run: keyed by engine, userland proxy and a hash of everything
 * that makes the run (the scripts and the collector), so a changed script never reuses old output.
 */
export function variedDir(opts: VariedOptions): string {
  const h = createHash('sha256');
  for (const f of VARIED_INPUTS) h.update(readFileSync(f));
  const key = `${opts.engine}-proxy-${opts.userlandProxy === false ? 'off' : 'on'}-${h.digest('hex').slice(0, 12)}`;
  return join(tmpdir(), 'dockernet-varied', key);
}

const variedRuns = new Map<string, Promise<VariedRun>>();

/**
 * Run test/scripts/engine-varied.sh once for this engine and proxy setting, in outDir (default
 * variedDir(opts)), and give the paths of its bundle, truth and probes. One run per key and
 * process (concurrent callers share the promise) and across processes (vitest's workers, other
 * worktrees' tests: the lock folder `<dir>.lock` of ./dir-lock.ts, whose holder alone removes
 * and makes the folder; the others wait for its marker). A complete earlier run in the same
 * folder (marker file `complete`, written last) is reused, so the collector, model and evaluator
 * tests all read the same scenario. About 50-70 s per engine on an idle 2-core machine.
 */
export function captureVaried(outDir: string | undefined, opts: VariedOptions): Promise<VariedRun> {
  const dir = outDir ?? variedDir(opts);
  let run = variedRuns.get(dir);
  if (!run) {
    run = runVaried(dir, opts);
    variedRuns.set(dir, run);
    run.catch(() => variedRuns.delete(dir));
  }
  return run;
}

async function runVaried(dir: string, opts: VariedOptions): Promise<VariedRun> {
  const paths = {
    dir,
    bundle: join(dir, 'varied.tar.gz'),
    truthDir: join(dir, 'truth'),
    probes: join(dir, 'probes.json'),
  };
  const marker = join(dir, 'complete');
  const timeoutMs = opts.timeoutMs ?? 240_000;
  mkdirSync(dirname(dir), { recursive: true });
  const lock = await lockOrDone(`${dir}.lock`, () => existsSync(marker), {
    // The owner's run, plus its own wait for an earlier owner.
    timeoutMs: 2 * timeoutMs + 60_000,
    onWait: (o) =>
      console.info(`varied scenario ${dir}: another process (pid ${o?.pid ?? '?'}) is making it; waiting`),
  });
  if (lock.kind === 'done') {
    const ms = Number(readFileSync(marker, 'utf8').trim()) || 0;
    return { ...paths, log: '', ms, reused: true };
  }
  try {
    return await runVariedLocked(dir, paths, marker, timeoutMs, opts);
  } finally {
    lock.release();
  }
}

async function runVariedLocked(
  dir: string,
  paths: Omit<VariedRun, 'log' | 'ms' | 'reused'>,
  marker: string,
  timeoutMs: number,
  opts: VariedOptions,
): Promise<VariedRun> {
  // Only the lock's holder gets here: an incomplete folder is a failed or killed earlier run.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    COLLECT_SHELL: opts.shell ?? 'dash',
    DOCKERNET_ENGINE: opts.engine,
    DOCKERNET_USERLAND_PROXY: opts.userlandProxy === false ? 'false' : 'true',
    DOCKERNET_DOCKER28: docker28Root,
  };
  const run = await runInSandbox(join(scriptsDir, 'engine-varied.sh'), [dir], {
    timeoutMs,
    env,
  });
  writeFileSync(join(dir, 'scenario.log'), run.stderr);
  const missing = [paths.bundle, join(paths.truthDir, 'meta.json'), paths.probes].filter(
    (p) => !existsSync(p),
  );
  if (run.code !== 0 || missing.length) {
    throw new Error(
      `varied scenario (${opts.engine}, userland-proxy ${opts.userlandProxy !== false}) failed ` +
        `(exit ${run.code}, signal ${run.signal}; missing: ${missing.join(', ') || 'none'})\n${tail(run.stderr, 60)}`,
    );
  }
  writeFileSync(marker, `${run.ms}\n`);
  return { ...paths, log: run.stderr, ms: run.ms, reused: false };
}
