/**
 * Sandboxes for the collector tests: fresh network, mount, PID and UTS namespaces made with
 * `unshare`, so that nothing the tests build (bridges, veths, a Docker engine, iptables rules)
 * touches the machine's own namespaces. The scenario scripts live in test/scripts/ and refuse to
 * run anywhere but as PID 1 of a fresh PID namespace with an empty network namespace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const collectorPath = join(repoRoot, 'collector', 'dockernet-collect.sh');
export const scriptsDir = join(repoRoot, 'test', 'scripts');

/**
 * `--kill-child`: if the unshare process dies (test timeout, Ctrl-C), the namespace's init gets
 * SIGKILL, and with it every process of the PID namespace (the engine, the containers).
 */
export const UNSHARE_ARGS = ['--net', '--mount', '--pid', '--fork', '--mount-proc', '--uts', '--kill-child'];

/** Where `name` is on PATH (plus the sbin folders), or undefined. */
export function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

export type Support = { ok: true } | { ok: false; reason: string };

/** Can this machine make the sandboxes (root, unshare, the tools the scenario scripts use)? */
export function sandboxSupport(tools: string[] = []): Support {
  if (process.platform !== 'linux')
    return { ok: false, reason: `platform is ${process.platform}, not linux` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'not running as root' };
  for (const tool of ['unshare', 'nsenter', 'ip', 'sh', 'tar', 'gzip', ...tools]) {
    if (!which(tool)) return { ok: false, reason: `${tool} is not installed` };
  }
  const r = spawnSync('unshare', [...UNSHARE_ARGS, 'true'], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) {
    return {
      ok: false,
      reason: `unshare ${UNSHARE_ARGS.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`,
    };
  }
  return { ok: true };
}

/**
 * Print why a sandbox test does not run, where nobody can miss it (see sandboxRequired for when
 * a missing sandbox is an error instead).
 */
export function skipLoudly(what: string, reason: string): void {
  const bar = '#'.repeat(78);
  console.warn(
    `\n${bar}\n# SKIPPED: ${what}\n# reason:  ${reason}\n` +
      '# These tests need root and unshare. In CI (CI=true) or with DOCKERNET_REQUIRE_SANDBOX=1 they fail instead.\n' +
      `${bar}\n`,
  );
}

/** In CI (.ci/run exports CI=true) or with DOCKERNET_REQUIRE_SANDBOX=1, a missing sandbox fails. */
export const sandboxRequired = process.env.DOCKERNET_REQUIRE_SANDBOX === '1' || process.env.CI === 'true';

export interface SandboxRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run `sh SCRIPT ARGS...` as PID 1 of fresh namespaces; kill the whole sandbox after timeoutMs. */
export function runInSandbox(
  script: string,
  args: string[],
  opts: { timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<SandboxRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', [...UNSHARE_ARGS, 'sh', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      stderr += `\n[runInSandbox] timed out after ${opts.timeoutMs} ms: SIGKILL to unshare (pid ${child.pid})\n`;
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The last lines of a log, for error messages. */
export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
