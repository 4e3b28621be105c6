/**
 * Synthetic StepModels for the diagram tests, built in code so each test says what it draws:
 * the course's step 2 (docker0 DOWN), step 3 (one container publishing 60000 -> 8080), step 4
 * (swarm: docker_gwbridge, ingress overlay, ingress_sbox), a big host, and hostile names.
 */
import type {
  ModelAddress,
  ModelContainer,
  ModelDockerNetwork,
  ModelInterface,
  ModelNamespace,
  ModelPublishedPort,
  ModelRoute,
  ModelSocket,
  StepModel,
  VethLink,
} from '../../src/model/types.js';

const ev = { file: 'synthetic', line: 1 };

function addr(cidr: string): ModelAddress {
  const [address, len] = cidr.split('/') as [string, string];
  const family = address.includes(':') ? 'inet6' : 'inet';
  const prefixLength = Number(len);
  let network = cidr;
  if (family === 'inet') {
    const n = address.split('.').reduce((a, o) => (a << 8n) | BigInt(Number(o)), 0n);
    const mask = prefixLength === 0 ? 0n : ((1n << BigInt(prefixLength)) - 1n) << BigInt(32 - prefixLength);
    const base = n & mask;
    network = `${[24n, 16n, 8n, 0n].map((s) => String((base >> s) & 255n)).join('.')}/${prefixLength}`;
  }
  return {
    family,
    address,
    prefixLength,
    cidr,
    network,
    scope: address.startsWith('fe80') ? 'link' : 'global',
  };
}

export function iface(
  ifindex: number,
  name: string,
  o: {
    kind?: string;
    addresses?: string[];
    state?: string;
    peer?: number;
    master?: string;
    noCarrier?: boolean;
    netnsid?: number;
  } = {},
): ModelInterface {
  const state = o.state ?? 'UP';
  const flags = ['BROADCAST', 'MULTICAST', 'UP'];
  if (state === 'UP') flags.push('LOWER_UP');
  if (o.noCarrier) flags.unshift('NO-CARRIER');
  const i: ModelInterface = {
    ifindex,
    name,
    kind: o.kind ?? (o.peer !== undefined ? 'veth' : 'ethernet'),
    flags,
    state,
    adminUp: true,
    lowerUp: state === 'UP',
    noCarrier: !!o.noCarrier,
    mtu: 1500,
    addresses: (o.addresses ?? []).map(addr),
    evidence: ev,
  };
  if (o.peer !== undefined) i.peerIfindex = o.peer;
  if (o.netnsid !== undefined) i.linkNetnsid = o.netnsid;
  if (o.master !== undefined) i.master = o.master;
  return i;
}

export function lo(): ModelInterface {
  const i = iface(1, 'lo', { kind: 'loopback', addresses: ['127.0.0.1/8'], state: 'UNKNOWN' });
  i.flags = ['LOOPBACK', 'UP', 'LOWER_UP'];
  i.lowerUp = true;
  return i;
}

export function route(dst: string, o: { via?: string; dev?: string; flags?: string[] } = {}): ModelRoute {
  const r: ModelRoute = {
    table: 'main',
    family: dst.includes(':') ? 'inet6' : 'inet',
    type: 'unicast',
    dst,
    flags: o.flags ?? [],
    evidence: ev,
  };
  if (o.via) r.via = o.via;
  if (o.dev) r.dev = o.dev;
  return r;
}

export function listen(
  proto: string,
  address: string,
  port: number | string,
  pid: number,
  program: string,
): ModelSocket {
  const s: ModelSocket = {
    proto,
    transport: proto.replace(/6$/, ''),
    family: proto.endsWith('6') ? 'inet6' : 'inet',
    localAddress: address,
    localPort: String(port),
    foreignAddress: proto.endsWith('6') ? '::' : '0.0.0.0',
    foreignPort: '*',
    state: proto.startsWith('udp') ? undefined : 'LISTEN',
    listening: true,
    wildcard: ['0.0.0.0', '::', '*'].includes(address),
    loopback: address.startsWith('127.') || address === '::1' || address === 'localhost',
    pid,
    program,
    evidence: ev,
  } as ModelSocket;
  if (typeof port === 'number') s.localPortNumber = port;
  else if (port === 'ssh') s.localPortNumber = 22;
  else if (port === 'domain') s.localPortNumber = 53;
  if (s.state === undefined) delete s.state;
  return s;
}

