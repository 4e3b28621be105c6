/**
 * A real three-node swarm cluster (test/scripts/engine-cluster.sh): three dockerd, each in its
 * own network, mount, UTS and PID namespaces, joined through a switch namespace; node1 manager,
 * node2 and node3 workers; an attachable overlay with a container on each node, a replicated
 * service; the overlay probed first, then the collector run on every node (one bundle per node in
 * one folder) and the engines' own view written as truth; then, where Debian's ansible is
 * installed, collector/ansible/collect.yml run against the three nodes. Shared by the collector's cluster test
 * (test/cluster-engine.test.ts) and the cluster report's tests, which read the same run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockOrDone } from './dir-lock.js';
import { docker28Root, type EngineVersion, engineSupport } from './docker-engine.js';
import {
  collectorPath,
  repoRoot,
  runInSandbox,
  type Support,
  sandboxRequired,
  scriptsDir,
  skipLoudly,
  tail,
  which,
} from './netns.js';

/** One engine for all three nodes, or `mixed`: node1 (the manager) 20.10, the workers 28.5. */
export type ClusterEngine = EngineVersion | 'mixed';

export interface ClusterOptions {
  engine: ClusterEngine;
  /**
   * Whole scenario; default 240 s, 360 s with the playbook. Measured on this 2-core machine: 31-41 s
   * per cluster when quiet, about 60 s under a load of 20; the playbook adds 30-45 s.
   */
  timeoutMs?: number;
  /** The shell that runs the collector on every node (default dash). */
  shell?: string;
  /**
   * Also run collector/ansible/collect.yml against the nodes (when ansible-playbook is installed).
   * Default: for the mixed cluster only, which has nodes of both engines: the playbook's second
   * capture of every node adds 30-40 s to a run.
   */
  ansible?: boolean;
}

/** Whether this run includes the playbook: asked for (default: mixed only) and installed. */
export function clusterRunsAnsible(opts: ClusterOptions): boolean {
  return (opts.ansible ?? opts.engine === 'mixed') && ansibleSupport().ok;
}

/** A node as the scenario made it (truth/cluster.json, written by the script, not parsed). */
export interface ClusterNode {
  name: string;
  /** The engine asked for: 20.10 or 28.5. */
  engine: EngineVersion;
  /** The engine's own `docker version` Server.Version. */
  version: string;
  role: 'manager' | 'worker';
  /** The node's address on the underlay (its eth0), which swarm advertises. */
  underlay: string;
  /** The container the scenario ran on this node on the overlay (c1, c2, c3) and its address. */
  container: string;
  containerOverlayIp: string;
}

export interface ClusterProbe {
  from: string;
  fromNode: string;
  to: string;
  toNode: string;
  address: string;
  /** ping | http (GET of the overlay address) | dns (GET of http://<container name>/). */
  kind: 'ping' | 'http' | 'dns';
  result: 'ok' | 'fail';
  tries: number;
}

/** A rule the scenario inserted before the capture (the reachability story), as it ran it. */
export interface ClusterStoryRule {
  node: string;
  /** `host`, or `container:<name>` for a rule inside that container's namespace. */
  namespace: string;
  /** The iptables arguments: `-I INPUT -s 10.99.0.12 -p udp --dport 4789 -j DROP`. */
  rule: string;
}

export interface ClusterTruthMeta {
  overlay: { name: string; subnet: string };
  service: { name: string; state: string };
  nodes: ClusterNode[];
  story: ClusterStoryRule[];
  probes: ClusterProbe[];
}

/** What the Ansible playbook (collector/ansible/collect.yml) did on the nodes, when it ran. */
export interface ClusterAnsible {
  /** ansible/: inventory.ini, playbook.log, rc, node<N>-{before,after}.txt, bundles/<time>/. */
  dir: string;
  /** ansible-playbook's exit status. */
  rc: number;
  /** The run folders the playbook made under bundles/ (one expected), with their files. */
  runs: { dir: string; files: string[] }[];
  /** Per node: the paths under its private /tmp, /var/tmp and /root before and after the playbook. */
  before: Record<string, string[]>;
  after: Record<string, string[]>;
}

export interface ClusterRun {
  /** The output folder: bundles/, truth/, probes.json, logs/, timings.txt, scenario.log. */
  dir: string;
  /**
   * The real probes sent after the capture between every two containers on the overlay (tcp/80
   * and the closed tcp/81): reach-probes.json, as src/cluster/reach-probes.ts reads it.
   */
  reachProbes: string;
  /** The folder of the three bundles (dockernet-<host>-<UTC time>.tar.gz). */
  bundlesDir: string;
  /** The bundles, by node name (node1, node2, node3). */
  bundles: Record<string, string>;
  /** truth/cluster.json and truth/<node>/ (see engine-cluster.sh). */
  truthDir: string;
  meta: ClusterTruthMeta;
  /** The playbook's run, or undefined when not asked for (ClusterOptions.ansible) or not installed. */
  ansible?: ClusterAnsible;
  /** The scenario's own log (stderr); empty when the run was reused. */
  log: string;
  ms: number;
  reused: boolean;
}

