/**
 * Interfaces from the kernel's own files, for a namespace the collector could not enter with
 * nsenter (it reads /proc/PID/net and the container's sysfs instead):
 *
 *   sys-class-net      name=eth0 ifindex=6 iflink=7 operstate=up ... master=- devtype=-
 *   proc-net-if-inet6  fe80000000000000a8c1abfffe123456 06 40 20 80 eth0
 *   proc-net-fib-trie  |-- 172.17.0.2  /32 host LOCAL           (no interface named)
 *   proc-net-route     eth0 000011AC 00000000 0001 ...          (172.17.0.0/16 dev eth0)
 *
 * An IPv4 address is put on the interface whose route holds its network: fib_trie gives the
 * address and its network, /proc/net/route the device of that network.
 */

import type { ParserId } from '../parsers/index.js';
import type { ParsedOutput } from '../parsers/parse-bundle.js';
import { evidenceOf } from './evidence.js';
import { networkOf } from './ip.js';
import { recordsOf } from './records.js';
import type { ModelInterface } from './types.js';

const ARPHRD_LOOPBACK = 772;

export function interfacesFromKernelFiles(outputs: ParsedOutput[]): ModelInterface[] {
  const of = <P extends ParserId>(id: P) => outputs.flatMap((o) => recordsOf(o, id).map((r) => ({ o, r })));
  const byName = new Map<string, ModelInterface>();
  for (const { o, r } of of('sys-class-net')) {
    if (byName.has(r.name) || r.ifindex === undefined) continue;
    const up = r.operstate === 'up' || r.operstate === 'unknown';
    const m: ModelInterface = {
      ifindex: r.ifindex,
      name: r.name,
      kind:
        r.type === ARPHRD_LOOPBACK
          ? 'loopback'
          : (r.devtype ?? (r.iflink !== undefined && r.iflink !== r.ifindex ? 'veth' : 'ethernet')),
      flags: [],
      // sysfs has operstate, not the admin flag: an interface that is up or unknown was set up.
      adminUp: up,
      lowerUp: r.carrier === 1,
      noCarrier: r.carrier === 0,
      addresses: [],
      evidence: evidenceOf(o, r.line),
    };
    if (r.operstate) m.state = r.operstate.toUpperCase();
    if (r.iflink !== undefined && r.iflink !== r.ifindex) m.peerIfindex = r.iflink;
    if (r.mtu !== undefined) m.mtu = r.mtu;
    if (r.address) m.mac = r.address;
    if (r.master) m.master = r.master;
    byName.set(r.name, m);
  }
  for (const { r } of of('proc-net-if-inet6')) {
    const i = byName.get(r.name);
    if (!i) continue;
    i.addresses.push({
      family: 'inet6',
      address: r.address,
      prefixLength: r.prefixLength,
      cidr: `${r.address}/${r.prefixLength}`,
      network: networkOf(r.address, r.prefixLength),
      scope: r.scope,
    });
  }
  const routes = of('proc-net-route').map((x) => x.r);
  for (const { r } of of('proc-net-fib-trie')) {
    if (r.type !== 'LOCAL') continue;
    const len = r.prefix ? Number(r.prefix.split('/')[1]) : 32;
    const dev = r.address.startsWith('127.')
      ? [...byName.values()].find((i) => i.kind === 'loopback')?.name
      : routes.find((x) => x.dst === r.prefix && x.dev)?.dev;
    const i = dev ? byName.get(dev) : undefined;
    if (!i || i.addresses.some((a) => a.address === r.address)) continue;
    i.addresses.unshift({
      family: 'inet',
      address: r.address,
      prefixLength: len,
      cidr: `${r.address}/${len}`,
      network: networkOf(r.address, len),
    });
  }
  return [...byName.values()].sort((a, b) => a.ifindex - b.ifindex);
}
