/**
 * A lock across processes for an output folder that one process makes and many read (the varied
 * engine scenario's /tmp/dockernet-varied/<key>/): vitest runs test files in separate worker
 * processes, and other worktrees' tests share /tmp, so an in-process promise is not enough.
 *
 *   <dir>.lock/owner.json   {"pid":1234,"start":"98765","host":"dockernet-ci"}
 *
 * The lock is a folder made complete and then renamed into place (rename(2) of a folder onto an
 * existing non-empty folder fails with ENOTEMPTY/EEXIST: atomic, and never seen without its
 * owner file). A lock whose owner process is gone (no such PID, or the PID was reused: another
 * start time in /proc/<pid>/stat) is stale: it is renamed away (only one waiter wins the rename)
 * and removed. Waiters poll until the folder's `complete` marker appears (the owner succeeded)
 * or the lock disappears (the owner failed: the next waiter tries itself).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOwner {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (start time in clock ticks): tells a reused PID apart. */
  start: string;
  host: string;
}

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function selfOwner(): LockOwner {
  return { pid: process.pid, start: startTime(process.pid) ?? '', host: hostname() };
}

export function readOwner(lockDir: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid !== 'number') return undefined;
    return { pid: o.pid, start: String(o.start ?? ''), host: String(o.host ?? '') };
  } catch {
    return undefined;
  }
}

/** Is the owner still running? Another host's owner is taken as alive (we cannot tell). */
export function ownerAlive(o: LockOwner): boolean {
  if (o.host !== hostname()) return true;
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = startTime(o.pid);
  return now === undefined || o.start === '' || now === o.start;
}

const sameOwner = (a: LockOwner, b: LockOwner) => a.pid === b.pid && a.start === b.start && a.host === b.host;

/** Try to take the lock once: true when this process now holds it. */
export function tryLock(lockDir: string): boolean {
  const tmp = `${lockDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'owner.json'), `${JSON.stringify(selfOwner())}\n`);
  try {
    renameSync(tmp, lockDir);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    rmSync(tmp, { recursive: true, force: true });
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw e;
  }
}

/** Remove a lock whose owner `dead` is gone; a lock taken meanwhile by a live process stays. */
export function breakStaleLock(lockDir: string, dead: LockOwner): void {
  const grave = `${lockDir}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockDir, grave);
  } catch {
    return; // another waiter broke it first
  }
  const found = readOwner(grave);
  if (!found || sameOwner(found, dead)) {
    rmSync(grave, { recursive: true, force: true });
    return;
  }
  // Between reading the dead owner and the rename, another waiter broke it and took a fresh
  // lock: give that one back (if a third took the place meanwhile, both run: the race is
  // microseconds wide, and each run writes its marker last).
  try {
    renameSync(grave, lockDir);
  } catch {
    rmSync(grave, { recursive: true, force: true });
  }
}

export function unlock(lockDir: string): void {
  const o = readOwner(lockDir);
  if (o && !sameOwner(o, selfOwner())) return; // not ours (broken as stale and retaken)
  rmSync(lockDir, { recursive: true, force: true });
}

export type LockResult = { kind: 'done' } | { kind: 'locked'; release: () => void };

/**
 * Wait until `done()` holds (another process made the folder) or this process holds `lockDir`
 * (then it makes the folder and calls release()). Throws after `timeoutMs` of waiting for a
 * live owner.
 */
export async function lockOrDone(
  lockDir: string,
  done: () => boolean,
  opts: { timeoutMs: number; pollMs?: number; onWait?: (owner: LockOwner | undefined) => void },
): Promise<LockResult> {
  const t0 = Date.now();
  let told = false;
  for (;;) {
    if (done()) return { kind: 'done' };
    if (tryLock(lockDir)) {
      // The owner before us may have finished between done() and tryLock().
      if (done()) {
        unlock(lockDir);
        return { kind: 'done' };
      }
      return { kind: 'locked', release: () => unlock(lockDir) };
    }
    const owner = readOwner(lockDir);
    if (owner && !ownerAlive(owner)) {
      breakStaleLock(lockDir, owner);
      continue;
    }
    if (!owner && !existsSync(lockDir)) continue; // released just now
    if (!told) {
      opts.onWait?.(owner);
      told = true;
    }
    if (Date.now() - t0 > opts.timeoutMs)
      throw new Error(
        `waited ${Math.round((Date.now() - t0) / 1000)} s for ${lockDir} (owner ${owner ? `pid ${owner.pid}` : 'unknown'})`,
      );
    await sleep(opts.pollMs ?? 500);
  }
}
