/**
 * Findings from packet paths (the step's reachability matrix, src/analyses/reach.ts), not from
 * bind addresses: what a published port, an internal network or a network boundary really lets
 * through, each with the path that shows it.
 *
 *   outside:eth0 -> 10.99.0.2:8089  delivered  (nat DOCKER DNAT, filter DOCKER ACCEPT) while
 *   -A ufw-before-input ... / :INPUT DROP  would drop a packet for a host service on 8089
 *   outside:eth0 -> 127.0.0.1:9000  delivered  (Docker < 28: DNAT before the martian check)
 */

import type { Translator } from '../../i18n/index.js';
import type { Evidence, ModelNamespace, StepModel } from '../../model/types.js';
import { contains, familyOf } from '../../reach/addr.js';
import type { ReachDestination, ReachSource } from '../../reach/matrix.js';
import { type HookOutcome, runHook } from '../../reach/netfilter.js';
import { addressType } from '../../reach/route.js';
import { primaryAddress } from '../../reach/trace.js';
import { pathEvidence, pathHops, type StepReach, type StepReachCell, type StepReachPath } from '../reach.js';
import type { Finding, FindingFamily, FindingKind } from '../types.js';
import { hostNs, isWildcardAddress, tr } from '../util.js';
import { finding } from './make.js';

const BLOCKED = new Set(['dropped', 'rejected', 'no-route']);

/** Nothing got through and nothing is unknown (left-host: it went to the LAN, not to the target). */
const allStopped = (cs: Cell[]) =>
  cs.some((c) => BLOCKED.has(c.cell.verdict)) &&
  cs.every((c) => c.cell.verdict !== 'delivered' && c.cell.verdict !== 'unknown');

interface Cell {
  reach: StepReach;
  cell: StepReachCell;
  src: ReachSource;
  dst: ReachDestination;
  path: StepReachPath;
}

function cellsOf(r: StepReach): Cell[] {
  return r.cells.map((cell) => ({
    reach: r,
    cell,
    src: r.sources[cell.source]!,
    dst: r.destinations[cell.destination]!,
    path: r.paths[cell.path]!,
  }));
}

