/**
 * The ticket archive: names as given (sanitised), SHA256SUMS matching every entry's bytes, bundles
 * copied or packed, the same bytes on every run. Listed and read back with `unzip`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/pipeline.js';
import { archiveEntries, sanitizeEntryName, writeZip } from '../src/render/archive.js';
import { hasCommand, missing } from './support/env.js';

const root = join(import.meta.dirname, '..');
const skip = missing({ unzip: hasCommand('unzip'), tar: hasCommand('tar') });

const unzip = (...args: string[]) => {
  const r = spawnSync('unzip', args, { maxBuffer: 64 << 20 });
  expect(r.status, r.stderr?.toString()).toBe(0);
  return r.stdout;
};

describe('sanitizeEntryName', () => {
  it('keeps entries inside the archive', () => {
    expect(sanitizeEntryName('../../etc/passwd')).toBe('etc/passwd');
    expect(sanitizeEntryName('/abs/x')).toBe('abs/x');
    expect(sanitizeEntryName('C:\\win\\..\\x')).toBe('win/x');
    expect(sanitizeEntryName('a/./b//c')).toBe('a/b/c');
    expect(sanitizeEntryName('na\u0000me\n\u001b[31m.txt')).toBe('name[31m.txt');
    expect(sanitizeEntryName('..')).toBe('unnamed');
  });
});

describe.skipIf(skip)('writeZip and archiveEntries', () => {
  const inputs = [join(root, 'samples', 'slides-step3'), join(root, 'samples', 'engine-step2.tar.gz')];
  let dir: string;
  let zip: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dockernet-zip-'));
    zip = join(dir, 'report.zip');
    const report = await buildReport(inputs);
    const entries = await archiveEntries(
      report,
      { 'report.md': '# report\n', 'report.json': JSON.stringify({ ok: true }) },
      [{ name: 'step-1', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }],
      inputs,
    );
    entries.push({ name: '../../../tmp/evil\u0007.sh', data: Buffer.from('#!/bin/sh\n') });
    await writeZip(zip, entries);
    await writeZip(join(dir, 'again.zip'), entries);
  });

  it('lists the formats, diagrams, bundles and SHA256SUMS under safe names', () => {
    const names = unzip('-Z1', zip).toString().trim().split('\n');
    expect(names).toEqual([
      'report.md',
      'report.json',
      'diagrams/step-1.svg',
      'bundles/step-1-slides-step3.tar.gz',
      'bundles/step-2-engine-step2.tar.gz',
      'tmp/evil.sh',
      'SHA256SUMS',
    ]);
  });

  it('SHA256SUMS matches the bytes of every other entry', () => {
    const sums = unzip('-p', zip, 'SHA256SUMS').toString().trim().split('\n');
    expect(sums).toHaveLength(6);
    for (const line of sums) {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      expect(m, line).not.toBeNull();
      const bytes = unzip('-p', zip, m![2]!);
      expect(createHash('sha256').update(bytes).digest('hex'), m![2]).toBe(m![1]);
    }
  });

  it('copies archives as they are and packs folders (regular files only)', () => {
    const copied = unzip('-p', zip, 'bundles/step-2-engine-step2.tar.gz');
    expect(copied.equals(readFileSync(inputs[1]!))).toBe(true);
    const packed = join(dir, 'packed.tar.gz');
    spawnSync('sh', ['-c', `unzip -p "${zip}" bundles/step-1-slides-step3.tar.gz > "${packed}"`]);
    const list = spawnSync('tar', ['-tzvf', packed], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((l) => l.startsWith('-'))).toBe(true);
    expect(list.stdout).toContain('host/ip-addr.out');
    expect(list.stdout).toContain('manifest.json');
  });

  it('is reproducible: same entries, same bytes, fixed dates', () => {
    expect(readFileSync(zip).equals(readFileSync(join(dir, 'again.zip')))).toBe(true);
    expect(unzip('-l', zip).toString()).toMatch(/2000-01-01/);
  });
});
