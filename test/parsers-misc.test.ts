/**
 * Edge cases of the netstat, ps, pstree and docker parsers that the fixture pairs do not show:
 * other locales, rejections, recoveries, hostile keys. Fixture pairs stay the main test.
 */
import { describe, expect, it } from 'vitest';
import { dockerNetworkInspect } from '../src/parsers/docker-network-inspect.js';
import { dockerNetworkLs } from '../src/parsers/docker-network-ls.js';
import { dockerVersion } from '../src/parsers/docker-version.js';
import { netstat } from '../src/parsers/netstat.js';
import { ps } from '../src/parsers/ps.js';
import { pstree } from '../src/parsers/pstree.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('netstat', () => {
  it('rejects error text, empty text and ss output', () => {
    expect(netstat.parse('bash: netstat: command not found\n').rejected).toMatch(/not found/);
    expect(netstat.parse('').rejected).toBe('empty output');
    const ss = lines(
      'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process',
      'tcp   LISTEN 0      128          0.0.0.0:22        0.0.0.0:*     users:(("sshd",pid=804,fd=3))',
    );
    expect(netstat.parse(ss).rejected).toMatch(/not netstat output/);
  });

  it('normalises Czech, Portuguese and Swedish states, including two-word ones', () => {
    const r = netstat.parse(
      lines(
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
        'tcp        0      0 10.0.0.1:22             10.0.0.9:50000          POSLEDNÍ ACK',
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               OUÇA',
        'tcp        0      0 10.0.0.1:22             10.0.0.9:50001          ETABLERAD',
      ),
    );
    expect(r.records.map((s) => [s.state, s.stateRaw])).toEqual([
      ['LAST_ACK', 'POSLEDNÍ ACK'],
      ['LISTEN', 'OUÇA'],
      ['ESTABLISHED', 'ETABLERAD'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('keeps an unknown state word as UNKNOWN with a warning', () => {
    const r = netstat.parse(
      lines(
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
        'tcp        0      0 10.0.0.1:22             10.0.0.9:50000          ZZZ_WAIT',
      ),
    );
    expect(r.records[0]).toMatchObject({ state: 'UNKNOWN', stateRaw: 'ZZZ_WAIT' });
    expect(r.warnings[0]?.line).toBe(2);
  });

  it('reads -e -o columns in German (Benutzer, aus (...)) and a program name with spaces', () => {
    const r = netstat.parse(
      lines(
        'Aktive Internetverbindungen (Server und stehende Verbindungen)',
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       Benutzer   Inode      PID/Program name     Timer',
        'tcp        0     64 10.0.0.1:22             10.0.0.9:55497          VERBUNDEN   root       24117      1060/sshd: root@pts  ein (0.20/0/0)',
        'udp        0      0 127.0.0.53:53           0.0.0.0:*                           systemd-resolve 18922      514/systemd-resolve  aus (0.00/0/0)',
      ),
    );
    expect(r.records).toEqual([
      expect.objectContaining({
        state: 'ESTABLISHED',
        user: 'root',
        inode: 24117,
        pid: 1060,
        program: 'sshd: root@pts',
        timer: 'ein (0.20/0/0)',
      }),
      expect.objectContaining({ user: 'systemd-resolve', inode: 18922, pid: 514, timer: 'aus (0.00/0/0)' }),
    ]);
    expect(r.records[1]?.state).toBeUndefined();
  });

  it('splits a UNIX row with -p into program (with spaces) and path', () => {
    const r = netstat.parse(
      lines(
        'Active UNIX domain sockets (servers and established)',
        'Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path',
        'unix  3      [ ]         STREAM     CONNECTED     22101    1060/sshd: root@pts  /run/systemd/journal/stdout',
        'unix  2      [ ACC W ]   STREAM     LISTENING     21903    900/dockerd          /var/run/docker.sock',
        'unix  2      [ ]         DGRAM                    20112    -                    ',
      ),
    );
    expect(r.records.map((s) => [s.pid, s.program, s.path, s.flags, s.state])).toEqual([
      [1060, 'sshd: root@pts', '/run/systemd/journal/stdout', [], 'CONNECTED'],
      [900, 'dockerd', '/var/run/docker.sock', ['ACC', 'W'], 'LISTENING'],
      [undefined, undefined, undefined, [], undefined],
    ]);
  });

  it('guesses the columns of rows without a header, with a warning', () => {
    const r = netstat.parse(
      'tcp6       0      0 :::60000                :::*                    LISTEN      3491/docker-proxy\n',
    );
    expect(r.records[0]).toMatchObject({
      localAddress: '::',
      localPort: '60000',
      pid: 3491,
      program: 'docker-proxy',
    });
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/no `Proto/)]);
  });

  it('skips sections that are not Internet or UNIX sockets', () => {
    const r = netstat.parse(
      lines(
        'Active Bluetooth connections (servers and established)',
        'Proto  Destination       Source            State         PSM DCID   SCID      IMTU    OMTU Security',
        'l2cap  00:00:00:00:00:00 11:22:33:44:55:66 LISTEN        23  0x0000 0x0040    672     0    LOW',
        'Active Internet connections (servers and established)',
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
        'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN',
      ),
    );
    expect(r.records).toHaveLength(1);
    expect(r.records[0]?.line).toBe(6);
    expect(r.warnings).toHaveLength(1);
  });
});

describe('ps', () => {
  it('names BusyBox processes with a comm in braces, numeric users and process titles', () => {
    const r = ps.parse(
      lines(
        'PID   USER     TIME  COMMAND',
        '    1 root      0:00 {MainThread} node server.js',
        '   17 101       0:00 sshd: root@pts/0',
        '   20 1000      0:00 -bash',
        '   31 systemd+  0:01 /lib/systemd/systemd-resolved',
      ),
    );
    expect(r.records.map((p) => [p.pid, p.user, p.name, p.comm])).toEqual([
      [1, 'root', 'node', 'MainThread'],
      [17, '101', 'sshd', undefined],
      [20, '1000', 'bash', undefined],
      [31, 'systemd+', 'systemd-resolved', undefined],
    ]);
  });

  it('rejects text without a ps header', () => {
    expect(ps.parse('sh: ps: not found\n').rejected).toMatch(/not found/);
    expect(ps.parse('hello\nworld\n').rejected).toMatch(/no header/);
    expect(ps.parse('\n\n').rejected).toBe('empty output');
  });

  it('warns about a short row and keeps going', () => {
    const r = ps.parse(lines('  PID TTY          TIME CMD', '    1 ?', '    2 ?        00:00:00 init'));
    expect(r.records.map((p) => p.pid)).toEqual([2]);
    expect(r.warnings[0]?.line).toBe(2);
  });
});

describe('pstree', () => {
  it('reads names with parentheses, -pu user suffixes and spaces around connectors', () => {
    const r = pstree.parse(
      lines('systemd(1)-+-systemd(1033,alice)---(sd-pam)(1034)', '           `-sshd(835) --- sshd(1049)'),
    );
    expect(r.records.map((n) => [n.pid, n.name, n.parentPid, n.depth])).toEqual([
      [1, 'systemd', undefined, 0],
      [1033, 'systemd', 1, 1],
      [1034, '(sd-pam)', 1033, 2],
      [835, 'sshd', 1, 1],
      [1049, 'sshd', 835, 2],
    ]);
  });

  it('does not read a ps listing as a tree', () => {
    const text = lines('  PID TTY          TIME CMD', '    1 ?        00:00:01 sleep(5) x');
    expect(pstree.parse(text).rejected).toBeDefined();
  });
});

describe('docker version', () => {
  it('keeps the daemon error even when stderr came first in the capture', () => {
    const r = dockerVersion.parse(
      lines(
        'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied',
        'Client:',
        ' Version:           20.10.24+dfsg1',
      ),
    );
    expect(r.rejected).toBeUndefined();
    expect(r.records[0]).toMatchObject({
      client: { version: '20.10.24+dfsg1' },
      serverError: expect.stringMatching(/^Got permission denied/),
      line: 1,
    });
  });

  it('reads the unindented Podman layout and `docker --version`', () => {
    const podman = dockerVersion.parse(
      lines(
        'Client:       Podman Engine',
        'Version:      4.3.1',
        'API Version:  4.3.1',
        'Go Version:   go1.19.8',
      ),
    );
    expect(podman.records[0]?.client).toMatchObject({
      product: 'Podman Engine',
      version: '4.3.1',
      apiVersion: '4.3.1',
    });
    const short = dockerVersion.parse('Docker version 20.10.24+dfsg1, build 297e128\n');
    expect(short.records[0]?.client).toMatchObject({ version: '20.10.24+dfsg1', gitCommit: '297e128' });
    expect(short.warnings).toHaveLength(2);
  });

  it('rejects other text', () => {
    expect(dockerVersion.parse('NETWORK ID   NAME   DRIVER   SCOPE\n').rejected).toMatch(/no `Client:`/);
  });
});

describe('docker network ls', () => {
  it('rejects -q output and reads a prompt line and --format columns', () => {
    expect(dockerNetworkLs.parse('ff333722eebf\n0b7427f9e1ff\n').rejected).toMatch(/-q/);
    const r = dockerNetworkLs.parse(
      lines(
        'root@dh-home2 ~ >docker network ls',
        'NETWORK ID     NAME      DRIVER    SCOPE     IPV6      INTERNAL',
        'ff333722eebf   bridge    bridge    local     false     false',
        'a1b2c3d4e5f6   backend   bridge    local     true      true',
      ),
    );
    expect(r.records.map((n) => [n.name, n.ipv6, n.internal, n.line])).toEqual([
      ['bridge', false, false, 3],
      ['backend', true, true, 4],
    ]);
    expect(r.warnings).toEqual([
      {
        line: 1,
        code: 'before-header',
        params: expect.anything(),
        message: expect.stringMatching(/before the header/),
      },
    ]);
  });
});

describe('docker network inspect', () => {
  it('reads a single object, appended arrays and trailing text, with warnings', () => {
    const r = dockerNetworkInspect.parse(
      lines(
        '{"Name": "a", "Id": "1"}',
        '[{"Name": "b", "Id": "2"}]',
        '[',
        '  {"Name": "c", "Id": "3"}',
        ']',
        'Error: No such network: d',
      ),
    );
    expect(r.records.map((n) => [n.name, n.line])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 4],
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'a single object instead of an array',
      expect.stringMatching(/^text after the JSON: Error: No such network: d/),
      '2 JSON arrays one after the other: read as one list',
    ]);
  });

  it('reports where invalid JSON breaks and never throws', () => {
    const r = dockerNetworkInspect.parse(
      lines('[', '  {', '    "Name": "bridge",', '    "Id" "x"', '  }', ']'),
    );
    expect(r.records).toEqual([]);
    expect(r.warnings[0]).toMatchObject({
      line: 4,
      message: expect.stringMatching(/line 4, column 10: expected ':'/),
    });
    for (const bad of ['[', '[{', '[{"a":', '{"a": tru}', '[1, 2', '"\\x"', '[}', '\u0000']) {
      expect(() => dockerNetworkInspect.parse(bad)).not.toThrow();
    }
  });

  it('keeps hostile keys as data and decodes escapes', () => {
    const r = dockerNetworkInspect.parse(
      '[{"Name": "n\\u00e9t", "Id": "1", "Labels": {"__proto__": "x", "constructor": "y"}, "Containers": {"__proto__": {"Name": "z"}}}]',
    );
    const net = r.records[0];
    expect(net?.name).toBe('nét');
    expect(Object.keys(net?.labels ?? {})).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(net?.labels, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(net?.labels)).toBe(Object.prototype);
    expect(net?.containers.map((c) => c.key)).toEqual(['__proto__']);
  });

  it('rejects `docker inspect` of a container and error text', () => {
    expect(
      dockerNetworkInspect.parse('[{"Id": "abc", "State": {"Running": true}, "Config": {}}]').rejected,
    ).toMatch(/containers/);
    expect(dockerNetworkInspect.parse('Error: No such network: foo\n').rejected).toMatch(/not JSON/);
  });
});

