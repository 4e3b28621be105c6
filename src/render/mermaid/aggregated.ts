/**
 * The aggregated figure, for a host over the budget: one node per bridge or Docker network with
 * its container count, in a grid, the uplink and the published ports kept visible; and the last
 * resort, one box saying the host is too large to draw. Caps scale with maxNodes; `shrink` halves
 * them until the source fits:
 *
 *   n14[["Docker network app-net-0<br/>172.20.0.1/20 UP<br/>20 containers on br-1a2b3c4d5e00"]]
 *   n4("host :61000 :61050 :61100 +17<br/>20 published ports")
 *
 * Separate because it reads the model differently (counts, not one node per interface) and
 * must stay cheap on hosts with thousands of interfaces; a change to the detailed figure cannot
 * break it, and the other way round.
 */

import type { ModelContainer } from '../../model/types.js';
import { Builder, legend } from './flowchart.js';
import {
  addressLines,
  byName,
  cmp,
  defaultRoutes,
  hostBridgeNames,
  hostPortLines,
  ifaceTitle,
  isDrawnNetwork,
  type Lookup,
  networkContaining,
  type Publish,
  publishes,
  routeDev,
  routeVia,
  type State,
  stateOf,
  stateText,
  uplinksOf,
} from './topology.js';
import { fw } from './words.js';

interface NetSummary {
  /** Bridge name, or the network name for overlay and other drivers. */
  name: string;
  network?: string;
  lines: string[];
  state: State;
  containers: number;
  driver: string;
}

const GRID_COLUMNS = 5;

export function summarise(lk: Lookup): NetSummary[] {
  const { model, host } = lk;
  const nets = model.dockerNetworks.filter(isDrawnNetwork);
  const onNetwork = new Map<string, Set<string>>();
  for (const c of model.containers) {
    for (const n of c.networks) onNetwork.set(n.network, (onNetwork.get(n.network) ?? new Set()).add(c.name));
  }
  /** Containers on a network by Docker's word, or behind a veth on its bridge. */
  const countOn = (netName: string | undefined, bridge: string | undefined): number => {
    const names = new Set(netName ? onNetwork.get(netName) : undefined);
    for (const p of bridge && host ? lk.bridgePorts(bridge) : []) {
      const peer = lk.peer(host!.id, p);
      const ns = lk.namespace(peer?.namespace);
      if (ns?.kind === 'container') names.add(ns.container ?? ns.name);
    }
    return names.size;
  };
  const out: NetSummary[] = [];
  const seen = new Set<string>();
  for (const name of [...hostBridgeNames(host)].sort()) {
    const i = host ? lk.iface(host.id, name) : undefined;
    const net = nets.find((n) => n.bridge === name);
    const containers = countOn(net?.name, name);
    const addr = i ? addressLines(i)[0] : undefined;
    const item: NetSummary = {
      name,
      lines: [
        net ? fw('fig.docker-network', { name: net.name }) : fw('fig.bridge', { name }),
        [addr, i ? stateText(i) : fw('fig.not-captured')].filter(Boolean).join(' '),
        fw('fig.containers-on', { n: containers, where: name }),
      ],
      state: stateOf(i),
      containers,
      driver: 'bridge',
    };
    if (net) {
      item.network = net.name;
      seen.add(net.name);
    }
    out.push(item);
  }
  for (const n of [...nets].sort(byName)) {
    if (seen.has(n.name)) continue;
    const containers = countOn(n.name, undefined);
    const where = n.bridge ?? n.name;
    out.push({
      name: where,
      network: n.name,
      lines: [
        fw('fig.docker-network-driver', { name: n.name, driver: n.driver || '?' }),
        ...n.subnets.map((x) => x.subnet).slice(0, 1),
        fw('fig.containers-on', { n: containers, where }),
      ],
      state: 'unknown',
      containers,
      driver: n.driver,
    });
  }
  return out;
}

/** The Docker network a published port leads to: by the container's address, else its first network. */
function publishNetwork(lk: Lookup, p: Publish): string | undefined {
  return (
    (p.containerIp ? networkContaining(lk.model.dockerNetworks, p.containerIp)?.name : undefined) ??
    lk.container(p.container)?.networks[0]?.network
  );
}

