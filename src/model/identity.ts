/**
 * Identity before attributes: a network namespace is one object however many containers use it,
 * keyed by its inode (from the collector) and owned by the container that created it.
 *
 *   docker run --name orders-api ...                     creates a namespace (owner)
 *   docker run --name sidecar --network container:orders-api ...   joins it (sharer)
 *   docker run --network host ...                        runs in the host's namespace
 *
 * The collector captures each namespace once, under the scope of whichever container it met
 * first, and marks the other scopes `sameAs` (manifest.json). So a namespace captured as
 * `container:sidecar` is orders-api's: it is renamed to its owner here, its sharers listed, and
 * Docker's sandbox files (`<exec-root>/netns/<12 hex>`) recorded as aliases of it. Files there
 * that are no namespace any more (the bind mount is gone, as after a crash) are stale, not
 * empty sandboxes. Runs after namespaces and containers are built and before anything links
 * interfaces across namespaces.
 */
import type { DockerContainer } from '../parsers/docker-container-inspect.js';
import type { ParsedBundle } from '../parsers/parse-bundle.js';
import { evidenceOf } from './evidence.js';
import { recordsOf } from './records.js';
import type {
  Evidence,
  ModelContainer,
  ModelDockerNetwork,
  ModelNamespace,
  StaleNamespace,
} from './types.js';

/** States in which a container's processes exist, so its namespace does. */
const LIVE = new Set(['running', 'paused', 'restarting']);