/** The engines of node1, node2, node3. */
export function clusterEngines(engine: ClusterEngine): [EngineVersion, EngineVersion, EngineVersion] {
  return engine === 'mixed' ? ['20.10', '28.5', '28.5'] : [engine, engine, engine];
}

/** Is Debian's ansible here, to run collector/ansible/collect.yml against the nodes? */
export function ansibleSupport(): Support {
  return which('ansible-playbook')
    ? { ok: true }
    : { ok: false, reason: 'ansible-playbook is not installed (apt-get install ansible)' };
}

/** Can this machine run the cluster scenario with these engines? */
export function clusterSupport(engine: ClusterEngine): Support {
  const base = engineSupport();
  if (!base.ok) return base;
  for (const tool of ['bridge', 'timeout'])
    if (!which(tool)) return { ok: false, reason: `${tool} is not installed` };
  if (clusterEngines(engine).includes('28.5') && !existsSync(join(docker28Root, 'usr', 'sbin', 'dockerd'))) {
    return {
      ok: false,
      reason: `no Docker 28.5 in ${docker28Root} (sh scripts/fetch-docker28.sh /opt/dockernet/docker28)`,
    };
  }
  return base;
}

const CLUSTER_INPUTS = [
  join(scriptsDir, 'engine-cluster.sh'),
  join(scriptsDir, 'engine-lib.sh'),
  join(scriptsDir, 'sandbox-guard.sh'),
  join(scriptsDir, 'probe.mjs'),
  collectorPath,
  join(repoRoot, 'collector', 'ansible', 'collect.yml'),
  join(repoRoot, 'test', 'ansible', 'connection_plugins', 'nsenter.py'),
];

/** The default folder of a cluster run: keyed by the engines and a hash of the scripts and the collector. */
export function clusterDir(opts: ClusterOptions): string {
  const h = createHash('sha256');
  for (const f of CLUSTER_INPUTS) h.update(readFileSync(f));
  // A run made without ansible-playbook installed is not reused once it is.
  const ansible = clusterRunsAnsible(opts) ? 'ansible' : 'no-ansible';
  return join(tmpdir(), 'dockernet-cluster', `${opts.engine}-${ansible}-${h.digest('hex').slice(0, 12)}`);
}

const clusterRuns = new Map<string, Promise<ClusterRun>>();

/**
 * Run test/scripts/engine-cluster.sh once for these engines in outDir (default clusterDir(opts)):
 * one run per key and process (concurrent callers share the promise) and across processes (the
 * lock folder `<dir>.lock` of ./dir-lock.ts; the others wait for the `complete` marker). A
 * complete earlier run in the same folder is reused. Throws with the scenario's log when it
 * fails, including when the overlay probe from c1 (node1) to c2 (node2) does not get through.
 */
export function captureCluster(outDir: string | undefined, opts: ClusterOptions): Promise<ClusterRun> {
  const dir = outDir ?? clusterDir(opts);
  let run = clusterRuns.get(dir);
  if (!run) {
    run = runCluster(dir, opts);
    clusterRuns.set(dir, run);
    run.catch(() => clusterRuns.delete(dir));
  }
  return run;
}

function collectPaths(
  dir: string,
): Pick<ClusterRun, 'dir' | 'reachProbes' | 'bundlesDir' | 'bundles' | 'truthDir' | 'meta' | 'ansible'> {
  const bundlesDir = join(dir, 'bundles');
  const truthDir = join(dir, 'truth');
  const meta = JSON.parse(readFileSync(join(truthDir, 'cluster.json'), 'utf8')) as ClusterTruthMeta;
  const bundles: Record<string, string> = {};
  for (const f of readdirSync(bundlesDir).sort()) {
    const m = /^dockernet-(.+)-\d{8}T\d{6}Z\.tar\.gz$/.exec(f);
    if (m?.[1]) bundles[m[1]] = join(bundlesDir, f);
  }
  return {
    dir,
    reachProbes: join(dir, 'reach-probes.json'),
    bundlesDir,
    bundles,
    truthDir,
    meta,
    ansible: readAnsible(join(dir, 'ansible'), meta),
  };
}

