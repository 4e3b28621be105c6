/** The read stage: archives and folders in, every file kept, untrusted entries refused with a reason. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/bundle/limits.js';
import { BundleReadError, readBundle } from '../src/bundle/read.js';
import { makeTar, makeTarGz } from './support/tar.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'dockernet-read-'));
const manifest = (commands: object[]) =>
  JSON.stringify({
    format: 'dockernet-bundle',
    formatVersion: 1,
    collector: { name: 'test', version: '1' },
    hostname: 'h1',
    capturedAt: '2026-01-01T00:00:00Z',
    step: 'one',
    commands,
  });

function writeArchive(buf: Buffer, name = 'b.tar.gz'): string {
  const p = join(tmp(), name);
  writeFileSync(p, buf);
  return p;
}

describe('readBundle', () => {
  it('reads a .tar.gz in memory and strips the top-level folder', async () => {
    const p = writeArchive(
      makeTarGz([
        { path: 'dockernet-h1-x/', type: 'Directory' },
        {
          path: 'dockernet-h1-x/manifest.json',
          body: manifest([
            {
              id: 'ip-addr',
              scope: 'host',
              command: 'ip addr',
              exitCode: 0,
              durationMs: 2,
              stdout: 'host/ip-addr.out',
            },
          ]),
        },
        { path: 'dockernet-h1-x/host/ip-addr.out', body: '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n' },
      ]),
    );
    const b = await readBundle(p);
    expect(b.kind).toBe('archive');
    expect(b.hasManifest).toBe(true);
    expect(b.meta.hostname).toBe('h1');
    expect(b.files.map((f) => f.path).sort()).toEqual(['host/ip-addr.out', 'manifest.json']);
    expect(b.commands).toHaveLength(1);
    expect(b.commands[0]).toMatchObject({ id: 'ip-addr', stdout: 'host/ip-addr.out', exitCode: 0 });
    expect(b.warnings).toEqual([]);
  });

  it('refuses unsafe paths, skips links and devices, keeps duplicates apart, each with a warning', async () => {
    const p = writeArchive(
      makeTarGz([
        { path: 'manifest.json', body: manifest([]) },
        { path: '../escape.out', body: 'x' },
        { path: '/etc/passwd', body: 'x' },
        { path: 'host/link.out', type: 'SymbolicLink', linkpath: '/etc/shadow' },
        { path: 'host/hard.out', type: 'Link', linkpath: 'manifest.json' },
        { path: 'host/dev.out', type: 'CharacterDevice' },
        { path: 'host/a.out', body: 'first' },
        { path: 'host/a.out', body: 'second' },
      ]),
    );
    const b = await readBundle(p);
    expect(b.files.map((f) => [f.path, f.text])).toEqual([
      ['manifest.json', expect.any(String)],
      ['host/a.out', 'first'],
      ['host/a.out~2', 'second'],
    ]);
    const messages = b.warnings.map((w) => w.message).join('\n');
    expect(messages).toMatch(/"\.\.\/escape\.out" has an unsafe path/);
    expect(messages).toMatch(/"\/etc\/passwd" has an unsafe path/);
    expect(messages).toMatch(/symlink entry skipped/);
    expect(messages).toMatch(/hardlink entry skipped/);
    expect(messages).toMatch(/device entry skipped/);
    expect(messages).toMatch(/duplicate entry host\/a\.out/);
    // Files the manifest does not name are still commands, inferred from their names.
    expect(b.commands.map((c) => c.id)).toEqual(['a']);
  });

  it('infers commands from file names when there is no manifest', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'host'));
    mkdirSync(join(dir, 'containers', 'web'), { recursive: true });
    writeFileSync(join(dir, 'host', 'ip-addr.out'), '');
    writeFileSync(join(dir, 'containers', 'web', 'netstat.out'), '');
    const b = await readBundle(dir);
    expect(b.hasManifest).toBe(false);
    expect(b.commands.map((c) => [c.id, c.scope])).toEqual([
      ['netstat', 'container:web'],
      ['ip-addr', 'host'],
    ]);
    expect(b.warnings[0]?.message).toMatch(/no manifest\.json/);
  });

  it('never follows a symlink in a folder bundle', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'manifest.json'), manifest([]));
    symlinkSync('/etc/hostname', join(dir, 'hostname.out'));
    const b = await readBundle(dir);
    expect(b.files.map((f) => f.path)).toEqual(['manifest.json']);
    expect(b.warnings.some((w) => w.message.includes('symlink entry skipped'))).toBe(true);
  });

  it('keeps what a truncated archive holds and says so', async () => {
    const whole = makeTar([
      { path: 'manifest.json', body: manifest([]) },
      { path: 'host/big.out', body: 'line\n'.repeat(2000) },
    ]);
    const p = writeArchive(whole.subarray(0, 2048), 'cut.tar');
    const b = await readBundle(p);
    const big = b.files.find((f) => f.path === 'host/big.out');
    expect(big?.truncated).toBe(true);
    expect(big?.text.startsWith('line\nline\n')).toBe(true);
    expect(b.warnings.some((w) => w.file === 'host/big.out' && /truncated/.test(w.message))).toBe(true);
  });

  it('enforces the per-entry and entry-count limits', async () => {
    const p = writeArchive(
      makeTarGz([
        { path: 'manifest.json', body: manifest([]) },
        { path: 'host/big.out', body: 'x'.repeat(10_000) },
        { path: 'host/c.out', body: 'c' },
        { path: 'host/d.out', body: 'd' },
      ]),
    );
    const b = await readBundle(p, { ...DEFAULT_LIMITS, maxEntryBytes: 100, maxEntries: 3 });
    expect(b.files.find((f) => f.path === 'host/big.out')?.text).toHaveLength(100);
    expect(b.files.map((f) => f.path)).not.toContain('host/d.out');
    expect(b.warnings.some((w) => /more than 3 entries/.test(w.message))).toBe(true);
  });

  it('stops a gzip bomb by its compression ratio', async () => {
    const p = writeArchive(
      makeTarGz([{ path: 'host/zeros.out', body: Buffer.alloc(20 * 1024 * 1024, 0x41) }]),
    );
    const b = await readBundle(p, { ...DEFAULT_LIMITS, maxCompressionRatio: 50, maxEntryBytes: 1024 });
    const all = b.warnings.map((w) => w.message).join('\n');
    expect(all).toMatch(/reading stopped: .*decompression ratio exceeded/);
    expect(b.files.find((f) => f.path === 'host/zeros.out')?.text.length).toBeLessThanOrEqual(1024);
  });

  it('reports a file that is not an archive as unreadable', async () => {
    const p = writeArchive(Buffer.from('this is not a tarball\n'.repeat(40)), 'junk.tar.gz');
    await expect(readBundle(p)).rejects.toBeInstanceOf(BundleReadError);
    await expect(readBundle(join(tmp(), 'nope'))).rejects.toThrow(/no such file/);
  });

  it('marks invalid UTF-8 and binary files, keeping their text readable', async () => {
    const p = writeArchive(
      makeTarGz([
        { path: 'manifest.json', body: manifest([]) },
        {
          path: 'host/latin1.out',
          body: Buffer.from([0x56, 0x45, 0x52, 0x42, 0x55, 0x4e, 0x44, 0x45, 0x4e, 0xe4, 0x0a]),
        },
        { path: 'host/bin.out', body: Buffer.from([0x00, 0x01, 0x41]) },
      ]),
    );
    const b = await readBundle(p);
    expect(b.files.find((f) => f.path === 'host/latin1.out')).toMatchObject({
      encoding: 'invalid-utf8',
      text: 'VERBUNDEN\uFFFD\n',
    });
    expect(b.files.find((f) => f.path === 'host/bin.out')?.encoding).toBe('binary');
  });
});