function withPath(f: Finding, c: Cell, extra: Evidence[] = []): Finding {
  const seen = new Set<string>();
  f.evidence = [...pathEvidence(c.reach, c.path), ...extra, ...f.evidence].filter((e) => {
    const k = `${e.file}:${e.line ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  f.path = c.cell.path;
  return f;
}

const addrPort = (a: string, port: number) => `${a.includes(':') ? `[${a}]` : a}:${port}`;

/** Docker networks a source is on (every container sharing its namespace counts). */
/**
 * The Docker networks a source's containers are on. Host-mode containers (network `host`) and
 * `none` are not networks that isolate anything: the host reaches every bridge it holds, so they
 * count as no network (no cross-network finding is raised for them).
 */
function sourceNetworks(model: StepModel, s: ReachSource): string[] {
  const isolating = (name: string) => {
    const n = model.dockerNetworks.find((x) => x.name === name);
    return n ? n.driver !== 'host' && n.driver !== 'null' : name !== 'host' && name !== 'none';
  };
  if (s.id.startsWith('group:')) return isolating(s.group) ? [s.group] : [];
  if (s.from.kind !== 'container') return [];
  const name = s.from.name;
  const c = model.containers.find((x) => x.name === name);
  if (!c || c.namespace === 'host') return [];
  const ns = c.namespace;
  return [
    ...new Set(
      model.containers
        .filter((x) => x === c || (ns !== undefined && x.namespace === ns))
        .flatMap((x) => x.networks.map((n) => n.network))
        .filter(isolating),
    ),
  ];
}

/** The Docker network a destination address belongs to (by subnet), for container namespaces. */
function destinationNetwork(model: StepModel, d: ReachDestination) {
  if (d.namespace === 'host') return undefined;
  return model.dockerNetworks.find((n) => n.subnets.some((s) => contains(s.subnet, d.address)));
}

/**
 * What the host's own INPUT hook does with this packet had it no DNAT: the firewall an admin
 * wrote for host services (ufw, firewalld, a plain INPUT DROP). Docker's DNAT in nat PREROUTING
 * sends published ports to FORWARD instead, where these rules never look.
 */
function inputVerdict(
  host: ModelNamespace,
  c: Cell,
  uplink: string | undefined,
  t: Translator,
): (HookOutcome & { src: string }) | undefined {
  if (!host.firewall) return undefined;
  const src = pathHops(c.reach, c.path).find((h) => h.packet)?.packet?.src;
  if (!src) return undefined;
  const family = familyOf(c.dst.address) === 'inet' ? 'ipv4' : 'ipv6';
  const env = {
    namespace: host.id,
    addrType: (a: string) => addressType(host, a),
    primaryAddress: (i: string | undefined, f: 'inet' | 'inet6') => primaryAddress(host, i, f),
    externalSet: () => undefined,
    assume: () => {},
    t,
  };
  const st = {
    family,
    proto: c.dst.proto,
    src,
    dst: c.dst.address,
    sport: 40000,
    dport: c.dst.port,
    inIf: uplink,
    mark: 0,
    // nat INPUT (SNAT on input) is not what this question is about.
    natDecidedSrc: true,
  } as const;
  return { ...runHook(host.firewall, 'input', { ...st }, env), src };
}

function stripPrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

function publishedFindings(t: Translator, model: StepModel, r: StepReach, cells: Cell[]): Finding[] {
  const out: Finding[] = [];
  const host = hostNs(model);
  const outside = cells.filter((c) => c.src.from.kind === 'outside' && c.dst.namespace === 'host');
  const groups = new Map<string, typeof model.publishedPorts>();
  for (const p of model.publishedPorts) {
    if (p.proto !== 'tcp' && p.proto !== 'udp') continue;
    const loop = p.hostIp.startsWith('127.') || p.hostIp === '::1';
    const k = `${p.proto}/${p.hostPort}${loop ? ` ${p.hostIp}` : ''}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  for (const [k, ps] of groups) {
    const p = ps[0]!;
    const loop = p.hostIp.startsWith('127.') || p.hostIp === '::1';
    const to = t('fd.to', {
      container: p.container ?? '',
      target: `${p.containerIp ?? '?'}:${p.containerPort ?? '?'}`,
    });
    const mine = outside.filter(
      (c) =>
        c.dst.port === p.hostPort &&
        c.dst.proto === p.proto &&
        (loop ? c.dst.address === p.hostIp : !c.dst.address.startsWith('127.') && c.dst.address !== '::1'),
    );
    const pubEvidence = ps.flatMap((x) => x.evidence);
    const delivered = mine.filter((c) => c.cell.verdict === 'delivered');
    const blocked = mine.filter((c) => BLOCKED.has(c.cell.verdict));
    if (loop) {
      const d = delivered[0];
      if (d) {
        out.push(
          withPath(
            finding(
              'loopback-published-reachable',
              k,
              t('fd.loopback-published-reachable', {
                port: `${addrPort(p.hostIp, p.hostPort)}/${p.proto}`,
                addr: addrPort(p.hostIp, p.hostPort),
                ip: p.hostIp,
                from: uplinkOf(t, d),
                reason: d.path.reason,
              }),
              pubEvidence,
            ),
            d,
          ),
        );
      } else if (example(blocked) && allStopped(mine)) {
        const b = example(blocked)!;
        out.push(
          withPath(
            finding(
              'loopback-published-contained',
              k,
              t('fd.loopback-published-contained', {
                port: `${addrPort(p.hostIp, p.hostPort)}/${p.proto}`,
                to,
                ip: p.hostIp,
                from: uplinkOf(t, b),
                reason: b.path.reason,
              }),
              pubEvidence,
            ),
            b,
          ),
        );
      }
      continue;
    }
    const firstDelivered = delivered[0];
    if (firstDelivered && host) {
      const input = inputVerdict(
        host,
        firstDelivered,
        firstDelivered.src.from.kind === 'outside' ? firstDelivered.src.from.uplink : undefined,
        t,
      );
      const where = [...new Set(delivered.map((c) => c.dst.address))].join(', ');
      if (input && (input.kind === 'drop' || input.kind === 'reject')) {
        out.push(
          withPath(
            finding(
              'published-port-bypasses-input',
              k,
              t('fd.published-port-bypasses-input', {
                port: `${p.hostPort}/${p.proto}`,
                to,
                from: uplinkOf(t, firstDelivered),
                where,
                verdict: input.kind,
                reason: input.reason,
              }),
              pubEvidence,
            ),
            firstDelivered,
            input.hops.flatMap((h) => h.evidence),
          ),
        );
      } else if (ps.some((x) => isWildcardAddress(x.hostIp))) {
        out.push(
          withPath(
            finding(
              'published-on-all-addresses',
              k,
              t('fd.published-on-all-addresses', {
                port: `${p.hostPort}/${p.proto}`,
                addrs: [...new Set(ps.map((x) => x.hostIp || '0.0.0.0'))],
                to,
                from: uplinkOf(t, firstDelivered),
                where,
              }),
              pubEvidence,
            ),
            firstDelivered,
          ),
        );
      }
      continue;
    }
    const firstBlocked = example(blocked);
    if (firstBlocked && allStopped(mine)) {
      out.push(
        withPath(
          finding(
            'published-port-filtered',
            k,
            t('fd.published-port-filtered', {
              port: `${p.hostPort}/${p.proto}`,
              to,
              reason: firstBlocked.path.reason,
              others: blocked.length - 1,
            }),
            pubEvidence,
          ),
          firstBlocked,
        ),
      );
      continue;
    }
    // No path tells (no firewall capture, no uplink, unknown rules): the bind address is all there is.
    if (ps.some((x) => isWildcardAddress(x.hostIp))) {
      const why = mine.find((c) => c.cell.verdict === 'unknown')?.path.reason;
      out.push(
        finding(
          'published-on-all-addresses',
          k,
          t('fd.published-on-all-addresses-unknown', {
            port: `${p.hostPort}/${p.proto}`,
            addrs: [...new Set(ps.map((x) => x.hostIp || '0.0.0.0'))],
            to,
            why: why
              ? // The evaluator's "unknown, because X" in the report's language: X alone.
                stripPrefix(why, t('tr.r.unknown', { why: '' }))
              : r.sources.some((s) => s.from.kind === 'outside')
                ? ''
                : t('fd.no-uplink'),
          }),
          pubEvidence,
        ),
      );
    }
  }
  return out;
}

/** The most telling blocked cell: one a rule dropped, rather than one with no route at all. */
function example<T extends { c: Cell } | Cell>(xs: T[]): T | undefined {
  const cellOf = (x: T): Cell => ('c' in x ? x.c : x);
  return (
    xs.find((x) => cellOf(x).cell.verdict === 'dropped' || cellOf(x).cell.verdict === 'rejected') ??
    xs.find((x) => BLOCKED.has(cellOf(x).cell.verdict))
  );
}

function uplinkOf(t: Translator, c: Cell): string {
  return c.src.from.kind === 'outside' && c.src.from.uplink
    ? t('fd.lan-of', { uplink: c.src.from.uplink })
    : c.src.id;
}

function listSources(t: Translator, cs: Cell[]): string {
  const ids = [...new Set(cs.map((c) => c.src.id))];
  return t('fd.sources', { ids: ids.slice(0, 4), more: Math.max(0, ids.length - 4) });
}

function networkFindings(t: Translator, model: StepModel, cells: Cell[]): Finding[] {
  const out: Finding[] = [];
  const netEvidence = (name: string) =>
    model.dockerNetworks.find((n) => n.name === name)?.evidence.slice(0, 1) ?? [];
  // Destinations in a container namespace, with the network their address is on.
  const toNet = cells
    .map((c) => ({ c, net: destinationNetwork(model, c.dst) }))
    .filter((x): x is { c: Cell; net: NonNullable<typeof x.net> } => x.net !== undefined);

  for (const n of model.dockerNetworks.filter((x) => x.internal)) {
    const into = toNet.filter(
      (x) =>
        x.net === n &&
        // The host reaches its own bridges (OUTPUT, not FORWARD): Docker does not isolate that.
        x.c.src.from.kind !== 'host' &&
        !sourceNetworks(model, x.c.src).includes(n.name) &&
        (x.c.src.from.kind === 'outside' ||
          x.c.src.from.kind === 'container' ||
          x.c.src.id.startsWith('group:')),
    );
    const reached = into.filter((x) => x.c.cell.verdict === 'delivered');
    const first = reached[0];
    if (first) {
      out.push(
        withPath(
          finding(
            'internal-network-reachable',
            n.name,
            t('fd.internal-network-reachable', {
              name: n.name,
              sources: listSources(
                t,
                reached.map((x) => x.c),
              ),
              example: `${first.c.src.id} -> ${addrPort(first.c.dst.address, first.c.dst.port)}/${first.c.dst.proto}`,
              reason: first.c.path.reason,
            }),
            netEvidence(n.name),
          ),
          first.c,
        ),
      );
    } else {
      const blocked = into.filter((x) => BLOCKED.has(x.c.cell.verdict));
      const b = example(blocked);
      if (b && allStopped(into.map((x) => x.c)))
        out.push(
          withPath(
            finding(
              'internal-network-isolated',
              n.name,
              t('fd.internal-network-isolated', {
                name: n.name,
                n: blocked.length,
                example: `${b.c.src.id} -> ${addrPort(b.c.dst.address, b.c.dst.port)}`,
                reason: b.c.path.reason,
              }),
              netEvidence(n.name),
            ),
            b.c,
          ),
        );
    }
  }

  // Containers of one network reaching containers of another, straight to their addresses.
  const cross = toNet.filter((x) => {
    if (!/^(bridge|overlay)$/.test(x.net.driver)) return false;
    const nets = sourceNetworks(model, x.c.src);
    return nets.length > 0 && !nets.includes(x.net.name);
  });
  const pairs = new Map<string, { c: Cell; all: Cell[] }>();
  for (const x of cross.filter((y) => y.c.cell.verdict === 'delivered')) {
    const from = sourceNetworks(model, x.c.src).join('+');
    const k = `${from} -> ${x.net.name}`;
    const e = pairs.get(k);
    if (e) e.all.push(x.c);
    else pairs.set(k, { c: x.c, all: [x.c] });
  }
  for (const [k, { c, all }] of pairs) {
    const netName = k.split(' -> ')[1]!;
    // Reaching the internal network is raised above, more severely.
    if (model.dockerNetworks.some((n) => n.name === netName && n.internal)) continue;
    out.push(
      withPath(
        finding(
          'networks-reach-each-other',
          k,
          t('fd.networks-reach-each-other', {
            from: k.split(' -> ')[0] ?? k,
            to: k.split(' -> ')[1] ?? '',
            n: all.length,
            example: `${c.src.id} -> ${addrPort(c.dst.address, c.dst.port)}/${c.dst.proto}`,
            reason: c.path.reason,
          }),
          netEvidence(netName),
        ),
        c,
      ),
    );
  }
  const crossBlocked = cross.filter((x) => BLOCKED.has(x.c.cell.verdict));
  const b = example(crossBlocked);
  if (pairs.size === 0 && b && allStopped(cross.map((x) => x.c))) {
    const nets = [...new Set(cross.map((x) => x.net.name))];
    out.push(
      withPath(
        finding(
          'networks-isolated',
          nets.join(', '),
          t('fd.networks-isolated', {
            n: crossBlocked.length,
            nets: nets.length,
            example: `${b.c.src.id} -> ${addrPort(b.c.dst.address, b.c.dst.port)}`,
            reason: b.c.path.reason,
          }),
          [],
        ),
        b.c,
      ),
    );
  }
  return out;
}

export const paths: FindingFamily = {
  id: 'paths',
  kinds: [
    'published-on-all-addresses',
    'published-port-bypasses-input',
    'published-port-filtered',
    'loopback-published-reachable',
    'loopback-published-contained',
    'internal-network-reachable',
    'internal-network-isolated',
    'networks-reach-each-other',
    'networks-isolated',
  ] satisfies FindingKind[],
  readsReach: true,
  run: (input) => {
    const { model, reach } = input;
    const t = tr(input);
    if (!reach) {
      // The matrix failed (an analysis-error says so): the bind address is all there is.
      return publishedFindings(t, model, { ...EMPTY }, []);
    }
    const cells = cellsOf(reach);
    return [...publishedFindings(t, model, reach, cells), ...networkFindings(t, model, cells)];
  },
};

const EMPTY: StepReach = {
  version: 1,
  aggregated: false,
  sources: [],
  destinations: [],
  cells: [],
  paths: [],
  hops: [],
  assumptions: [],
  counts: {},
};
