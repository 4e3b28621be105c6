/**
 * What changed from one step to the next: interfaces and their state, addresses, bridges and
 * their ports, routes, listening sockets, processes, Docker networks, containers, veth pairs and
 * published ports. Keys are stable strings built from names, never from ifindexes or PIDs, which
 * change across reboots (the slides' host rebooted between every step).
 *
 *   interface  added    host/docker0          docker0 (bridge, DOWN) appeared
 *   route      changed  host/main/inet/...    172.17.0.0/16 dev docker0: flags linkdown -> none
 */

import { type Translator, translator } from '../i18n/index.js';
import type { Evidence, NamespaceFacet, StepModel } from '../model/types.js';
import type { DiffCategory, DiffChange, StepDiff } from './types.js';
import { nsLabel } from './util.js';

interface Item {
  key: string;
  /** Namespace id, for items that belong to one. */
  ns?: string;
  /** What is compared for "changed": field -> printed value. */
  fields: Record<string, string>;
  label: string;
  evidence?: Evidence;
}

function compare(
  t: Translator,
  category: DiffCategory,
  before: Item[],
  after: Item[],
  out: DiffChange[],
): void {
  const prev = new Map(before.map((i) => [i.key, i]));
  const cur = new Map(after.map((i) => [i.key, i]));
  for (const [k, i] of cur) {
    const p = prev.get(k);
    if (!p) {
      out.push({
        category,
        change: 'added',
        key: k,
        summary: t('diff.appeared', { what: i.label }),
        ...(i.evidence ? { evidence: i.evidence } : {}),
      });
      continue;
    }
    const diffs = Object.keys({ ...p.fields, ...i.fields })
      .filter((f) => (p.fields[f] ?? '') !== (i.fields[f] ?? ''))
      .map((f) => `${f} ${p.fields[f] || t('label.none')} -> ${i.fields[f] || t('label.none')}`);
    if (diffs.length)
      out.push({
        category,
        change: 'changed',
        key: k,
        summary: `${i.label}: ${diffs.join('; ')}`,
        ...(i.evidence ? { evidence: i.evidence } : {}),
      });
  }
  for (const [k, p] of prev)
    if (!cur.has(k))
      out.push({ category, change: 'removed', key: k, summary: t('diff.gone', { what: p.label }) });
}

/** Namespaces are matched by id; a namespace seen only in one step adds or removes all its items. */
function interfaces(m: StepModel, t: Translator): Item[] {
  return m.namespaces.flatMap((ns) =>
    ns.interfaces.map((i) => ({
      key: `${ns.id}/${i.name}`,
      ns: ns.id,
      label: t('diff.label.interface', { name: i.name, kind: i.kind, ns: nsLabel(m, ns.id, t) }),
      fields: {
        state: i.state ?? '',
        flags: [...i.flags].sort().join(','),
        mtu: i.mtu !== undefined ? String(i.mtu) : '',
        master: i.master ?? '',
      },
      evidence: i.evidence,
    })),
  );
}

function addresses(m: StepModel, t: Translator): Item[] {
  return m.namespaces.flatMap((ns) =>
    ns.interfaces.flatMap((i) =>
      i.addresses.map((a) => ({
        key: `${ns.id}/${i.name}/${a.cidr}`,
        ns: ns.id,
        label: t('diff.label.address', { cidr: a.cidr, name: i.name, ns: nsLabel(m, ns.id, t) }),
        fields: {},
        evidence: i.evidence,
      })),
    ),
  );
}

function bridges(m: StepModel, t: Translator): Item[] {
  return m.namespaces.flatMap((ns) =>
    ns.bridges.map((b) => ({
      key: `${ns.id}/${b.name}`,
      ns: ns.id,
      label: t('diff.label.bridge', { name: b.name, ns: nsLabel(m, ns.id, t) }),
      fields: { stp: b.stp === undefined ? '' : b.stp ? 'on' : 'off' },
      ...(b.evidence[0] ? { evidence: b.evidence[0] } : {}),
    })),
  );
}

