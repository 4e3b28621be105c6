/** The "model" stage: one parsed bundle -> one StepModel. The order of the steps matters. */
import type { ParsedBundle } from '../parsers/parse-bundle.js';
import { buildContainers, buildDocker, buildDockerNetworks, buildPublishedPorts } from './docker.js';
import { buildHostSettings } from './host-settings.js';
import { resolveIdentity } from './identity.js';
import { linkChildren } from './links.js';
import { buildNamespaces } from './namespaces.js';
import type { StepModel } from './types.js';
import { linkVeths } from './veth.js';

export function buildStepModel(parsed: ParsedBundle): StepModel {
  const dockerNetworks = buildDockerNetworks(parsed);
  // Identity first (whose namespace is which, who shares it), then the links across namespaces.
  const built = buildNamespaces(parsed);
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
