/**
 * The hostile corpus, generated at test time (no binary files in git): archives and folders a
 * careless or malicious writer could hand over. Each case says what the reader must do with it:
 * refuse it with a BundleReadError, or read it with warnings, accounting for every file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeTar, makeTarGz, type TarItem } from './tar.js';

/** Markup that must reach every output as text, never as markup. */
export const HOSTILE_MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '](javascript:alert(1))',
  '| col |',
  '"]-->x[',
  '%%{init: {"theme":"dark"}}%%',
  'click n1 call alert()',
  '</style><style>body{display:none}</style>',
  '{{handlebars}}',
  '{{{triple}}}',
] as const;

export const SECRET = 'hunter2';

export interface Command {
  id: string;
  scope?: string;
  command?: string;
  exitCode?: unknown;
  durationMs?: unknown;
  stdout?: unknown;
  stderr?: unknown;
}

export function manifest(commands: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      format: 'dockernet-bundle',
      formatVersion: 1,
      collector: { name: 'hostile-test', version: '1' },
      hostname: 'h1',
      capturedAt: '2026-01-01T00:00:00Z',
      step: 'hostile',
      commands,
      ...extra,
    },
    null,
    2,
  );
}

/** A manifest command entry for host/<id>.out. */
export function cmd(id: string, extra: Partial<Command> = {}): Command {
  return { id, scope: 'host', command: id, exitCode: 0, durationMs: 1, stdout: `host/${id}.out`, ...extra };
}

export const IP_ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
    inet 192.168.1.10/24 brd 192.168.1.255 scope global eth0
       valid_lft forever preferred_lft forever
