/**
 * Docker's view: engine version, networks (inspect, else `network ls`), the Linux bridge behind
 * each bridge network, containers and their endpoints, and ports published through docker-proxy.
 */
import type { DockerNetwork } from '../parsers/docker-network-inspect.js';
import type { DockerNetworkLsRow } from '../parsers/docker-network-ls.js';
import type { DockerVersion } from '../parsers/docker-version.js';
import type { ParsedBundle } from '../parsers/parse-bundle.js';
import { evidenceOf } from './evidence.js';
import type {
  Evidence,
  ModelContainer,
  ModelDocker,
  ModelDockerNetwork,
  ModelNamespace,
  ModelPublishedPort,
} from './types.js';

/** Endpoint keys that are Docker's own sandboxes, not containers. */
export function isSandboxKey(key: string, name: string): boolean {
  return (
    key === 'ingress-sbox' ||
    /^lb-/.test(key) ||
    /-sbox$/.test(key) ||
    (/-endpoint$/.test(name) && key.endsWith('-sbox'))
  );
}

export function buildDocker(parsed: ParsedBundle): ModelDocker {
  const outputs = parsed.outputs.filter((o) => o.run.scope === 'host');
  const version = outputs.find((o) => o.run.id === 'docker-version');
  const anyDocker = outputs.filter((o) => o.run.id.startsWith('docker-'));
  const docker: ModelDocker = {
    installed: anyDocker.some(
      (o) => o.status === 'parsed' || (o.run.exitCode !== null && o.run.exitCode !== 127),
    ),
    evidence: [],
  };
  if (version?.status === 'parsed') {
    const v = version.records[0] as DockerVersion | undefined;
    if (v) {
      if (v.client?.version) docker.clientVersion = v.client.version;
      if (v.server?.version) docker.serverVersion = v.server.version;
      const api = v.server?.apiVersion ?? v.client?.apiVersion;
      if (api) docker.apiVersion = api;
      if (v.serverError) docker.serverError = v.serverError;
      docker.evidence.push(evidenceOf(version, v.line));
    }
  } else if (version) {
    docker.evidence.push(evidenceOf(version));
  }
  return docker;
}

export function buildDockerNetworks(parsed: ParsedBundle): ModelDockerNetwork[] {
  const networks: ModelDockerNetwork[] = [];
  const host = parsed.outputs.filter((o) => o.run.scope === 'host' && o.status === 'parsed');
  for (const o of host.filter((x) => x.run.id === 'docker-network-inspect')) {
    for (const n of o.records as DockerNetwork[]) {
      if (networks.some((x) => x.id === n.id)) continue;
      const net: ModelDockerNetwork = {
        id: n.id,
        name: n.name,
        driver: n.driver ?? '',
        scope: n.scope ?? '',
        subnets: n.ipam.config
          .filter((c) => c.subnet)
          .map((c) => (c.gateway ? { subnet: c.subnet!, gateway: c.gateway } : { subnet: c.subnet! })),
        internal: n.internal,
        ingress: n.ingress,
        attachable: n.attachable,
        enableIPv6: n.enableIPv6,
        options: n.options,
        endpoints: n.containers.map((c) => {
          const ep: ModelDockerNetwork['endpoints'][number] = {
            key: c.key,
            name: c.name,
            sandbox: isSandboxKey(c.key, c.name),
            evidence: evidenceOf(o, c.line),
          };
          if (c.ipv4Address) ep.ipv4 = c.ipv4Address;
          if (c.ipv6Address) ep.ipv6 = c.ipv6Address;
          if (c.macAddress) ep.mac = c.macAddress;
          return ep;
        }),
        inspected: true,
        evidence: [evidenceOf(o, n.line)],
      };
      const bridge = bridgeNameOf(net);
      if (bridge) net.bridge = bridge;
      networks.push(net);
    }
  }
  for (const o of host.filter((x) => x.run.id === 'docker-network-ls')) {
    for (const r of o.records as DockerNetworkLsRow[]) {
      const known = networks.find((n) => n.id.startsWith(r.id) || r.id.startsWith(n.id) || n.name === r.name);
      if (known) {
        known.evidence.push(evidenceOf(o, r.line));
        continue;
      }
      const net: ModelDockerNetwork = {
        id: r.id,
        name: r.name,
        driver: r.driver,
        scope: r.scope,
        subnets: [],
        internal: false,
        ingress: false,
        attachable: false,
        enableIPv6: false,
        options: {},
        endpoints: [],
        inspected: false,
        evidence: [evidenceOf(o, r.line)],
      };
      const bridge = bridgeNameOf(net);
      if (bridge) net.bridge = bridge;
      networks.push(net);
    }
  }
  return networks;
}

