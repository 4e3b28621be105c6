/**
 * Extra tests for the ip-addr, ip-route and brctl-show parsers: the rules that the fixture pairs
 * only show by example, and a cross-check of the text parsers against iproute2's own JSON
 * (`ip -j`) for the same state, in a Docker-like host built in a throwaway network namespace by
 * test/fixtures/ip-addr/netns-setup.sh (the script that also made the netns-*.out fixtures).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { brctlShow } from '../src/parsers/brctl-show.js';
import { type IpAddress, type IpInterface, ipAddr } from '../src/parsers/ip-addr.js';
import { type IpRoute, ipRoute } from '../src/parsers/ip-route.js';

const fixtures = join(import.meta.dirname, 'fixtures');

function one(text: string): IpInterface[] {
  const r = ipAddr.parse(text);
  expect(r.rejected).toBeUndefined();
  return r.records;
}

describe('ip-addr: the name@link rule', () => {
  const header = (field: string, index = 7) =>
    `${index}: ${field}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n`;

  it('reads @ifN as the peer ifindex, @NONE as no link, @name as the parent', () => {
    const [veth, tnl, vlan] = one(
      header('veth9c996da@if4', 5) + header('ip6tnl0@NONE', 6) + header('vlan10@eth0'),
    );
    expect(veth).toMatchObject({ name: 'veth9c996da', linkRef: 'if4', peerIndex: 4 });
    expect(veth).not.toHaveProperty('parent');
    expect(tnl).toMatchObject({ name: 'ip6tnl0', linkRef: 'NONE' });
    expect(tnl).not.toHaveProperty('parent');
    expect(tnl).not.toHaveProperty('peerIndex');
    expect(vlan).toMatchObject({ name: 'vlan10', linkRef: 'eth0', parent: 'eth0' });
  });

  it('lets an IPv4 label settle a name that holds @', () => {
    const [br, foo] = one(
      `${header('br@lan', 2)}    inet 10.250.0.1/24 scope global br@lan\n` +
        `${header('foo:veth0@eth0@veth0', 3)}    inet 192.168.212.2/24 scope global foo:veth0@eth0\n`,
    );
    expect(br).toMatchObject({ name: 'br@lan' });
    expect(br).not.toHaveProperty('linkRef');
    expect(foo).toMatchObject({ name: 'foo:veth0@eth0', parent: 'veth0' });
  });

  it('uses an aliased label (name:alias) too', () => {
    const [a] = one(`${header('x@y', 2)}    inet 10.0.0.1/24 scope global secondary x@y:1\n`);
    expect(a).toMatchObject({ name: 'x@y' });
  });

  it('splits a same-namespace pair of @-names at the name of the other one', () => {
    const [a, b] = one(header('v@2@v@1', 4) + header('v@1@v@2', 5));
    expect(a).toMatchObject({ name: 'v@2', parent: 'v@1' });
    expect(b).toMatchObject({ name: 'v@1', parent: 'v@2' });
  });

  it('splits at the last @ when nothing else tells (filtered output)', () => {
    const [a] = one(header('macvlan@one@eth1'));
    expect(a).toMatchObject({ name: 'macvlan@one', parent: 'eth1' });
  });
});

describe('ip-addr: line wraps, one-line form, noise', () => {
  it('joins wrapped header parts (indented or at column 0) and keeps the first line number', () => {
    const text = [
      '2: ens18: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state',
      '    UP group default',
      'qlen 1000',
      '    link/ether ca:67:51:5a:6d:91 brd ff:ff:ff:ff:ff:ff',
      '5: veth9c996da@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master',
      '    docker0 state UP group default',
      '    link/ether 42:62:55:48:ac:18 brd ff:ff:ff:ff:ff:ff',
      'link-netnsid 0',
    ].join('\n');
    const [ens, veth] = one(text);
    expect(ens).toMatchObject({
      state: 'UP',
      group: 'default',
      qlen: 1000,
      mac: 'ca:67:51:5a:6d:91',
      line: 1,
    });
    expect(veth).toMatchObject({ master: 'docker0', state: 'UP', linkNetnsid: 0, line: 5 });
    expect(veth).not.toHaveProperty('extra');
  });

  it('merges `ip -o addr` lines into one record per interface', () => {
    const text =
      '2: ens18    inet 192.168.178.42/24 brd 192.168.178.255 scope global ens18\\       valid_lft forever preferred_lft forever\n' +
      '2: ens18    inet6 fe80::1/64 scope link \\       valid_lft 100sec preferred_lft 50sec\n';
    const [ens] = one(text);
    expect(ens?.addresses.map((a) => [a.address, a.validLft, a.line])).toEqual([
      ['192.168.178.42', 'forever', 1],
      ['fe80::1', '100sec', 2],
    ]);
  });

  it('decodes BusyBox `flags 02` and keeps unknown bits', () => {
    const text =
      '1: lo: <LOOPBACK> mtu 65536 qdisc noqueue qlen 1000\n    inet6 ::1/128 scope host flags 102\n';
    expect(one(text)[0]?.addresses[0]?.flags).toEqual(['nodad', 'flags 100']);
  });

  it('warns about noise and lines outside an interface instead of throwing', () => {
    const r = ipAddr.parse(
      '1: lo: <LOOPBACK> mtu 65536\nMessage truncated\n    valid_lft forever\n7: broken header\n',
    );
    expect(r.records).toHaveLength(1);
    expect(r.warnings.map((w) => w.line)).toEqual([2, 3, 4]);
  });

  it('rejects error text and other commands’ output', () => {
    expect(ipAddr.parse('sh: ip: not found\n').rejected).toMatch(/not found/);
    expect(ipAddr.parse('default via 10.0.0.1 dev eth0\n').rejected).toMatch(/not `ip addr`/);
  });
});

describe('ip-route', () => {
  const routes = (text: string): IpRoute[] => {
    const r = ipRoute.parse(text);
    expect(r.rejected).toBeUndefined();
    return r.records;
  };

  it('tells the family from the destination first, then from gateways and `pref`', () => {
    const [v6default, v4viaV6, v4default, unreach] = routes(
      'default via fe80::1 dev eth0 proto ra metric 1024 expires 1790sec hoplimit 64 pref medium\n' +
        '10.97.0.0/16 via inet6 fe80::1 dev ens18\n' +
        'default dev eth0 scope link\n' +
        'unreachable default dev lo proto kernel metric 4294967295 pref medium\n',
    );
    expect(v6default).toMatchObject({
      family: 'inet6',
      via: 'fe80::1',
      expires: '1790sec',
      metrics: { hoplimit: '64' },
    });
    expect(v4viaV6).toMatchObject({ family: 'inet', via: 'fe80::1', viaFamily: 'inet6' });
    expect(v4default?.family).toBe('inet');
    expect(unreach).toMatchObject({ family: 'inet6', type: 'unreachable', dst: 'default' });
  });

  it('reads multipath next hops from indented lines and from `ip -o`', () => {
    const expected = [
      { via: '10.0.0.1', dev: 'eth0', weight: 1, flags: [] },
      { via: '10.0.1.1', dev: 'eth1', weight: 2, flags: ['linkdown'] },
    ];
    const [a] = routes(
      '10.99.0.0/16 proto static\n\tnexthop via 10.0.0.1 dev eth0 weight 1\n\tnexthop via 10.0.1.1 dev eth1 weight 2 linkdown\n',
    );
    const [b] = routes(
      '10.99.0.0/16 proto static \\\tnexthop via 10.0.0.1 dev eth0 weight 1 \\\tnexthop via 10.0.1.1 dev eth1 weight 2 linkdown\n',
    );
    expect(a?.nexthops).toEqual(expected);
    expect(b?.nexthops).toEqual(expected);
  });

  it('skips a pasted prompt line with a warning, and rejects what is not routes', () => {
    const r = ipRoute.parse('root@dh-home2 ~ >ip r\ndefault via 192.168.178.1 dev ens18 proto static\n');
    expect(r.records).toHaveLength(1);
    expect(r.warnings).toEqual([
      {
        line: 1,
        code: 'skipped-prompt',
        params: { text: 'root@dh-home2 ~ >ip r' },
        message: 'skipped shell prompt line: root@dh-home2 ~ >ip r',
      },
    ]);
    expect(
      ipRoute.parse('1: lo: <LOOPBACK,UP> mtu 65536\n    inet 127.0.0.1/8 scope host lo\n').rejected,
    ).toBeDefined();
    expect(ipRoute.parse('Error: ipv4: FIB table does not exist.\n').rejected).toBeDefined();
  });
});

describe('brctl-show', () => {
  it('reads tabs and spaces alike, continuation ports and port-less bridges', () => {
    const r = brctlShow.parse(
      'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n' +
        'br-0123456789ab\t\t8000.0242d1e0c2a1\tyes\t\tveth1\n\t\t\t\t\t\t\tveth2\n' +
        'docker0          8000.024278cc117b  no\n',
    );
    expect(r).toEqual({
      records: [
        {
          bridge: 'br-0123456789ab',
          bridgeId: '8000.0242d1e0c2a1',
          stp: true,
          interfaces: ['veth1', 'veth2'],
          line: 2,
        },
        { bridge: 'docker0', bridgeId: '8000.024278cc117b', stp: false, interfaces: [], line: 4 },
      ],
      warnings: [],
    });
  });

  it('rejects the text a missing bridge-utils leaves', () => {
    expect(brctlShow.parse('-bash: brctl: command not found\n').rejected).toMatch(/not found/);
    expect(brctlShow.parse("brctl: invalid argument 'show' to 'brctl'\n").rejected).toMatch(
      /not `brctl show`/,
    );
  });
});

describe('every fixture result survives a JSON round trip unchanged (no undefined keys)', () => {
  for (const parser of [ipAddr, ipRoute, brctlShow]) {
    const dir = join(fixtures, parser.id);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.out'))) {
      it(`${parser.id}/${file}`, () => {
        const result = parser.parse(readFileSync(join(dir, file), 'utf8'));
        expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
      });
    }
  }

  it('never throws on shuffled and cut lines of the fixtures', () => {
    const lines = readdirSync(join(fixtures, 'ip-addr'))
      .filter((f) => f.endsWith('.out'))
      .flatMap((f) => readFileSync(join(fixtures, 'ip-addr', f), 'utf8').split('\n'));
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 20 }, () => {
        const l = lines[rand(lines.length)] ?? '';
        return l.slice(0, rand(l.length + 1));
      }).join('\n');
      for (const parser of [ipAddr, ipRoute, brctlShow]) expect(() => parser.parse(text)).not.toThrow();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Cross-check against `ip -j` in a throwaway network namespace (root only).

interface JsonAddr {
  family: string;
  local: string;
  address?: string;
  prefixlen: number;
  broadcast?: string;
  scope?: string;
  label?: string;
  valid_life_time?: number;
  preferred_life_time?: number;
  [flag: string]: unknown;
}
interface JsonLink {
  ifindex: number;
  ifname: string;
  link?: string | null;
  link_index?: number;
  link_netnsid?: number;
  master?: string;
  mtu?: number;
  link_type?: string;
  address?: string;
  broadcast?: string;
  altnames?: string[];
  ifalias?: string;
  linkinfo?: { info_kind?: string; info_slave_kind?: string };
  addr_info?: JsonAddr[];
}
interface JsonRoute {
  type?: string;
  dst: string;
  gateway?: string;
  via?: { family: string; host: string };
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
  metric?: number;
  pref?: string;
  table?: string;
  nhid?: number;
  flags: string[];
  nexthops?: { gateway?: string; dev?: string; weight?: number; flags: string[] }[];
}

const NAMESPACES: [string, string][] = [
  ['host', ''],
  ['docker-container', 'nsenter --net=/run/docker/netns/3f2c1a9b8e7d'],
  ['lan', 'ip netns exec lan'],
  ['user-network-container', 'ip netns exec c2'],
  ['macvlan-container', 'ip netns exec c4'],
  ['odd-names', 'ip netns exec odd'],
];
const FORMS: [string, string][] = [
  ['addr', 'ip addr'],
  ['addr-json', 'ip -j addr'],
  ['dlink', 'ip -d link'],
  ['dlink-json', 'ip -j -d link'],
  ['route', 'ip route show table all'],
  ['route-json', 'ip -j route show table all'],
];

function whyNoNamespace(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root';
  const probe = spawnSync('unshare', ['--net', '--mount', '--fork', 'true'], { encoding: 'utf8' });
  if (probe.error) return `unshare unavailable: ${probe.error.message}`;
  if (probe.status !== 0) return `unshare --net failed: ${probe.stderr.trim()}`;
  if (spawnSync('ip', ['-V']).error) return 'iproute2 `ip` is not installed';
  return undefined;
}

const skipReason = whyNoNamespace();
if (skipReason) {
  console.warn(
    `\n*** SKIPPED: cross-check of the ip-addr/ip-route parsers against \`ip -j\` in a network namespace: ${skipReason} ***\n`,
  );
}

const lft = (n: number | undefined) =>
  n === undefined ? undefined : n === 4294967295 ? 'forever' : `${n}sec`;
const ADDR_NOT_FLAGS = new Set(['family', 'local', 'address', 'prefixlen', 'broadcast', 'scope', 'label']);

function fromText(a: IpAddress) {
  return {
    family: a.family,
    address: a.address,
    prefixLength: a.prefixLength,
    broadcast: a.broadcast,
    peer: a.peer,
    scope: a.scope,
    label: a.label,
    flags: [...a.flags].sort(),
    validLft: a.validLft,
    preferredLft: a.preferredLft,
  };
}

function fromJson(a: JsonAddr) {
  return {
    family: a.family,
    address: a.local,
    prefixLength: a.prefixlen,
    broadcast: a.broadcast,
    peer: a.address,
    scope: a.scope,
    label: a.label,
    flags: Object.keys(a)
      .filter((k) => a[k] === true && !ADDR_NOT_FLAGS.has(k))
      .sort(),
    validLft: lft(a.valid_life_time),
    preferredLft: lft(a.preferred_life_time),
  };
}

describe.skipIf(skipReason !== undefined)(
  'ip parsers agree with `ip -j` for the same namespace state',
  () => {
    const captured = new Map<string, string>();

    beforeAll(() => {
      const dumps = NAMESPACES.flatMap(([ns, prefix]) =>
        FORMS.map(([form, cmd]) => `echo '@@@ ${ns} ${form}'; ${prefix} ${cmd}`),
      );
      const script = [
        'set -e',
        'mount -t tmpfs tmpfs /run',
        'mount -t sysfs sysfs /sys',
        '. "$0"',
        // IPv6 duplicate address detection would flip `tentative` between the text and JSON dumps.
        'for i in $(seq 100); do',
        '  t=$( { ip addr; nsenter --net=/run/docker/netns/3f2c1a9b8e7d ip addr;',
        '        for n in $(ip netns list | cut -d" " -f1); do ip -n "$n" addr; done; } | grep -c tentative || true)',
        '  [ "$t" = 0 ] && break',
        '  sleep 0.1',
        'done',
        ...dumps,
      ].join('\n');
      const setup = join(fixtures, 'ip-addr', 'netns-setup.sh');
      const run = spawnSync('unshare', ['--net', '--mount', '--fork', 'bash', '-c', script, setup], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, `namespace setup failed: ${run.stderr}`).toBe(0);
      let key = '';
      for (const line of run.stdout.split('\n')) {
        const m = /^@@@ (\S+ \S+)$/.exec(line);
        if (m) {
          key = m[1]!;
          captured.set(key, '');
        } else if (key) captured.set(key, `${captured.get(key)}${line}\n`);
      }
    });

    const get = (ns: string, form: string) => {
      const text = captured.get(`${ns} ${form}`);
      expect(text, `no capture for ${ns} ${form}`).toBeDefined();
      return text!;
    };

    for (const [ns] of NAMESPACES) {
      it(`${ns}: ip addr`, () => {
        const parsed = ipAddr.parse(get(ns, 'addr'));
        expect(parsed.warnings).toEqual([]);
        const json = JSON.parse(get(ns, 'addr-json')) as JsonLink[];
        expect(parsed.records.map((r) => r.index)).toEqual(json.map((j) => j.ifindex));
        for (const j of json) {
          const p = parsed.records.find((r) => r.index === j.ifindex)!;
          const where = `${ns} ifindex ${j.ifindex}`;
          expect(p.name, where).toBe(j.ifname);
          if (j.link_index !== undefined) expect(p.peerIndex, where).toBe(j.link_index);
          else if (j.link === null) expect(p.linkRef, where).toBe('NONE');
          else if (j.link !== undefined && /^if\d+$/.test(j.link))
            expect(p.peerIndex, where).toBe(Number(j.link.slice(2)));
          else if (j.link !== undefined) expect(p.parent, where).toBe(j.link);
          else expect(p.linkRef, where).toBeUndefined();
          expect(p.master, where).toBe(j.master);
          expect(p.mtu, where).toBe(j.mtu);
          expect(p.linkType, where).toBe(j.link_type);
          expect(p.mac, where).toBe(j.address);
          expect(p.broadcastMac, where).toBe(j.broadcast);
          expect(p.altnames, where).toEqual(j.altnames ?? []);
          // Text names the peer namespace (`link-netns c2`) instead of its id when it has a name.
          if (p.linkNetns !== undefined) expect(j.link_netnsid, where).toBeTypeOf('number');
          else expect(p.linkNetnsid, where).toBe(j.link_netnsid);
          expect(p.addresses.map(fromText), where).toEqual((j.addr_info ?? []).map(fromJson));
        }
      });

      it(`${ns}: ip -d link kinds`, () => {
        const parsed = ipAddr.parse(get(ns, 'dlink'));
        expect(parsed.warnings).toEqual([]);
        const json = JSON.parse(get(ns, 'dlink-json')) as JsonLink[];
        expect(parsed.records.map((r) => r.index)).toEqual(json.map((j) => j.ifindex));
        for (const j of json) {
          const p = parsed.records.find((r) => r.index === j.ifindex)!;
          const slave = j.linkinfo?.info_slave_kind;
          expect(p.kind, `${ns} ${j.ifname}`).toBe(j.linkinfo?.info_kind);
          expect(p.slaveKind, `${ns} ${j.ifname}`).toBe(slave === undefined ? undefined : `${slave}_slave`);
          expect(p.alias, `${ns} ${j.ifname}`).toBe(j.ifalias);
        }
      });

      it(`${ns}: ip route show table all`, () => {
        const parsed = ipRoute.parse(get(ns, 'route'));
        expect(parsed.warnings).toEqual([]);
        const json = JSON.parse(get(ns, 'route-json')) as JsonRoute[];
        const simple = (r: IpRoute) => ({
          type: r.type,
          dst: r.dst,
          via: r.via,
          dev: r.dev,
          proto: r.proto,
          scope: r.scope,
          src: r.src,
          metric: r.metric,
          pref: r.pref,
          table: r.table,
          nhid: r.nhid,
          flags: r.flags,
          nexthops: r.nexthops,
        });
        const fromJsonRoute = (j: JsonRoute) => ({
          type: j.type ?? 'unicast',
          dst: j.dst,
          via: j.gateway ?? j.via?.host,
          dev: j.dev,
          proto: j.protocol,
          scope: j.scope,
          src: j.prefsrc,
          metric: j.metric,
          pref: j.pref,
          table: j.table,
          nhid: j.nhid,
          flags: j.flags,
          nexthops: j.nexthops?.map((n) => ({
            ...(n.gateway !== undefined ? { via: n.gateway } : {}),
            ...(n.dev !== undefined ? { dev: n.dev } : {}),
            ...(n.weight !== undefined ? { weight: n.weight } : {}),
            flags: n.flags,
          })),
        });
        expect(parsed.records.map(simple)).toEqual(json.map(fromJsonRoute));
        for (const r of parsed.records) expect(r.family).toBe(r.dst.includes(':') ? 'inet6' : r.family);
      });
    }
  },
);