export function ns(
  id: string,
  kind: ModelNamespace['kind'],
  name: string,
  interfaces: ModelInterface[],
  extra: Partial<ModelNamespace> = {},
): ModelNamespace {
  const n: ModelNamespace = {
    id,
    kind,
    role: kind === 'sandbox' ? 'sandbox' : kind,
    name,
    sharers: [],
    scopes: [id],
    interfaces,
    bridges: [],
    routes: [],
    sockets: [],
    processes: [],
    captured: ['ip-addr'],
    fedBy: { interfaces: ['ip-addr'] },
    ...extra,
  };
  if (kind === 'container' && n.container === undefined) n.container = name;
  return n;
}

export function veth(a: [string, string, number], b: [string, string, number]): VethLink {
  return {
    a: { namespace: a[0], ifname: a[1], ifindex: a[2] },
    b: { namespace: b[0], ifname: b[1], ifindex: b[2] },
    evidence: [ev, ev],
  };
}

export function network(
  name: string,
  driver: string,
  o: {
    id?: string;
    subnet?: string;
    gateway?: string;
    bridge?: string;
    scope?: string;
    ingress?: boolean;
    internal?: boolean;
  } = {},
): ModelDockerNetwork {
  const n: ModelDockerNetwork = {
    id: o.id ?? `${name.replace(/[^0-9a-f]/g, '').padEnd(12, '0')}deadbeef`,
    name,
    driver,
    scope: o.scope ?? 'local',
    subnets: o.subnet ? [o.gateway ? { subnet: o.subnet, gateway: o.gateway } : { subnet: o.subnet }] : [],
    internal: !!o.internal,
    ingress: !!o.ingress,
    attachable: false,
    enableIPv6: false,
    options: {},
    endpoints: [],
    inspected: true,
    evidence: [ev],
  };
  if (o.bridge) n.bridge = o.bridge;
  return n;
}

function baseHost(interfaces: ModelInterface[]): ModelNamespace {
  return ns('host', 'host', 'dh-home2', [lo(), ...interfaces], {
    routes: [
      route('default', { via: '192.168.178.1', dev: 'ens18' }),
      route('192.168.178.0/24', { dev: 'ens18' }),
    ],
    sockets: [
      listen('tcp', 'localhost', 'domain', 526, 'systemd-resolve'),
      listen('tcp', '0.0.0.0', 'ssh', 835, 'sshd'),
      listen('tcp6', '::', 'ssh', 835, 'sshd'),
      listen('udp', 'localhost', 'domain', 526, 'systemd-resolve'),
    ],
  });
}

const ens18 = () =>
  iface(2, 'ens18', {
    addresses: [
      '192.168.178.42/24',
      'fd00:affe::c867:51ff:fe5a:6d91/64',
      '2001:16b8:9a:4000:c867:51ff:fe5a:6d91/64',
    ],
  });

function docker(): StepModel['docker'] {
  return {
    installed: true,
    clientVersion: '18.09.6',
    serverVersion: '18.09.6',
    apiVersion: '1.39',
    evidence: [ev],
  };
}

/** Step 1: one static interface, no Docker. */
export function step1(): StepModel {
  return {
    hostname: 'dh-home2',
    namespaces: [baseHost([ens18()])],
    vethLinks: [],
    links: [],
    staleNamespaces: [],
    docker: { installed: false, evidence: [] },
    dockerNetworks: [],
    containers: [],
    publishedPorts: [],
  };
}