`;

const NETSTAT = `Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      804/sshd
`;

/** A plain well-formed bundle, as TarItems under a top folder. */
export function basicItems(top = 'dockernet-h1-x'): TarItem[] {
  return [
    { path: `${top}/`, type: 'Directory' },
    { path: `${top}/manifest.json`, body: manifest([cmd('ip-addr'), cmd('netstat')]) },
    { path: `${top}/host/ip-addr.out`, body: IP_ADDR },
    { path: `${top}/host/netstat.out`, body: NETSTAT },
  ];
}

/**
 * A gzip bomb made of concatenated gzip members (valid: gunzip reads them as one stream): one
 * tar header claiming `size` bytes, then the same compressed 16 MiB of zeros repeated. About
 * 1 MB on disk per GiB; built in milliseconds.
 */
export function gzipBomb(size: number): Buffer {
  const header = makeTar([{ path: 'host/zeros.out', body: '' }]).subarray(0, 512);
  // Rewrite the size field (octal, 12 bytes at 124) and the checksum (8 bytes at 148).
  const h = Buffer.from(header);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  const chunk = 16 * 1024 * 1024;
  const zeros = gzipSync(Buffer.alloc(chunk), { level: 9 });
  const parts: Buffer[] = [gzipSync(h)];
  for (let n = 0; n < Math.ceil(size / chunk); n++) parts.push(zeros);
  parts.push(gzipSync(Buffer.alloc(1024)));
  return Buffer.concat(parts);
}

/** Recompute nothing: flip one byte inside a header so its checksum no longer matches. */
export function breakChecksum(tar: Buffer, headerOffset: number): Buffer {
  const out = Buffer.from(tar);
  out[headerOffset + 10] = out[headerOffset + 10]! ^ 0x01 || 0x41;
  return out;
}

/** Offsets of the tar headers of `items` as makeTar lays them out. */
export function headerOffsets(items: TarItem[]): number[] {
  const offsets: number[] = [];
  let pos = 0;
  for (const it of items) {
    offsets.push(pos);
    const size = it.body === undefined || (it.type && it.type !== 'File') ? 0 : Buffer.from(it.body).length;
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return offsets;
}

/** Every file under `dir`, relative, sorted (to compare before/after a run). */
export function snapshot(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    out.push(p);
    if (e.isDirectory()) out.push(...snapshot(dir, p));
  }
  return out.sort();
}

export interface HostileCase {
  name: string;
  /** Writes the input into `dir` and returns its path. */
  build(dir: string): string;
  /** A BundleReadError is expected whose message matches. */
  readError?: RegExp;
  /** Warnings (message text) that must be present. */
  warnings?: RegExp[];
  /** Paths (inside the bundle) that must be in the report's files or named by a warning. */
  accounted?: string[];
  /** Run it through the CLI too (slower: a child process). */
  cli?: boolean;
}

const write = (dir: string, name: string, data: Buffer | string): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

/** Markup in every field a bundle can name: step, hostname, comment, scopes, paths, names, labels. */
export function markupItems(): TarItem[] {
  const all = HOSTILE_MARKUP.join(' ');
  const container = `web ${HOSTILE_MARKUP[0]}`;
  const network = `net ${HOSTILE_MARKUP[1]}`;
  const labels = Object.fromEntries(HOSTILE_MARKUP.map((h, i) => [`label${i}`, h]));
  const inspect = HOSTILE_MARKUP.map((h, i) =>
    JSON.stringify({
      Id: `${i}`.padStart(64, 'a'),
      Name: `/${h}`,
      State: { Status: h, Running: true, Pid: 100 + i },
      Config: { Image: h, Hostname: h, Labels: labels },
      HostConfig: { NetworkMode: network },
      NetworkSettings: {
        Networks: { [network]: { IPAddress: '172.17.0.2', NetworkID: 'b'.repeat(64) } },
        Ports: {},
      },
    }),
  ).join('\n');
  const netInspect = JSON.stringify(
    [
      {
        Name: network,
        Id: 'b'.repeat(64),
        Driver: HOSTILE_MARKUP[2],
        Scope: 'local',
        IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] },
        Options: { 'com.docker.network.bridge.name': `br-${HOSTILE_MARKUP[5]}` },
        Labels: labels,
        Containers: { ['c'.repeat(64)]: { Name: container, IPv4Address: '172.17.0.2/16' } },
      },
    ],
    null,
    2,
  );
  const ps = [
    'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
    ...HOSTILE_MARKUP.map(
      (h, i) => `root      ${200 + i}  0.0  0.1  1000  100 ?        Ss   10:00   0:00 /bin/x ${h}`,
    ),
  ].join('\n');
  const netstat = [
    'Active Internet connections (servers and established)',
    'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
    ...HOSTILE_MARKUP.map(
      (h, i) =>
        `tcp        0      0 0.0.0.0:${1000 + i}            0.0.0.0:*               LISTEN      ${200 + i}/${h}`,
    ),
  ].join('\n');
  const ipAddr = `${IP_ADDR}3: <svg/onload=alert(1)>: <BROADCAST,UP> mtu 1500 state UP\n    link/ether 02:42:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n`;
  const commands = [
    cmd('ip-addr'),
    cmd('ps', { command: `ps aux ${HOSTILE_MARKUP[0]}` }),
    cmd('netstat'),
    cmd('docker-container-inspect', { stdout: 'docker/docker-container-inspect.out' }),
    cmd('docker-network-inspect', { stdout: 'docker/docker-network-inspect.out' }),
    cmd('ip-addr', { scope: `container:${container}`, stdout: `containers/x/ip-addr.out` }),
    cmd(HOSTILE_MARKUP[6], { scope: `netns:${HOSTILE_MARKUP[4]}`, stdout: 'netns/y/odd.out' }),
    cmd('ps', { stdout: `host/${HOSTILE_MARKUP[0].replace(/\//g, '_')}.out`, exitCode: 1 }),
  ];
  return [
    {
      path: 'manifest.json',
      body: manifest(commands, {
        step: all,
        hostname: `host-${all}`,
        comment: all,
        collector: { name: HOSTILE_MARKUP[3], version: HOSTILE_MARKUP[9] },
        user: { uid: 0, name: HOSTILE_MARKUP[1] },
        scopes: {
          [`container:${container}`]: { kind: 'container', name: container, id: 'c'.repeat(64), pid: 1 },
        },
      }),
    },
    { path: 'host/ip-addr.out', body: ipAddr },
    { path: 'host/ps.out', body: ps },
    { path: 'host/netstat.out', body: netstat },
    { path: 'docker/docker-container-inspect.out', body: inspect },
    { path: 'docker/docker-network-inspect.out', body: netInspect },
    { path: 'containers/x/ip-addr.out', body: ipAddr },
    { path: 'netns/y/odd.out', body: `${all}\n` },
    { path: `host/${HOSTILE_MARKUP[0].replace(/\//g, '_')}.out`, body: `${all}\n` },
    { path: `host/${HOSTILE_MARKUP[1]}.txt`, body: `${all}\n` },
  ];
}

