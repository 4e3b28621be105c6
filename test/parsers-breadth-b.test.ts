/**
 * Fixture pairs and edge cases of the firewall and Docker CLI parsers (iptables-save, nft,
 * docker inspect / info / ps / swarm / node ls). Their fixture pairs run in parsers.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerContainerInspect } from '../src/parsers/docker-container-inspect.js';
import { dockerInfo } from '../src/parsers/docker-info.js';
import { dockerPs } from '../src/parsers/docker-ps.js';
import { iptablesSave } from '../src/parsers/iptables-save.js';
import { nftRuleset } from '../src/parsers/nft-ruleset.js';
import type { Parser } from '../src/parsers/types.js';

const root = join(import.meta.dirname, 'fixtures');
const _update = process.env.DOCKERNET_UPDATE_GOLDEN === '1';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('secrets never reach the records', () => {
  const dir = join(root, 'docker-container-inspect');
  it('a full pasted inspect keeps env names and label keys, never values', () => {
    const text = readFileSync(join(dir, 'variant-full-pasted-inspect-env-labels.out'), 'utf8');
    expect(text).toContain('hunter2');
    const r = dockerContainerInspect.parse(text);
    const out = JSON.stringify(r);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('s3cr3t');
    expect(out).not.toContain('ops@example.com');
    expect(r.records[0]?.envNames).toEqual(['DB_PASSWORD', 'API_TOKEN', 'PATH', 'NODE_VERSION']);
    expect(r.records[0]?.labelKeys).toEqual(['maintainer', 'com.example.db-password']);
    expect(r.warnings.filter((w) => /environment values were present/.test(w.message))).toHaveLength(2);
    expect(r.warnings.some((w) => /label values were present/.test(w.message))).toBe(true);
  });
  it('docker ps {{json .}} labels, docker info proxies and engine labels are not copied', () => {
    for (const [parser, file] of [
      [dockerPs, 'docker-ps/variant-json-format-dot-labels.out'],
      [dockerInfo, 'docker-info/variant-18.09-flat-layout-warnings.out'],
      [dockerInfo, 'docker-info/variant-28-json-warnings-pools.out'],
    ] as const) {
      const out = JSON.stringify((parser as Parser).parse(readFileSync(join(root, file), 'utf8')));
      expect(out, file).not.toContain('hunter2');
    }
  });
});

describe('iptables-save', () => {
  it('reads negations, quoted comments with escaped quotes, goto and two-word options', () => {
    const r = iptablesSave.parse(
      lines(
        '*filter',
        ':DOCKER-USER - [0:0]',
        '-A DOCKER-USER ! -s 10.0.0.0/8 -m comment --comment "block \\"bad\\" net" -m set ! --match-set allowed src,dst -g LOGDROP',
        'COMMIT',
      ),
    );
    const rule = r.records[1];
    expect(rule?.kind).toBe('rule');
    if (rule?.kind !== 'rule') return;
    expect(rule.matches).toMatchObject({
      notSource: '10.0.0.0/8',
      comment: 'block "bad" net',
      matchSet: { name: 'allowed', flags: 'src,dst' },
      negated: ['--match-set'],
    });
    expect(rule.target).toBe('LOGDROP');
    expect(rule.targetMode).toBe('goto');
    expect(r.warnings).toEqual([]);
  });
  it('accepts empty output, rejects errors and iptables -L listings', () => {
    expect(iptablesSave.parse('')).toEqual({ records: [], warnings: [] });
    expect(iptablesSave.parse('iptables-save: command not found\n').rejected).toMatch(/not found/);
    expect(
      iptablesSave.parse('Chain INPUT (policy ACCEPT)\ntarget prot opt source destination\n').rejected,
    ).toMatch(/iptables -L/);
  });
  it('never throws on garbage', () => {
    for (const t of ['*', ':', '-A', '[1:2] -A X "unterminated', '\u0000\u0001', '-A X ! ! -j']) {
      expect(() => iptablesSave.parse(`*filter\n${t}\n`)).not.toThrow();
    }
  });
});

describe('nft-ruleset', () => {
  it('rejects error text and nft -j JSON, accepts an empty ruleset', () => {
    expect(nftRuleset.parse('').records).toEqual([]);
    expect(nftRuleset.parse('nft: command not found\n').rejected).toMatch(/not found/);
    expect(nftRuleset.parse('{"nftables": [{"metainfo": {}}]}\n').rejected).toMatch(/nft -j/);
  });
  it('marks tables managed by iptables-nft from the stderr warning', () => {
    const r = nftRuleset.parse(
      lines(
        '# Warning: table ip nat is managed by iptables-nft, do not touch!',
        'table ip nat {',
        '}',
        'table ip raw {',
        '}',
      ),
    );
    expect(r.records.map((t) => (t.kind === 'table' ? t.managedBy : undefined))).toEqual([
      'iptables-nft',
      undefined,
    ]);
  });
});

describe('docker-container-inspect', () => {
  it('rejects docker network inspect and daemon errors; reads empty output as no container', () => {
    const net = readFileSync(join(root, 'docker-network-inspect', 'slides-step2-bridge.out'), 'utf8');
    expect(dockerContainerInspect.parse(net).rejected).toMatch(/network inspect/);
    expect(
      dockerContainerInspect.parse('Error response from daemon: No such container: x\n').rejected,
    ).toMatch(/No such container/);
    expect(dockerContainerInspect.parse('')).toEqual({ records: [], warnings: [] });
  });
});

describe('docker-ps', () => {
  it('reads a row with an empty PORTS cell by header position', () => {
    const r = dockerPs.parse(
      lines(
        'CONTAINER ID   IMAGE     COMMAND   CREATED        STATUS                    PORTS     NAMES',
        '4a5b6c7d8e9f   alpine    "sh"      2 hours ago    Exited (0) 2 hours ago              quiet',
      ),
    );
    expect(r.records[0]).toMatchObject({ id: '4a5b6c7d8e9f', running: false, ports: [], names: ['quiet'] });
  });
});

describe('docker-info', () => {
  it('rejects other output and keeps the client part when the server is unreachable', () => {
    expect(dockerInfo.parse('').rejected).toBe('empty output');
    expect(dockerInfo.parse('hello world\n').rejected).toMatch(/not docker info/);
    const r = dockerInfo.parse(
      readFileSync(join(root, 'docker-info', 'variant-client-only-server-error.out'), 'utf8'),
    );
    expect(r.records[0]?.serverError).toMatch(/Cannot connect/);
    expect(r.records[0]?.swarm.state).toBe('unknown');
  });
});
