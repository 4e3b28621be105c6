import type { ParsedBundle, ParsedOutput } from '../parsers/parse-bundle.js';
import { evidenceOf } from './evidence.js';
import { recordsOf } from './records.js';
import type {
  EndpointRole,
  Evidence,
  ModelContainer,
  ModelDocker,
  ModelDockerNetwork,
  ModelNamespace,
  ModelPublishedPort,
  PortSource,
} from './types.js';

/**
 * What an endpoint of `docker network inspect`'s Containers is. The key is a container id for
 * containers; Docker's hidden endpoints have their own keys and names:
 *   "ingress-sbox": { "Name": "ingress-endpoint", ... }             on ingress
 *   "lb-ovl":       { "Name": "ovl-endpoint", ... }                 on an overlay with services
 *   "<id>" or "gateway_<id12>": { "Name": "gateway_<id12>", ... }  on docker_gwbridge
 */
export function endpointRole(key: string, name: string): EndpointRole {
  if (/^gateway_/.test(name) || /^gateway_/.test(key)) return 'gateway';
  if (key === 'ingress-sbox' || /-sbox$/.test(key) || name === 'ingress-endpoint') return 'ingress';
  if (/^lb-/.test(key) || (/-endpoint$/.test(name) && !/^[0-9a-f]{12,64}$/.test(key))) return 'load-balancer';
  return 'container';
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
    const v = recordsOf(version, 'docker-version')[0];
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
  // docker info: JSON first (stable keys), else the text form.
  const info = ['docker-info-json', 'docker-info']
    .flatMap((id) => outputs.filter((o) => o.run.id === id && o.status === 'parsed'))
    .map((o) => ({ o, r: recordsOf(o, 'docker-info')[0] }))
    .find((x) => x.r);
  if (info?.r) {
    const r = info.r;
    if (!docker.serverVersion && r.serverVersion) docker.serverVersion = r.serverVersion;
    const backend = r.fields['FirewallBackend.Driver'] ?? r.fields['Firewall Backend'];
    if (backend) docker.firewallBackend = backend;
    if (r.swarm.state !== 'unknown') {
      const sw: NonNullable<ModelDocker['swarm']> = { state: r.swarm.state };
      if (r.swarm.nodeId) sw.nodeId = r.swarm.nodeId;
      if (r.swarm.nodeAddr) sw.nodeAddr = r.swarm.nodeAddr;
      if (r.swarm.isManager !== undefined) sw.isManager = r.swarm.isManager;
      if (r.swarm.managers !== undefined) sw.managers = r.swarm.managers;
      if (r.swarm.nodes !== undefined) sw.nodes = r.swarm.nodes;
      docker.swarm = sw;
    }
    if (r.defaultAddressPools?.length) docker.defaultAddressPools = r.defaultAddressPools;
    // `docker node ls` (managers): the cluster's nodes.
    const nodes = outputs.find((o) => o.run.id === 'docker-node-ls' && o.status === 'parsed');
    if (nodes && docker.swarm) {
      docker.swarm.nodeList = recordsOf(nodes, 'docker-node-ls').map((n) => ({
        id: n.id,
        hostname: n.hostname,
        self: n.self,
        status: n.status,
        availability: n.availability,
        ...(n.managerStatus ? { managerStatus: n.managerStatus } : {}),
        ...(n.engineVersion ? { engineVersion: n.engineVersion } : {}),
      }));
      docker.evidence.push(evidenceOf(nodes));
    }
    // `docker node inspect` (managers, newer collectors): each node's own address and role.
    const inspect = outputs.find((o) => o.run.id === 'docker-node-inspect' && o.status === 'parsed');
    if (inspect && docker.swarm) {
      docker.swarm.nodeList ??= [];
      const list = docker.swarm.nodeList;
      for (const r of recordsOf(inspect, 'docker-node-inspect')) {
        let n = list.find((x) => x.id === r.id);
        if (!n) {
          n = {
            id: r.id,
            hostname: r.hostname ?? '',
            self: r.id === docker.swarm.nodeId,
            status: r.state ?? '',
            availability: r.availability ?? '',
            ...(r.engineVersion ? { engineVersion: r.engineVersion } : {}),
          };
          list.push(n);
        }
        if (r.addr) n.addr = r.addr;
        if (r.role) n.role = r.role;
      }
      docker.evidence.push(evidenceOf(inspect));
    }
    if (r.engineWarnings.length) docker.warnings = r.engineWarnings;
    docker.evidence.push(evidenceOf(info.o, r.line));
  }
  return docker;
}