/** Secrets a bundle should not contain but does: each must be masked in every output. */
export function secretItems(): TarItem[] {
  const inspect = JSON.stringify({
    Id: 'd'.repeat(64),
    Name: '/db',
    State: { Status: 'running', Running: true, Pid: 4242 },
    Config: {
      Hostname: 'db',
      Image: 'mysql:8',
      Env: [`DB_PASSWORD=${SECRET}`, `AWS_SECRET_ACCESS_KEY=${SECRET}/K7MDENG`, `PLAIN=${SECRET}-plain`],
      Labels: {
        'traefik.http.middlewares.auth.basicauth.users': `admin:$apr1$${SECRET}$xyz`,
        'com.example.team': 'net',
      },
      Cmd: ['mysqld', '--password', SECRET],
    },
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: { bridge: { IPAddress: '172.17.0.2' } }, Ports: {} },
  });
  const ps = [
    'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
    `root      4242  0.0  0.1  1000  100 ?        Ss   10:00   0:00 /usr/sbin/app --password=${SECRET} --port 80`,
    `root      4243  0.0  0.1  1000  100 ?        Ss   10:00   0:00 mysql -uroot -p${SECRET} -h db`,
    `root      4244  0.0  0.1  1000  100 ?        Ss   10:00   0:00 /bin/agent --token ${SECRET}`,
    `root      4245  0.0  0.1  1000  100 ?        Ss   10:00   0:00 curl http://bob:${SECRET}@10.0.0.1/`,
  ].join('\n');
  return [
    {
      path: 'manifest.json',
      body: manifest([
        cmd('ps'),
        cmd('docker-container-inspect', { stdout: 'docker/docker-container-inspect.out' }),
        cmd('environ'),
      ]),
    },
    { path: 'host/ps.out', body: `${ps}\n` },
    { path: 'docker/docker-container-inspect.out', body: `${inspect}\n` },
    {
      path: 'host/environ.out',
      body: `HOME=/root\nTOKEN=${SECRET}\nexport API_KEY=${SECRET}\n-----BEGIN RSA PRIVATE KEY-----\nMIIE${SECRET}\n-----END RSA PRIVATE KEY-----\n`,
    },
  ];
}

