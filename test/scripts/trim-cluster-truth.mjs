#!/usr/bin/env node
// Copy a cluster scenario's truth/ folder (test/scripts/engine-cluster.sh) into a small committed
// fixture: what test/support/cluster-truth.ts reads, the engines' JSON cut down to those keys.
//
//   node test/scripts/trim-cluster-truth.mjs /tmp/dockernet-cluster/mixed-xxxx/truth test/fixtures-cluster-truth/mixed
// (reach-probes.json, beside truth/, is copied too)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [src, dest] = process.argv.slice(2);
if (!src || !dest) {
  process.stderr.write('usage: trim-cluster-truth.mjs TRUTH_DIR DEST_DIR\n');
  process.exit(2);
}
rmSync(dest, { recursive: true, force: true });
mkdirSync(dest, { recursive: true });
cpSync(join(src, 'cluster.json'), join(dest, 'cluster.json'));
// The real probes sent after the capture (beside truth/ in the scenario's folder): the
// reachability tests compare the committed sample with them offline.
if (existsSync(join(src, '..', 'reach-probes.json')))
  cpSync(join(src, '..', 'reach-probes.json'), join(dest, 'reach-probes.json'));
const write = (f, v) => writeFileSync(f, `${JSON.stringify(v, null, 1)}\n`);
for (const node of readdirSync(src).filter((f) => /^node\d+$/.test(f))) {
  const s = join(src, node);
  const d = join(dest, node);
  mkdirSync(d, { recursive: true });
  const read = (f) => JSON.parse(readFileSync(join(s, f), 'utf8'));
  const info = read('docker-info.json');
  write(join(d, 'docker-info.json'), {
    ServerVersion: info.ServerVersion,
    Name: info.Name,
    Swarm: {
      NodeID: info.Swarm.NodeID,
      NodeAddr: info.Swarm.NodeAddr,
      ControlAvailable: info.Swarm.ControlAvailable,
    },
  });
  for (const f of ['node-ls.json', 'service-ps.json', 'underlay-ip.txt'])
    if (existsSync(join(s, f))) cpSync(join(s, f), join(d, f));
  write(
    join(d, 'network-inspect-verbose.json'),
    read('network-inspect-verbose.json').map((n) => ({
      Name: n.Name,
      Id: n.Id,
      Driver: n.Driver,
      IPAM: { Config: n.IPAM.Config },
      Containers: n.Containers,
      Options: n.Options,
      Peers: n.Peers,
      Services: n.Services,
    })),
  );
  if (existsSync(join(s, 'service-inspect.json')))
    write(
      join(d, 'service-inspect.json'),
      read('service-inspect.json').map((v) => ({
        ID: v.ID,
        Spec: { Name: v.Spec.Name },
        Endpoint: v.Endpoint,
      })),
    );
  for (const ns of readdirSync(join(s, 'ns')).filter((n) => /^1-/.test(n))) {
    mkdirSync(join(d, 'ns', ns), { recursive: true });
    for (const f of ['fdb.json', 'link.json', 'neigh.json'])
      cpSync(join(s, 'ns', ns, f), join(d, 'ns', ns, f));
  }
}