/** Step 2: docker0 172.17.0.1/16 DOWN (no carrier), no port; networks bridge, host, none. */
export function step2(): StepModel {
  const host = baseHost([
    ens18(),
    iface(3, 'docker0', { kind: 'bridge', addresses: ['172.17.0.1/16'], state: 'DOWN', noCarrier: true }),
  ]);
  host.bridges = [
    {
      name: 'docker0',
      bridgeId: '8000.024278cc117b',
      stp: false,
      ports: [],
      hasInterface: true,
      evidence: [ev],
    },
  ];
  host.routes.push(route('172.17.0.0/16', { dev: 'docker0', flags: ['linkdown'] }));
  const bridge = network('bridge', 'bridge', {
    id: 'ff333722eebf666570da7a75ee7a3764',
    subnet: '172.17.0.0/16',
    gateway: '172.17.0.1',
    bridge: 'docker0',
  });
  return {
    hostname: 'dh-home2',
    namespaces: [host],
    vethLinks: [],
    links: [],
    staleNamespaces: [],
    docker: docker(),
    dockerNetworks: [bridge, network('host', 'host'), network('none', 'null')],
    containers: [],
    publishedPorts: [],
  };
}

/** Step 3: whoami-port60000 on docker0, veth9c996da@if4 <-> eth0@if5, 60000 -> 8080. */
export function step3(): StepModel {
  const m = step2();
  const host = m.namespaces[0]!;
  host.interfaces[2] = iface(3, 'docker0', { kind: 'bridge', addresses: ['172.17.0.1/16'] });
  host.interfaces.push(iface(5, 'veth9c996da', { peer: 4, master: 'docker0', netnsid: 0 }));
  host.bridges[0]!.ports = ['veth9c996da'];
  host.routes[2] = route('172.17.0.0/16', { dev: 'docker0' });
  host.sockets.push(listen('tcp6', '::', 60000, 3491, 'docker-proxy'));
  host.processes.push({
    pid: 3491,
    user: 'root',
    name: 'docker-proxy',
    command:
      '/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 60000 -container-ip 172.17.0.2 -container-port 8080',
    evidence: ev,
  });
  const c = ns(
    'container:whoami-port60000',
    'container',
    'whoami-port60000',
    [lo(), iface(4, 'eth0', { peer: 5, addresses: ['172.17.0.2/16'] })],
    {
      routes: [route('default', { via: '172.17.0.1', dev: 'eth0' }), route('172.17.0.0/16', { dev: 'eth0' })],
      sockets: [listen('tcp6', '::', 8080, 21, 'node')],
    },
  );
  m.namespaces.push(c);
  m.vethLinks.push(veth(['host', 'veth9c996da', 5], [c.id, 'eth0', 4]));
  m.dockerNetworks[0]!.endpoints.push({
    key: '3f1e2d4c5b6a7980',
    name: 'whoami-port60000',
    ipv4: '172.17.0.2/16',
    role: 'container',
    mac: '02:42:ac:11:00:02',
    sandbox: false,
    evidence: ev,
  });
  const container: ModelContainer = {
    name: 'whoami-port60000',
    id: '3f1e2d4c5b6a7980',
    pid: 2345,
    namespace: c.id,
    networks: [{ network: 'bridge', ipv4: '172.17.0.2/16', mac: '02:42:ac:11:00:02' }],
    evidence: [ev],
  };
  m.containers.push(container);
  const pp: ModelPublishedPort = {
    proto: 'tcp',
    hostIp: '0.0.0.0',
    hostPort: 60000,
    containerIp: '172.17.0.2',
    containerPort: 8080,
    container: 'whoami-port60000',
    sources: ['docker-proxy'],
    pid: 3491,
    evidence: [ev],
  };
  m.publishedPorts.push(pp);
  return m;
}

/**
 * Step 4: swarm init. docker_gwbridge 172.18.0.1/16 with veth8149801 to ingress_sbox's eth1;
 * the ingress overlay 10.255.0.0/16 with ingress_sbox's eth0. `captureSandbox` false models the
 * course's bundle, where only `docker network inspect` knows the sandbox.
 */
