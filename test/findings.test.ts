/**
 * Every finding kind: one small StepModel that raises it and one that does not. The conformance
 * part checks that each kind has catalogue text and appears in a family.
 */
import { describe, expect, it } from 'vitest';
import { findingFamilies, findingInfo, runFindings } from '../src/analyses/findings/index.js';
import type { AnalysisInput, FindingFamily, FindingKind } from '../src/analyses/types.js';
import type { BundleMeta } from '../src/bundle/types.js';
import { buildHostSettings, daemonOptions } from '../src/model/host-settings.js';
import type {
  ModelDockerNetwork,
  ModelInterface,
  ModelNamespace,
  ModelSocket,
  StepModel,
} from '../src/model/types.js';
import { linkVeths } from '../src/model/veth.js';
import type { ParsedBundle } from '../src/parsers/parse-bundle.js';
import { sysctlNet } from '../src/parsers/sysctl-net.js';
import type { ReportCommand } from '../src/report/types.js';

const ev = (line: number, file = 'host/ip-addr.out') => ({ file, line });

function iface(p: Partial<ModelInterface> & { name: string }): ModelInterface {
  return {
    ifindex: 1,
    kind: 'ethernet',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    state: 'UP',
    adminUp: true,
    lowerUp: true,
    noCarrier: false,
    mtu: 1500,
    addresses: [],
    evidence: ev(1),
    ...p,
  };
}

function ns(p: Partial<ModelNamespace> = {}): ModelNamespace {
  return {
    id: 'host',
    kind: 'host',
    role: 'host',
    name: 'h',
    sharers: [],
    scopes: ['host'],
    interfaces: [iface({ name: 'eth0', ifindex: 2 })],
    bridges: [],
    routes: [
      {
        table: 'main',
        family: 'inet',
        type: 'unicast',
        dst: 'default',
        via: '192.168.1.1',
        dev: 'eth0',
        flags: [],
        evidence: ev(1, 'host/ip-route-main.out'),
      },
      {
        table: 'main',
        family: 'inet',
        type: 'unicast',
        dst: '192.168.1.0/24',
        dev: 'eth0',
        proto: 'kernel',
        flags: [],
        evidence: ev(2, 'host/ip-route-main.out'),
      },
    ],
    sockets: [],
    processes: [],
    captured: ['ip-addr', 'ip-route-main', 'netstat'],
    fedBy: { interfaces: ['ip-addr'], routes: ['ip-route-main'], sockets: ['netstat'] },
    ...p,
  };
}

function net(p: Partial<ModelDockerNetwork> & { name: string }): ModelDockerNetwork {
  return {
    id: `${p.name}0123456789abcdef`,
    driver: 'bridge',
    scope: 'local',
    subnets: [],
    internal: false,
    ingress: false,
    attachable: false,
    enableIPv6: false,
    options: {},
    endpoints: [],
    inspected: true,
    evidence: [ev(2, 'docker/docker-network-inspect.out')],
    ...p,
  };
}

/** A host veth (ifindex 9, peer if4) and two containers with an eth0 of ifindex 4. */
function vethModel(firstPeer: number | undefined): StepModel {
  const host = ns({
    interfaces: [
      iface({ name: 'vethA', ifindex: 9, kind: 'veth', peerIfindex: 4, linkNetnsid: 0, master: 'docker0' }),
    ],
  });
  const c = (name: string, peer: number | undefined) =>
    ns({
      id: `container:${name}`,
      kind: 'container',
      name,
      container: name,
      interfaces: [
        iface({
          name: 'eth0',
          ifindex: 4,
          kind: 'veth',
          ...(peer !== undefined ? { peerIfindex: peer } : {}),
        }),
      ],
    });
  const namespaces = [host, c('web', firstPeer), c('db', undefined)];
  const { links, ambiguous } = linkVeths(namespaces);
  return model({ namespaces, vethLinks: links, ambiguousVeths: ambiguous });
}

function model(p: Partial<StepModel> = {}): StepModel {
  return {
    hostname: 'h',
    namespaces: [ns()],
    vethLinks: [],
    links: [],
    staleNamespaces: [],
    docker: { installed: true, evidence: [] },
    dockerNetworks: [],
    containers: [],
    publishedPorts: [],
    ...p,
  };
}

