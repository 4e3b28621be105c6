/**
 * Where an output comes from is kept apart from how it is read (design note, insights-core
 * "specs"): this table maps a manifest command id to the parser that reads it, plus what the
 * id implies that the output itself does not say (e.g. which routing table `ip route` showed).
 * Ids missing here are kept and shown raw in the report.
 */
export interface CommandSpec {
  parser: string;
  /** For ip-route ids: the table the routes belong to when a line does not say `table X`. */
  routeTable?: string;
}

export const commandSpecs: Readonly<Record<string, CommandSpec>> = {
  'ip-addr': { parser: 'ip-addr' },
  'ip-d-addr': { parser: 'ip-addr' },
  'ip-link': { parser: 'ip-addr' },
  'ip-d-link': { parser: 'ip-addr' },
  'ip-route-main': { parser: 'ip-route', routeTable: 'main' },
  'ip-route': { parser: 'ip-route', routeTable: 'main' },
  'ip-route-local': { parser: 'ip-route', routeTable: 'local' },
  'ip-route-all': { parser: 'ip-route', routeTable: 'main' },
  'ip-6-route': { parser: 'ip-route', routeTable: 'main' },
  'ip-6-route-all': { parser: 'ip-route', routeTable: 'main' },
  'brctl-show': { parser: 'brctl-show' },
  netstat: { parser: 'netstat' },
  ps: { parser: 'ps' },
  pstree: { parser: 'pstree' },
  'docker-version': { parser: 'docker-version' },
  'docker-network-ls': { parser: 'docker-network-ls' },
  'docker-network-inspect': { parser: 'docker-network-inspect' },
  'iptables-save': { parser: 'iptables-save' },
  'ip6tables-save': { parser: 'iptables-save' },
  'iptables-legacy-save': { parser: 'iptables-save' },
  'nft-ruleset': { parser: 'nft-ruleset' },
  'docker-container-inspect': { parser: 'docker-container-inspect' },
  'docker-info': { parser: 'docker-info' },
  'docker-info-json': { parser: 'docker-info' },
  'docker-ps': { parser: 'docker-ps' },
  'docker-ps-json': { parser: 'docker-ps' },
  'docker-swarm': { parser: 'docker-swarm' },
  'docker-node-ls': { parser: 'docker-node-ls' },
  'sysctl-net': { parser: 'sysctl-net' },
  ss: { parser: 'ss' },
  'ip-j-addr': { parser: 'ip-json' },
  'ip-j-link': { parser: 'ip-json' },
  'ip-j-route-all': { parser: 'ip-json', routeTable: 'main' },
  'ip-j-6-route-all': { parser: 'ip-json', routeTable: 'main' },
  'ip-j-rule': { parser: 'ip-json' },
  'ip-j-neigh': { parser: 'ip-json' },
  'ip-rule': { parser: 'ip-rule' },
  'ip-6-rule': { parser: 'ip-rule' },
  'proc-net-tcp': { parser: 'proc-net-tcp' },
  'proc-net-tcp6': { parser: 'proc-net-tcp' },
  'proc-net-udp': { parser: 'proc-net-udp' },
  'proc-net-udp6': { parser: 'proc-net-udp' },
  'proc-net-raw': { parser: 'proc-net-raw' },
  'proc-net-raw6': { parser: 'proc-net-raw' },
  'proc-net-route': { parser: 'proc-net-route', routeTable: 'main' },
  'proc-net-dev': { parser: 'proc-net-dev' },
  'proc-net-if-inet6': { parser: 'proc-net-if-inet6' },
  'proc-net-fib-trie': { parser: 'proc-net-fib-trie' },
  'sys-class-net': { parser: 'sys-class-net' },
};

export function specFor(id: string): CommandSpec | undefined {
  return Object.hasOwn(commandSpecs, id) ? commandSpecs[id] : undefined;
}