function bridgePorts(m: StepModel, t: Translator): Item[] {
  return m.namespaces.flatMap((ns) =>
    ns.bridges.flatMap((b) =>
      b.ports.map((p) => {
        const i = ns.interfaces.find((x) => x.name === p);
        return {
          key: `${ns.id}/${b.name}/${p}`,
          ns: ns.id,
          label: t('diff.label.bridge-port', { port: p, bridge: b.name }),
          fields: {},
          ...(i ? { evidence: i.evidence } : b.evidence[0] ? { evidence: b.evidence[0] } : {}),
        };
      }),
    ),
  );
}

function routes(m: StepModel, t: Translator): Item[] {
  const seen = new Set<string>();
  return m.namespaces.flatMap((ns) =>
    ns.routes
      .map((r) => ({
        key: `${ns.id}/${r.table}/${r.family}/${r.type} ${r.dst}${r.dev ? ` dev ${r.dev}` : ''}`,
        ns: ns.id,
        label: t('diff.label.route', {
          route: `${r.type === 'unicast' ? '' : `${r.type} `}${r.dst}${r.dev ? ` dev ${r.dev}` : ''}`,
          table: r.table,
          ns: nsLabel(m, ns.id, t),
        }),
        fields: {
          via: r.via ?? '',
          src: r.src ?? '',
          proto: r.proto ?? '',
          flags: r.flags.join(','),
          metric: r.metric !== undefined ? String(r.metric) : '',
        },
        evidence: r.evidence,
      }))
      // `ip route show table all` and `table main` may both list a route: keep it once.
      .filter((i) => {
        if (seen.has(i.key)) return false;
        seen.add(i.key);
        return true;
      }),
  );
}

function sockets(m: StepModel, t: Translator): Item[] {
  const seen = new Set<string>();
  return m.namespaces.flatMap((ns) =>
    ns.sockets
      .filter((s) => s.listening && s.family !== 'unix')
      .map((s) => ({
        key: `${ns.id}/${s.proto}/${s.localAddress}:${s.localPortNumber ?? s.localPort}`,
        ns: ns.id,
        label: t('diff.label.socket', {
          socket: `${s.proto} ${s.localAddress}:${s.localPortNumber ?? s.localPort}${s.program ? ` (${s.program})` : ''}`,
          ns: nsLabel(m, ns.id, t),
        }),
        fields: { program: s.program ?? '' },
        evidence: s.evidence,
      }))
      .filter((i) => {
        if (seen.has(i.key)) return false;
        seen.add(i.key);
        return true;
      }),
  );
}