const meta: BundleMeta = {
  formatVersion: 1,
  collector: { name: 't', version: '0' },
  hostname: 'h',
  capturedAt: null,
  step: '',
  user: { uid: 0, name: 'root' },
  scopes: {},
};

function run(m: StepModel, extra: Partial<AnalysisInput> = {}) {
  return runFindings({ meta, model: m, commands: [], ...extra });
}

function kinds(m: StepModel, extra: Partial<AnalysisInput> = {}): FindingKind[] {
  return run(m, extra).map((f) => f.kind);
}

function socket(p: Partial<ModelSocket> & { localAddress: string; localPortNumber: number }): ModelSocket {
  return {
    proto: 'tcp',
    transport: 'tcp',
    family: 'inet',
    localPort: String(p.localPortNumber),
    foreignAddress: '0.0.0.0',
    foreignPort: '*',
    listening: true,
    wildcard: p.localAddress === '0.0.0.0' || p.localAddress === '::',
    loopback: false,
    evidence: ev(3, 'host/netstat.out'),
    ...p,
  };
}

const defaultBridge = (icc: string) =>
  net({
    name: 'bridge',
    bridge: 'docker0',
    subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
    options: {
      'com.docker.network.bridge.default_bridge': 'true',
      'com.docker.network.bridge.enable_icc': icc,
    },
  });

const docker0 = iface({ name: 'docker0', ifindex: 3, kind: 'bridge', addresses: [] });

/** Kinds from packet paths are tested on real captures in test/findings-paths.test.ts. */
const PATH_KINDS = [
  'published-port-bypasses-input',
  'published-port-filtered',
  'loopback-published-reachable',
  'loopback-published-contained',
  'internal-network-reachable',
  'internal-network-isolated',
  'networks-reach-each-other',
  'networks-isolated',
] as const;

const cases: Record<
  Exclude<FindingKind, 'analysis-error' | (typeof PATH_KINDS)[number]>,
  { raise: () => FindingKind[]; quiet: () => FindingKind[] }
