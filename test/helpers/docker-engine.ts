/**
 * A real Docker engine (Debian docker.io's dockerd), isolated in fresh namespaces by
 * test/scripts/engine-steps.sh, driven through the slides' steps 2-4 with the collector run at
 * each step. Reusable: the collector tests assert on the bundles, the report tests can run
 * `dockernet report` on them, and test/scripts/capture-engine-samples.sh keeps them as samples.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runInSandbox, type Support, sandboxSupport, scriptsDir, tail } from './netns.js';

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