export function buildDockerNetworks(parsed: ParsedBundle): ModelDockerNetwork[] {
  const networks: ModelDockerNetwork[] = [];
  const host = parsed.outputs.filter((o) => o.run.scope === 'host' && o.status === 'parsed');
  // `--verbose` (swarm networks) first: the same network with its services and peers.
  const inspects = [
    ...host.filter((x) => x.run.id === 'docker-network-inspect-verbose'),
    ...host.filter((x) => x.run.id === 'docker-network-inspect'),
  ];
  for (const o of inspects) {
    for (const n of recordsOf(o, 'docker-network-inspect')) {
      const seen = networks.find((x) => x.id === n.id);
      if (seen) {
        // The plain inspect lists the endpoints the same way; keep the first, add what it lacks.
        if (!seen.peers && n.peers?.length) seen.peers = n.peers;
        continue;
      }
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
          const role = endpointRole(c.key, c.name);
          const ep: ModelDockerNetwork['endpoints'][number] = {
            key: c.key,
            name: c.name,
            sandbox: role !== 'container',
            role,
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
      if (/^(macvlan|ipvlan)$/.test(net.driver) && n.options.parent) net.parent = n.options.parent;
      if (n.peers?.length) net.peers = n.peers;
      if (n.services?.length)
        net.services = n.services.map((sv) => ({
          name: sv.name,
          ...(sv.vip ? { vip: sv.vip } : {}),
          ...(sv.ports.length ? { ports: sv.ports } : {}),
          tasks: sv.tasks.map((t) => ({
            name: t.name,
            ...(t.endpointIp ? { ip: t.endpointIp } : {}),
            ...(t.hostIp ? { hostIp: t.hostIp } : {}),
          })),
        }));
      const gw4 = n.options['com.docker.network.bridge.gateway_mode_ipv4'];
      const gw6 = n.options['com.docker.network.bridge.gateway_mode_ipv6'];
      if (gw4) net.gatewayModeIPv4 = gw4;
      if (gw6) net.gatewayModeIPv6 = gw6;
      networks.push(net);
    }
  }
  for (const o of host.filter((x) => x.run.id === 'docker-network-ls')) {
    for (const r of recordsOf(o, 'docker-network-ls')) {
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
  // docker inspect first: it knows every container, running, exited or created, and its network mode.
  for (const o of hostOutputs(parsed, 'docker-container-inspect')) {
    for (const r of recordsOf(o, 'docker-container-inspect')) {
      const c = get(r.name);
      c.id = r.id;
      if (r.state.pid > 0) c.pid = r.state.pid;
      c.image = r.image;
      c.status = r.state.status;
      c.networkMode = r.networkMode;
      if (r.compose?.project) {
        c.compose = { project: r.compose.project };
        if (r.compose.service) c.compose.service = r.compose.service;
        if (r.compose.containerNumber) c.compose.number = r.compose.containerNumber;
      }
      for (const n of r.networks) {
        const att: ModelContainer['networks'][number] = { network: n.name };
        if (n.ipAddress) att.ipv4 = n.prefixLength ? `${n.ipAddress}/${n.prefixLength}` : n.ipAddress;
        if (n.globalIPv6Address)
          att.ipv6 = n.globalIPv6PrefixLength
            ? `${n.globalIPv6Address}/${n.globalIPv6PrefixLength}`
            : n.globalIPv6Address;
        if (n.macAddress) att.mac = n.macAddress;
        if (n.gwPriority !== undefined) att.gwPriority = n.gwPriority;
        c.networks.push(att);
      }
      c.evidence.push(evidenceOf(o, r.line));
    }
  }
  // `docker ps -a` when inspect is missing (older collectors, a failed inspect): names, states.
  if (containers.size === 0) {
    for (const id of ['docker-ps-json', 'docker-ps', 'docker-ps-size']) {
      for (const o of hostOutputs(parsed, id)) {
        for (const r of recordsOf(o, 'docker-ps')) {
          const name = r.names[0];
          if (!name || containers.has(name)) continue;
          const c = get(name);
          c.id = r.id;
          c.image = r.image;
          // `Up 5 minutes`, `Exited (0) 3 minutes ago`, `Created`: the state is the first word.
          c.status = r.running ? 'running' : (/^(\w+)/.exec(r.status)?.[1]?.toLowerCase() ?? r.status);
          if (c.status === 'up') c.status = 'running';
          for (const net of r.networks ?? []) c.networks.push({ network: net });
          c.evidence.push(evidenceOf(o, r.line));
        }
      }
      if (containers.size > 0) break;
    }
  }
  // Scopes the collector captured (or aliased) for containers: network mode when inspect is absent.
  for (const [scope, info] of Object.entries(parsed.bundle.meta.scopes)) {
    if (info.kind !== 'container') continue;
    const c = get(info.name);
    if (info.id && !c.id) c.id = info.id;
    if (info.pid !== undefined && info.pid > 0 && c.pid === undefined) c.pid = info.pid;
    if (info.networkMode && !c.networkMode) c.networkMode = info.networkMode;
    if (!c.status && !info.sameAs && namespaces.some((n) => n.id === scope)) c.status = 'running';
  }
  // Docker names a container's gateway leg after its sandbox (`gateway_<sandbox id, 12 hex>`,
  // the name of its file under <exec-root>/netns) and keys it by the container id; older
  // engines may use the container id in the name: all three are looked up.
  const sandboxOf = new Map<string, string>();
  for (const o of hostOutputs(parsed, 'docker-container-inspect'))
    for (const r of recordsOf(o, 'docker-container-inspect')) {
      const sb = r.sandboxId ?? r.sandboxKey?.split('/').pop();
      if (sb) sandboxOf.set(sb, r.name);
    }
  for (const info of Object.values(parsed.bundle.meta.scopes)) {
    const sb = info.kind === 'container' ? info.sandboxKey?.split('/').pop() : undefined;
    if (sb && !sandboxOf.has(sb)) sandboxOf.set(sb, info.name);
  }
  const byIdPrefix = (ref: string): ModelContainer | undefined => {
    if (ref.length < 12) return undefined;
    for (const c of containers.values()) if (c.id?.startsWith(ref)) return c;
    for (const [sb, name] of sandboxOf) if (sb.startsWith(ref)) return containers.get(name);
    return undefined;
  };
  for (const n of networks) {
    for (const ep of n.endpoints) {
      if (ep.role === 'gateway') {
        // A container's way out of its overlay: keyed by its id, named after its sandbox.
        const ref = /^gateway_([0-9a-f]{12,64})$/.exec(ep.name)?.[1];
        const owner =
          (/^[0-9a-f]{64}$/.test(ep.key) ? byIdPrefix(ep.key) : undefined) ??
          (ref ? byIdPrefix(ref) : undefined);
        if (owner) {
          ep.container = owner.name;
          if (!owner.networks.some((x) => x.network === n.name)) {
            const att: ModelContainer['networks'][number] = { network: n.name, role: 'gateway' };
            if (ep.ipv4) att.ipv4 = ep.ipv4;
            if (ep.ipv6) att.ipv6 = ep.ipv6;
            if (ep.mac) att.mac = ep.mac;
            owner.networks.push(att);
          }
          owner.evidence.push(ep.evidence);
        }
        continue;
      }
      if (ep.role !== 'container') continue;
      const c = (/^[0-9a-f]{64}$/.test(ep.key) ? byIdPrefix(ep.key) : undefined) ?? get(ep.name);
      ep.container = c.name;
      if (!c.id && /^[0-9a-f]{12,64}$/.test(ep.key)) c.id = ep.key;
      if (!c.networks.some((x) => x.network === n.name)) {
        const att: ModelContainer['networks'][number] = { network: n.name };
        if (ep.ipv4) att.ipv4 = ep.ipv4;
        if (ep.ipv6) att.ipv6 = ep.ipv6;
        if (ep.mac) att.mac = ep.mac;
        c.networks.push(att);
      }
      c.evidence.push(ep.evidence);
    }
  }
  return [...containers.values()];
}

function hostOutputs(parsed: ParsedBundle, id: string): ParsedOutput[] {
  return parsed.outputs.filter((o) => o.run.scope === 'host' && o.run.id === id && o.status === 'parsed');
}

const PROXY_ARG = /-(proto|host-ip|host-port|container-ip|container-port)\s+(\S+)/g;

/** Strip a prefix length and brackets: 172.17.0.2/16 -> 172.17.0.2, [::1] -> ::1. */
function bareIp(ip: string | undefined): string | undefined {
  return ip?.split('/')[0]?.replace(/^\[|\]$/g, '');
}

/**
 * Published ports, merged from three places that each see part of the picture:
 * - docker-proxy, started once per published port and address family with the mapping on its
 *   command line (`-host-ip 0.0.0.0 -host-port 60000 -container-ip 172.17.0.2 -container-port 8080`),
 *   and its listening socket (absent when the userland proxy is off);
 * - docker inspect's NetworkSettings.Ports (what the engine recorded);
 * - the DNAT rules of the nat table (what the kernel actually does with the packets).
 * One entry per protocol, host address and host port.
 */
export function buildPublishedPorts(
  parsed: ParsedBundle,
  host: ModelNamespace | undefined,
  containers: ModelContainer[],
): ModelPublishedPort[] {
  const ports = new Map<string, ModelPublishedPort>();
  const add = (p: {
    proto: string;
    hostIp: string;
    hostPort: number;
    containerIp?: string | undefined;
    containerPort?: number | undefined;
    container?: string | undefined;
    source: PortSource;
    pid?: number | undefined;
    evidence: Evidence[];
  }) => {
    const hostIp = p.hostIp === '' ? '0.0.0.0' : p.hostIp;
    const key = `${p.proto}|${hostIp}|${p.hostPort}`;
    let port = ports.get(key);
    if (!port) {
      port = { proto: p.proto, hostIp, hostPort: p.hostPort, sources: [], evidence: [] };
      ports.set(key, port);
    }
    if (!port.sources.includes(p.source)) port.sources.push(p.source);
    if (p.containerIp && !port.containerIp) port.containerIp = p.containerIp;
    if (p.containerPort !== undefined && port.containerPort === undefined)
      port.containerPort = p.containerPort;
    if (p.container && !port.container) port.container = p.container;
    if (p.pid !== undefined && port.pid === undefined) port.pid = p.pid;
    port.evidence.push(...p.evidence);
  };

  for (const p of (host?.processes ?? []).filter((x) => x.name === 'docker-proxy')) {
    const args: Record<string, string> = {};
    for (const m of p.command.matchAll(PROXY_ARG)) args[m[1]!] = m[2]!;
    const hostPort = Number(args['host-port']);
    if (!Number.isInteger(hostPort)) continue;
    const evidence: Evidence[] = [p.evidence];
    const sock = host?.sockets.find((s) => s.pid === p.pid && s.localPortNumber === hostPort);
    if (sock) evidence.push(sock.evidence);
    add({
      proto: args.proto ?? 'tcp',
      hostIp: args['host-ip'] ?? '0.0.0.0',
      hostPort,
      containerIp: args['container-ip'],
      containerPort: args['container-port'] ? Number(args['container-port']) : undefined,
      source: 'docker-proxy',
      pid: p.pid,
      evidence,
    });
  }
  for (const s of (host?.sockets ?? []).filter((x) => x.program === 'docker-proxy' && x.listening)) {
    if (s.localPortNumber === undefined) continue;
    // A proxy known from ps already carries this socket's evidence.
    const known = [...ports.values()].some((p) => p.pid !== undefined && p.pid === s.pid);
    if (known) continue;
    add({
      proto: s.transport,
      hostIp: s.localAddress === '::' || s.localAddress === '[::]' ? '::' : s.localAddress,
      hostPort: s.localPortNumber,
      source: 'docker-proxy',
      pid: s.pid,
      evidence: [s.evidence],
    });
  }
  // The kernel's DNAT rules before docker inspect: where packets really go (inspect's first
  // network is not always the one the port is published through).
  for (const id of ['iptables-save', 'ip6tables-save']) {
    for (const o of hostOutputs(parsed, id)) {
      for (const r of recordsOf(o, 'iptables-save')) {
        if (r.kind !== 'rule' || r.table !== 'nat' || r.target !== 'DNAT') continue;
        const to = r.targetArgs.toDestination;
        const dport = Number(r.matches.dport);
        if (typeof to !== 'string' || !Number.isInteger(dport)) continue;
        const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(to);
        const v6 = id === 'ip6tables-save' || r.family === 'ipv6';
        add({
          proto: r.matches.proto ?? 'tcp',
          hostIp: bareIp(r.matches.destination) ?? (v6 ? '::' : '0.0.0.0'),
          hostPort: dport,
          containerIp: m?.[1] ?? to,
          containerPort: m ? Number(m[2]) : undefined,
          source: 'iptables-dnat',
          evidence: [evidenceOf(o, r.line)],
        });
      }
    }
  }
  for (const o of hostOutputs(parsed, 'docker-container-inspect')) {
    for (const r of recordsOf(o, 'docker-container-inspect')) {
      for (const b of r.ports) {
        const hostPort = Number(b.hostPort);
        if (!Number.isInteger(hostPort) || b.hostPort === '') continue;
        const v6 = b.hostIp.includes(':');
        const net = r.networks.find((n) => (v6 && n.globalIPv6Address) || n.ipAddress);
        add({
          proto: b.proto,
          hostIp: b.hostIp,
          hostPort,
          containerIp: (v6 ? net?.globalIPv6Address : undefined) ?? net?.ipAddress,
          containerPort: b.containerPort,
          container: r.name,
          source: 'docker-inspect',
          evidence: [evidenceOf(o, r.line)],
        });
      }
    }
  }
  for (const port of ports.values()) {
    if (port.container) continue;
    const owner = containers.find((c) =>
      c.networks.some((n) => bareIp(n.ipv4) === port.containerIp || bareIp(n.ipv6) === port.containerIp),
    );
    if (owner) port.container = owner.name;
  }
  return [...ports.values()];
}