> = {
  'published-on-all-addresses': {
    raise: () =>
      kinds(
        model({
          publishedPorts: [
            {
              proto: 'tcp',
              hostIp: '0.0.0.0',
              hostPort: 8080,
              sources: ['docker-proxy'],
              evidence: [ev(4, 'host/ps.out')],
            },
          ],
        }),
      ),
    quiet: () =>
      kinds(
        model({
          publishedPorts: [
            {
              proto: 'tcp',
              hostIp: '127.0.0.1',
              hostPort: 8080,
              sources: ['docker-proxy'],
              evidence: [ev(4, 'host/ps.out')],
            },
          ],
        }),
      ),
  },
  'container-host-network': {
    raise: () =>
      kinds(
        model({
          containers: [{ name: 'c', networkMode: 'host', networks: [], evidence: [ev(1, 'docker/x.out')] }],
        }),
      ),
    quiet: () =>
      kinds(
        model({
          containers: [
            { name: 'c', networkMode: 'default', networks: [], evidence: [ev(1, 'docker/x.out')] },
          ],
        }),
      ),
  },
  'default-bridge-icc': {
    raise: () => kinds(model({ dockerNetworks: [defaultBridge('true')] })),
    quiet: () => kinds(model({ dockerNetworks: [defaultBridge('false')] })),
  },
  'subnet-overlaps-route': {
    raise: () => {
      const host = ns({ interfaces: [iface({ name: 'ens18', ifindex: 2 }), docker0] });
      host.routes.push(
        {
          table: 'main',
          family: 'inet',
          type: 'unicast',
          dst: '172.17.0.0/16',
          via: '192.168.1.254',
          dev: 'ens18',
          flags: [],
          evidence: ev(3, 'host/ip-route-main.out'),
        },
        {
          table: 'main',
          family: 'inet',
          type: 'unicast',
          dst: '172.17.0.0/16',
          dev: 'docker0',
          proto: 'kernel',
          flags: [],
          evidence: ev(4, 'host/ip-route-main.out'),
        },
      );
      return kinds(model({ namespaces: [host], dockerNetworks: [defaultBridge('false')] }));
    },
    quiet: () => {
      const host = ns({ interfaces: [iface({ name: 'ens18', ifindex: 2 }), docker0] });
      host.routes.push({
        table: 'main',
        family: 'inet',
        type: 'unicast',
        dst: '172.17.0.0/16',
        dev: 'docker0',
        proto: 'kernel',
        flags: [],
        evidence: ev(4, 'host/ip-route-main.out'),
      });
      const macvlanHost = ns({ interfaces: [iface({ name: 'eth0', ifindex: 2 })] });
      macvlanHost.routes.push({
        table: 'main',
        family: 'inet',
        type: 'unicast',
        dst: '10.99.0.0/24',
        dev: 'eth0',
        proto: 'kernel',
        flags: [],
        evidence: ev(2, 'host/ip-route-main.out'),
      });
      // A macvlan network on its parent's subnet is how macvlan is meant to work.
      const lan = net({
        name: 'lanmv',
        driver: 'macvlan',
        subnets: [{ subnet: '10.99.0.0/24', gateway: '10.99.0.1' }],
        options: { parent: 'eth0' },
      });
      return [
        ...kinds(model({ namespaces: [host], dockerNetworks: [defaultBridge('false')] })),
        ...kinds(model({ namespaces: [macvlanHost], dockerNetworks: [lan] })),
      ];
    },
  },
  'stale-namespace-file': {
    raise: () =>
      kinds(
        model({
          staleNamespaces: [
            {
              name: '0123456789ab',
              path: '/run/docker/netns/0123456789ab',
              reason: 'not a namespace',
              evidence: [ev(4, 'docker/docker-netns-ls.out')],
            },
          ],
        }),
      ),
    quiet: () => kinds(model({ staleNamespaces: [] })),
  },
  'ip-forward-off': {
    raise: () =>
      kinds(
        model({
          sysctls: [{ key: 'net.ipv4.ip_forward', value: '0', evidence: ev(1, 'host/sysctl-net.out') }],
        }),
      ),
    quiet: () => [
      ...kinds(
        model({
          sysctls: [{ key: 'net.ipv4.ip_forward', value: '1', evidence: ev(1, 'host/sysctl-net.out') }],
        }),
      ),
      // Off is normal on a host without Docker.
      ...kinds(
        model({
          docker: { installed: false, evidence: [] },
          sysctls: [{ key: 'net.ipv4.ip_forward', value: '0', evidence: ev(1, 'host/sysctl-net.out') }],
        }),
      ),
    ],
  },
  'bridge-nf-call-off': {
    raise: () =>
      kinds(
        model({
          namespaces: [ns({ interfaces: [docker0] })],
          dockerNetworks: [defaultBridge('false')],
          sysctls: [{ key: 'net.bridge.bridge-nf-call-iptables', evidence: ev(5, 'host/sysctl-net.out') }],
        }),
      ),
    quiet: () =>
      kinds(
        model({
          namespaces: [ns({ interfaces: [docker0] })],
          dockerNetworks: [defaultBridge('false')],
          sysctls: [
            { key: 'net.bridge.bridge-nf-call-iptables', value: '1', evidence: ev(5, 'host/sysctl-net.out') },
          ],
        }),
      ),
  },
  'docker-iptables-off': {
    raise: () =>
      kinds(
        model({
          dockerDaemon: {
            pid: 9,
            command: 'dockerd --iptables=false',
            options: { iptables: 'false' },
            iptables: false,
            evidence: ev(7, 'host/ps.out'),
          },
        }),
      ),
    quiet: () =>
      kinds(
        model({
          dockerDaemon: {
            pid: 9,
            command: 'dockerd -H fd://',
            options: { H: 'fd://' },
            evidence: ev(7, 'host/ps.out'),
          },
        }),
      ),
  },
  'overlay-mtu-mismatch': {
    raise: () =>
      kinds(
        model({
          namespaces: [ns({ interfaces: [iface({ name: 'eth0', ifindex: 2, mtu: 1450 })] })],
          dockerNetworks: [net({ name: 'ingress', driver: 'overlay', scope: 'swarm', ingress: true })],
        }),
      ),
    quiet: () =>
      kinds(
        model({
          namespaces: [ns({ interfaces: [iface({ name: 'eth0', ifindex: 2, mtu: 1450 })] })],
          dockerNetworks: [
            net({
              name: 'ingress',
              driver: 'overlay',
              scope: 'swarm',
              ingress: true,
              options: { 'com.docker.network.driver.mtu': '1450' },
            }),
          ],
        }),
      ),
  },
  'bridge-down-with-ports': {
    raise: () => {
      const br = iface({
        name: 'br0',
        kind: 'bridge',
        state: 'DOWN',
        lowerUp: false,
        noCarrier: true,
        flags: ['NO-CARRIER', 'UP'],
      });
      return kinds(
        model({
          namespaces: [
            ns({
              interfaces: [br],
              bridges: [
                {
                  name: 'br0',
                  ports: ['veth1'],
                  hasInterface: true,
                  evidence: [ev(2, 'host/brctl-show.out')],
                },
              ],
            }),
          ],
        }),
      );
    },
    quiet: () => {
      const br = iface({
        name: 'br0',
        kind: 'bridge',
        state: 'DOWN',
        lowerUp: false,
        noCarrier: true,
        flags: ['NO-CARRIER', 'UP'],
      });
      return kinds(
        model({
          namespaces: [
            ns({
              interfaces: [br],
              bridges: [
                { name: 'br0', ports: [], hasInterface: true, evidence: [ev(2, 'host/brctl-show.out')] },
              ],
            }),
          ],
        }),
      );
    },
  },
  'veth-peer-not-captured': {
    raise: () =>
      kinds(
        model({
          namespaces: [
            ns({
              interfaces: [
                iface({ name: 'vethabc', kind: 'veth', master: 'docker0', peerIfindex: 4, linkNetnsid: 0 }),
              ],
            }),
          ],
        }),
      ),
    quiet: () =>
      kinds(
        model({
          namespaces: [
            ns({
              interfaces: [
                iface({
                  name: 'vethabc',
                  ifindex: 5,
                  kind: 'veth',
                  master: 'docker0',
                  peerIfindex: 4,
                  linkNetnsid: 0,
                }),
              ],
            }),
            ns({
              id: 'container:c',
              kind: 'container',
              interfaces: [iface({ name: 'eth0', ifindex: 4, kind: 'veth', peerIfindex: 5 })],
            }),
          ],
          vethLinks: [
            {
              a: { namespace: 'host', ifname: 'vethabc', ifindex: 5 },
              b: { namespace: 'container:c', ifname: 'eth0', ifindex: 4 },
              evidence: [],
            },
          ],
        }),
      ),
  },
  'veth-ambiguous': {
    // Correlated for real: the host's vethA@if4 and two captured containers that both have an
    // eth0 with ifindex 4; BusyBox printed no peer index inside, so neither points back.
    raise: () => kinds(vethModel(undefined)),
    quiet: () => kinds(vethModel(9)),
  },
  'veth-without-master': {
    raise: () =>
      kinds(
        model({
          namespaces: [
            ns({ interfaces: [iface({ name: 'vethold', kind: 'veth', peerIfindex: 9, linkNetnsid: 3 })] }),
          ],
        }),
      ),
    quiet: () =>
      // A veth pair with both ends in the host (`uplink0@eth0`), one end carrying the host's address.
      kinds(
        model({
          namespaces: [
            ns({
              interfaces: [
                iface({ name: 'uplink0', kind: 'veth', parent: 'eth0' }),
                iface({
                  name: 'eth0',
                  kind: 'veth',
                  parent: 'uplink0',
                  addresses: [
                    {
                      family: 'inet',
                      address: '10.0.0.2',
                      prefixLength: 24,
                      cidr: '10.0.0.2/24',
                      network: '10.0.0.0/24',
                      scope: 'global',
                    },
                  ],
                }),
              ],
            }),
          ],
        }),
      ),
  },
  'swarm-ports-exposed': {
    raise: () =>
      kinds(
        model({
          namespaces: [
            ns({
              sockets: [
                socket({ localAddress: '::', localPortNumber: 2377, proto: 'tcp6', family: 'inet6' }),
              ],
            }),
          ],
        }),
      ),
    quiet: () =>
      kinds(
        model({
          namespaces: [ns({ sockets: [socket({ localAddress: '10.0.0.2', localPortNumber: 2377 })] })],
        }),
      ),
  },
  'capture-not-root': {
    raise: () => kinds(model(), { meta: { ...meta, user: { uid: 1000, name: 'admin' } } }),
    quiet: () => kinds(model()),
  },
  'capture-incomplete': {
    raise: () => kinds(model(), { commands: [cmd('brctl-show', 'failed', 127)] }),
    quiet: () => kinds(model(), { commands: [cmd('brctl-show', 'parsed', 0)] }),
  },
};

