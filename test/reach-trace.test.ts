/**
 * The packet-path evaluator on real rule sets: the topology of the real Docker 20.10 bundle
 * samples/engine-step3.tar.gz, with its firewall swapped for rule sets captured from Docker 20.10
 * and 28 engines (test/fixtures/iptables-save, test/fixtures/nft-ruleset), edited where a test
 * says so. See test/fixtures-reach/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/bundle/limits.js';
import { readBundle } from '../src/bundle/read.js';
import { buildStepModel } from '../src/model/build-step.js';
import { buildFirewall } from '../src/model/firewall.js';
import type { StepModel } from '../src/model/types.js';
import { iptablesSave } from '../src/parsers/iptables-save.js';
import { nftRuleset } from '../src/parsers/nft-ruleset.js';
import type { ParsedOutput } from '../src/parsers/parse-bundle.js';
import { parseBundle } from '../src/parsers/parse-bundle.js';
import { containerByRef, sourceNamespace, tracePacket } from '../src/reach/trace.js';
import type { Packet } from '../src/reach/types.js';

const root = join(import.meta.dirname, '..');
const fixture = (p: string) => readFileSync(join(root, 'test', 'fixtures', p), 'utf8');

let sample: StepModel;
beforeAll(async () => {
  sample = buildStepModel(
    parseBundle(await readBundle(join(root, 'samples', 'engine-step3.tar.gz'), DEFAULT_LIMITS)),
  );
});

const clone = (m: StepModel): StepModel => JSON.parse(JSON.stringify(m)) as StepModel;

function output(id: string, text: string, scope = 'host'): ParsedOutput {
  const parser = id === 'nft-ruleset' ? nftRuleset : iptablesSave;
  const r = parser.parse(text);
  return {
    run: { id, scope, command: id, exitCode: 0, durationMs: 1, stdout: `${scope}/${id}.out` },
    status: 'parsed',
    records: r.records,
    warnings: r.warnings,
  };
}

/** The sample with the host's firewall replaced by these captures. */
function withFirewall(outputs: ParsedOutput[], edit?: (m: StepModel) => void): StepModel {
  const m = clone(sample);
  const host = m.namespaces.find((n) => n.id === 'host');
  const fw = buildFirewall(outputs);
  if (!host || !fw) throw new Error('no host or firewall');
  host.firewall = fw;
  edit?.(m);
  return m;
}

/** A second container on a bridge: a copy of whoami's namespace with another address. */
function addContainer(m: StepModel, name: string, ip: string, bridge: string, prefix = 16): void {
  const host = m.namespaces.find((n) => n.id === 'host');
  const base = m.namespaces.find((n) => n.id === 'container:whoami');
  if (!host || !base) throw new Error('sample changed');
  const ns = clone({ ...m, namespaces: [base] }).namespaces[0];
  if (!ns) throw new Error('clone');
  ns.id = `container:${name}`;
  ns.name = name;
  ns.container = name;
  const eth0 = ns.interfaces.find((i) => i.name === 'eth0');
  if (!eth0) throw new Error('no eth0');
  const net = ip.replace(/\.\d+$/, '.0');
  eth0.addresses = [
    {
      family: 'inet',
      address: ip,
      prefixLength: prefix,
      cidr: `${ip}/${prefix}`,
      network: `${net}/${prefix}`,
    },
  ];
  const gw = ip.replace(/\.\d+$/, '.1');
  ns.routes = ns.routes
    .filter((r) => (r.table === 'main' || r.table === 'local') && r.type !== 'broadcast')
    .map((r) => ({
      ...r,
      dst: r.dst.startsWith('172.17.') ? (r.type === 'local' ? ip : `${net}/${prefix}`) : r.dst,
      via: r.via ? gw : undefined,
      src: r.src?.startsWith('172.17.') ? ip : r.src,
    }));
  m.namespaces.push(ns);
  const vethName = `veth-${name}`;
  if (!host.interfaces.some((i) => i.name === bridge)) {
    host.interfaces.push({
      ...clone({ ...m, namespaces: [host] }).namespaces[0]!.interfaces.find((i) => i.name === 'docker0')!,
      name: bridge,
      addresses: [
        {
          family: 'inet',
          address: gw,
          prefixLength: prefix,
          cidr: `${gw}/${prefix}`,
          network: `${net}/${prefix}`,
        },
      ],
    });
    host.routes.push({
      table: 'main',
      family: 'inet',
      type: 'unicast',
      dst: `${net}/${prefix}`,
      dev: bridge,
      src: gw,
      flags: [],
      evidence: { file: 'test' },
    });
    host.routes.push({
      table: 'local',
      family: 'inet',
      type: 'local',
      dst: gw,
      dev: bridge,
      src: gw,
      flags: [],
      evidence: { file: 'test' },
    });
  }
  const v = host.interfaces.find((i) => i.name === 'veth16e16ce');
  if (!v) throw new Error('no veth');
  host.interfaces.push({ ...v, name: vethName, master: bridge });
  m.vethLinks.push({
    a: { namespace: 'host', ifname: vethName, ifindex: 99 },
    b: { namespace: ns.id, ifname: 'eth0', ifindex: 6 },
    evidence: [],
  });
  m.containers.push({
    name,
    status: 'running',
    namespace: ns.id,
    networks: [{ network: bridge, ipv4: `${ip}/${prefix}` }],
    evidence: [],
  });
}

