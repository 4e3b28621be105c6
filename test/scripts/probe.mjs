#!/usr/bin/env node
// Real packet probes for the engine scenarios (test/scripts/engine-varied.sh), run ONLY inside
// the scenario's namespaces. Three modes:
//
//   node probe.mjs udp-echo PORT            a UDP responder (busybox has no UDP server: its nc
//                                           has no -u and there is no udpsvd in Debian's build),
//                                           bound to each address of its namespace
//   node probe.mjs run < targets.json       probe [{address,port,proto}] from THIS namespace,
//                                           all in parallel, each bounded; results on stdout
//   node probe.mjs all TRUTH_DIR OUT.json   plan sources and destinations from the truth the
//                                           engine and kernel gave (never from dockernet's
//                                           parsers), run `nsenter --net=<ns> node probe.mjs run`
//                                           per source namespace, write probes.json
//
// A TCP probe is a connect() with a 400 ms limit: connected | refused (RST) | timeout (dropped,
// or nobody answered ARP/NDP in time) | unreachable (no route, ICMP unreachable) | error.
// A UDP probe sends one datagram on a connected socket and waits 400 ms for the echo:
// connected (the reply came back) | refused (ICMP port unreachable) | timeout (no reply).
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

const TIMEOUT_MS = 400;
// A timeout is confirmed by a second, longer try, so that a busy machine does not turn a slow
// answer into a "dropped" cell.
const CONFIRM_MS = 1000;
const MAX_TARGETS = 4000;

const [mode, ...args] = process.argv.slice(2);

function classify(err) {
  switch (err?.code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return 'unreachable';
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return 'error';
  }
}

function probeTcp({ address, port }, limit = TIMEOUT_MS) {
  return new Promise((resolve) => {
    const s = net.connect({ host: address, port });
    const done = (result, detail) => {
      clearTimeout(t);
      s.destroy();
      resolve({ result, detail });
    };
    const t = setTimeout(
      () => done('timeout', `no answer in ${TIMEOUT_MS} ms, then ${CONFIRM_MS} ms`),
      limit,
    );
    s.once('connect', () => done('connected', `from ${s.localAddress}:${s.localPort}`));
    s.once('error', (e) => done(classify(e), `${e.code ?? ''} ${e.message}`.trim()));
  });
}

function probeUdp({ address, port }, limit = TIMEOUT_MS) {
  return new Promise((resolve) => {
    const s = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4');
    let finished = false;
    const done = (result, detail) => {
      if (finished) return;
      finished = true;
      clearTimeout(t);
      try {
        s.close();
      } catch {
        // already closed
      }
      resolve({ result, detail });
    };
    const t = setTimeout(() => done('timeout', `no reply in ${TIMEOUT_MS} ms, then ${CONFIRM_MS} ms`), limit);
    s.on('error', (e) => done(classify(e), `${e.code ?? ''} ${e.message}`.trim()));
    s.on('message', (m, r) => done('connected', `reply of ${m.length} bytes from ${r.address}:${r.port}`));
    s.connect(port, address, (e) => {
      if (e) return done(classify(e), `${e.code ?? ''} ${e.message}`.trim());
      s.send(Buffer.from('dockernet-probe\n'), (e2) => {
        if (e2) done(classify(e2), `${e2.code ?? ''} ${e2.message}`.trim());
      });
    });
  });
}

async function runTargets(targets) {
  if (!Array.isArray(targets) || targets.length > MAX_TARGETS) throw new Error('bad target list');
  const one = (t, limit) => (t.proto === 'udp' ? probeUdp(t, limit) : probeTcp(t, limit));
  const first = await Promise.all(targets.map((t) => one(t)));
  const again = first.map((r, i) => (r.result === 'timeout' ? i : -1)).filter((i) => i >= 0);
  const second = await Promise.all(again.map((i) => one(targets[i], CONFIRM_MS)));
  again.forEach((i, k) => {
    if (second[k].result !== 'timeout')
      first[i] = { ...second[k], detail: `${second[k].detail} (second try)` };
  });
  return first;
}

function readStdin() {
  return new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (c) => {
      text += c;
    });
    process.stdin.on('end', () => resolve(text));
  });
}

// ---------------------------------------------------------------- planning from the truth dir

function tsv(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
}