function readAnsible(dir: string, meta: ClusterTruthMeta): ClusterAnsible | undefined {
  if (!existsSync(join(dir, 'rc'))) return undefined;
  const lines = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
  const bundles = join(dir, 'bundles');
  const runs = readdirSync(bundles)
    .sort()
    .map((r) => ({ dir: join(bundles, r), files: readdirSync(join(bundles, r)).sort() }));
  const before: Record<string, string[]> = {};
  const after: Record<string, string[]> = {};
  for (const n of meta.nodes) {
    before[n.name] = lines(`${n.name}-before.txt`);
    after[n.name] = lines(`${n.name}-after.txt`);
  }
  return { dir, rc: Number(readFileSync(join(dir, 'rc'), 'utf8').trim()), runs, before, after };
}

async function runCluster(dir: string, opts: ClusterOptions): Promise<ClusterRun> {
  const marker = join(dir, 'complete');
  const timeoutMs = opts.timeoutMs ?? (clusterRunsAnsible(opts) ? 360_000 : 240_000);
  mkdirSync(dirname(dir), { recursive: true });
  const lock = await lockOrDone(`${dir}.lock`, () => existsSync(marker), {
    timeoutMs: 2 * timeoutMs + 60_000,
    onWait: (o) =>
      console.info(`cluster scenario ${dir}: another process (pid ${o?.pid ?? '?'}) is making it; waiting`),
  });
  if (lock.kind === 'done') {
    const ms = Number(readFileSync(marker, 'utf8').trim()) || 0;
    return { ...collectPaths(dir), log: '', ms, reused: true };
  }
  try {
    // Only the lock's holder gets here: an incomplete folder is a failed or killed earlier run.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const env = {
      ...process.env,
      COLLECT_SHELL: opts.shell ?? 'dash',
      DOCKERNET_CLUSTER_ENGINES: clusterEngines(opts.engine).join(' '),
      DOCKERNET_CLUSTER_ANSIBLE: clusterRunsAnsible(opts) ? '1' : '0',
      DOCKERNET_DOCKER28: docker28Root,
    };
    const run = await runInSandbox(join(scriptsDir, 'engine-cluster.sh'), [dir], { timeoutMs, env });
    writeFileSync(join(dir, 'scenario.log'), run.stderr);
    const missing = [
      join(dir, 'truth', 'cluster.json'),
      join(dir, 'probes.json'),
      join(dir, 'reach-probes.json'),
    ].filter((p) => !existsSync(p));
    if (run.code !== 0 || missing.length) {
      throw new Error(
        `cluster scenario (${clusterEngines(opts.engine).join(', ')}) failed ` +
          `(exit ${run.code}, signal ${run.signal}; missing: ${missing.join(', ') || 'none'})\n${tail(run.stderr, 60)}`,
      );
    }
    const paths = collectPaths(dir);
    if (Object.keys(paths.bundles).length !== 3)
      throw new Error(
        `cluster scenario wrote ${Object.keys(paths.bundles).join(', ')}: not three node bundles`,
      );
    writeFileSync(marker, `${run.ms}\n`);
    return { ...paths, log: run.stderr, ms: run.ms, reused: false };
  } finally {
    lock.release();
  }
}

/** The engines every cluster test runs on: 20.10, 28.5, and mixed (a 20.10 manager, 28.5 workers). */
export const CLUSTER_ENGINES: readonly ClusterEngine[] = ['20.10', '28.5', 'mixed'];

/** What a cluster test file calls its parts, given the engines' label (`Docker 20.10 / 28.5 / 28.5`). */
export interface ClusterTestNames {
  /** The loud line where the engines cannot run here. */
  skip: (label: string) => string;
  /** The describe that fails instead where the sandbox is required (CI). */
  required: (label: string) => string;
  /** Its test. */
  requiredTest?: string;
  /** The describe of the tests themselves. */
  describe: (label: string) => string;
}

/**
 * The frame every test on a real swarm shares: per engine its label, a loud skip where it cannot
 * run here, a failing test where the sandbox is required (CI, DOCKERNET_REQUIRE_SANDBOX=1), and
 * `body` inside a describe that runs where it can. `support` adds what else a file needs
 * (ansible-playbook) after the cluster's own.
 */
export function describeClusterEngines(
  engines: readonly ClusterEngine[],
  names: ClusterTestNames,
  body: (engine: ClusterEngine, label: string) => void,
  support: () => Support = () => ({ ok: true }),
): void {
  for (const engine of engines) {
    const label = `Docker ${clusterEngines(engine).join(' / ')}`;
    const cluster = clusterSupport(engine);
    const can = cluster.ok ? support() : cluster;
    if (!can.ok) skipLoudly(names.skip(label), can.reason);
    if (!can.ok && sandboxRequired)
      describe(names.required(label), () => {
        it(names.requiredTest ?? 'can run these engines in a namespace sandbox', () => {
          expect.fail(`DOCKERNET_REQUIRE_SANDBOX=1 but: ${can.ok ? '' : can.reason}`);
        });
      });
    describe.runIf(can.ok)(names.describe(label), () => body(engine, label));
  }
}