export function resolveIdentity(
  parsed: ParsedBundle,
  namespaces: ModelNamespace[],
  containers: ModelContainer[],
  networks: ModelDockerNetwork[],
): { namespaces: ModelNamespace[]; staleNamespaces: StaleNamespace[] } {
  const meta = parsed.bundle.meta.scopes;
  const byName = new Map(containers.map((c) => [c.name, c]));
  const byRef = (ref: string): ModelContainer | undefined =>
    byName.get(ref.replace(/^\//, '')) ??
    (ref.length >= 12 ? containers.find((c) => c.id?.startsWith(ref)) : undefined);

  // How each container is networked, from its network mode.
  for (const c of containers) {
    const mode = c.networkMode ?? '';
    const shared = /^container:(.+)$/.exec(mode)?.[1];
    if (shared !== undefined) {
      c.networking = 'shared';
      const owner = byRef(shared);
      c.sharesWith = owner?.name ?? shared;
    } else if (mode === 'host') c.networking = 'host';
    else if (mode === 'none') c.networking = 'none';
    else if (mode) c.networking = 'own';
  }
  /** The container whose namespace a container is in: follows container:X chains. */
  const ownerOf = (c: ModelContainer): ModelContainer => {
    let cur = c;
    for (let i = 0; i < 8 && cur.networking === 'shared' && cur.sharesWith; i++) {
      const next = byName.get(cur.sharesWith);
      if (!next || next === cur) break;
      cur = next;
    }
    return cur;
  };

  // A namespace captured under a sharer's scope is its owner's.
  for (const ns of namespaces) {
    if (ns.kind !== 'container' || !ns.container) continue;
    const captured = byName.get(ns.container);
    if (!captured) continue;
    const owner = ownerOf(captured);
    if (owner !== captured && owner.networking !== 'host') {
      ns.id = `container:${owner.name}`;
      ns.name = owner.name;
      ns.container = owner.name;
    }
  }

  // Aliases: every scope marked sameAs joins the namespace it names.
  const byScope = new Map<string, ModelNamespace>();
  for (const ns of namespaces) for (const s of ns.scopes) byScope.set(s, ns);
  for (const [scope, info] of Object.entries(meta)) {
    if (!info.sameAs) continue;
    const target = byScope.get(info.sameAs);
    if (!target) continue;
    if (!target.scopes.includes(scope)) target.scopes.push(scope);
    if (info.kind === 'netns' && info.path && !target.sandboxKey) target.sandboxKey = info.path;
    if (info.kind === 'container' && info.sandboxKey && !target.sandboxKey)
      target.sandboxKey = info.sandboxKey;
  }

  // A container sandbox file captured on its own (its container was not, e.g. no nsenter for
  // it): the container's namespace after all, when a container names that file.
  const inspect = inspectRecords(parsed);
  for (const ns of namespaces) {
    if (ns.kind !== 'sandbox' || ns.role !== 'sandbox') continue;
    const r = inspect.find(
      (x) => (ns.sandboxKey && x.sandboxKey === ns.sandboxKey) || x.sandboxId?.startsWith(ns.name),
    );
    const c = r ? byName.get(r.name) : undefined;
    if (!c || namespaces.some((n) => n.container === c.name)) continue;
    const owner = ownerOf(c);
    ns.role = 'container';
    ns.container = owner.name;
  }

  // Who lives where.
  const host = namespaces.find((n) => n.id === 'host');
  for (const c of containers) {
    const live = c.status === undefined || LIVE.has(c.status);
    if (!live) continue;
    if (c.networking === 'host') {
      if (host) {
        c.namespace = host.id;
        host.hostModeContainers = [...(host.hostModeContainers ?? []), c.name];
      }
      continue;
    }
    const owner = ownerOf(c);
    const ns = namespaces.find((n) => n.container === owner.name);
    if (!ns) continue;
    c.namespace = ns.id;
    if (owner !== c && !ns.sharers.includes(c.name)) ns.sharers.push(c.name);
  }

  // Endpoints: the namespace each one lives in.
  for (const net of networks) {
    for (const ep of net.endpoints) {
      if (ep.container) {
        const c = byName.get(ep.container);
        if (c?.namespace) ep.namespace = c.namespace;
        continue;
      }
      let ns: ModelNamespace | undefined;
      // The ingress sandbox has a leg on ingress and one on docker_gwbridge (gateway_ingress-sbox).
      if (ep.role === 'ingress' || ep.key === 'ingress-sbox')
        ns = namespaces.find((n) => n.role === 'ingress');
      else if (ep.role === 'load-balancer')
        ns = namespaces.find(
          (n) => n.role === 'load-balancer' && net.id.startsWith(n.name.replace(/^lb_/, '')),
        );
      if (ns) ep.namespace = ns.id;
    }
  }

  const stale = staleNamespaces(parsed, namespaces, inspect);
  const staleScopes = new Set(stale.map((s) => `netns:${s.name}`));
  return {
    namespaces: namespaces.filter((n) => !n.scopes.some((s) => staleScopes.has(s))),
    staleNamespaces: stale,
  };
}

function inspectRecords(parsed: ParsedBundle): DockerContainer[] {
  return parsed.outputs
    .filter((o) => o.run.scope === 'host' && o.run.id === 'docker-container-inspect' && o.status === 'parsed')
    .flatMap((o) => recordsOf(o, 'docker-container-inspect'));
}

/** nsenter's words when the file it was given is not a namespace (any more). */
const NOT_A_NAMESPACE = /reassociate to namespace|Invalid argument|not a namespace|No such file/i;

/**
 * Stale namespace files: the collector says so (`stale` on the scope), or, for bundles of older
 * collectors, every command of a netns scope failed because nsenter could not enter the file.
 */
function staleNamespaces(
  parsed: ParsedBundle,
  namespaces: ModelNamespace[],
  inspect: DockerContainer[],
): StaleNamespace[] {
  const out: StaleNamespace[] = [];
  for (const [scope, info] of Object.entries(parsed.bundle.meta.scopes)) {
    if (info.kind !== 'netns' || info.sameAs) continue;
    const runs = parsed.outputs.filter((o) => o.run.scope === scope);
    let reason = info.stale;
    if (!reason && runs.length > 0) {
      const entered = runs.some((o) => o.status === 'parsed' && o.records.length > 0);
      const refused = runs.filter((o) => o.run.exitCode !== 0 && NOT_A_NAMESPACE.test(o.stderrHead ?? ''));
      if (
        !entered &&
        refused.length > 0 &&
        refused.length === runs.filter((o) => o.run.exitCode !== 0).length
      )
        reason = `nsenter could not enter it: ${refused[0]!.stderrHead}`;
    }
    if (!reason) continue;
    const evidence: Evidence[] = runs.slice(0, 1).map((o) => evidenceOf(o));
    const listing = parsed.outputs.find((o) => o.run.scope === 'host' && o.run.id === 'docker-netns-ls');
    if (listing) evidence.unshift(evidenceOf(listing));
    const s: StaleNamespace = { name: info.name, reason, evidence };
    if (info.path) s.path = info.path;
    const left = inspect.find(
      (x) => x.sandboxId?.startsWith(info.name) || (info.path && x.sandboxKey === info.path),
    );
    if (left) s.leftBy = left.name;
    // Not a namespace of its own: drop any empty one built for it.
    const i = namespaces.findIndex((n) => n.scopes.includes(scope));
    if (i >= 0 && namespaces[i]!.interfaces.length === 0) namespaces.splice(i, 1);
    out.push(s);
  }
  return out;
}
