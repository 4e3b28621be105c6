/** The "model" stage: one parsed bundle -> one StepModel. The order of the steps matters. */
import type { ParsedBundle } from '../parsers/parse-bundle.js';
import { buildContainers, buildDocker, buildDockerNetworks, buildPublishedPorts } from './docker.js';
import { outputsOf } from './evidence.js';
import { buildFirewall } from './firewall.js';
import { buildHostSettings } from './host-settings.js';
import { buildIpRules } from './ip-rules.js';
import { buildNamespaces } from './namespaces.js';
import type { ModelNamespace, StepModel } from './types.js';
import { linkVeths } from './veth.js';

export function buildStepModel(parsed: ParsedBundle): StepModel {
  const namespaces = buildNamespaces(parsed);
  for (const ns of namespaces) addRoutingFacets(parsed, ns);
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

/** The firewall and policy rules of a namespace (the packet-path evaluator reads them). */
function addRoutingFacets(parsed: ParsedBundle, ns: ModelNamespace): void {
  const outputs = outputsOf(parsed.outputs, ns.id, undefined);
  const firewall = buildFirewall(outputs);
  if (firewall) ns.firewall = firewall;
  const ipRules = buildIpRules(outputs);
  if (ipRules) ns.ipRules = ipRules;
}