export function step4(captureSandbox = true): StepModel {
  const m = step3();
  const host = m.namespaces[0]!;
  host.interfaces.push(iface(10, 'docker_gwbridge', { kind: 'bridge', addresses: ['172.18.0.1/16'] }));
  host.interfaces.push(iface(12, 'veth8149801', { peer: 11, master: 'docker_gwbridge', netnsid: 2 }));
  host.bridges.push({
    name: 'docker_gwbridge',
    bridgeId: '8000.02425208ac47',
    stp: false,
    ports: ['veth8149801'],
    hasInterface: true,
    evidence: [ev],
  });
  host.routes.push(route('172.18.0.0/16', { dev: 'docker_gwbridge' }));
  const gw = network('docker_gwbridge', 'bridge', {
    id: '16716489872e00',
    subnet: '172.18.0.0/16',
    gateway: '172.18.0.1',
    bridge: 'docker_gwbridge',
  });
  gw.endpoints.push({
    key: 'ingress-sbox',
    name: 'gateway_ingress-sbox',
    ipv4: '172.18.0.2/16',
    sandbox: true,
    role: 'gateway',
    evidence: ev,
  });
  const ingress = network('ingress', 'overlay', {
    id: 'e4wfza5xluss',
    subnet: '10.255.0.0/16',
    gateway: '10.255.0.1',
    scope: 'swarm',
    ingress: true,
  });
  ingress.endpoints.push({
    key: 'ingress-sbox',
    name: 'ingress-endpoint',
    role: 'ingress',
    ipv4: '10.255.0.2/16',
    sandbox: true,
    evidence: ev,
  });
  m.dockerNetworks.push(gw, ingress);
  m.dockerNetworks.sort((a, b) => a.name.localeCompare(b.name));
  if (captureSandbox) {
    const sb = ns('netns:ingress_sbox', 'sandbox', 'ingress_sbox', [
      lo(),
      iface(9, 'eth0', { peer: 10, addresses: ['10.255.0.2/16'], netnsid: 1 }),
      iface(11, 'eth1', { peer: 12, addresses: ['172.18.0.2/16'], netnsid: 0 }),
    ]);
    m.namespaces.push(sb);
    m.vethLinks.push(veth(['host', 'veth8149801', 12], [sb.id, 'eth1', 11]));
  }
  return m;
}

/** `containers` containers spread over `nets` user networks, each publishing a port when `publishEvery` divides its index. */
export function bigHost(containers: number, nets: number, publishEvery = 47): StepModel {
  const m = step3();
  const host = m.namespaces[0]!;
  let ifindex = 100;
  for (let n = 0; n < nets; n++) {
    const hex = (0x1a2b3c4d5e00 + n).toString(16).padStart(12, '0');
    const br = `br-${hex}`;
    const subnet = `172.${20 + Math.floor(n / 16)}.${(n % 16) * 16}.0/20`;
    const gwAddr = `172.${20 + Math.floor(n / 16)}.${(n % 16) * 16}.1/20`;
    host.interfaces.push(iface(ifindex++, br, { kind: 'bridge', addresses: [gwAddr] }));
    host.bridges.push({ name: br, ports: [], hasInterface: true, evidence: [ev] });
    m.dockerNetworks.push(network(`app-net-${n}`, 'bridge', { id: `${hex}ffff`, subnet, bridge: br }));
  }
  for (let c = 0; c < containers; c++) {
    const n = c % nets;
    const net = m.dockerNetworks.find((x) => x.name === `app-net-${n}`)!;
    const br = net.bridge!;
    const hostIdx = ifindex++;
    const vname = `veth${(0xa00000 + c).toString(16)}`;
    host.interfaces.push(iface(hostIdx, vname, { peer: 2, master: br }));
    host.bridges.find((b) => b.name === br)!.ports.push(vname);
    const base = net.subnets[0]!.subnet.split('/')[0]!.split('.').map(Number);
    const ip = `${base[0]}.${base[1]}.${base[2]! + Math.floor((c / nets + 2) / 256)}.${(Math.floor(c / nets) + 2) % 256}`;
    const name = `svc-${c}`;
    const cns = ns(
      `container:${name}`,
      'container',
      name,
      [lo(), iface(2, 'eth0', { peer: hostIdx, addresses: [`${ip}/20`] })],
      {
        sockets: [listen('tcp', '0.0.0.0', 8080, 1, 'app')],
      },
    );
    m.namespaces.push(cns);
    m.vethLinks.push(veth(['host', vname, hostIdx], [cns.id, 'eth0', 2]));
    m.containers.push({
      name,
      namespace: cns.id,
      networks: [{ network: net.name, ipv4: `${ip}/20` }],
      evidence: [ev],
    });
    if (c % publishEvery === 0) {
      m.publishedPorts.push({
        proto: 'tcp',
        hostIp: '0.0.0.0',
        hostPort: 61000 + c,
        containerIp: ip,
        containerPort: 8080,
        container: name,
        sources: ['docker-proxy'],
        evidence: [ev],
      });
    }
  }
  return m;
}