const setSysctl = (m: StepModel, key: string, value: string) => {
  const s = m.sysctls?.find((x) => x.key === key);
  if (s) s.value = value;
  else m.sysctls?.push({ key, value, evidence: { file: 'test' } });
};

const tcp = (from: Packet['from'], dst: string, dport: number): Packet => ({
  from,
  dst,
  proto: 'tcp',
  dport,
});
const outside: Packet['from'] = { kind: 'outside', uplink: 'eth0' };

describe('tracePacket on the real Docker 20.10 bundle (engine-step3)', () => {
  it('delivers a published port from the LAN to the container through DNAT and FORWARD', () => {
    const p = tracePacket(sample, tcp(outside, '10.99.0.2', 60000));
    expect(p.verdict).toBe('delivered');
    expect(p.delivered).toMatchObject({ namespace: 'container:whoami', program: 'httpd', pid: 1094 });
    const dnat = p.hops.find((h) => h.stage === 'nat PREROUTING');
    expect(dnat?.packet).toMatchObject({ dst: '172.17.0.2', dport: 8080 });
    expect(dnat?.rule?.text).toContain('--to-destination 172.17.0.2:8080');
    expect(dnat?.evidence[0]?.file).toBe('host/iptables-save.out');
    expect(p.hops.map((h) => h.stage)).toEqual(
      expect.arrayContaining([
        'nat PREROUTING',
        'route',
        'filter FORWARD',
        'bridge docker0',
        'veth',
        'socket',
      ]),
    );
    expect(p.assumptions.join(' ')).toContain('state NEW');
  });

  it('says no-listener for a host port nothing listens on (TCP RST)', () => {
    const p = tracePacket(sample, tcp(outside, '10.99.0.2', 22));
    expect(p.verdict).toBe('no-listener');
    expect(p.reason).toContain('10.99.0.2:22');
  });

  it('hands 127.0.0.1:60000 on the host to docker-proxy, which relays to the container', () => {
    const p = tracePacket(sample, tcp({ kind: 'host' }, '127.0.0.1', 60000));
    expect(p.verdict).toBe('delivered');
    expect(p.hops.some((h) => h.stage === 'docker-proxy')).toBe(true);
    expect(p.delivered?.namespace).toBe('container:whoami');
  });

  it('Docker < 28: a LAN neighbour reaches the container address directly (no raw-table guard)', () => {
    expect(tracePacket(sample, tcp(outside, '172.17.0.2', 8080)).verdict).toBe('delivered');
  });

  it('is unknown, naming the capture, when a namespace has no firewall capture', () => {
    const m = clone(sample);
    const host = m.namespaces.find((n) => n.id === 'host');
    if (host) delete host.firewall;
    const p = tracePacket(m, tcp(outside, '10.99.0.2', 60000));
    expect(p.verdict).toBe('unknown');
    expect(p.reason).toContain('no firewall capture exists for host');
  });

  it('takes a container by its name before any id that starts with that name (`db` is hex)', () => {
    const m = clone(sample);
    const whoami = m.containers.find((c) => c.name === 'whoami');
    if (!whoami?.namespace) throw new Error('sample changed');
    // Another container listed AFTER whoami, named like the start of whoami's id.
    whoami.id = `db${'0'.repeat(62)}`;
    m.containers.push({ ...whoami, name: 'db', id: 'f'.repeat(64), namespace: 'host' });
    expect(containerByRef(m.containers, 'db')?.id).toBe('f'.repeat(64));
    expect(containerByRef(m.containers, 'db00')?.name).toBe('whoami');
    expect(containerByRef(m.containers, 'whoami')?.name).toBe('whoami');
    // An ambiguous prefix names nobody rather than the first one listed.
    m.containers.push({ ...whoami, name: 'other', id: `db1${'0'.repeat(61)}` });
    expect(containerByRef(m.containers, 'db')?.name).toBe('db');
    expect(containerByRef(m.containers, 'd')).toBeUndefined();
    const src = sourceNamespace(m, { kind: 'container', name: 'db' });
    expect('ns' in src && src.ns.id).toBe('host');
  });

  it('routes nowhere when the destination has no route (container without default route)', () => {
    const m = clone(sample);
    const c = m.namespaces.find((n) => n.id === 'container:whoami');
    if (c) c.routes = c.routes.filter((r) => r.dst !== 'default');
    expect(tracePacket(m, tcp({ kind: 'container', name: 'whoami' }, '8.8.8.8', 53)).verdict).toBe(
      'no-route',
    );
  });
});

