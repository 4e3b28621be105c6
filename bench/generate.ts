/**
 * Seeded generator of synthetic bundles (docs/bundle-format.md) for the benchmark and its test:
 * N containers over M bridge networks (docker0 + br-<12 hex>), K host sockets, R host routes and
 * P host processes, written as a directory or a .tar.gz with a manifest.
 *
 * The outputs copy the layout of real captures (samples/engine-step3.tar.gz, the slide samples):
 * iproute2 `ip addr show` with `vethXXXXXXX@ifN ... master br ... link-netnsid K`, tab-separated
 * `brctl show` with continuation lines, `ip route show table main/local`, English numeric
 * `netstat -tulpan`, `ps aux`, `docker version`, `docker network ls`, `docker network inspect`
 * (one JSON array with Containers) and the collector's one-object-per-line `docker inspect`.
 * Per container: containers/<name>/ip-addr.out, ip-route-main.out and netstat.out, with
 * consistent ifindexes: the container's `eth0@if<host veth index>` and the host's
 * `veth...@if<container eth0 index>`, as the kernel numbers a pair (peer created first).
 *
 * The same options always give the same bytes (mulberry32 PRNG, fixed timestamps).
 *
 * CLI: tsx bench/generate.ts OUT(.tar.gz|dir) [--containers N] [--networks M] [--sockets K]
 *      [--routes R] [--processes P] [--seed S]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tar from 'tar';
import { mulberry32 } from '../test/support/random.js';

export interface GenerateOptions {
  containers: number;
  /** Bridge networks including the default `bridge` (docker0); at least 1. */
  networks: number;
  /** Rows of the host's `netstat -tulpan` (published ports' docker-proxy sockets included). */
  sockets: number;
  /** Routes of the host's main table. */
  routes: number;
  /** Rows of the host's `ps aux` (at least what the engine and its containers need). */
  processes: number;
  seed?: number;
  hostname?: string;
  /** One container in this many publishes a port (default 10). */
  publishEvery?: number;
  /** Also capture the host's `ss -tulpan` (default false: the collector's netstat is enough). */
  ss?: boolean;
  /** The engine's version in `docker version` (default 20.10.24+dfsg1, Debian 12's). */
  engine?: string;
  /** Container names are these, numbered (`web-1`, `api-1` ...); default ten service names. */
  names?: readonly string[];
}

/** What the generator put in, for checks: the model must show these counts. */
export interface GeneratedCounts {
  containers: number;
  bridges: number;
  vethLinks: number;
  publishedPorts: number;
  hostSockets: number;
  hostRoutes: number;
  hostProcesses: number;
  files: number;
}

export interface GeneratedFile {
  path: string;
  text: string;
}

export interface GeneratedBundle {
  /** Top-level folder name, `dockernet-<hostname>-<stamp>`. */
  name: string;
  files: GeneratedFile[];
  counts: GeneratedCounts;
  /** The host's command outputs, for parser throughput comparisons. */
  texts: { netstat: string; ss: string; ps: string };
}

// ---------------------------------------------------------------------------------------------

class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
    return s;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  mac(prefix = ''): string {
    const bytes = prefix ? prefix.split(':') : [];
    while (bytes.length < 6) bytes.push(this.hex(2));
    // a locally administered unicast first byte when random
    if (!prefix) bytes[0] = ((Number.parseInt(bytes[0]!, 16) & 0xfc) | 0x02).toString(16).padStart(2, '0');
    return bytes.join(':');
  }
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

interface Net {
  name: string;
  id: string;
  bridge: string;
  ifindex: number;
  /** first two octets of a /16: "172.17" or "10.N" */
  prefix: string;
  mac: string;
  members: number[];
}

interface Ctr {
  index: number;
  name: string;
  id: string;
  net: Net;
  ip: string;
  mac: string;
  hostVeth: string;
  hostIfindex: number;
  eth0Ifindex: number;
  pid: number;
  shimPid: number;
  image: string;
  port: number;
  program: string;
  published?: { hostPort: number; proxyPid4: number; proxyPid6: number };
  sandbox: string;
}

const IMAGES = [
  ['nginx:1.27', 80, 'nginx', 'nginx: master process nginx -g daemon off;'],
  ['redis:7', 6379, 'redis-server', 'redis-server *:6379'],
  ['postgres:16', 5432, 'postgres', 'postgres'],
  ['traefik/whoami', 8080, 'whoami', '/whoami --port 8080'],
  ['node:20-alpine', 3000, 'node', 'node server.js'],
  ['memcached:1.6', 11211, 'memcached', 'memcached -m 64'],
] as const;
const NAMES = ['web', 'api', 'cache', 'db', 'worker', 'auth', 'search', 'queue', 'metrics', 'proxy'];

