/** The "model" stage: one parsed bundle -> one StepModel. The order of the steps matters. */
import type { ParsedBundle } from '../parsers/parse-bundle.js';
import { buildContainers, buildDocker, buildDockerNetworks, buildPublishedPorts } from './docker.js';
import { buildHostSettings } from './host-settings.js';
import { buildNamespaces } from './namespaces.js';
import type { StepModel } from './types.js';
import { linkVeths } from './veth.js';

export function buildStepModel(parsed: ParsedBundle): StepModel {
  const namespaces = buildNamespaces(parsed);
  const { links: vethLinks, ambiguous: ambiguousVeths } = linkVeths(namespaces);
  const dockerNetworks = buildDockerNetworks(parsed);
  const containers = buildContainers(parsed, dockerNetworks, namespaces);
  const host = namespaces.find((n) => n.id === 'host');
  return {
    hostname: parsed.bundle.meta.hostname || host?.name || '',
    namespaces,
    vethLinks,
    ambiguousVeths,
    docker: buildDocker(parsed),
    dockerNetworks,
    containers,
    publishedPorts: buildPublishedPorts(parsed, host, containers),
    ...buildHostSettings(parsed),
  };
}