describe('tracePacket: rules an admin or Docker wrote (real rule sets, edited)', () => {
  const v20 = fixture('iptables-save/engine-step3-host.out');

  it('a DROP in DOCKER-USER drops the published port', () => {
    const text = v20.replace(
      '-A DOCKER-USER -j RETURN',
      '-A DOCKER-USER -i eth0 -p tcp -m tcp --dport 8080 -j DROP\n-A DOCKER-USER -j RETURN',
    );
    const p = tracePacket(withFirewall([output('iptables-save', text)]), tcp(outside, '10.99.0.2', 60000));
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toBe('dropped by rule 1 of filter DOCKER-USER');
    expect(p.hops.at(-1)?.trail).toEqual(['FORWARD', 'FORWARD#1 -> DOCKER-USER']);
  });

  it('INPUT policy DROP blocks a host port but not a published port (the ufw surprise)', () => {
    const text = v20.replace(':INPUT ACCEPT [0:0]', ':INPUT DROP [0:0]');
    const m = withFirewall([output('iptables-save', text)], (x) => {
      const host = x.namespaces.find((n) => n.id === 'host');
      const s = host?.sockets[0];
      if (host && s)
        host.sockets.push({
          ...s,
          localAddress: '0.0.0.0',
          localPort: '22',
          localPortNumber: 22,
          program: 'sshd',
          pid: 7,
        });
    });
    const ssh = tracePacket(m, tcp(outside, '10.99.0.2', 22));
    expect(ssh.verdict).toBe('dropped');
    expect(ssh.reason).toContain('policy DROP of filter INPUT');
    const published = tracePacket(m, tcp(outside, '10.99.0.2', 60000));
    expect(published.verdict).toBe('delivered');
    expect(published.hops.some((h) => h.stage === 'filter INPUT')).toBe(false);
  });

  it('ICC off drops container-to-container on one bridge only when bridge-nf-call-iptables=1', () => {
    const text = v20.replace(
      '-A FORWARD -i docker0 -o docker0 -j ACCEPT',
      '-A FORWARD -i docker0 -o docker0 -j DROP',
    );
    const m = withFirewall([output('iptables-save', text)], (x) =>
      addContainer(x, 'peer', '172.17.0.3', 'docker0'),
    );
    const on = tracePacket(m, tcp({ kind: 'container', name: 'peer' }, '172.17.0.2', 8080));
    expect(on.verdict).toBe('dropped');
    expect(on.reason).toContain('rule 6 of filter FORWARD');
    setSysctl(m, 'net.bridge.bridge-nf-call-iptables', '0');
    const off = tracePacket(m, tcp({ kind: 'container', name: 'peer' }, '172.17.0.2', 8080));
    expect(off.verdict).toBe('delivered');
    expect(off.hops.find((h) => h.stage === 'bridge docker0')?.detail).toContain('iptables not consulted');
  });

  it('an unknown match makes the verdict unknown, naming the rule', () => {
    const text = v20.replace(
      '-A DOCKER-USER -j RETURN',
      '-A DOCKER-USER -m recent --rcheck --seconds 60 --name scan -j DROP\n-A DOCKER-USER -j RETURN',
    );
    const p = tracePacket(withFirewall([output('iptables-save', text)]), tcp(outside, '10.99.0.2', 60000));
    expect(p.verdict).toBe('unknown');
    expect(p.reason).toContain('rule 1 of filter DOCKER-USER');
    expect(p.reason).toContain('--rcheck');
  });

  it('a rule whose known matches fail is skipped even with an unknown match', () => {
    const text = v20.replace(
      '-A DOCKER-USER -j RETURN',
      '-A DOCKER-USER -i nowhere0 -m recent --rcheck --name scan -j DROP\n-A DOCKER-USER -j RETURN',
    );
    expect(
      tracePacket(withFirewall([output('iptables-save', text)]), tcp(outside, '10.99.0.2', 60000)).verdict,
    ).toBe('delivered');
  });
});