/** Container address number k (0-based) in a /16: .0.2, .0.3 ... .1.0 ... */
function hostPart(k: number): string {
  const n = k + 2;
  return `${n >> 8}.${n & 255}`;
}

/**
 * The host's `iptables-save` as Docker 20.10 writes it (test/fixtures/iptables-save/
 * engine-step3-host.out, captured from a real engine), one set of rules per bridge network and
 * per published port, plus one admin rule in DOCKER-USER (the LAN may not reach the first
 * published port), so that the reachability matrix has real verdicts, not "unknown":
 *   -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
 *   -A DOCKER ! -i docker0 -p tcp -m tcp --dport 60000 -j DNAT --to-destination 172.17.0.2:8080
 */
function iptablesSave(nets: Net[], ctrs: Ctr[]): string {
  const when = 'Thu Nov 26 10:00:00 2026';
  const pub = ctrs.filter((c) => c.published);
  const f: string[] = [
    `# Generated by iptables-save v1.8.7 on ${when}`,
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':DOCKER - [0:0]',
    ':DOCKER-ISOLATION-STAGE-1 - [0:0]',
    ':DOCKER-ISOLATION-STAGE-2 - [0:0]',
    ':DOCKER-USER - [0:0]',
    '-A FORWARD -j DOCKER-USER',
    '-A FORWARD -j DOCKER-ISOLATION-STAGE-1',
  ];
  // Docker inserts each new network's rules at the top: the newest bridge comes first.
  for (const n of [...nets].reverse()) {
    const b = n.bridge;
    f.push(
      `-A FORWARD -o ${b} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      `-A FORWARD -o ${b} -j DOCKER`,
      `-A FORWARD -i ${b} ! -o ${b} -j ACCEPT`,
      `-A FORWARD -i ${b} -o ${b} -j ACCEPT`,
    );
  }
  for (const c of pub)
    f.push(
      `-A DOCKER -d ${c.ip}/32 ! -i ${c.net.bridge} -o ${c.net.bridge} -p tcp -m tcp --dport ${c.port} -j ACCEPT`,
    );
  for (const n of [...nets].reverse())
    f.push(`-A DOCKER-ISOLATION-STAGE-1 -i ${n.bridge} ! -o ${n.bridge} -j DOCKER-ISOLATION-STAGE-2`);
  f.push('-A DOCKER-ISOLATION-STAGE-1 -j RETURN');
  for (const n of [...nets].reverse()) f.push(`-A DOCKER-ISOLATION-STAGE-2 -o ${n.bridge} -j DROP`);
  f.push('-A DOCKER-ISOLATION-STAGE-2 -j RETURN');
  const first = pub[0];
  if (first) f.push(`-A DOCKER-USER -d ${first.ip}/32 -i ens18 -p tcp -m tcp --dport ${first.port} -j DROP`);
  f.push('-A DOCKER-USER -j RETURN', 'COMMIT', `# Completed on ${when}`);
  const nat: string[] = [
    `# Generated by iptables-save v1.8.7 on ${when}`,
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':DOCKER - [0:0]',
    '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
    '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
  ];
  for (const n of [...nets].reverse())
    nat.push(`-A POSTROUTING -s ${n.prefix}.0.0/16 ! -o ${n.bridge} -j MASQUERADE`);
  for (const c of pub)
    nat.push(`-A POSTROUTING -s ${c.ip}/32 -d ${c.ip}/32 -p tcp -m tcp --dport ${c.port} -j MASQUERADE`);
  for (const n of [...nets].reverse()) nat.push(`-A DOCKER -i ${n.bridge} -j RETURN`);
  for (const c of pub)
    nat.push(
      `-A DOCKER ! -i ${c.net.bridge} -p tcp -m tcp --dport ${c.published!.hostPort} -j DNAT --to-destination ${c.ip}:${c.port}`,
    );
  nat.push('COMMIT', `# Completed on ${when}`);
  return `${[...f, ...nat].join('\n')}\n`;
}

export function generateBundle(opts: GenerateOptions): GeneratedBundle {
  const rng = new Rng(opts.seed ?? 1);
  const hostname = opts.hostname ?? `bench-${opts.containers}c`;
  const stamp = '20261126T100000Z';
  const name = `dockernet-${hostname}-${stamp}`;
  const publishEvery = opts.publishEvery ?? 10;
  const M = Math.max(1, opts.networks);
  const N = Math.max(0, opts.containers);
  const names = opts.names?.length ? opts.names : NAMES;

  // ---- host interfaces: lo, ens18, docker0, br-..., then one veth per container
  let ifindex = 3;
  const nets: Net[] = [];
  for (let i = 0; i < M; i++) {
    const id = rng.hex(64);
    nets.push({
      name: i === 0 ? 'bridge' : `app${i}_default`,
      id,
      bridge: i === 0 ? 'docker0' : `br-${id.slice(0, 12)}`,
      ifindex: ifindex++,
      prefix: i === 0 ? '172.17' : `10.${i}`,
      mac: rng.mac('02:42'),
      members: [],
    });
  }
  let pid = 2000;
  const ctrs: Ctr[] = [];
  for (let c = 0; c < N; c++) {
    const net = nets[c % M]!;
    const k = net.members.length;
    net.members.push(c);
    const img = IMAGES[c % IMAGES.length]!;
    // The kernel creates the container end first: eth0 gets n, the host end n+1.
    const eth0Ifindex = ifindex++;
    const hostIfindex = ifindex++;
    const ctr: Ctr = {
      index: c,
      name: `${names[c % names.length]}-${Math.floor(c / names.length) + 1}`,
      id: rng.hex(64),
      net,
      ip: `${net.prefix}.${hostPart(k)}`,
      mac: `02:42:${net.prefix
        .split('.')
        .map((x) => Number(x).toString(16).padStart(2, '0'))
        .join(':')}:${hostPart(k)
        .split('.')
        .map((x) => Number(x).toString(16).padStart(2, '0'))
        .join(':')}`,
      hostVeth: `veth${rng.hex(7)}`,
      hostIfindex,
      eth0Ifindex,
      shimPid: pid++,
      pid: pid++,
      image: img[0],
      port: img[1],
      program: img[2],
      sandbox: rng.hex(12),
    };
    pid += 2;
    if (c % publishEvery === 0) {
      ctr.published = { hostPort: 30000 + c, proxyPid4: pid++, proxyPid6: pid++ };
    }
    ctrs.push(ctr);
  }
  const hostIp = '192.168.178.42';
  const gw = '192.168.178.1';

  // ---- ip addr show (host)
  const ipAddr: string[] = [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
    '    inet6 ::1/128 scope host ',
    '       valid_lft forever preferred_lft forever',
    '2: ens18: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
    `    link/ether ${rng.mac()} brd ff:ff:ff:ff:ff:ff`,
    `    inet ${hostIp}/24 brd 192.168.178.255 scope global ens18`,
    '       valid_lft forever preferred_lft forever',
  ];
  for (const n of nets) {
    const up = n.members.length > 0;
    ipAddr.push(
      `${n.ifindex}: ${n.bridge}: <${up ? 'BROADCAST,MULTICAST,UP,LOWER_UP' : 'NO-CARRIER,BROADCAST,MULTICAST,UP'}> mtu 1500 qdisc noqueue state ${up ? 'UP' : 'DOWN'} group default `,
      `    link/ether ${n.mac} brd ff:ff:ff:ff:ff:ff`,
      `    inet ${n.prefix}.0.1/16 brd ${n.prefix}.255.255 scope global ${n.bridge}`,
      '       valid_lft forever preferred_lft forever',
    );
  }
  for (const c of ctrs) {
    ipAddr.push(
      `${c.hostIfindex}: ${c.hostVeth}@if${c.eth0Ifindex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master ${c.net.bridge} state UP group default `,
      `    link/ether ${rng.mac()} brd ff:ff:ff:ff:ff:ff link-netnsid ${c.index}`,
    );
  }

  // ---- brctl show
  const brctl = ['bridge name\tbridge id\t\tSTP enabled\tinterfaces'];
  for (const n of nets) {
    const ports = n.members.map((i) => ctrs[i]!.hostVeth);
    brctl.push(`${n.bridge}\t\t8000.${n.mac.replaceAll(':', '')}\tno\t\t${ports[0] ?? ''}`);
    for (const p of ports.slice(1)) brctl.push(`\t\t\t\t\t\t\t${p}`);
  }

  // ---- routes
  const routesMain = [
    `default via ${gw} dev ens18 proto static `,
    `192.168.178.0/24 dev ens18 proto kernel scope link src ${hostIp} `,
  ];
  for (const n of nets) {
    routesMain.push(
      `${n.prefix}.0.0/16 dev ${n.bridge} proto kernel scope link src ${n.prefix}.0.1 ${n.members.length ? '' : 'linkdown '}`,
    );
  }
  for (let i = 0; routesMain.length < opts.routes; i++) {
    const dst = `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`;
    routesMain.push(
      i % 7 === 0
        ? `blackhole ${dst}/32 proto bird `
        : `${dst}/32 via 192.168.178.${2 + (i % 200)} dev ens18 proto bird metric ${20 + (i % 5)} `,
    );
  }
  const hostRoutes = routesMain.length;
  const routesLocal = [
    'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 ',
    'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 ',
    'broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 ',
    `local ${hostIp} dev ens18 proto kernel scope host src ${hostIp} `,
    `broadcast 192.168.178.255 dev ens18 proto kernel scope link src ${hostIp} `,
  ];
  for (const n of nets) {
    routesLocal.push(
      `local ${n.prefix}.0.1 dev ${n.bridge} proto kernel scope host src ${n.prefix}.0.1 `,
      `broadcast ${n.prefix}.255.255 dev ${n.bridge} proto kernel scope link src ${n.prefix}.0.1 ${n.members.length ? '' : 'linkdown '}`,
    );
  }

  // ---- processes (ps aux)
  interface Proc {
    user: string;
    pid: number;
    command: string;
    start?: string;
  }
  const procs: Proc[] = [
    { user: 'root', pid: 1, command: '/sbin/init' },
    { user: 'root', pid: 2, command: '[kthreadd]' },
  ];
  const kthreads = ['kworker/0:0H', 'ksoftirqd/0', 'rcu_sched', 'migration/0', 'kswapd0', 'watchdogd'];
  for (let i = 0; i < Math.min(40, Math.max(0, opts.processes / 10)); i++)
    procs.push({ user: 'root', pid: 3 + i, command: `[${kthreads[i % kthreads.length]}]` });
  procs.push(
    { user: 'systemd+', pid: 526, command: '/lib/systemd/systemd-resolved' },
    { user: 'root', pid: 748, command: '/usr/bin/containerd' },
    { user: 'root', pid: 835, command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups' },
    {
      user: 'root',
      pid: 872,
      command: '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
    },
  );
  for (const c of ctrs) {
    procs.push({
      user: 'root',
      pid: c.shimPid,
      command: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${c.id} -address /run/containerd/containerd.sock`,
    });
    procs.push({
      user: c.program === 'postgres' ? '999' : 'root',
      pid: c.pid,
      command: IMAGES[c.index % IMAGES.length]![3],
    });
    if (c.published) {
      const p = c.published;
      procs.push({
        user: 'root',
        pid: p.proxyPid4,
        command: `/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port ${p.hostPort} -container-ip ${c.ip} -container-port ${c.port}`,
      });
      procs.push({
        user: 'root',
        pid: p.proxyPid6,
        command: `/usr/bin/docker-proxy -proto tcp -host-ip :: -host-port ${p.hostPort} -container-ip ${c.ip} -container-port ${c.port}`,
      });
    }
  }
  for (let i = 0; procs.length < opts.processes; i++) {
    procs.push({
      user: rng.pick(['www-data', 'root', 'nobody']),
      pid: 40000 + i,
      command: `/usr/local/bin/agent --worker ${i}`,
    });
  }
  procs.sort((a, b) => a.pid - b.pid);
  const psLines = ['USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND'];
  for (const p of procs) {
    const kernel = p.command.startsWith('[');
    psLines.push(
      `${pad(p.user, 8)} ${lpad(p.pid, 7)} ${lpad('0.0', 4)} ${lpad(kernel ? '0.0' : '0.1', 4)} ${lpad(kernel ? 0 : 100000 + (p.pid % 9000), 6)} ${lpad(kernel ? 0 : 5000 + (p.pid % 900), 5)} ?        ${pad(kernel ? 'I<' : 'Ssl', 4)} 10:00   0:00 ${p.command}`,
    );
  }

  // ---- netstat -tulpan (host) and the same sockets as ss -tulpan
  interface Sock {
    proto: 'tcp' | 'tcp6' | 'udp' | 'udp6';
    local: string;
    lport: number;
    foreign: string;
    fport: number | '*';
    state: string;
    pid?: number;
    program?: string;
  }
  const socks: Sock[] = [
    {
      proto: 'tcp',
      local: '127.0.0.53',
      lport: 53,
      foreign: '0.0.0.0',
      fport: '*',
      state: 'LISTEN',
      pid: 526,
      program: 'systemd-resolve',
    },
    {
      proto: 'tcp',
      local: '0.0.0.0',
      lport: 22,
      foreign: '0.0.0.0',
      fport: '*',
      state: 'LISTEN',
      pid: 835,
      program: 'sshd',
    },
    {
      proto: 'tcp6',
      local: '::',
      lport: 22,
      foreign: '::',
      fport: '*',
      state: 'LISTEN',
      pid: 835,
      program: 'sshd',
    },
    {
      proto: 'udp',
      local: '127.0.0.53',
      lport: 53,
      foreign: '0.0.0.0',
      fport: '*',
      state: '',
      pid: 526,
      program: 'systemd-resolve',
    },
  ];
  for (const c of ctrs) {
    if (!c.published) continue;
    const p = c.published;
    socks.push(
      {
        proto: 'tcp',
        local: '0.0.0.0',
        lport: p.hostPort,
        foreign: '0.0.0.0',
        fport: '*',
        state: 'LISTEN',
        pid: p.proxyPid4,
        program: 'docker-proxy',
      },
      {
        proto: 'tcp6',
        local: '::',
        lport: p.hostPort,
        foreign: '::',
        fport: '*',
        state: 'LISTEN',
        pid: p.proxyPid6,
        program: 'docker-proxy',
      },
    );
  }
  const published = ctrs.filter((c) => c.published);
  for (let i = 0; socks.length < opts.sockets; i++) {
    const client = `192.168.178.${100 + (i % 150)}`;
    const eph = 32768 + ((i * 7919) % 28000);
    const r = i % 10;
    if (r < 6 && published.length > 0) {
      const c = published[i % published.length]!;
      socks.push({
        proto: 'tcp',
        local: hostIp,
        lport: c.published!.hostPort,
        foreign: client,
        fport: eph,
        state: 'ESTABLISHED',
        pid: c.published!.proxyPid4,
        program: 'docker-proxy',
      });
    } else if (r < 8) {
      socks.push({
        proto: 'tcp',
        local: hostIp,
        lport: 22,
        foreign: client,
        fport: eph,
        state: r === 6 ? 'ESTABLISHED' : 'TIME_WAIT',
        ...(r === 6 ? { pid: 835, program: 'sshd' } : {}),
      });
    } else if (r === 8) {
      socks.push({
        proto: 'tcp',
        local: hostIp,
        lport: eph,
        foreign: `10.0.${i % 250}.${1 + (i % 200)}`,
        fport: 443,
        state: 'ESTABLISHED',
        pid: 40000 + (i % Math.max(1, opts.processes - 2000)),
        program: 'agent',
      });
    } else {
      socks.push({
        proto: 'udp',
        local: hostIp,
        lport: eph,
        foreign: '0.0.0.0',
        fport: '*',
        state: '',
        pid: 526,
        program: 'systemd-resolve',
      });
    }
  }
  const ns = (s: Sock) => `${s.local}:${s.lport}`;
  const nf = (s: Sock) => `${s.foreign}:${s.fport}`;
  const netstatLines = [
    'Active Internet connections (servers and established)',
    'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
  ];
  for (const s of socks) {
    const prog = s.pid !== undefined ? `${s.pid}/${s.program}` : '-';
    netstatLines.push(
      `${pad(s.proto, 5)} ${lpad(0, 6)} ${lpad(0, 6)} ${pad(ns(s), 23)} ${pad(nf(s), 23)} ${pad(s.state, 11)} ${pad(prog, 20)}`,
    );
  }
  const ssState: Record<string, string> = {
    LISTEN: 'LISTEN',
    ESTABLISHED: 'ESTAB',
    TIME_WAIT: 'TIME-WAIT',
    '': 'UNCONN',
  };
  const ssAddr = (a: string, p: number | '*') => (a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`);
  const ssLines = ['Netid State     Recv-Q Send-Q      Local Address:Port        Peer Address:PortProcess'];
  for (const s of socks) {
    const users =
      s.pid !== undefined ? ` users:(("${s.program}",pid=${s.pid},fd=${3 + (s.lport % 20)}))` : '';
    ssLines.push(
      `${pad(s.proto.replace('6', ''), 5)} ${pad(ssState[s.state] ?? s.state, 9)} ${lpad(0, 6)} ${lpad(s.state === 'LISTEN' ? 4096 : 0, 6)} ${lpad(ssAddr(s.local, s.lport), 22)} ${pad(ssAddr(s.foreign, s.fport), 22)}${users}`,
    );
  }

  // ---- docker
  const dockerVersion = `Client:
 Version:           28.2.2
 API version:       1.41 (downgraded from 1.50)
 Go version:        go1.24.3
 Git commit:        e6534b4
 Built:             Fri May 30 12:07:14 2025
 OS/Arch:           linux/amd64
 Context:           default

Server:
 Engine:
  Version:          ${opts.engine ?? '20.10.24+dfsg1'}
  API version:      1.41 (minimum version 1.12)
  Go version:       go1.19.8
  Git commit:       5d6db84
  Built:            Thu May  7 21:09:36 2026
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.6.20~ds1
  GitCommit:        1.6.20~ds1-1+deb12u3
 runc:
  Version:          1.1.5+ds1
  GitCommit:        1.1.5+ds1-1+deb12u1
 docker-init:
  Version:          0.19.0
  GitCommit:        
`;
  const hostNetId = rng.hex(64);
  const noneNetId = rng.hex(64);
  const netLs = ['NETWORK ID     NAME              DRIVER    SCOPE'];
  const lsRows = [
    ...nets.map((n) => [n.id, n.name, 'bridge']),
    [hostNetId, 'host', 'host'],
    [noneNetId, 'none', 'null'],
  ].sort((a, b) => a[1]!.localeCompare(b[1]!));
  for (const [id, nm, drv] of lsRows)
    netLs.push(`${id!.slice(0, 12)}   ${pad(nm!, 17)} ${pad(drv!, 9)} local`);

  const created = '2026-11-26T09:00:00.000000000Z';
  const inspect = [
    ...nets.map((n) => ({
      Name: n.name,
      Id: n.id,
      Created: created,
      Scope: 'local',
      Driver: 'bridge',
      EnableIPv6: false,
      IPAM: {
        Driver: 'default',
        Options: null,
        Config: [{ Subnet: `${n.prefix}.0.0/16`, Gateway: `${n.prefix}.0.1` }],
      },
      Internal: false,
      Attachable: false,
      Ingress: false,
      ConfigFrom: { Network: '' },
      ConfigOnly: false,
      Containers: Object.fromEntries(
        n.members.map((i) => {
          const c = ctrs[i]!;
          return [
            c.id,
            {
              Name: c.name,
              EndpointID: rng.hex(64),
              MacAddress: c.mac,
              IPv4Address: `${c.ip}/16`,
              IPv6Address: '',
            },
          ];
        }),
      ),
      Options:
        n.name === 'bridge'
          ? {
              'com.docker.network.bridge.default_bridge': 'true',
              'com.docker.network.bridge.enable_icc': 'true',
              'com.docker.network.bridge.enable_ip_masquerade': 'true',
              'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
              'com.docker.network.bridge.name': 'docker0',
              'com.docker.network.driver.mtu': '1500',
            }
          : {},
      Labels: n.name === 'bridge' ? {} : { 'com.docker.compose.network': 'default' },
    })),
    ...[
      [hostNetId, 'host', 'host'],
      [noneNetId, 'none', 'null'],
    ].map(([id, nm, drv]) => ({
      Name: nm,
      Id: id,
      Created: created,
      Scope: 'local',
      Driver: drv,
      EnableIPv6: false,
      IPAM: { Driver: 'default', Options: null, Config: [] },
      Internal: false,
      Attachable: false,
      Ingress: false,
      ConfigFrom: { Network: '' },
      ConfigOnly: false,
      Containers: {},
      Options: {},
      Labels: {},
    })),
  ];
  const containerInspect = ctrs.map((c) => {
    const key = `${c.port}/tcp`;
    const pub = c.published;
    return JSON.stringify({
      Id: c.id,
      Name: `/${c.name}`,
      Created: '2026-11-26T09:30:00.000000000Z',
      Image: `sha256:${c.id.split('').reverse().join('')}`,
      State: { Status: 'running', Running: true, Pid: c.pid, StartedAt: '2026-11-26T09:30:01.000000000Z' },
      Config: {
        Image: c.image,
        Hostname: c.id.slice(0, 12),
        Domainname: '',
        ExposedPorts: { [key]: {} },
        LabelKeys:
          c.net.name === 'bridge' ? [] : ['com.docker.compose.project', 'com.docker.compose.service'],
      },
      HostConfig: {
        NetworkMode: c.net.name === 'bridge' ? 'default' : c.net.name,
        PortBindings: pub ? { [key]: [{ HostIp: '', HostPort: String(pub.hostPort) }] } : {},
        PublishAllPorts: false,
        Dns: [],
        ExtraHosts: null,
      },
      NetworkSettings: {
        SandboxID: `${c.sandbox}${c.id.slice(12)}`,
        SandboxKey: `/var/run/docker/netns/${c.sandbox}`,
        Ports: {
          [key]: pub
            ? [
                { HostIp: '0.0.0.0', HostPort: String(pub.hostPort) },
                { HostIp: '::', HostPort: String(pub.hostPort) },
              ]
            : null,
        },
        Networks: {
          [c.net.name]: {
            Aliases: c.net.name === 'bridge' ? null : [c.name, c.id.slice(0, 12)],
            DriverOpts: null,
            EndpointID: rng.hex(64),
            Gateway: `${c.net.prefix}.0.1`,
            GlobalIPv6Address: '',
            GlobalIPv6PrefixLen: 0,
            IPAMConfig: null,
            IPAddress: c.ip,
            IPPrefixLen: 16,
            IPv6Gateway: '',
            Links: null,
            MacAddress: c.mac,
            NetworkID: c.net.id,
          },
        },
      },
    });
  });

  // ---- files and manifest
  const files: GeneratedFile[] = [];
  const commands: Record<string, unknown>[] = [];
  const add = (id: string, scope: string, command: string, path: string, text: string) => {
    files.push({ path, text });
    commands.push({ id, scope, command, exitCode: 0, durationMs: 5 + (text.length >> 14), stdout: path });
  };
  const nl = (lines: string[]) => `${lines.join('\n')}\n`;
  add('ip-addr', 'host', 'ip addr show', 'host/ip-addr.out', nl(ipAddr));
  add('ip-route-main', 'host', 'ip route show table main', 'host/ip-route-main.out', nl(routesMain));
  add('ip-route-local', 'host', 'ip route show table local', 'host/ip-route-local.out', nl(routesLocal));
  add('brctl-show', 'host', 'brctl show', 'host/brctl-show.out', nl(brctl));
  if (opts.ss) add('ss', 'host', 'ss -tulpan', 'host/ss.out', nl(ssLines));
  add('netstat', 'host', 'netstat -tulpan', 'host/netstat.out', nl(netstatLines));
  add('ps', 'host', 'ps aux', 'host/ps.out', nl(psLines));
  add('iptables-save', 'host', 'iptables-save', 'host/iptables-save.out', iptablesSave(nets, ctrs));
  // Docker 20.10 without "ip6tables": true writes no IPv6 rule; the admin's own filter stays.
  add(
    'ip6tables-save',
    'host',
    'ip6tables-save',
    'host/ip6tables-save.out',
    nl([
      '# Generated by ip6tables-save v1.8.7 on Thu Nov 26 10:00:00 2026',
      '*filter',
      ':INPUT ACCEPT [0:0]',
      ':FORWARD ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      'COMMIT',
      '# Completed on Thu Nov 26 10:00:00 2026',
    ]),
  );
  add('docker-version', 'host', 'docker version', 'docker/docker-version.out', dockerVersion);
  add('docker-network-ls', 'host', 'docker network ls', 'docker/docker-network-ls.out', nl(netLs));
  add(
    'docker-network-inspect',
    'host',
    'docker network inspect ID...',
    'docker/docker-network-inspect.out',
    `${JSON.stringify(inspect, null, 4)}\n`,
  );
  add(
    'docker-container-inspect',
    'host',
    "docker inspect --type container --format '<template>' ID...",
    'docker/docker-container-inspect.out',
    containerInspect.length ? nl(containerInspect) : '',
  );
  const scopes: Record<string, unknown> = {};
  let inode = 4026532300;
  for (const c of ctrs) {
    const scope = `container:${c.name}`;
    scopes[scope] = {
      kind: 'container',
      name: c.name,
      id: c.id,
      pid: c.pid,
      networkMode: c.net.name === 'bridge' ? 'default' : c.net.name,
      sandboxKey: `/var/run/docker/netns/${c.sandbox}`,
      netnsInode: inode++,
      method: 'nsenter',
    };
    const dir = `containers/${c.name}`;
    const ns = (cmd: string) => `nsenter -t ${c.pid} -n ${cmd}`;
    add(
      'ip-addr',
      scope,
      ns('ip addr show'),
      `${dir}/ip-addr.out`,
      nl([
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '    inet 127.0.0.1/8 scope host lo',
        '       valid_lft forever preferred_lft forever',
        `${c.eth0Ifindex}: eth0@if${c.hostIfindex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default `,
        `    link/ether ${c.mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
        `    inet ${c.ip}/16 brd ${c.net.prefix}.255.255 scope global eth0`,
        '       valid_lft forever preferred_lft forever',
      ]),
    );
    add(
      'ip-route-main',
      scope,
      ns('ip route show table main'),
      `${dir}/ip-route-main.out`,
      nl([
        `default via ${c.net.prefix}.0.1 dev eth0 `,
        `${c.net.prefix}.0.0/16 dev eth0 proto kernel scope link src ${c.ip} `,
      ]),
    );
    const cLines = [
      'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
      `tcp        0      0 ${pad(`0.0.0.0:${c.port}`, 23)} 0.0.0.0:*               LISTEN      ${pad(`${c.pid}/${c.program}`, 20)}`,
    ];
    // Docker's embedded DNS listens on 127.0.0.11 in containers of user-defined networks.
    if (c.net.name !== 'bridge')
      cLines.push(
        `tcp        0      0 ${pad(`127.0.0.11:${40000 + (c.index % 20000)}`, 23)} 0.0.0.0:*               LISTEN      -                   `,
      );
    if (c.published)
      cLines.push(
        `tcp        0      0 ${pad(`${c.ip}:${c.port}`, 23)} ${pad(`${c.net.prefix}.0.1:${40000 + c.index}`, 23)} ESTABLISHED ${pad(`${c.pid}/${c.program}`, 20)}`,
      );
    add('netstat', scope, ns('netstat -tulpan'), `${dir}/netstat.out`, nl(cLines));
    // A container's own netfilter: empty on the default bridge; on a user-defined network only
    // the embedded DNS redirect (containers/q1/iptables-save.out of a real 20.10 capture).
    const dnsTcp = 40000 + (c.index % 20000);
    const dnsUdp = 50000 + (c.index % 10000);
    add(
      'iptables-save',
      scope,
      ns('iptables-save'),
      `${dir}/iptables-save.out`,
      c.net.name === 'bridge'
        ? ''
        : nl([
            '# Generated by iptables-save v1.8.7 on Thu Nov 26 10:00:00 2026',
            '*nat',
            ':PREROUTING ACCEPT [0:0]',
            ':INPUT ACCEPT [0:0]',
            ':OUTPUT ACCEPT [0:0]',
            ':POSTROUTING ACCEPT [0:0]',
            ':DOCKER_OUTPUT - [0:0]',
            ':DOCKER_POSTROUTING - [0:0]',
            '-A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT',
            '-A POSTROUTING -d 127.0.0.11/32 -j DOCKER_POSTROUTING',
            `-A DOCKER_OUTPUT -d 127.0.0.11/32 -p tcp -m tcp --dport 53 -j DNAT --to-destination 127.0.0.11:${dnsTcp}`,
            `-A DOCKER_OUTPUT -d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 127.0.0.11:${dnsUdp}`,
            `-A DOCKER_POSTROUTING -s 127.0.0.11/32 -p tcp -m tcp --sport ${dnsTcp} -j SNAT --to-source :53`,
            `-A DOCKER_POSTROUTING -s 127.0.0.11/32 -p udp -m udp --sport ${dnsUdp} -j SNAT --to-source :53`,
            'COMMIT',
            '# Completed on Thu Nov 26 10:00:00 2026',
          ]),
    );
    // No IPv6 netfilter table is loaded in a container: ip6tables-save prints nothing.
    add('ip6tables-save', scope, ns('ip6tables-save'), `${dir}/ip6tables-save.out`, '');
  }
  const manifest = {
    format: 'dockernet-bundle',
    formatVersion: 1,
    collector: { name: 'dockernet-bench-generate', version: '0.1.0' },
    hostname,
    capturedAt: '2026-11-26T10:00:00Z',
    step: `Synthetic host: ${N} containers on ${M} bridge networks`,
    user: { uid: 0, name: 'root' },
    comment: `Generated by bench/generate.ts (seed ${opts.seed ?? 1}); not a real capture.`,
    scopes,
    commands,
  };
  files.unshift({ path: 'manifest.json', text: `${JSON.stringify(manifest, null, 1)}\n` });

  return {
    name,
    files,
    counts: {
      containers: N,
      bridges: M,
      vethLinks: N,
      publishedPorts: published.length * 2,
      hostSockets: socks.length,
      hostRoutes,
      hostProcesses: procs.length,
      files: files.length,
    },
    texts: { netstat: nl(netstatLines), ss: nl(ssLines), ps: nl(psLines) },
  };
}

/** Write the bundle as a directory (`out`) or, when `out` ends in .tar.gz, as a gzip'd tar. */
export async function writeBundle(b: GeneratedBundle, out: string): Promise<string> {
  if (out.endsWith('.tar.gz') || out.endsWith('.tgz')) {
    const stage = join(dirname(out), `.${basename(out)}.stage`);
    rmSync(stage, { recursive: true, force: true });
    writeTree(b, join(stage, b.name));
    await tar.c({ gzip: true, file: out, cwd: stage, portable: true }, [b.name]);
    rmSync(stage, { recursive: true, force: true });
    return out;
  }
  rmSync(out, { recursive: true, force: true });
  writeTree(b, out);
  return out;
}

function writeTree(b: GeneratedBundle, dir: string): void {
  const made = new Set<string>();
  for (const f of b.files) {
    const p = join(dir, f.path);
    const d = dirname(p);
    if (!made.has(d)) {
      mkdirSync(d, { recursive: true });
      made.add(d);
    }
    writeFileSync(p, f.text);
  }
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const out = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const num = (flag: string, def: number) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  if (!out) {
    console.error(
      'usage: tsx bench/generate.ts OUT(.tar.gz|dir) [--containers N] [--networks M] [--sockets K] [--routes R] [--processes P] [--seed S]',
    );
    process.exit(2);
  }
  const b = generateBundle({
    containers: num('--containers', 20),
    networks: num('--networks', 3),
    sockets: num('--sockets', 200),
    routes: num('--routes', 50),
    processes: num('--processes', 200),
    seed: num('--seed', 1),
  });
  await writeBundle(b, out);
  console.log(`${out}: ${b.files.length} files`, b.counts);
}