function cmd(id: string, status: ReportCommand['status'], exitCode: number): ReportCommand {
  return {
    id,
    scope: 'host',
    command: id,
    exitCode,
    durationMs: 1,
    status,
    warnings: [],
    recordCount: 0,
    inferred: false,
  };
}

describe('finding kinds', () => {
  for (const [kind, c] of Object.entries(cases) as [FindingKind, (typeof cases)['capture-incomplete']][]) {
    it(`${kind}: raised`, () => expect(c.raise()).toContain(kind));
    it(`${kind}: not raised`, () => expect(c.quiet()).not.toContain(kind));
  }

  it('every kind has catalogue text and a family (or is the error kind)', () => {
    const raised = new Set(findingFamilies.flatMap((f) => f.kinds));
    for (const [kind, info] of Object.entries(findingInfo)) {
      expect(info.title.length, kind).toBeGreaterThan(5);
      expect(info.explanation.length, kind).toBeGreaterThan(40);
      expect(info.remediation.length, kind).toBeGreaterThan(20);
      if (kind !== 'analysis-error') {
        expect(raised.has(kind as FindingKind), `${kind} belongs to no family`).toBe(true);
        expect([...Object.keys(cases), ...PATH_KINDS], `${kind} has no test`).toContain(kind);
      }
    }
  });

  it('analysis-error: a family that throws becomes a finding, and none without it', () => {
    const bad: FindingFamily = {
      id: 'bad',
      kinds: [],
      run: () => {
        throw new Error('nope');
      },
    };
    const out = runFindings({ meta, model: model(), commands: [] }, [bad]);
    expect(out.map((f) => f.kind)).toEqual(['analysis-error']);
    expect(out[0]!.detail).toMatch(/nope/);
    expect(kinds(model())).not.toContain('analysis-error');
  });

  it('the 4789 VXLAN port is high, sorted first', () => {
    const out = run(
      model({
        namespaces: [
          ns({
            sockets: [
              socket({
                localAddress: '0.0.0.0',
                localPortNumber: 4789,
                proto: 'udp',
                transport: 'udp',
                listening: true,
              }),
            ],
          }),
        ],
        dockerNetworks: [defaultBridge('true')],
      }),
    );
    expect(out[0]).toMatchObject({ kind: 'swarm-ports-exposed', severity: 'high', subject: 'udp/4789' });
  });
});