/** Docker names the bridge of a network by option, else `br-` + the first 12 hex of its id. */
function bridgeNameOf(n: ModelDockerNetwork): string | undefined {
  if (n.driver !== 'bridge') return undefined;
  return n.options['com.docker.network.bridge.name'] ?? `br-${n.id.slice(0, 12)}`;
}

export function buildContainers(
  parsed: ParsedBundle,
  networks: ModelDockerNetwork[],
  namespaces: ModelNamespace[],
): ModelContainer[] {
  const containers = new Map<string, ModelContainer>();
  const get = (name: string): ModelContainer => {
    let c = containers.get(name);
    if (!c) {
      c = { name, networks: [], evidence: [] };
      containers.set(name, c);
    }
    return c;
  };
  for (const n of networks) {
    for (const ep of n.endpoints) {
      if (ep.sandbox) continue;
      const c = get(ep.name);
      if (/^[0-9a-f]{12,64}$/.test(ep.key)) c.id = ep.key;
      const att: ModelContainer['networks'][number] = { network: n.name };
      if (ep.ipv4) att.ipv4 = ep.ipv4;
      if (ep.ipv6) att.ipv6 = ep.ipv6;
      if (ep.mac) att.mac = ep.mac;
      c.networks.push(att);
      c.evidence.push(ep.evidence);
    }
  }
  for (const ns of namespaces) {
    if (ns.kind !== 'container' || !ns.container) continue;
    const c = get(ns.container);
    c.namespace = ns.id;
    const info = parsed.bundle.meta.scopes[ns.id];
    if (info?.id && !c.id) c.id = info.id;
    if (info?.pid !== undefined) c.pid = info.pid;
  }
  return [...containers.values()];
}

const PROXY_ARG = /-(proto|host-ip|host-port|container-ip|container-port)\s+(\S+)/g;

/**
 * docker-proxy is started once per published port and protocol with its mapping on its command
 * line (`-host-ip 0.0.0.0 -host-port 60000 -container-ip 172.17.0.2 -container-port 8080`). Without
 * `ps`, its listening socket still tells the host side.
 */
export function buildPublishedPorts(
  host: ModelNamespace | undefined,
  containers: ModelContainer[],
): ModelPublishedPort[] {
  if (!host) return [];
  const ports: ModelPublishedPort[] = [];
  for (const p of host.processes.filter((x) => x.name === 'docker-proxy')) {
    const args: Record<string, string> = {};
    for (const m of p.command.matchAll(PROXY_ARG)) args[m[1]!] = m[2]!;
    const hostPort = Number(args['host-port']);
    if (!Number.isFinite(hostPort)) continue;
    const evidence: Evidence[] = [p.evidence];
    const sock = host.sockets.find((s) => s.pid === p.pid && s.localPortNumber === hostPort);
    if (sock) evidence.push(sock.evidence);
    const port: ModelPublishedPort = {
      proto: args.proto ?? 'tcp',
      hostIp: args['host-ip'] ?? '0.0.0.0',
      hostPort,
      via: 'docker-proxy',
      pid: p.pid,
      evidence,
    };
    if (args['container-ip']) port.containerIp = args['container-ip'];
    if (args['container-port']) port.containerPort = Number(args['container-port']);
    const owner = containers.find((c) => c.networks.some((n) => n.ipv4?.split('/')[0] === port.containerIp));
    if (owner) port.container = owner.name;
    ports.push(port);
  }
  for (const s of host.sockets.filter((x) => x.program === 'docker-proxy' && x.listening)) {
    if (
      s.localPortNumber === undefined ||
      ports.some((p) => p.hostPort === s.localPortNumber && p.proto === s.transport)
    )
      continue;
    const port: ModelPublishedPort = {
      proto: s.transport,
      hostIp: s.localAddress,
      hostPort: s.localPortNumber,
      via: 'docker-proxy',
      evidence: [s.evidence],
    };
    if (s.pid !== undefined) port.pid = s.pid;
    ports.push(port);
  }
  return ports;
}