export function aggregated(
  lk: Lookup,
  summaries: NetSummary[],
  direction: 'LR' | 'TB',
  maxNodes: number,
  shrink: number,
): { source: string; b: Builder } {
  const b = new Builder();
  const { model, host } = lk;
  const defaults = defaultRoutes(host);
  const uplinkName = defaults[0] ? routeDev(defaults[0]) : undefined;
  const uplinks = uplinksOf(lk, uplinkName).slice(0, Math.max(1, Math.floor(4 / shrink)));
  const ports = publishes(model);
  const room = Math.max(6, Math.floor((maxNodes - uplinks.length - 8) / shrink));
  // Published ports first (they are what a reviewer looks for), up to 60% of the room; the
  // networks get the rest, and a tenth goes to Compose project boxes.
  const projectCap = Math.max(1, Math.floor(room / 10));
  const portCap = Math.max(1, Math.min(ports.length, Math.floor(room * 0.6)));
  const netCap = Math.max(3, room - portCap - projectCap);
  // Keep the networks ports lead to, then the busiest; show them in name order.
  const withPorts = new Set(ports.map((p) => publishNetwork(lk, p)));
  const kept = new Set(
    [...summaries]
      .sort(
        (a, c) =>
          Number(withPorts.has(c.network)) - Number(withPorts.has(a.network)) ||
          c.containers - a.containers ||
          cmp(a.name, c.name),
      )
      .slice(0, netCap),
  );
  const shown = summaries.filter((x) => kept.has(x));
  const hidden = summaries.filter((x) => !kept.has(x));
  const totalContainers = new Set(model.containers.map((c) => c.name)).size;

  const up = uplinks[0];
  const v4 = up?.addresses.find((a) => a.family === 'inet');
  const via = defaults[0] ? routeVia(defaults[0]) : undefined;
  const lan =
    up && (v4 || via)
      ? b.node(
          [v4 ? `LAN ${v4.network}` : 'LAN', ...(via ? [fw('fig.gateway', { via })] : [])],
          'hexagon',
          'lan',
        )
      : undefined;
  const netNode = new Map<string, string>();
  const portNodes: [Publish, string][] = [];
  const portGroups: [string, Publish[], string][] = [];
  let uplinkId: string | undefined;
  let grid: string | undefined;
  b.group([fw('fig.host', { name: model.hostname || host?.name || '' }).trim()], 'host', () => {
    for (const i of uplinks) {
      const id = b.node([ifaceTitle(i), ...addressLines(i).slice(0, 1)], 'rect', 'iface', stateOf(i));
      uplinkId ??= id;
    }
    if (ports.length <= portCap) {
      for (const p of ports) portNodes.push([p, b.node(hostPortLines(p), 'round', 'port')]);
    } else {
      // Too many to draw one by one: one node per target network listing its ports, so every
      // network with published ports keeps them visible and the figure one edge pair per network.
      const byNet = new Map<string, Publish[]>();
      for (const p of ports) {
        const net = publishNetwork(lk, p) ?? '';
        byNet.set(net, [...(byNet.get(net) ?? []), p]);
      }
      const groups = [...byNet.entries()].slice(0, portCap);
      for (const [net, list] of groups) {
        const shown = list.slice(0, 3).map((p) => `:${p.hostPort}${p.proto === 'tcp' ? '' : `/${p.proto}`}`);
        const more = list.length > 3 ? ` +${list.length - 3}` : '';
        const id = b.node(
          [
            fw('fig.host-port', { port: `${shown.join(' ')}${more}` }),
            fw('fig.published-ports', { n: list.length }),
          ],
          'round',
          'port',
        );
        portGroups.push([net, list, id]);
      }
      const rest = [...byNet.values()].slice(portCap).reduce((t, l) => t + l.length, 0);
      if (rest > 0) b.node([fw('fig.more-published-ports', { n: rest })], 'round', 'port');
    }
    const title = fw('fig.summarised', { networks: summaries.length, containers: totalContainers });
    grid = b.group(
      [title],
      'host',
      () => {
        const ids: string[] = [];
        for (const n of shown) {
          const bridge = n.driver === 'bridge';
          const id = b.node(
            n.lines,
            bridge ? 'subroutine' : 'hexagon',
            bridge ? 'bridge' : 'overlay',
            n.state,
          );
          if (n.network) netNode.set(n.network, id);
          ids.push(id);
        }
        if (hidden.length > 0) {
          const count = hidden.reduce((t, x) => t + x.containers, 0);
          ids.push(
            b.node(
              [fw('fig.more-networks', { n: hidden.length }), fw('fig.with-containers', { n: count })],
              'subroutine',
              'bridge',
              'unknown',
            ),
          );
        }
        // Rows of GRID_COLUMNS: invisible links rank the nodes of a row left to right.
        for (let i = 0; i < ids.length; i++)
          if (i % GRID_COLUMNS !== 0) b.edge(ids[i - 1]!, ids[i]!, 'invisible');
      },
      'LR',
    );
    composeBoxes(b, lk, netNode, projectCap, room < 12 ? 1 : 3);
  });
  if (lan && uplinkId) b.edge(lan, uplinkId, 'link', [fw('fig.default-route')]);
  if (uplinkId && grid) b.edge(uplinkId, grid, 'routed', ['routed']);
  for (const [net, list, id] of portGroups) {
    if (uplinkId) b.edge(uplinkId, id, 'client', [fw('fig.ports', { n: list.length })]);
    const first = list[0]!;
    const to = `${first.container ?? first.containerIp ?? '?'}:${first.containerPort ?? '?'}`;
    const target = (net ? netNode.get(net) : undefined) ?? grid;
    if (target) b.edge(id, target, 'publish', [list.length > 1 ? `→ ${to} …` : `→ ${to}`]);
  }
  for (const [p, id] of portNodes) {
    if (uplinkId) b.edge(uplinkId, id, 'client', [`${p.proto} :${p.hostPort}`]);
    const net = publishNetwork(lk, p);
    const target = (net ? netNode.get(net) : undefined) ?? grid;
    const text = `${p.proto} ${p.hostPort} → ${p.container ?? p.containerIp ?? '?'}:${p.containerPort ?? '?'}`;
    if (target) b.edge(id, target, 'publish', [text]);
  }
  legend(
    b,
    model.containers.some((c) => c.compose),
  );
  return { source: b.source(direction), b };
}