describe('host settings', () => {
  it('sysctl-net and dockerd flags become model fields', () => {
    const text = 'net.ipv4.ip_forward = 1\n# net.bridge.bridge-nf-call-iptables: absent\n';
    const parsed = {
      bundle: {} as ParsedBundle['bundle'],
      outputs: [
        {
          run: {
            id: 'sysctl-net',
            scope: 'host',
            command: 'read',
            exitCode: 0,
            durationMs: 1,
            stdout: 'host/sysctl-net.out',
          },
          parser: 'sysctl-net',
          status: 'parsed',
          records: sysctlNet.parse(text).records,
          warnings: [],
        },
        {
          run: { id: 'ps', scope: 'host', command: 'ps', exitCode: 0, durationMs: 1, stdout: 'host/ps.out' },
          parser: 'ps',
          status: 'parsed',
          records: [
            {
              pid: 880,
              user: 'root',
              name: 'dockerd',
              command: '/usr/bin/dockerd -H fd:// --iptables=false --icc false',
              line: 7,
            },
          ],
          warnings: [],
        },
      ],
    } as ParsedBundle;
    const s = buildHostSettings(parsed);
    expect(s.sysctls).toEqual([
      { key: 'net.ipv4.ip_forward', value: '1', evidence: { file: 'host/sysctl-net.out', line: 1 } },
      { key: 'net.bridge.bridge-nf-call-iptables', evidence: { file: 'host/sysctl-net.out', line: 2 } },
    ]);
    expect(s.dockerDaemon).toMatchObject({
      pid: 880,
      iptables: false,
      evidence: { file: 'host/ps.out', line: 7 },
    });
    // `--icc false` is a switch followed by an argument, not `--icc=false`.
    expect(s.dockerDaemon?.icc).toBe(true);
    expect(daemonOptions('dockerd -H fd:// --containerd=/run/c.sock')).toEqual({ containerd: '/run/c.sock' });
  });
});