/** Processes by command line; kernel threads and the capture's own commands are noise. */
function processes(m: StepModel, t: Translator): Item[] {
  const items = new Map<string, Item & { pids: number[] }>();
  for (const ns of m.namespaces) {
    for (const p of ns.processes) {
      if (/^\[.*\]$/.test(p.command)) continue;
      if (
        /^(ps|pstree|netstat|ss|ip|brctl|docker|sh|bash|-bash|timeout)(\s|$)/.test(
          p.command.replace(/^\S*\//, ''),
        )
      )
        continue;
      const key = `${ns.id}/${p.name}/${p.command}`;
      const item = items.get(key);
      if (item) item.pids.push(p.pid);
      else
        items.set(key, {
          key,
          ns: ns.id,
          label: t('diff.label.process', {
            name: p.name,
            ns: nsLabel(m, ns.id, t),
            command: p.command.length > 100 ? `${p.command.slice(0, 100)}...` : p.command,
          }),
          fields: {},
          evidence: p.evidence,
          pids: [p.pid],
        });
    }
  }
  return [...items.values()].map((i) => ({
    ...i,
    label: `${i.label} (pid ${i.pids.join(', ')})`,
    fields: { count: String(i.pids.length) },
  }));
}

function dockerNetworks(m: StepModel, t: Translator): Item[] {
  return m.dockerNetworks.map((n) => ({
    key: `network/${n.name}`,
    label: t('diff.label.network', { name: n.name, driver: n.driver, scope: n.scope }),
    fields: {
      driver: n.driver,
      subnets: n.subnets.map((s) => s.subnet).join(','),
      id: n.id.slice(0, 12),
      endpoints: n.endpoints
        .map((e) => e.name)
        .sort()
        .join(','),
    },
    ...(n.evidence[0] ? { evidence: n.evidence[0] } : {}),
  }));
}

function containers(m: StepModel, t: Translator): Item[] {
  return m.containers.map((c) => ({
    key: `container/${c.name}`,
    label: t('diff.label.container', { name: c.name }),
    fields: { networks: c.networks.map((n) => `${n.network}${n.ipv4 ? ` ${n.ipv4}` : ''}`).join(',') },
    ...(c.evidence[0] ? { evidence: c.evidence[0] } : {}),
  }));
}

function veths(m: StepModel, t: Translator): Item[] {
  return m.vethLinks.map((l) => {
    const ends = [`${l.a.namespace}/${l.a.ifname}`, `${l.b.namespace}/${l.b.ifname}`].sort();
    return {
      key: `veth/${ends[0]}<->${ends[1]}`,
      label: t('diff.label.veth', {
        a: l.a.ifname,
        ans: nsLabel(m, l.a.namespace, t),
        b: l.b.ifname,
        bns: nsLabel(m, l.b.namespace, t),
      }),
      fields: {},
      ...(l.evidence[0] ? { evidence: l.evidence[0] } : {}),
    };
  });
}

function publishedPorts(m: StepModel, t: Translator): Item[] {
  return m.publishedPorts.map((p) => ({
    key: `port/${p.proto}/${p.hostIp}:${p.hostPort}`,
    label: t('diff.label.published-port', { port: `${p.proto} ${p.hostIp}:${p.hostPort}` }),
    fields: { target: `${p.container ?? ''} ${p.containerIp ?? ''}:${p.containerPort ?? ''}`.trim() },
    ...(p.evidence[0] ? { evidence: p.evidence[0] } : {}),
  }));
}

/** Category, extractor, and the facet a namespace needs captured for its items to be compared. */
const extractors: [DiffCategory, (m: StepModel, t: Translator) => Item[], NamespaceFacet?][] = [
  ['interface', interfaces, 'interfaces'],
  ['address', addresses, 'interfaces'],
  // Bridges come from the interfaces' `master` as much as from brctl.
  ['bridge', bridges, 'interfaces'],
  ['bridge-port', bridgePorts, 'interfaces'],
  ['route', routes, 'routes'],
  ['socket', sockets, 'sockets'],
  ['process', processes, 'processes'],
  ['docker-network', dockerNetworks],
  ['container', containers],
  ['veth', veths],
  ['published-port', publishedPorts],
];

/**
 * Namespaces seen in both steps whose capture of this kind exists in only one of them: their
 * items are not compared (a missing `ps` in a container is not "every process stopped").
 */
function unevenNamespaces(prev: StepModel, cur: StepModel, facet: NamespaceFacet): Set<string> {
  const out = new Set<string>();
  for (const p of prev.namespaces) {
    const c = cur.namespaces.find((n) => n.id === p.id);
    if (!c) continue;
    const had = p.fedBy[facet] !== undefined;
    const has = c.fedBy[facet] !== undefined;
    if (had !== has) out.add(p.id);
  }
  return out;
}

export function diffSteps(
  prev: StepModel,
  cur: StepModel,
  fromLabel: string,
  t: Translator = translator('en'),
): StepDiff {
  const changes: DiffChange[] = [];
  for (const [category, extract, captures] of extractors) {
    try {
      const skip = captures ? unevenNamespaces(prev, cur, captures) : new Set<string>();
      const keep = (i: Item) => i.ns === undefined || !skip.has(i.ns);
      compare(t, category, extract(prev, t).filter(keep), extract(cur, t).filter(keep), changes);
    } catch (e) {
      changes.push({
        category,
        change: 'changed',
        key: `${category}/error`,
        summary: t('diff.failed', { error: (e as Error).message }),
      });
    }
  }
  return { from: fromLabel, changes };
}