const json = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Addresses of a namespace from `ip -j addr show`: [{address, family, loopback}], no link-local. */
function addressesOf(truthDir, ns) {
  const out = [];
  for (const link of json(join(truthDir, 'ns', ns, 'addr.json'))) {
    for (const a of link.addr_info ?? []) {
      if (a.scope === 'link') continue; // fe80::/10: meaningless from another namespace
      out.push({ address: a.local, family: a.family, loopback: a.scope === 'host' });
    }
  }
  return out;
}

/** Listening sockets from `ss -Hltnu`: "tcp LISTEN 0 4096 0.0.0.0:8080 0.0.0.0:*". */
function socketsOf(truthDir, ns) {
  const file = join(truthDir, 'ns', ns, 'ss.txt');
  if (!existsSync(file)) return [];
  const out = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const proto = f[0];
    if (proto !== 'tcp' && proto !== 'udp') continue;
    const local = f[4];
    const i = local.lastIndexOf(':');
    const port = Number(local.slice(i + 1));
    let host = local.slice(0, i).replace(/%.*$/, '');
    if (host.startsWith('[')) host = host.slice(1, -1);
    out.push({ proto, host, port });
  }
  return out;
}

function expand(sock, addrs) {
  // `*` is an IPv6 wildcard socket that also takes IPv4 (bindv6only=0); `[::]` is v6 only.
  if (sock.host === '*') return addrs;
  if (sock.host === '0.0.0.0') return addrs.filter((a) => a.family === 'inet');
  if (sock.host === '::') return addrs.filter((a) => a.family === 'inet6');
  return addrs.filter((a) => a.address === sock.host);
}