describe('hostile input', () => {
  const parsers = [netstat, ps, pstree, dockerVersion, dockerNetworkLs, dockerNetworkInspect];
  const inputs = [
    '['.repeat(100_000),
    `a${' '.repeat(100_000)}`,
    '(1,'.repeat(30_000),
    `tcp 0 0 ${'x'.repeat(50_000)}:1 ${' '.repeat(50_000)}`,
    `Client:\n ${'Key '.repeat(20_000)}`,
    'unix 1 [ ] STREAM\n'.repeat(1000),
    '\u0000\uffff\r\n\t',
  ];
  it('never throws and stays fast on long, deep or binary input', () => {
    const start = Date.now();
    for (const parser of parsers) {
      for (const input of inputs) expect(() => parser.parse(input), parser.id).not.toThrow();
    }
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

describe('netstat notes', () => {
  it('does not let an unclosed note swallow the listing', () => {
    const r = netstat.parse(
      lines(
        '(Not all processes could be identified, non-owned process info',
        'Active Internet connections (servers and established)',
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
        'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      -',
      ),
    );
    expect(r.records).toHaveLength(1);
    expect(r.warnings).toEqual([
      {
        line: 1,
        code: 'unterminated-note',
        params: { text: '(Not all processes could be identified, non-owned process info' },
        message: expect.stringMatching(/^unterminated note/),
      },
    ]);
  });
});
