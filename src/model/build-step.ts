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
  return {
    hostname: parsed.bundle.meta.hostname || host?.name || '',
    namespaces,
    vethLinks,
    ambiguousVeths,
    links: linkChildren(namespaces, dockerNetworks),
    staleNamespaces,
    docker: buildDocker(parsed),
    dockerNetworks,
    containers,
    publishedPorts: buildPublishedPorts(parsed, host, containers),
    ...buildHostSettings(parsed),
  };
}
