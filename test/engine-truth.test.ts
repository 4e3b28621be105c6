/**
 * test/support/engine-truth.ts on a committed truth folder of a real run of
 * test/scripts/engine-varied.sh on Docker 20.10 (trimmed by test/scripts/trim-truth.mjs): each
 * relation is checked against the raw engine and kernel JSON it comes from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTruth, truthCounts } from './support/engine-truth.js';

const dir = join(import.meta.dirname, 'fixtures-engine-truth', '20.10');
const t = loadTruth(dir);
const raw = <T>(...p: string[]) => JSON.parse(readFileSync(join(dir, ...p), 'utf8')) as T;
const nsInode = (name: string) => Number(readFileSync(join(dir, 'ns', name, 'inode'), 'utf8'));

describe('engine truth relations (Docker 20.10 run)', () => {
  it('counts every relation', () => {
    expect(t.engine).toMatch(/^20\.10\./);
    expect(truthCounts(t)).toEqual({
      namespaces: 15,
      containers: 13,
      veth: 13,
      macvlan: 1,
      vxlan: 2,
      bridgePorts: 14,
      publishedPorts: 9,
      networks: 10,
      defaultRoutes: 13,
      staleNetnsFiles: 2,
    });
  });

  it('namespaces: owner, sharer, host and none modes, sandbox files', () => {
    const shared = t.namespaces.find((n) => n.owner === 'orders-api')!;
    expect(shared).toMatchObject({ name: 'c-orders-api', sharers: ['sidecar'], isHost: false });
    expect(shared.sandboxFiles).toHaveLength(1);
    const host = t.namespaces.find((n) => n.isHost)!;
    expect(host).toMatchObject({ name: 'host', hostModeContainers: ['hostnet'] });
    expect(host.sandboxFiles.map((f) => f.split('/').pop())).toEqual(['default']);
    expect(t.namespaces.find((n) => n.owner === 'nonet')?.noneModeContainers).toEqual(['nonet']);
    for (const name of ['d-ingress_sbox', 'd-lb_pzsg9vtty']) {
      expect(t.namespaces.find((n) => n.name === name)?.owner).toBeUndefined();
    }
  });

  it('veth ends agree with the kernel: ifindex and link_index cross-link', () => {
    const whoami = t.containers.find((c) => c.name === 'whoami')!;
    const link = t.links.find((l) => l.kind === 'veth' && l.b?.nsInode === whoami.nsInode)!;
    expect(link.a.nsInode).toBe(t.hostInode);
    const hostLinks = raw<{ ifindex: number; ifname: string; link_index?: number }[]>(
      'ns',
      'host',
      'link.json',
    );
    const inside = raw<{ ifindex: number; ifname: string; link_index?: number }[]>(
      'ns',
      'c-whoami',
      'link.json',
    );
    const h = hostLinks.find((l) => l.ifname === link.a.ifname)!;
    const c = inside.find((l) => l.ifname === link.b!.ifname)!;
    expect(h.link_index).toBe(c.ifindex);
    expect(c.link_index).toBe(h.ifindex);
    expect(t.links).toContainEqual({
      kind: 'bridge-port',
      a: link.a,
      b: { nsInode: t.hostInode, ifname: 'docker0' },
    });
  });

  it('macvlan child names its parent; vxlan carries its VNI in the overlay namespace', () => {
    expect(t.links.find((l) => l.kind === 'macvlan')).toEqual({
      kind: 'macvlan',
      a: { nsInode: nsInode('c-mv1'), ifname: 'eth0' },
      parent: { nsInode: t.hostInode, ifname: 'eth0' },
    });
    const vx = t.links.filter((l) => l.kind === 'vxlan');
    expect(vx.map((l) => l.vni).sort()).toEqual([4096, 4097]);
    for (const l of vx)
      expect(t.links).toContainEqual({
        kind: 'bridge-port',
        a: l.a,
        b: { nsInode: l.a.nsInode, ifname: 'br0' },
      });
  });

  it('published ports, v4 and v6, from NetworkSettings.Ports', () => {
    const orders = t.publishedPorts.filter((p) => p.containerName === 'orders-api');
    expect(orders.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.proto}`).sort()).toEqual([
      '0.0.0.0:8080->8080/tcp',
      ':::8080->8080/tcp',
    ]);
    expect(t.publishedPorts).toContainEqual({
      proto: 'tcp',
      hostIp: '127.0.0.1',
      hostPort: 9000,
      containerName: 'admin',
      containerPort: 80,
    });
    expect(t.publishedPorts.filter((p) => p.proto === 'udp')).toHaveLength(2);
  });

  it('networks: drivers, bridges, internal, IPv6, the macvlan parent', () => {
    const net = (n: string) => t.networks.find((x) => x.name === n)!;
    expect(net('bridge')).toMatchObject({ driver: 'bridge', bridge: 'docker0', subnets: ['172.17.0.0/16'] });
    expect(net('appnet')).toMatchObject({ enableIPv6: true, subnets: ['172.20.0.0/24', 'fd00:db8:1::/64'] });
    expect(net('appnet').bridge).toBe(`br-${net('appnet').id.slice(0, 12)}`);
    expect(net('backend').internal).toBe(true);
    expect(net('lanmv')).toMatchObject({ driver: 'macvlan', parent: 'eth0' });
    expect(net('ovl')).toMatchObject({ driver: 'overlay', scope: 'swarm', attachable: true });
  });

  it('default routes per namespace and family; stale files with who left them', () => {
    expect(t.defaultRoutes.filter((r) => r.nsInode === t.hostInode)).toEqual([
      { nsInode: t.hostInode, family: 'inet', via: '10.99.0.1', dev: 'eth0' },
      { nsInode: t.hostInode, family: 'inet6', via: 'fd99::1', dev: 'eth0' },
    ]);
    expect(t.defaultRoutes).toContainEqual({
      nsInode: nsInode('c-mv1'),
      family: 'inet',
      via: '10.99.0.1',
      dev: 'eth0',
    });
    expect(t.staleNetnsFiles.find((s) => s.leftBy)?.leftBy).toBe('job');
    expect(t.containers.find((c) => c.name === 'pending')).toMatchObject({ state: 'created', pid: 0 });
  });
});
