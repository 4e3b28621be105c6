/** The CLI as a user runs it: commands, output files, exit codes (README "Exit codes"). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(root, 'bin/dockernet.js'), ...args], {
    encoding: 'utf8',
    input,
    // English whatever the developer's locale: the messages are asserted below.
    env: { ...process.env, DOCKERNET_FROM_SOURCE: '1', LC_ALL: 'C.UTF-8' },
  });

describe('dockernet CLI', () => {
  it('report writes HTML and JSON and says where (exit 0)', () => {
    const out = mkdtempSync(join(tmpdir(), 'dockernet-cli-'));
    const r = run(['report', join(root, 'samples/slides-step2'), '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(join(out, 'report.html'));
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ schema: 'dockernet-report', schemaVersion: 1 });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // The figure, always as Mermaid source and as a draw.io file (SVG and PNG when a browser drew it).
    expect(readFileSync(join(out, 'diagrams', 'step-1.mmd'), 'utf8')).toMatch(/^flowchart LR\n/);
    expect(readFileSync(join(out, 'diagrams', 'step-1.drawio'), 'utf8')).toMatch(
      /<mxfile [^>]*>\n {2}<diagram /,
    );
  });

  it('an unreadable input exits 3 with a message naming it', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'dockernet-cli-')), 'junk.tar.gz');
    writeFileSync(bad, 'not a bundle\n'.repeat(100));
    const r = run(['report', bad, '-o', join(tmpdir(), 'dockernet-cli-never')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('junk.tar.gz');
  });

  it('usage errors exit 2: missing -o, unknown format, unknown parser', () => {
    expect(run(['report', join(root, 'samples/slides-step1')]).status).toBe(2);
    const f = run(['report', join(root, 'samples/slides-step1'), '-o', tmpdir(), '--format', 'docx']);
    expect(f.status).toBe(2);
    expect(f.stderr).toContain('unknown format "docx"');
    expect(run(['parse', 'no-such-parser', '/dev/null']).status).toBe(2);
  });

  it('parse reads standard input like jc, and --list lists every parser', () => {
    const r = run(
      ['parse', 'brctl-show'],
      'bridge name\tbridge id\t\tSTP enabled\tinterfaces\ndocker0\t\t8000.0242f4708767\tno\t\tveth9c996da\n',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).records[0]).toMatchObject({ bridge: 'docker0', interfaces: ['veth9c996da'] });
    const list = run(['parse', '--list']);
    expect(list.stdout).toMatch(/^ip-addr\s/m);
    expect(list.stdout).toMatch(/^docker-network-inspect\s/m);
  });

  it('collector prints the shell script byte for byte', () => {
    const r = run(['collector']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'collector/dockernet-collect.sh'), 'utf8'));
  });

  it('--help shows examples', () => {
    const r = run(['report', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });
});

describe('dockernet report options', () => {
  it('--order time sorts the steps by capture time; --audience handout hides the answers', () => {
    const out = mkdtempSync(join(tmpdir(), 'dockernet-cli-'));
    const steps = [3, 1, 2].map((n) => join(root, `samples/slides-step${n}`));
    const r = run(['report', ...steps, '-o', out, '--order', 'time', '--audience', 'handout']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.steps.map((s: { source: string }) => s.source.slice(-1))).toEqual(['1', '2', '3']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('write-space');
    expect(html).not.toContain('class="answer"');
    expect(html).not.toContain('class="findings"');
  });
});
