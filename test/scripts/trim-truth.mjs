#!/usr/bin/env node
// Copy a varied scenario's truth/ folder (test/scripts/engine-varied.sh) into a small committed
// fixture: the kernel's ip -j outputs and the TSV files as they are, the engine's inspect JSON
// cut down to the keys test/support/engine-truth.ts reads (no Config, no GraphDriver, no logs).
//
//   node test/scripts/trim-truth.mjs /tmp/dockernet-varied/28.5-proxy-on-xxxx/truth test/fixtures-engine-truth/28.5
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [src, dest] = process.argv.slice(2);
if (!src || !dest) {
  process.stderr.write('usage: trim-truth.mjs TRUTH_DIR DEST_DIR\n');
  process.exit(2);
}
rmSync(dest, { recursive: true, force: true });
mkdirSync(dest, { recursive: true });
for (const f of ['meta.json', 'netns.tsv', 'members.tsv', 'stale.tsv', 'daemon.json']) {
  cpSync(join(src, f), join(dest, f));
}
cpSync(join(src, 'ns'), join(dest, 'ns'), { recursive: true });
const read = (f) => JSON.parse(readFileSync(join(src, f), 'utf8'));
const write = (f, v) => writeFileSync(join(dest, f), `${JSON.stringify(v, null, 1)}\n`);
write(
  'docker-inspect.json',
  read('docker-inspect.json').map((c) => ({
    Id: c.Id,
    Name: c.Name,
    State: { Status: c.State.Status, Pid: c.State.Pid },
    HostConfig: { NetworkMode: c.HostConfig.NetworkMode },
    NetworkSettings: {
      SandboxKey: c.NetworkSettings.SandboxKey,
      Ports: c.NetworkSettings.Ports,
      Networks: Object.fromEntries(
        Object.entries(c.NetworkSettings.Networks ?? {}).map(([k, n]) => [
          k,
          { IPAddress: n.IPAddress, GlobalIPv6Address: n.GlobalIPv6Address, Gateway: n.Gateway },
        ]),
      ),
    },
  })),
);
write(
  'docker-network-inspect.json',
  read('docker-network-inspect.json').map((n) => ({
    Name: n.Name,
    Id: n.Id,
    Driver: n.Driver,
    Scope: n.Scope,
    Internal: n.Internal,
    EnableIPv6: n.EnableIPv6,
    Attachable: n.Attachable,
    IPAM: { Config: n.IPAM?.Config ?? null },
    Options: n.Options ?? null,
  })),
);
const v = read('docker-version.json');
write('docker-version.json', { Server: { Version: v.Server?.Version, ApiVersion: v.Server?.ApiVersion } });
