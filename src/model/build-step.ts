/** The "model" stage: one parsed bundle -> one StepModel. The order of the steps matters. */
import type { ParsedBundle } from '../parsers/parse-bundle.js';
import { buildContainers, buildDocker, buildDockerNetworks, buildPublishedPorts } from './docker.js';
import { buildEngineFirewall } from './engine-firewall.js';
import { outputsOf } from './evidence.js';
import { buildFirewall } from './firewall.js';
import { buildHostSettings } from './host-settings.js';
import { resolveIdentity } from './identity.js';
import { buildIpRules } from './ip-rules.js';
import { linkChildren } from './links.js';
import { buildNamespaces } from './namespaces.js';
import { buildFdb, buildNeighbours } from './neighbours.js';
import type { ModelNamespace, StepModel } from './types.js';
import { linkVeths } from './veth.js';

export function buildStepModel(parsed: ParsedBundle): StepModel {
  const dockerNetworks = buildDockerNetworks(parsed);
  const built = buildNamespaces(parsed);
  for (const ns of built) addRoutingFacets(parsed, ns);
  // Identity first (whose namespace is which, who shares it), then the links across namespaces.
  const containers = buildContainers(parsed, dockerNetworks, built);
  const { namespaces, staleNamespaces } = resolveIdentity(parsed, built, containers, dockerNetworks);
  const { links: vethLinks, ambiguous: ambiguousVeths } = linkVeths(namespaces);
  const host = namespaces.find((n) => n.id === 'host');
  const docker = buildDocker(parsed);
  const publishedPorts = buildPublishedPorts(parsed, host, containers);
  const settings = buildHostSettings(parsed);
  // dockerd's command line says it, else the processes do: published ports and no docker-proxy.
  if (settings.dockerDaemon?.userlandProxy !== undefined)
    docker.userlandProxy = settings.dockerDaemon.userlandProxy;
  else if (publishedPorts.length > 0 && (host?.processes.length ?? 0) > 0)
    docker.userlandProxy = publishedPorts.some((p) => p.sources.includes('docker-proxy'));
  const engineFirewall = buildEngineFirewall(parsed, docker, settings.dockerDaemon, host?.processes ?? []);
  if (engineFirewall) docker.engineFirewall = engineFirewall;
  return {
    hostname: parsed.bundle.meta.hostname || host?.name || '',
    namespaces,
    vethLinks,
    ambiguousVeths,
    links: linkChildren(namespaces, dockerNetworks),
    staleNamespaces,
    docker,
    dockerNetworks,
    containers,
    publishedPorts,
    ...settings,
  };
}

/** The firewall and policy rules of a namespace (the packet-path evaluator reads them). */
function addRoutingFacets(parsed: ParsedBundle, ns: ModelNamespace): void {
  // Before identity.ts renames namespaces to their owners, the first scope is the captured one.
  const outputs = outputsOf(parsed.outputs, ns.scopes[0] ?? ns.id, undefined);
  const firewall = buildFirewall(outputs);
  if (firewall) ns.firewall = firewall;
  const ipRules = buildIpRules(outputs);
  if (ipRules) ns.ipRules = ipRules;
  // Remote VTEPs and neighbours: the cluster view joins nodes by them (src/cluster/).
  const fdb = buildFdb(outputs);
  if (fdb) ns.fdb = fdb;
  const neighbours = buildNeighbours(outputs);
  if (neighbours) ns.neighbours = neighbours;
}