describe('tracePacket: Docker 28 chains (raw-table guard, DOCKER-FORWARD, DOCKER-INTERNAL)', () => {
  const v28 = fixture('iptables-save/netns-docker28-chains.out');
  const model = () =>
    withFirewall([output('iptables-save', v28)], (x) =>
      addContainer(x, 'intern', '172.21.0.2', 'br-f2cfb6c855a7'),
    );

  it('the published port still works from the LAN', () => {
    const p = tracePacket(model(), tcp(outside, '10.99.0.2', 60000));
    expect(p.verdict).toBe('delivered');
    expect(p.hops.find((h) => h.stage === 'filter FORWARD')?.trail).toContain('DOCKER-BRIDGE#1 -> DOCKER');
  });

  it('the raw PREROUTING guard drops direct access to the container address', () => {
    const p = tracePacket(model(), tcp(outside, '172.17.0.2', 8080));
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toBe('dropped by rule 1 of raw PREROUTING');
  });

  it('an internal network cannot send out: DOCKER-INTERNAL drops it', () => {
    const p = tracePacket(model(), tcp({ kind: 'container', name: 'intern' }, '10.99.0.1', 80));
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toBe('dropped by rule 1 of filter DOCKER-INTERNAL');
  });

  it('Docker 28.0 ipset rules read docker-ext-bridges-v4 from the networks, and say so', () => {
    const text = fixture('iptables-save/variant-docker28.0-ipset-forward.out').replace(
      /^-A DOCKER-USER .*\n/gm,
      '',
    );
    const m = withFirewall([output('iptables-save', text)]);
    const p = tracePacket(m, tcp(outside, '172.17.0.2', 8080));
    // No raw guard for docker0 in this capture, and DOCKER only accepts 172.18.0.2:1000: dropped.
    expect(p.verdict).toBe('dropped');
    expect(p.reason).toBe('dropped by rule 3 of filter DOCKER');
    expect(p.assumptions.join(' ')).toContain('ipset docker-ext-bridges-v4');
  });
});

describe('tracePacket: nftables (Docker 29 docker-bridges, inet filter with sets)', () => {
  const nft = fixture('nft-ruleset/netns-docker-bridges-sets-maps.out');
  const model = () =>
    withFirewall([output('nft-ruleset', nft)], (x) => {
      const host = x.namespaces.find((n) => n.id === 'host');
      const s = host?.sockets[0];
      if (host && s)
        host.sockets.push({
          ...s,
          localAddress: '0.0.0.0',
          localPort: '22',
          localPortNumber: 22,
          program: 'sshd',
          pid: 7,
        });
    });

  it('a published port goes through the verdict maps to the container', () => {
    const p = tracePacket(model(), tcp(outside, '10.99.0.2', 60000));
    expect(p.verdict).toBe('delivered');
    const fwd = p.hops.find((h) => h.stage.includes('filter-FORWARD'));
    expect(fwd?.rule?.text).toContain('PUBLISHED PORT');
  });

  it('ssh from an admin network passes the inet input chain (set lookup)', () => {
    expect(tracePacket(model(), tcp(outside, '10.99.0.2', 22)).verdict).toBe('delivered');
  });

  it('another port is rejected by the reject rule of the inet input chain', () => {
    const p = tracePacket(model(), tcp(outside, '10.99.0.2', 8081));
    expect(p.verdict).toBe('rejected');
    expect(p.reason).toContain('rule 6 of nft inet filter input');
  });

  it('the raw guard of docker-bridges drops direct access to the container', () => {
    const p = tracePacket(model(), tcp(outside, '172.17.0.2', 8080));
    expect(p.verdict).toBe('dropped');
    expect(p.hops.at(-1)?.rule?.text).toContain('DROP DIRECT ACCESS');
  });
});
