/**
 * The breadth parsers agree with each other on the same kernel state: in a Docker-like host built
 * in throwaway network, mount and PID namespaces (test/fixtures/ss/netns-breadth-setup.sh, which
 * also made the netns-*.out fixtures), the same facts read through two commands must come out
 * the same:
 *   - `ss -tulpan` (ss) and /proc/net/{tcp,tcp6,udp,udp6} (proc-net-tcp, proc-net-udp): the
 *     same listening sockets;
 *   - `ip -j addr` (ip-json) and `ip addr` (ip-addr): the same interfaces, indexes, links and
 *     addresses;
 *   - `ip -j route show table all` (ip-json) and `ip route show table all` (ip-route);
 *   - `ip -j rule` / `ip -j -6 rule` (ip-json) and `ip rule` / `ip -6 rule` (ip-rule).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type IpInterface, ipAddr } from '../src/parsers/ip-addr.js';
import { ipJson } from '../src/parsers/ip-json.js';
import { type IpRoute, ipRoute } from '../src/parsers/ip-route.js';
import { type IpRule, ipRule } from '../src/parsers/ip-rule.js';
import type { NetstatSocket } from '../src/parsers/netstat.js';
import { procNetTcp } from '../src/parsers/proc-net-tcp.js';
import { procNetUdp } from '../src/parsers/proc-net-udp.js';
import { ss } from '../src/parsers/ss.js';
import type { Parser } from '../src/parsers/types.js';
import { hasCommand, isRoot, missing } from './support/env.js';

const setup = join(import.meta.dirname, 'fixtures', 'ss', 'netns-breadth-setup.sh');

const FORMS: [string, string][] = [
  ['ss', 'ss -tulpan'],
  ['tcp', 'cat /proc/net/tcp'],
  ['tcp6', 'cat /proc/net/tcp6'],
  ['udp', 'cat /proc/net/udp'],
  ['udp6', 'cat /proc/net/udp6'],
  ['addr', 'ip addr'],
  ['addr-json', 'ip -j addr'],
  ['route', 'ip route show table all'],
  ['route-json', 'ip -j route show table all'],
  ['rule', 'ip rule'],
  ['rule-json', 'ip -j rule'],
  ['rule6', 'ip -6 rule'],
  ['rule6-json', 'ip -j -6 rule'],
];

const skip = missing({
  root: isRoot(),
  unshare: hasCommand('unshare'),
  nsenter: hasCommand('nsenter'),
  'iproute2 ip': hasCommand('ip'),
  'iproute2 ss': hasCommand('ss'),
  busybox: hasCommand('busybox'),
});

function records<R>(parser: Parser<R>, text: string | undefined): R[] {
  expect(text, `no capture for ${parser.id}`).toBeDefined();
  const r = parser.parse(text!);
  expect(r.rejected, `${parser.id} rejected the capture`).toBeUndefined();
  expect(r.warnings, `${parser.id} warnings`).toEqual([]);
  return r.records;
}

const listening = (s: NetstatSocket) =>
  s.state === 'LISTEN' || (/^udp/.test(s.proto) && s.state === undefined);
const key = (s: NetstatSocket) => `${s.proto} ${s.localAddress} ${s.localPort}`;

describe.skipIf(skip !== undefined)('breadth parsers agree on one namespace state', () => {
  const captured = new Map<string, string>();

  beforeAll(() => {
    const script = [
      'set -e',
      'mount -t tmpfs tmpfs /run',
      'mount -t sysfs sysfs /sys',
      '. "$0"',
      // IPv6 duplicate address detection would flip `tentative` between the text and JSON dumps.
      'for i in $(seq 100); do',
      '  ip addr | grep -q tentative || break',
      '  sleep 0.1',
      'done',
      ...FORMS.map(([form, cmd]) => `echo '@@@ ${form}'; ${cmd}`),
    ].join('\n');
    // The PID namespace ends the listeners the setup started when the script exits.
    const run = spawnSync(
      'unshare',
      ['--net', '--mount', '--pid', '--fork', '--mount-proc', 'bash', '-c', script, setup],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status, `namespace setup failed: ${run.stderr}`).toBe(0);
    let form = '';
    for (const line of run.stdout.split('\n')) {
      const m = /^@@@ (\S+)$/.exec(line);
      if (m) {
        form = m[1]!;
        captured.set(form, '');
      } else if (form) captured.set(form, `${captured.get(form)}${line}\n`);
    }
  });

  it('ss -tulpan and /proc/net/{tcp,tcp6,udp,udp6} list the same listening sockets', () => {
    const fromSs = records(ss, captured.get('ss')).filter(listening);
    const fromProc = [
      ...records(procNetTcp, captured.get('tcp')),
      ...records(procNetTcp, captured.get('tcp6')),
      ...records(procNetUdp, captured.get('udp')),
      ...records(procNetUdp, captured.get('udp6')),
    ].filter(listening);
    expect(fromSs.length).toBeGreaterThanOrEqual(5);
    expect(fromSs.map(key).sort()).toEqual(fromProc.map(key).sort());
    // The setup's DHCP server is bound to docker0, its HTTP server on both families.
    expect(fromSs).toContainEqual(expect.objectContaining({ localPort: '67', localInterface: 'docker0' }));
    expect(fromSs).toContainEqual(
      expect.objectContaining({ proto: 'tcp6', localAddress: '::', localPort: '8443', v6only: false }),
    );
  });

  it('ip -j addr and ip addr give the same interfaces and addresses', () => {
    const text = records(ipAddr, captured.get('addr'));
    const json = records(ipJson, captured.get('addr-json')) as IpInterface[];
    expect(json.map((i) => i.index)).toEqual(text.map((i) => i.index));
    for (const j of json) {
      const t = text.find((i) => i.index === j.index)!;
      const where = `ifindex ${j.index}`;
      expect(j.name, where).toBe(t.name);
      expect(j.peerIndex, where).toBe(t.peerIndex);
      expect(j.parent, where).toBe(t.parent);
      expect(j.master, where).toBe(t.master);
      expect(j.state, where).toBe(t.state);
      expect(j.mtu, where).toBe(t.mtu);
      expect(j.mac, where).toBe(t.mac);
      expect(j.altnames, where).toEqual(t.altnames);
      // Text names the peer namespace (`link-netns c2`) instead of its id when it has a name.
      if (t.linkNetns === undefined) expect(j.linkNetnsid, where).toBe(t.linkNetnsid);
      else expect(j.linkNetnsid, where).toBeTypeOf('number');
      const addr = (i: IpInterface) =>
        i.addresses.map(({ line: _line, flags, ...a }) => ({ ...a, flags: [...flags].sort() }));
      expect(addr(j), where).toEqual(addr(t));
    }
  });

  it('ip -j route show table all and ip route show table all give the same routes', () => {
    const strip = ({ line: _line, ...r }: IpRoute) => r;
    const text = records(ipRoute, captured.get('route')).map(strip);
    const json = (records(ipJson, captured.get('route-json')) as IpRoute[]).map(strip);
    expect(json.length).toBeGreaterThan(10);
    // JSON loses the `lock` of `mtu lock N` (iproute2 prints it as text only).
    const unlock = (r: Omit<IpRoute, 'line'>) => {
      if (!r.metrics) return r;
      const { mtu: _mtu, ...metrics } = r.metrics;
      return { ...r, ...(Object.keys(metrics).length > 0 ? { metrics } : { metrics: undefined }) };
    };
    expect(JSON.parse(JSON.stringify(json.map(unlock)))).toEqual(
      JSON.parse(JSON.stringify(text.map(unlock))),
    );
  });

  for (const [form, label] of [
    ['rule', 'ip rule'],
    ['rule6', 'ip -6 rule'],
  ] as const) {
    it(`ip -j ${label.slice(3)} and ${label} give the same rules`, () => {
      const strip = ({ line: _line, ...r }: IpRule) => r;
      const text = records(ipRule, captured.get(form)).map(strip);
      const json = (records(ipJson, captured.get(`${form}-json`)) as IpRule[]).map(strip);
      expect(text.length).toBeGreaterThanOrEqual(form === 'rule' ? 10 : 4);
      expect(json).toEqual(text);
    });
  }
});