/**
 * One box per Compose project (the biggest `projectCap`, the rest counted), named after it, with
 * one node per service and its container count, tied to the networks its containers are on.
 */
function composeBoxes(
  b: Builder,
  lk: Lookup,
  netNode: Map<string, string>,
  projectCap: number,
  serviceCap: number,
): void {
  const projects = new Map<string, ModelContainer[]>();
  for (const c of lk.model.containers)
    if (c.compose) projects.set(c.compose.project, [...(projects.get(c.compose.project) ?? []), c]);
  if (projects.size === 0) return;
  const ranked = [...projects.entries()].sort((x, y) => y[1].length - x[1].length || cmp(x[0], y[0]));
  const shown = ranked.slice(0, projectCap).sort((x, y) => cmp(x[0], y[0]));
  for (const [project, members] of shown) {
    const services = new Map<string, number>();
    for (const c of members) {
      const svc = c.compose?.service ?? c.name;
      services.set(svc, (services.get(svc) ?? 0) + 1);
    }
    const names = [...services.keys()].sort(cmp);
    const id = b.group([fw('fig.compose-project', { name: project })], 'compose', () => {
      for (const svc of names.slice(0, serviceCap))
        b.node(
          [fw('fig.service', { name: svc }), fw('fig.containers', { n: services.get(svc)! })],
          'rect',
          'container',
        );
      if (names.length > serviceCap) {
        const rest = names.slice(serviceCap).reduce((t, n) => t + services.get(n)!, 0);
        b.node(
          [fw('fig.more-services', { n: names.length - serviceCap }), fw('fig.containers', { n: rest })],
          'rect',
          'container',
        );
      }
    });
    const nets = new Set(members.flatMap((c) => c.networks.map((n) => n.network)));
    for (const net of [...nets].sort(cmp)) {
      const to = netNode.get(net);
      if (to) b.edge(to, id, 'link');
    }
  }
  const rest = ranked.slice(projectCap);
  if (rest.length > 0) {
    const count = rest.reduce((t, [, m]) => t + m.length, 0);
    b.node([fw('fig.more-projects', { n: rest.length }), fw('fig.containers', { n: count })], 'rect', 'note');
  }
}

/** The last resort, when even the smallest summary does not fit the budget: say so in one box. */
export function tooLarge(lk: Lookup, direction: 'LR' | 'TB'): { source: string; b: Builder } {
  const b = new Builder();
  const m = lk.model;
  b.group(['host'], 'host', () => {
    b.node(
      [
        fw('fig.too-large'),
        fw('fig.too-large-counts', { namespaces: m.namespaces.length, containers: m.containers.length }),
        fw('fig.too-large-docker', { networks: m.dockerNetworks.length, ports: m.publishedPorts.length }),
        fw('fig.see-tables'),
      ],
      'rect',
      'note',
    );
  });
  return { source: b.source(direction), b };
}