function plan(truthDir) {
  const netns = tsv(join(truthDir, 'netns.tsv')).map(([name, inode, path]) => ({
    name,
    inode: Number(inode),
    path,
  }));
  const byInode = new Map(netns.map((n) => [n.inode, n]));
  const members = tsv(join(truthDir, 'members.tsv')).map(([inode, who]) => ({ inode: Number(inode), who }));
  const host = netns.find((n) => n.name === 'host');
  const lan = netns.find((n) => n.name === 'lan');
  const inspect = json(join(truthDir, 'docker-inspect.json'));
  const networks = json(join(truthDir, 'docker-network-inspect.json'));

  // Sources: the LAN, the host, and each running container's namespace once (sharers and
  // host-mode containers share a namespace with another source).
  const sources = [
    { from: { kind: 'outside', uplink: 'eth0' }, ns: lan },
    { from: { kind: 'host' }, ns: host },
  ];
  const seen = new Set([lan.inode, host.inode]);
  const modeOf = new Map(inspect.map((c) => [c.Name.replace(/^\//, ''), c.HostConfig.NetworkMode]));
  for (const m of members) {
    if (!m.who.startsWith('container:') || seen.has(m.inode)) continue;
    // A sharer is probed as the container whose namespace it joined.
    if (modeOf.get(m.who.slice('container:'.length))?.startsWith('container:')) continue;
    const ns = byInode.get(m.inode);
    if (!ns) continue;
    seen.add(m.inode);
    sources.push({ from: { kind: 'container', name: m.who.slice('container:'.length) }, ns });
  }

  // Destinations: every listening socket of every namespace, on that namespace's addresses...
  const dests = new Map();
  const add = (d) => {
    const k = `${d.proto} ${d.address} ${d.port}`;
    if (!dests.has(k) || d.via === 'published') dests.set(k, d);
  };
  for (const ns of netns) {
    const addrs = addressesOf(truthDir, ns.name);
    for (const s of socketsOf(truthDir, ns.name)) {
      for (const a of expand(s, addrs)) {
        add({
          address: a.address,
          port: s.port,
          proto: s.proto,
          namespaceInode: ns.inode,
          via: 'socket',
          loopback: a.loopback,
        });
      }
    }
  }
  // ...and every published port at the host's addresses: uplink, loopback, the bridges' gateways.
  const hostAddrs = ['10.99.0.2', 'fd99::2', '127.0.0.1', '::1'];
  for (const n of networks) {
    if (n.Driver !== 'bridge') continue;
    for (const c of n.IPAM?.Config ?? []) if (c.Gateway) hostAddrs.push(c.Gateway.replace(/\/.*$/, ''));
  }
  const published = new Set();
  for (const c of inspect) {
    for (const [key, binds] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
      if (!binds) continue;
      const proto = key.split('/')[1] ?? 'tcp';
      for (const b of binds) published.add(`${proto} ${b.HostPort}`);
    }
  }
  for (const p of published) {
    const [proto, port] = p.split(' ');
    for (const address of new Set(hostAddrs)) {
      add({
        address,
        port: Number(port),
        proto,
        namespaceInode: host.inode,
        via: 'published',
        loopback: address === '127.0.0.1' || address === '::1',
      });
    }
  }
  return { sources, dests: [...dests.values()] };
}

function runFrom(nsPath, targets) {
  return new Promise((resolve, reject) => {
    const child = spawn('nsenter', [`--net=${nsPath}`, process.execPath, import.meta.filename, 'run'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(kill);
      if (code !== 0) return reject(new Error(`probe run in ${nsPath} exited ${code}`));
      resolve(JSON.parse(out));
    });
    child.stdin.end(JSON.stringify(targets));
  });
}

async function all(truthDir, outFile) {
  const meta = json(join(truthDir, 'meta.json'));
  const { sources, dests } = plan(truthDir);
  const bySource = new Array(sources.length);
  // Two sources at a time: the machine has two cores, and a starved event loop would read as drops.
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const k = next++;
      const src = sources[k];
      // Loopback addresses only mean something inside their own namespace.
      const targets = dests.filter((d) => !d.loopback || d.namespaceInode === src.ns.inode);
      const results = await runFrom(src.ns.path, targets);
      bySource[k] = targets.map((d, i) => {
        const { loopback: _l, ...to } = d;
        return { from: src.from, to, result: results[i].result, detail: results[i].detail };
      });
    }
  };
  await Promise.all([worker(), worker()]);
  const probes = bySource.flat();
  writeFileSync(
    outFile,
    `${JSON.stringify({ engine: meta.engine, userlandProxy: meta.userlandProxy, probes }, null, 1)}\n`,
  );
  const counts = {};
  for (const p of probes) counts[p.result] = (counts[p.result] ?? 0) + 1;
  process.stderr.write(
    `probes: ${probes.length} from ${sources.length} sources to ${dests.length} destinations ${JSON.stringify(counts)}\n`,
  );
}

if (mode === 'udp-echo') {
  // One socket per address of this namespace, as DNS servers do, not one wildcard socket: a
  // wildcard UDP socket replies from the address the kernel picks for the reply, not the one
  // the datagram was sent to. On the host they differ for its own bridge addresses (Docker's
  // `-s <subnet> ! -o <bridge> -j MASQUERADE` rewrites the probe's source to 127.0.0.1 on lo),
  // and the prober's connected socket then drops the reply: delivered, yet a timeout.
  const port = Number(args[0]);
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv6' && a.scopeid) continue; // link-local: meaningless elsewhere
      const s = dgram.createSocket(a.family === 'IPv6' ? { type: 'udp6', ipv6Only: true } : 'udp4');
      s.on('message', (m, r) => s.send(m, r.port, r.address));
      s.bind(port, a.address);
    }
  }
} else if (mode === 'run') {
  const results = await runTargets(JSON.parse(await readStdin()));
  process.stdout.write(JSON.stringify(results));
} else if (mode === 'all') {
  await all(args[0], args[1]);
} else if (mode === 'combine') {
  // The cluster scenario (engine-cluster.sh): DIR holds <source>.{from,targets,results}.json per
  // source container; one probe per target, tagged with its source (node and container).
  const [dir, engine, outFile] = args;
  const probes = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.from.json'))
    .sort()) {
    const base = f.slice(0, -'.from.json'.length);
    const from = json(join(dir, f));
    const targets = json(join(dir, `${base}.targets.json`));
    const results = json(join(dir, `${base}.results.json`));
    targets.forEach((to, i) => {
      probes.push({ from, to, result: results[i].result, detail: results[i].detail });
    });
  }
  writeFileSync(outFile, `${JSON.stringify({ engine, probes }, null, 1)}\n`);
  const counts = {};
  for (const p of probes) counts[p.result] = (counts[p.result] ?? 0) + 1;
  process.stderr.write(`cluster probes: ${probes.length} ${JSON.stringify(counts)}\n`);
} else {
  process.stderr.write(
    'usage: probe.mjs udp-echo PORT | run < targets.json | all TRUTH_DIR OUT.json | combine DIR ENGINE OUT.json\n',
  );
  process.exit(2);
}