/** Names chosen to break or inject Mermaid, or to mislead a reader. */
export const HOSTILE_NAMES: readonly string[] = [
  'quote"in"name',
  "single'quote",
  'br[ack]et{s}(paren)|pipe',
  'vethabc1234@if4',
  'x"]\nclick n1 call alert()\nn2["y',
  'x"] --> n1\nclick n1 href "javascript:alert(1)"\n%%',
  '@{ shape: cloud }',
  '%%{init: {"securityLevel":"loose","theme":"dark"}}%%',
  '%% comment to the end of the line',
  'a-->b',
  'x --- y ==> z -.-> w ~~~ v',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  'click n1 call alert()',
  'click n1 href "javascript:alert(1)"',
  ':::up',
  'n1:::down',
  'line1\nclick n1 call alert()\r\nline3',
  'end',
  'subgraph',
  'style n1 fill:#f00;',
  'classDef evil fill:#f00;',
  '#quot; #lt;script#gt; #35; &amp; &#60;',
  '`markdown` **bold** _it_',
  '"`markdown string`"',
  '$$x^2$$',
  'fa:fa-user',
  '😀 emoji 中文 ünïcödé',
  '\u202eevil\u202c bidi',
  '\u0000\u0007control\u001b[31m',
  'ﬂ°lt¶ß placeholder',
  'back\\slash\\n',
  'a;b;c',
  '\u00a0no-break\u00a0space\u00a0',
  '<br/>fake line',
  'x'.repeat(5000),
  '<'.repeat(5000),
  '😀'.repeat(5000),
];

/** The step-4 model with every name a bundle can choose replaced by `name` (or a prefixed variant). */
export function hostileModel(name: string, captureSandbox = true): StepModel {
  const json = JSON.stringify(step4(captureSandbox));
  // A function, not a string, as replacement: `$$` in a name must stay `$$`.
  const esc = (s: string) => () => JSON.stringify(s).slice(1, -1);
  const out = json
    .replaceAll('whoami-port60000', esc(name))
    .replaceAll('dh-home2', esc(`h${name}`))
    .replaceAll('ens18', esc(`u${name}`))
    .replaceAll('docker_gwbridge', esc(`g${name}`))
    .replaceAll('gateway_ingress-sbox', esc(`e${name}`))
    .replaceAll('ingress-sbox', esc(`s${name}`))
    .replaceAll('ingress_sbox', esc(`s${name}`))
    .replaceAll('veth9c996da', esc(`v${name}`))
    .replaceAll('"sshd"', () => `"${esc(`p${name}`)()}"`)
    .replaceAll('"node"', () => `"${esc(name)()}"`)
    .replaceAll('docker0', esc(`d${name}`))
    .replaceAll('"name":"bridge","driver"', () => `"name":"${esc(`n${name}`)()}","driver"`)
    .replaceAll('"network":"bridge"', () => `"network":"${esc(`n${name}`)()}"`);
  return JSON.parse(out) as StepModel;
}