export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (c: HostileCase) => cases.push(c);

  add({
    name: 'paths with .. and absolute paths, links, devices, FIFOs, duplicates',
    cli: true,
    build: (dir) =>
      write(
        dir,
        'paths.tar.gz',
        makeTarGz([
          ...basicItems('top'),
          { path: '../escape.out', body: 'x' },
          { path: 'top/../../escape2.out', body: 'x' },
          { path: '/tmp/dockernet-hostile-abs.out', body: 'x' },
          { path: 'C:\\windows\\x.out', body: 'x' },
          { path: 'top/host/link', type: 'SymbolicLink', linkpath: '/tmp/dockernet-hostile-target' },
          { path: 'top/host/link/through.out', body: 'written through a symlink\n' },
          { path: 'top/host/hard.out', type: 'Link', linkpath: '/etc/passwd' },
          { path: 'top/host/up.out', type: 'SymbolicLink', linkpath: '../../../../etc/shadow' },
          { path: 'top/host/dev.out', type: 'CharacterDevice' },
          { path: 'top/host/fifo.out', type: 'FIFO' },
          { path: 'top/host/dup.out', body: 'first\n' },
          { path: 'top/host/dup.out', body: 'second\n' },
          { path: 'top/host/ctl\u0007.out', body: 'bell\n' },
        ]),
      ),
    warnings: [
      /"\.\.\/escape\.out" has an unsafe path/,
      /escape2\.out" has an unsafe path/,
      /"\/tmp\/dockernet-hostile-abs\.out" has an unsafe path/,
      /symlink entry skipped/,
      /hardlink entry skipped/,
      /device entry skipped/,
      /fifo entry skipped/,
      /duplicate entry host\/dup\.out/,
    ],
    accounted: [
      'host/ip-addr.out',
      'host/netstat.out',
      'host/link/through.out',
      'host/dup.out',
      'host/dup.out~2',
      '../escape.out',
      'host/link',
      'host/hard.out',
      'host/dev.out',
      'host/fifo.out',
    ],
  });

  add({
    name: 'folder bundle with symlinks (file and folder), a FIFO and a dangling link',
    build: (dir) => {
      const b = join(dir, 'folder');
      mkdirSync(join(b, 'host'), { recursive: true });
      writeFileSync(join(b, 'manifest.json'), manifest([cmd('ip-addr')]));
      writeFileSync(join(b, 'host', 'ip-addr.out'), IP_ADDR);
      symlinkSync('/etc/passwd', join(b, 'host', 'passwd.out'));
      symlinkSync('/etc', join(b, 'host', 'etc'));
      symlinkSync(join(b, 'host'), join(b, 'host', 'loop'));
      symlinkSync('/nonexistent/x', join(b, 'host', 'dangling.out'));
      spawnSync('mkfifo', [join(b, 'host', 'fifo.out')]);
      return b;
    },
    warnings: [/symlink entry skipped/],
    accounted: ['host/ip-addr.out', 'host/passwd.out', 'host/etc', 'host/loop', 'host/dangling.out'],
  });

  add({
    name: 'gzip bomb (1 GiB of zeros in about 1 MB)',
    cli: true,
    build: (dir) => write(dir, 'bomb.tar.gz', gzipBomb(1024 * 1024 * 1024)),
    warnings: [/reading stopped: .*(decompression ratio exceeded|uncompressed bytes)/, /truncated/],
    accounted: ['host/zeros.out'],
  });

  add({
    name: 'oversized entry (20 MiB of text, over the 16 MiB entry limit)',
    cli: true,
    build: (dir) => {
      const line = (n: number) => `line ${n} ${'abcdefghij'.repeat(3)} ${(n * 7919) % 100003}\n`;
      const parts: string[] = [];
      let size = 0;
      for (let n = 0; size < 20 * 1024 * 1024; n++) {
        const l = line(n);
        parts.push(l);
        size += l.length;
      }
      return write(
        dir,
        'big.tar.gz',
        makeTarGz([...basicItems('top'), { path: 'top/host/big.out', body: parts.join('') }]),
      );
    },
    warnings: [/truncated: only the first 16777216 of \d+ bytes were read/],
    accounted: ['host/big.out', 'host/ip-addr.out'],
  });

  add({
    name: '100k tiny files (over the 20,000 entry limit)',
    cli: true,
    build: (dir) => {
      const items: TarItem[] = basicItems('top');
      for (let i = 0; i < 100_000; i++) items.push({ path: `top/host/t${i}.out`, body: `${i}\n` });
      return write(dir, 'many.tar.gz', makeTarGz(items));
    },
    warnings: [/more than 20000 entries; the rest was not read/],
    accounted: ['host/ip-addr.out', 'host/t0.out', 'host/t19995.out'],
  });

  const good = makeTar(basicItems('top'));
  const goodGz = gzipSync(good);
  add({
    name: 'truncated gzip',
    cli: true,
    build: (dir) => write(dir, 'cut.tar.gz', goodGz.subarray(0, Math.floor(goodGz.length * 0.6))),
    warnings: [/reading stopped: archive aborted: .*(unexpected end|end of file)/i],
  });
  add({
    name: 'gzip cut inside its header',
    build: (dir) => write(dir, 'cut-head.tar.gz', goodGz.subarray(0, 6)),
    readError: /nothing could be read|no entries found/,
  });
  add({
    name: 'corrupt gzip (flipped bytes in the deflate stream)',
    cli: true,
    build: (dir) => {
      const bad = Buffer.from(goodGz);
      for (let i = 20; i < bad.length - 8; i += 37) bad[i] = bad[i]! ^ 0xa5;
      return write(dir, 'flipped.tar.gz', bad);
    },
    readError: /nothing could be read|no entries found|not a readable tar/,
  });
  add({
    name: 'corrupt gzip (flipped bytes late in the stream)',
    build: (dir) => {
      const bad = Buffer.from(goodGz);
      for (let i = bad.length - 40; i < bad.length - 8; i++) bad[i] = bad[i]! ^ 0xff;
      return write(dir, 'flipped-late.tar.gz', bad);
    },
    warnings: [/archive|truncated|checksum/i],
  });
  add({
    name: 'corrupt gzip CRC trailer',
    build: (dir) => {
      const bad = Buffer.from(goodGz);
      bad[bad.length - 6] = bad[bad.length - 6]! ^ 0xff;
      return write(dir, 'crc.tar.gz', bad);
    },
    // zlib checks the CRC before handing out the (single) decompressed chunk of a small archive.
    readError: /nothing could be read: archive aborted: .*(check|crc)/i,
  });

  const items = basicItems('top');
  const offsets = headerOffsets(items);
  add({
    name: 'tar header with a bad checksum',
    cli: true,
    build: (dir) => write(dir, 'cksum.tar.gz', gzipSync(breakChecksum(good, offsets[2]!))),
    warnings: [/TAR_ENTRY_INVALID: checksum failure/],
    accounted: ['host/netstat.out'],
  });
  add({
    name: 'tar cut in the middle of a header',
    build: (dir) => write(dir, 'cut-header.tar', good.subarray(0, offsets[3]! + 200)),
    warnings: [/end-of-archive|truncated/i],
    accounted: ['host/ip-addr.out'],
  });
  add({
    name: 'tar cut in the middle of a body',
    build: (dir) => write(dir, 'cut-body.tar.gz', gzipSync(good.subarray(0, offsets[2]! + 512 + 100))),
    warnings: [/truncated/i],
    accounted: ['host/ip-addr.out'],
  });
  add({
    name: 'not an archive at all',
    cli: true,
    build: (dir) => write(dir, 'junk.tar.gz', Buffer.from('<script>alert(1)</script>\n'.repeat(100))),
    readError: /no entries found|not a readable tar|nothing could be read/,
  });
  add({
    name: 'empty file',
    build: (dir) => write(dir, 'empty.tar.gz', Buffer.alloc(0)),
    readError: /no entries found|nothing could be read/,
  });

  add({
    name: 'manifest that is not JSON',
    build: (dir) =>
      write(
        dir,
        'badjson.tar.gz',
        makeTarGz([
          { path: 'manifest.json', body: '{"format": "dockernet-bundle", "commands": [ {"id": ' },
          { path: 'host/ip-addr.out', body: IP_ADDR },
        ]),
      ),
    warnings: [/manifest is not valid JSON/],
    accounted: ['manifest.json', 'host/ip-addr.out'],
  });
  add({
    name: 'manifest of the wrong shape (commands not a list)',
    build: (dir) =>
      write(
        dir,
        'shape1.tar.gz',
        makeTarGz([
          {
            path: 'manifest.json',
            body: JSON.stringify({
              format: 42,
              formatVersion: '1',
              hostname: ['x'],
              step: { a: 1 },
              user: [],
              scopes: 'x',
              collector: null,
              commands: { id: 'ip-addr' },
            }),
          },
          { path: 'host/ip-addr.out', body: IP_ADDR },
        ]),
      ),
    warnings: [/"commands" is missing or not a list/, /formatVersion/],
    accounted: ['manifest.json', 'host/ip-addr.out'],
  });
  add({
    name: 'manifest of the wrong shape (paths with .., exit codes as strings, odd ids)',
    build: (dir) =>
      write(
        dir,
        'shape2.tar.gz',
        makeTarGz([
          {
            path: 'manifest.json',
            body: manifest(
              [
                null,
                1,
                'ip-addr',
                { id: 5 },
                { id: 'ip-addr', stdout: '../../etc/passwd', exitCode: '0', durationMs: '3' },
                { id: 'netstat', stdout: '/etc/shadow', stderr: '../x.err', exitCode: '1' },
                { id: 'ip-addr', stdout: 'host/ip-addr.out', exitCode: '0', scope: ['host'] },
                { id: '__proto__', stdout: 'host/proto.out', scope: 'container:__proto__' },
                { id: 'constructor', stdout: 'host/ctor.out', scope: 'netns:constructor' },
                { id: 'toString', stdout: { a: 1 }, exitCode: Number.MAX_VALUE },
                { id: 'ps', stdout: 'host/ps.out', exitCode: -1, truncated: 'yes', skipped: 3 },
              ],
              {
                scopes: {
                  __proto__: { kind: 'container', name: 'proto' },
                  'container:constructor': { name: 5, pid: '1' },
                  'container:x': null,
                },
                capturedAt: 'yesterday',
              },
            ),
          },
          { path: 'host/ip-addr.out', body: IP_ADDR },
          { path: 'host/proto.out', body: 'x\n' },
          { path: 'host/ctor.out', body: 'y\n' },
          { path: 'host/ps.out', body: 'not ps output\n' },
        ]),
      ),
    warnings: [/commands\[0\] has no "id"/, /path "\.\.\/\.\.\/etc\/passwd" is not allowed/, /capturedAt/],
    accounted: ['manifest.json', 'host/ip-addr.out', 'host/proto.out', 'host/ctor.out', 'host/ps.out'],
  });

  add({
    name: 'non-UTF-8 (Latin-1, UTF-16 with BOM), NUL bytes, a 10 MB single line',
    build: (dir) =>
      write(
        dir,
        'encodings.tar.gz',
        makeTarGz([
          {
            path: 'manifest.json',
            body: manifest([cmd('ip-addr'), cmd('netstat'), cmd('ps'), cmd('pstree')]),
          },
          { path: 'host/ip-addr.out', body: Buffer.from(IP_ADDR.replace('eth0', 'eth\u00e40'), 'latin1') },
          { path: 'host/netstat.out', body: utf16le(NETSTAT) },
          { path: 'host/ps.out', body: Buffer.from(`PID USER COMMAND\n1 root init\0\0\0x\n`) },
          { path: 'host/pstree.out', body: `systemd(1)-+-${'x'.repeat(10 * 1024 * 1024)}(2)\n` },
          { path: 'host/long.out', body: `${'a '.repeat(5 * 1024 * 1024)}\n` },
        ]),
      ),
    warnings: [/not valid UTF-8/, /binary content/],
    accounted: ['host/ip-addr.out', 'host/netstat.out', 'host/ps.out', 'host/pstree.out', 'host/long.out'],
  });

  add({
    name: 'markup in every name (HTML, Markdown, Mermaid, CSS, Handlebars)',
    build: (dir) => write(dir, 'markup.tar.gz', makeTarGz(markupItems())),
    accounted: markupItems()
      .map((i) => i.path)
      .filter((p) => p !== 'manifest.json'),
  });

  add({
    name: 'secrets in env, labels, ps and raw files',
    build: (dir) => write(dir, 'secrets.tar.gz', makeTarGz(secretItems())),
    warnings: [/secret-looking values? masked/],
    accounted: secretItems().map((i) => i.path),
  });

  return cases;
}
