/**
 * Which captures feed each facet of a namespace, in order of preference (design note: "typed
 * inputs, declared once"). A facet is built from the first group that has a parsed output in
 * the scope; the ids of one group are merged (plain `ip addr` for the lines the course shows,
 * `ip -d`/`ip -j` for kinds and details). The model records the ids it used in
 * `ModelNamespace.fedBy`, so nothing downstream keeps its own list of ids.
 *
 * Fallbacks exist for hosts and captures without iproute2 or nsenter: `ifconfig` (net-tools,
 * BusyBox), then the kernel's own files (sysfs for links, /proc/net for addresses and routes).
 */
import type { ParsedOutput } from '../parsers/parse-bundle.js';
import { outputsOf } from './evidence.js';
import type { NamespaceFacet } from './types.js';

export const FACET_SOURCES: Readonly<Record<NamespaceFacet, readonly (readonly string[])[]>> = {
  interfaces: [
    ['ip-addr', 'ip-d-addr', 'ip-link', 'ip-d-link', 'ip-j-addr', 'ip-j-link'],
    ['ifconfig'],
    ['sys-class-net', 'proc-net-if-inet6', 'proc-net-fib-trie', 'proc-net-route', 'proc-net-dev'],
  ],
  routes: [
    ['ip-route-main', 'ip-route', 'ip-route-local', 'ip-route-all', 'ip-6-route', 'ip-6-route-all'],
    ['ip-j-route-all', 'ip-j-6-route-all'],
    ['proc-net-route'],
  ],
  // Bridges also come from the interfaces' `master` (namespaces.ts): these add STP and port lists.
  bridges: [['brctl-show', 'bridge-link', 'bridge-d-link']],
  // One source only: mixing them would list each socket twice in slightly different spellings.
  sockets: [
    ['netstat'],
    ['ss'],
    ['proc-net-tcp', 'proc-net-tcp6', 'proc-net-udp', 'proc-net-udp6', 'proc-net-raw', 'proc-net-raw6'],
  ],
  processes: [['ps', 'pstree']],
};

/** The outputs of the first group of a facet that the scope has, and the ids they came from. */
export function facetOutputs(
  outputs: ParsedOutput[],
  scope: string,
  facet: NamespaceFacet,
): { outputs: ParsedOutput[]; ids: string[] } {
  for (const group of FACET_SOURCES[facet]) {
    const found = outputsOf(outputs, scope, group);
    if (found.length > 0) return { outputs: found, ids: [...new Set(found.map((o) => o.run.id))] };
  }
  return { outputs: [], ids: [] };
}
