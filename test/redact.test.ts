/**
 * `report --redact` (docs/redaction.md). The originals searched for are found here, from the
 * input files with this file's own patterns and its own list of non-public ranges (not through
 * src/redact), so a value the redactor misses is still looked for. Inputs: the real samples, and
 * two copies of them made to carry what the samples lack (a public IPv4 network, Compose paths).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { BlockList, isIPv6 } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../src/bundle/read.js';
import { main } from '../src/cli.js';
import { findParser } from '../src/parsers/index.js';
import { buildReport } from '../src/pipeline.js';
import { discoverRedactions, redactBundle, redactHex } from '../src/redact/redact-bundle.js';
import { Redactor } from '../src/redact/redactor.js';
import { isPublicIPv4, isPublicIPv6 } from '../src/redact/rules.js';
import { findBrowser } from '../src/render/browser-find.js';
import type { Report } from '../src/report/types.js';
import { hasCommand, missing, testBrowserPath } from './support/env.js';
import { type Schema, validate } from './support/json-schema.js';

const root = join(import.meta.dirname, '..');
const sample = (name: string) => join(root, 'samples', name);
const slides = [1, 2, 3, 4].map((n) => sample(`slides-step${n}`));
const engine = [2, 3, 4].map((n) => sample(`engine-step${n}.tar.gz`));

// ---------------------------------------------------------------------------------------------
// The test's own idea of "original identifying values" (independent of src/redact).

/** Not public: private, shared, loopback, link-local, documentation, multicast, reserved. */
const notPublic = new BlockList();
for (const [a, p] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  notPublic.addSubnet(a, p, 'ipv4');

interface Originals {
  hostnames: Set<string>;
  macs: Set<string>;
  ipv4: Set<string>;
  /** The first three groups of public IPv6 addresses, as written: `2001:16b8:9a:`. */
  ipv6Prefixes: Set<string>;
}

/** Every text file of a bundle (folder or .tar.gz), by path. */
function bundleTexts(input: string): Map<string, string> {
  const out = new Map<string, string>();
  if (statSync(input).isDirectory()) {
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else out.set(relative(input, p), readFileSync(p, 'utf8'));
      }
    };
    walk(input);
  }
  // The collector's archives hold one top folder (dockernet-<host>-<time>/): paths without it.
  else
    for (const [p, data] of untar(gunzipSync(readFileSync(input))))
      out.set(p.replace(/^[^/]+\//, ''), data.toString('utf8'));
  return out;
}

/** A ustar archive's regular files (enough for what node-tar writes and the collector's tar). */
function untar(buf: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let longName: string | undefined;
  for (let off = 0; off + 512 <= buf.length; ) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const field = (s: number, l: number) =>
      h
        .subarray(s, s + l)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = buf.subarray(off + 512, off + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === 'x') {
      const path = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (path) longName = path[1];
    } else if (type === '0') files.set(name, Buffer.from(body));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function originalsOf(inputs: string[]): Originals {
  const o: Originals = { hostnames: new Set(), macs: new Set(), ipv4: new Set(), ipv6Prefixes: new Set() };
  for (const input of inputs) {
    const texts = bundleTexts(input);
    const manifest = [...texts].find(([p]) => p.endsWith('manifest.json'))?.[1];
    if (manifest) o.hostnames.add((JSON.parse(manifest) as { hostname: string }).hostname.toLowerCase());
    for (const text of texts.values()) {
      for (const m of text.matchAll(/(?<![\w:])(?:[0-9a-f]{2}:){5}[0-9a-f]{2}(?![\w:])/gi)) {
        const mac = m[0].toLowerCase();
        // Kept on purpose: all-zero, broadcast, group (multicast) addresses.
        if (mac === '00:00:00:00:00:00' || Number.parseInt(mac.slice(0, 2), 16) & 1) continue;
        o.macs.add(mac);
      }
      for (const m of text.matchAll(/(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g)) {
        const a = m[0];
        if (a.split('.').some((x) => Number(x) > 255) || notPublic.check(a, 'ipv4')) continue;
        o.ipv4.add(a);
      }
      for (const m of text.matchAll(/(?<![\w:])[23][0-9a-f]{3}:[0-9a-f:]+/gi)) {
        const a = m[0].replace(/:$/, '');
        if (!isIPv6(a) || /^2001:0?db8:/i.test(a)) continue;
        o.ipv6Prefixes.add(`${a.split(':').slice(0, 3).join(':')}:`);
      }
    }
  }
  return o;
}

/** Where an original value can stand in a text, in each form the tools print it. */
function forms(o: Originals): { kind: string; value: string; re: RegExp }[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out: { kind: string; value: string; re: RegExp }[] = [];
  for (const h of o.hostnames)
    out.push({ kind: 'hostname', value: h, re: new RegExp(`(?<![a-z0-9])${esc(h)}(?![a-z0-9])`, 'i') });
  for (const a of o.ipv4)
    out.push({ kind: 'ipv4', value: a, re: new RegExp(`(?<![\\d.])${esc(a)}(?![\\d]|\\.\\d)`) });
  for (const p of o.ipv6Prefixes) out.push({ kind: 'ipv6', value: p, re: new RegExp(esc(p), 'i') });
  for (const mac of o.macs) {
    const bytes = mac.split(':');
    out.push({ kind: 'mac', value: mac, re: new RegExp(esc(mac), 'i') });
    // brctl's bridge id (8000.0242ac110002) and ip -d link's (8000.2:42:ac:11:0:2).
    out.push({
      kind: 'mac as bridge id',
      value: mac,
      re: new RegExp(`\\.${bytes.join('')}(?![0-9a-f])`, 'i'),
    });
    const unpadded = bytes.map((b) => Number.parseInt(b, 16).toString(16)).join(':');
    out.push({ kind: 'mac unpadded', value: mac, re: new RegExp(`\\.${esc(unpadded)}(?![0-9a-f:])`, 'i') });
    // The EUI-64 interface id of an IPv6 address made from it (fe80::42:acff:fe11:2).
    const b = bytes.map((x) => Number.parseInt(x, 16));
    const iid = [((b[0]! ^ 2) << 8) | b[1]!, (b[2]! << 8) | 0xff, 0xfe00 | b[3]!, (b[4]! << 8) | b[5]!]
      .map((g) => g.toString(16))
      .join(':');
    out.push({ kind: 'mac in EUI-64', value: mac, re: new RegExp(`:${esc(iid)}(?![0-9a-f])`, 'i') });
  }
  return out;
}

/** Every file of a zip as text: bundles unpacked, the PDF through pdftotext, images as bytes. */
function zipTexts(zip: string, dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const x = join(dir, 'unzipped');
  const r = spawnSync('unzip', ['-q', '-o', zip, '-d', x]);
  expect(r.status, r.stderr?.toString()).toBe(0);
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  for (const f of walk(x)) {
    const name = relative(x, f);
    const data = readFileSync(f);
    if (name.endsWith('.tar.gz'))
      for (const [p, b] of untar(gunzipSync(data))) out.set(`${name}!${p}`, b.toString('utf8'));
    else if (name.endsWith('.pdf')) {
      const t = spawnSync('pdftotext', ['-layout', f, '-'], { maxBuffer: 64 << 20 });
      expect(t.status).toBe(0);
      out.set(`${name} (text)`, t.stdout.toString('utf8'));
      out.set(name, data.toString('latin1'));
    } else out.set(name, data.toString(name.endsWith('.png') ? 'latin1' : 'utf8'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('what is public (rules.ts)', () => {
  it('redacts public IPv4 and IPv6, keeps the ranges every Docker host shares', () => {
    for (const a of ['81.169.145.10', '8.8.8.8', '1.1.1.1', '100.128.0.1', '172.32.0.1'])
      expect(isPublicIPv4(a), a).toBe(true);
    for (const a of [
      '10.0.0.1',
      '172.17.0.1',
      '172.31.255.255',
      '192.168.178.42',
      '100.64.0.1',
      '127.0.0.53',
      '169.254.169.254',
      '192.0.2.53',
      '198.51.100.1',
      '203.0.113.9',
      '224.0.0.251',
      '239.255.255.250',
      '255.255.255.255',
      '255.255.255.0',
      '128.0.0.0',
      '0.0.0.0',
    ])
      expect(isPublicIPv4(a), a).toBe(false);
    for (const a of ['2001:16b8:9a:4000::1', '2a01:4f8:1c1c:abcd::1', '2002:5da9:910a::1'])
      expect(isPublicIPv6(a), a).toBe(true);
    for (const a of ['::1', '::', 'fe80::1', 'fd00:affe::1', 'ff02::1', '2001:db8::1', '::ffff:10.0.0.1'])
      expect(isPublicIPv6(a), a).toBe(false);
  });
});

describe('Redactor on real outputs', () => {
  it('keeps docker node ls columns aligned: the parser reads the same row with the pseudonym', () => {
    const text = bundleTexts(sample('engine-step4.tar.gz')).get('docker/docker-node-ls.out')!;
    const r = new Redactor();
    r.observe(text);
    r.addHostname('dockernet-lab');
    const red = r.text(text);
    expect(red).not.toContain('dockernet-lab');
    const parser = findParser('docker-node-ls')!;
    const before = parser.parse(text).records as Record<string, unknown>[];
    const after = parser.parse(red).records as Record<string, unknown>[];
    expect(after).toHaveLength(before.length);
    expect(after[0]).toEqual({ ...before[0], hostname: 'host0' });
    expect(red.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
  });

  it('keeps JSON valid and MACs consistent between ip -j, ip addr, bridge ids and EUI-64 addresses', () => {
    const texts = bundleTexts(sample('engine-step3.tar.gz'));
    const r = new Redactor();
    for (const t of texts.values()) r.observe(t);
    const red = new Map([...texts].map(([p, t]) => [p, r.text(t)]));
    for (const [p, t] of texts) {
      let ok = true;
      try {
        JSON.parse(t);
      } catch {
        ok = false;
      }
      if (ok) expect(() => JSON.parse(red.get(p)!), p).not.toThrow();
    }
    // docker0's MAC: the same pseudonym in ip -j link, ip addr and the bridge id of brctl.
    const links = JSON.parse(red.get('host/ip-j-link.out')!) as { ifname: string; address: string }[];
    const docker0 = links.find((l) => l.ifname === 'docker0')!.address;
    expect(docker0).toMatch(/^02:00:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
    expect(red.get('host/ip-addr.out')).toContain(`link/ether ${docker0}`);
    expect(red.get('host/brctl-show.out')).toContain(`8000.${docker0.replaceAll(':', '')}`);
    // Every redacted MAC has its own pseudonym: veth pairing by MAC keeps working.
    const macs = (t: string) => new Set([...t.matchAll(/link\/ether (\S+)/g)].map((m) => m[1]));
    expect(macs(red.get('host/ip-addr.out')!).size).toBe(macs(texts.get('host/ip-addr.out')!).size);
  });

  it('takes other hosts from /etc/hosts only when they cannot be a common word', async () => {
    const b = await readBundle(sample('engine-step3.tar.gz'));
    const hosts = b.files.find((f) => f.path === 'host/etc-hosts.out')!;
    hosts.text += '10.99.0.5\tproxy\n10.99.0.6\tnas.fritz.box nas\n';
    const ps = b.files.find((f) => f.path === 'host/ps.out')!;
    expect(ps.text).toContain('docker-proxy');
    ps.text += 'root 1 0 0 0 0 ? S 10:00 0:00 rsync nas.fritz.box::backup\n';
    const r = new Redactor();
    discoverRedactions([b], r);
    const red = redactBundle(b, r);
    const text = (p: string) => red.files.find((f) => f.path === p)!.text;
    expect(text('host/ps.out')).toContain('docker-proxy');
    expect(text('host/ps.out')).not.toContain('nas.fritz.box');
    expect(text('host/etc-hosts.out')).toMatch(/10\.99\.0\.5\tproxy\n10\.99\.0\.6\thost1 nas\n/);
    expect(red.meta.hostname).toBe('host0');
  });

  it('rewrites /proc/net hex addresses like their text form', () => {
    const r = new Redactor();
    // A real /proc/net/tcp capture, its 127.0.0.1 made public (81.169.145.10, little-endian hex).
    const tcp = readFileSync(join(root, 'test/fixtures/proc-net-tcp/netns-host-tcp.out'), 'utf8').replaceAll(
      '0100007F',
      '0A91A951',
    );
    expect(tcp).toContain('0A91A951');
    const red = redactHex(tcp, 'sockets', r);
    expect(red).not.toContain('0A91A951');
    const parse = (t: string) =>
      (findParser('proc-net-tcp')!.parse(t).records as { localAddress?: string; local?: string }[]).map((x) =>
        JSON.stringify(x),
      );
    const pseudonym = r.ipv4('81.169.145.10');
    expect(pseudonym).toMatch(/^(203\.0\.113|198\.51\.100|192\.0\.2)\.10$/);
    const after = parse(red).join('\n');
    expect(after).toContain(pseudonym);
    expect(after).not.toContain('81.169.145.10');
    // if_inet6: each address decodes to what the text form of the original becomes (EUI-64
    // interface ids remapped with the MAC's pseudonym), the rest of every line unchanged.
    const inet6 = readFileSync(join(root, 'test/fixtures/proc-net-if-inet6/netns-host.out'), 'utf8');
    const r6 = redactHex(inet6, 'if-inet6', r);
    const addrs = (t: string) =>
      (findParser('proc-net-if-inet6')!.parse(t).records as { address: string; name: string }[]).map((x) => [
        x.address,
        x.name,
      ]);
    const v6Before = addrs(inet6);
    const v6After = addrs(r6);
    expect(v6After.map(([, n]) => n)).toEqual(v6Before.map(([, n]) => n));
    expect(v6After.map(([a]) => a)).toEqual(v6Before.map(([a]) => r.text(a!)));
    expect(v6Before.filter(([a], i) => a !== v6After[i]![0]).length).toBeGreaterThan(0);
    expect(v6After.map(([a]) => a)).toContain('fd00:dead:beef::1');
  });
});

const schema = JSON.parse(readFileSync(join(root, 'docs', 'report-schema.json'), 'utf8')) as Schema;

describe('report --redact end to end (every file of the zip searched)', () => {
  const browser = findBrowser() ? testBrowserPath() : undefined;
  const skip = missing({
    unzip: hasCommand('unzip'),
    pdftotext: hasCommand('pdftotext'),
    chromium: !!browser,
  });
  let work: string;
  let publicSlides: string[];
  let compose: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'dockernet-redact-'));
    // The slides' host on a public network (a rented server): its 192.168.178.0/24 made 81.169.145.0/24.
    publicSlides = slides.map((s, i) => {
      const dst = join(work, `public-step${i + 1}`);
      cpSync(s, dst, { recursive: true });
      const walk = (d: string) => {
        for (const n of readdirSync(d)) {
          const p = join(d, n);
          if (statSync(p).isDirectory()) walk(p);
          else writeFileSync(p, readFileSync(p, 'utf8').replaceAll('192.168.178.', '81.169.145.'));
        }
      };
      walk(dst);
      return dst;
    });
    // engine-step3 with the Compose labels a hand-made `docker inspect` carries (the collector
    // records no such values): a project folder under a home directory.
    const dir = join(work, 'compose-step3');
    for (const [p, t] of bundleTexts(sample('engine-step3.tar.gz'))) {
      const file = join(dir, p);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(
        file,
        p === 'docker/docker-container-inspect.out'
          ? t.replace(
              '"LabelKeys":[]',
              '"LabelKeys":["com.docker.compose.project","com.docker.compose.project.working_dir","com.docker.compose.project.config_files"],"Labels":{"com.docker.compose.project":"shop","com.docker.compose.project.working_dir":"/home/alice/stacks/shop","com.docker.compose.project.config_files":"/home/alice/stacks/shop/compose.yaml"}',
            )
          : t,
      );
    }
    compose = dir;
  });

  async function run(name: string, inputs: string[]) {
    const out = join(work, name);
    const map = join(work, `${name}.map.json`);
    const formats = browser ? 'html,md,json,pdf,zip' : 'html,md,json,zip';
    const code = await main([
      'node',
      'dockernet',
      'report',
      ...inputs,
      '-o',
      out,
      '-q',
      '--redact',
      '--redact-map',
      map,
      '-f',
      formats,
      ...(browser ? ['--browser', browser] : ['--no-browser']),
    ]);
    expect(code).toBe(0);
    return {
      out,
      zip: join(out, 'report.zip'),
      map: JSON.parse(readFileSync(map, 'utf8')) as Record<string, Record<string, string>>,
    };
  }

  for (const [name, inputsOf] of [
    ['slides', () => slides],
    // Step 3 carries Compose labels with paths under a home directory.
    ['engine', () => [engine[0]!, compose, engine[2]!]],
    ['public', () => publicSlides],
  ] as const) {
    it.skipIf(skip)(
      `${name}: no original host name, public address or MAC in any file of the zip`,
      async () => {
        const inputs = inputsOf();
        const originals = originalsOf(inputs);
        // The search must be able to fail: each set has host names and MACs, and public addresses where made so.
        expect(originals.hostnames.size).toBeGreaterThan(0);
        expect(originals.macs.size).toBeGreaterThan(5);
        if (name === 'slides') expect(originals.ipv6Prefixes).toEqual(new Set(['2001:16b8:9a:']));
        if (name === 'public') expect(originals.ipv4.size).toBeGreaterThan(2);
        const { out, zip, map } = await run(name, inputs);
        const texts = zipTexts(zip, out);
        const names = [...texts.keys()];
        expect(names).toContain('REDACTION.txt');
        expect(names.some((n) => n.startsWith('bundles/') && n.includes('!'))).toBe(true);
        if (browser) {
          expect(names).toContain('report.pdf (text)');
          expect(names.some((n) => /^diagrams\/step-\d+\.svg$/.test(n))).toBe(true);
          expect(names.some((n) => /^diagrams\/step-\d+\.png$/.test(n))).toBe(true);
        }
        // ... and finds them in the inputs themselves, in every kind that was found.
        const inInputs = new Set<string>();
        const inputTexts = inputs.flatMap((i) => [...bundleTexts(i).values()]);
        for (const f of forms(originals)) if (inputTexts.some((t) => f.re.test(t))) inInputs.add(f.kind);
        expect(inInputs).toContain('hostname');
        expect(inInputs).toContain('mac');
        expect(inInputs).toContain('mac as bridge id');
        if (name !== 'public') expect(inInputs).toContain('mac unpadded');
        if (name === 'slides') expect(inInputs).toContain('mac in EUI-64');
        if (name === 'public') expect(inInputs).toContain('ipv4');
        const leaks: string[] = [];
        for (const f of forms(originals))
          for (const [file, text] of texts)
            if (f.re.test(text)) leaks.push(`${f.kind} ${f.value} in ${file}`);
        if (name === 'engine') {
          expect(bundleTexts(compose).get('docker/docker-container-inspect.out')).toContain(
            '/home/alice/stacks/shop',
          );
          for (const [file, text] of texts)
            if (/alice|stacks\/shop/.test(text)) leaks.push(`Compose path in ${file}`);
        }
        expect(leaks).toEqual([]);
        // The pseudonyms are there instead, and the map (a separate file) is not in the zip.
        const md = texts.get('report.md')!;
        expect(md).toContain('host0');
        expect(md).toMatch(/\*\*Redacted\*\* \(`--redact`\)/);
        expect(texts.get('REDACTION.txt')).toMatch(/MAC addresses: \d+, \d+/);
        for (const [orig, pseudo] of Object.entries(map['mac'] ?? {})) {
          expect(pseudo).toMatch(/^02:00:00:/);
          expect(orig).not.toBe(pseudo);
        }
        expect(names.some((n) => /map/i.test(n))).toBe(false);
        const json = JSON.parse(texts.get('report.json')!) as Report;
        expect(validate(schema, json)).toEqual([]);
        expect(json.redaction?.kinds.find((k) => k.kind === 'mac')?.values).toBe(
          Object.keys(map['mac']!).length,
        );
        if (name === 'public') {
          expect(json.redaction?.kinds.find((k) => k.kind === 'ipv4')?.values).toBeGreaterThan(2);
          expect(md).toMatch(/203\.0\.113\.42/);
        }
        if (name === 'engine') expect(JSON.stringify(json)).toContain('/redacted/compose0');
        // The redacted bundles of the zip are complete: read again, they give the same model.
        const packed = readdirSync(join(out, 'unzipped', 'bundles'))
          .sort()
          .map((n) => join(out, 'unzipped', 'bundles', n));
        expect(packed).toHaveLength(inputs.length);
        const again = await buildReport(packed);
        const models = (r: Report) =>
          r.steps.map((s) => ({
            host: s.model.hostname,
            veths: s.model.vethLinks.length,
            ports: s.model.publishedPorts.map((p) => JSON.stringify(p)).sort(),
            macs: s.model.namespaces.flatMap((n) => n.interfaces.map((i) => i.mac ?? '')).sort(),
          }));
        expect(models(again)).toEqual(models(json));
      },
      120_000,
    );
  }
});

describe('redaction keeps the model and is stable', () => {
  let plain: Report;
  let red: Report;
  beforeAll(async () => {
    plain = await buildReport(slides);
    red = await buildReport(slides, { redactor: new Redactor() });
  });

  const shape = (r: Report) =>
    r.steps.map((s) => ({
      veths: s.model.vethLinks.length,
      ports: s.model.publishedPorts.length,
      containers: s.model.containers.length,
      interfaces: s.model.namespaces.map((n) => n.interfaces.length),
      networks: s.model.dockerNetworks.length,
      answered: s.analysis?.answers.filter((q) => q.status === 'answered').length,
      findings: s.analysis?.findings.map((f) => f.kind),
      reach: s.analysis?.reach?.paths.length,
    }));

  it('gives the same veth pairs, published ports, interfaces and containers as without it', async () => {
    expect(shape(red)).toEqual(shape(plain));
    expect(red.steps.reduce((n, s) => n + s.model.vethLinks.length, 0)).toBeGreaterThan(0);
    expect(red.steps.reduce((n, s) => n + s.model.publishedPorts.length, 0)).toBeGreaterThan(0);
    expect(red.steps.every((s) => s.model.hostname === 'host0')).toBe(true);
    expect(red.title).toBe('Docker host networking: host0');
    // The engine captures too (ip -j, docker inspect JSON, iptables, overlay namespaces).
    const e = await buildReport(engine);
    const er = await buildReport(engine, { redactor: new Redactor() });
    expect(shape(er)).toEqual(shape(e));
    expect(er.steps.reduce((n, s) => n + s.model.vethLinks.length, 0)).toBeGreaterThan(1);
  });

  it('refuses --redact-map without --redact (usage error)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dockernet-redact-usage-'));
    const code = await main([
      'node',
      'dockernet',
      'report',
      slides[0]!,
      '-o',
      out,
      '-q',
      '--redact-map',
      join(out, 'm.json'),
    ]);
    expect(code).toBe(2);
  });

  it('gives the same pseudonyms across steps and runs', async () => {
    const again = await buildReport(slides, { redactor: new Redactor() });
    const strip = (r: Report) => JSON.stringify({ ...r, generatedAt: '' });
    expect(strip(again)).toBe(strip(red));
    // A MAC seen in several steps has one pseudonym in all of them (and different MACs, different ones).
    const pseudonymsOf = new Map<string, Set<string>>();
    const stepsOf = new Map<string, Set<number>>();
    plain.steps.forEach((s, i) => {
      s.model.namespaces.forEach((ns, n) => {
        ns.interfaces.forEach((itf, k) => {
          const redMac = red.steps[i]!.model.namespaces[n]!.interfaces[k]!.mac;
          if (!itf.mac || !redMac) return;
          pseudonymsOf.set(itf.mac, (pseudonymsOf.get(itf.mac) ?? new Set()).add(redMac));
          stepsOf.set(itf.mac, (stepsOf.get(itf.mac) ?? new Set()).add(i));
        });
      });
    });
    expect([...stepsOf.values()].some((st) => st.size >= 2)).toBe(true);
    for (const [mac, ps] of pseudonymsOf) expect([mac, ps.size]).toEqual([mac, 1]);
    const all = [...pseudonymsOf.values()].map((ps) => [...ps][0]);
    expect(new Set(all).size).toBe(all.length);
  });
});
