/**
 * test/helpers/dir-lock.ts, the lock that lets several vitest workers (and other worktrees'
 * tests) call captureVaried() for the same scenario folder: real processes racing for it, a
 * lock left by a dead process, a PID that was reused, and a live owner that never finishes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockOrDone, ownerAlive, readOwner, selfOwner } from './helpers/dir-lock.js';

const base = mkdtempSync(join(tmpdir(), 'dockernet-lock-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const helper = join(import.meta.dirname, 'helpers', 'dir-lock.ts');

/** A child process that makes `dir` under the lock: it logs "ran <pid>" only when it made it. */
const worker = `
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { lockOrDone } from ${JSON.stringify(helper)};
const [dir] = process.argv.slice(2);
const marker = dir + '/complete';
const r = await lockOrDone(dir + '.lock', () => existsSync(marker), { timeoutMs: 20000, pollMs: 50 });
if (r.kind === 'locked') {
  appendFileSync(dir + '.log', 'ran ' + process.pid + '\\n');
  mkdirSync(dir, { recursive: true });
  await new Promise((ok) => setTimeout(ok, 700));
  writeFileSync(marker, 'x');
  r.release();
}
process.stdout.write(r.kind);
`;

function runWorker(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const script = join(base, 'worker.mts');
    writeFileSync(script, worker);
    const c = spawn(process.execPath, ['--import', 'tsx', script, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => {
      out += d;
    });
    c.stderr.on('data', (d) => {
      err += d;
    });
    c.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker exit ${code}: ${err}`))));
  });
}

function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$']);
  return Number(r.stdout.toString().trim());
}

describe('dir-lock', () => {
  it('lets exactly one of three racing processes make the folder; the others wait for it', async () => {
    const dir = join(base, 'race');
    const results = await Promise.all([runWorker(dir), runWorker(dir), runWorker(dir)]);
    expect(results.sort()).toEqual(['done', 'done', 'locked']);
    expect(readFileSync(`${dir}.log`, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  }, 60_000);

  it('takes over a lock whose owner process is gone', async () => {
    const dir = join(base, 'stale');
    mkdirSync(`${dir}.lock`, { recursive: true });
    const dead = { pid: deadPid(), start: '1', host: hostname() };
    writeFileSync(join(`${dir}.lock`, 'owner.json'), JSON.stringify(dead));
    expect(ownerAlive(dead)).toBe(false);
    const r = await lockOrDone(`${dir}.lock`, () => false, { timeoutMs: 2000, pollMs: 20 });
    expect(r.kind).toBe('locked');
    expect(readOwner(`${dir}.lock`)).toEqual(selfOwner());
    if (r.kind === 'locked') r.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('takes a lock whose PID lives on in another process (another start time) as stale', () => {
    expect(ownerAlive({ ...selfOwner(), start: '1' })).toBe(false);
    expect(ownerAlive(selfOwner())).toBe(true);
  });

  it('waits for a live owner, and says who it waited for when it gives up', async () => {
    const dir = join(base, 'live');
    mkdirSync(`${dir}.lock`, { recursive: true });
    const live = { ...selfOwner(), pid: process.ppid, start: '' };
    writeFileSync(join(`${dir}.lock`, 'owner.json'), JSON.stringify(live));
    let waited = 0;
    await expect(
      lockOrDone(`${dir}.lock`, () => false, {
        timeoutMs: 300,
        pollMs: 50,
        onWait: () => {
          waited++;
        },
      }),
    ).rejects.toThrow(new RegExp(`owner pid ${process.ppid}`));
    expect(waited).toBe(1);
    // The owner finishes: the marker ends the wait without taking the lock.
    const r = await lockOrDone(`${dir}.lock`, () => true, { timeoutMs: 300 });
    expect(r.kind).toBe('done');
    expect(readOwner(`${dir}.lock`)?.pid).toBe(process.ppid);
  });
});
