/**
 * Where an output comes from is kept apart from how it is read (design note, insights-core
 * "specs"): this table maps a manifest command id to the parser that reads it, plus what the
 * id implies that the output itself does not say (e.g. which routing table `ip route` showed).
 * Ids missing here are kept and shown raw in the report.
 */
/**
 * The part of the host model an output describes. Used to say which capture fed which facet
 * (and which fallback): the model decides how it reads them, this only names them.
 */
export type Facet =
  | 'interfaces'
  | 'addresses'
  | 'routes'
  | 'rules'
  | 'neighbours'
  | 'bridge-ports'
  | 'sockets'
  | 'processes'
  | 'firewall'
  | 'sysctls'
  | 'docker-engine'
  | 'docker-networks'
  | 'docker-containers'
  | 'swarm'
  | 'ipvs'
  | 'raw';

export interface CommandSpec {
  parser: string;
  /** The facet this id mainly feeds. */
  facet: Facet;
  /** Other facets the same records carry (`ip addr` names interfaces and their addresses). */
  alsoFeeds?: readonly Facet[];
  /** For ip-route ids: the table the routes belong to when a line does not say `table X`. */
  routeTable?: string;
  /** For `iptables -S` / `iptables -L` ids: the table shown (their output never names it). */
  iptablesTable?: string;
}

export const commandSpecs: Readonly<Record<string, CommandSpec>> = {
  'ip-addr': { parser: 'ip-addr', facet: 'interfaces', alsoFeeds: ['addresses'] },
  'ip-d-addr': { parser: 'ip-addr', facet: 'interfaces', alsoFeeds: ['addresses'] },
  'ip-link': { parser: 'ip-addr', facet: 'interfaces' },
  'ip-d-link': { parser: 'ip-addr', facet: 'interfaces' },
  'ip-route-main': { parser: 'ip-route', facet: 'routes', routeTable: 'main' },
  'ip-route': { parser: 'ip-route', facet: 'routes', routeTable: 'main' },
  'ip-route-local': { parser: 'ip-route', facet: 'routes', routeTable: 'local' },
  'ip-route-all': { parser: 'ip-route', facet: 'routes', routeTable: 'main' },
  'ip-6-route': { parser: 'ip-route', facet: 'routes', routeTable: 'main' },
  'ip-6-route-all': { parser: 'ip-route', facet: 'routes', routeTable: 'main' },
  'brctl-show': { parser: 'brctl-show', facet: 'bridge-ports' },
  netstat: { parser: 'netstat', facet: 'sockets', alsoFeeds: ['processes'] },
  ps: { parser: 'ps', facet: 'processes' },
  pstree: { parser: 'pstree', facet: 'processes' },
  'docker-version': { parser: 'docker-version', facet: 'docker-engine' },
  'docker-network-ls': { parser: 'docker-network-ls', facet: 'docker-networks' },
  'docker-network-inspect': {
    parser: 'docker-network-inspect',
    facet: 'docker-networks',
    alsoFeeds: ['swarm'],
  },
  'iptables-save': { parser: 'iptables-save', facet: 'firewall' },
  'ip6tables-save': { parser: 'iptables-save', facet: 'firewall' },
  'iptables-legacy-save': { parser: 'iptables-save', facet: 'firewall' },
  'nft-ruleset': { parser: 'nft-ruleset', facet: 'firewall' },
  'docker-container-inspect': { parser: 'docker-container-inspect', facet: 'docker-containers' },
  'docker-info': { parser: 'docker-info', facet: 'docker-engine', alsoFeeds: ['swarm'] },
  'docker-info-json': { parser: 'docker-info', facet: 'docker-engine', alsoFeeds: ['swarm'] },
  'docker-ps': { parser: 'docker-ps', facet: 'docker-containers' },
  'docker-ps-json': { parser: 'docker-ps', facet: 'docker-containers' },
  'docker-swarm': { parser: 'docker-swarm', facet: 'swarm' },
  'docker-daemon-json': { parser: 'docker-daemon-json', facet: 'docker-engine' },
  'docker-node-ls': { parser: 'docker-node-ls', facet: 'swarm' },
  'docker-node-inspect': { parser: 'docker-node-inspect', facet: 'swarm' },
  'sysctl-net': { parser: 'sysctl-net', facet: 'sysctls' },
  ss: { parser: 'ss', facet: 'sockets', alsoFeeds: ['processes'] },
  'ip-j-addr': { parser: 'ip-json', facet: 'interfaces', alsoFeeds: ['addresses'] },
  'ip-j-link': { parser: 'ip-json', facet: 'interfaces' },
  'ip-j-route-all': { parser: 'ip-json', facet: 'routes', routeTable: 'main' },
  'ip-j-6-route-all': { parser: 'ip-json', facet: 'routes', routeTable: 'main' },
  'ip-j-rule': { parser: 'ip-json', facet: 'rules' },
  'ip-j-neigh': { parser: 'ip-json', facet: 'neighbours' },
  'ip-rule': { parser: 'ip-rule', facet: 'rules' },
  'ip-6-rule': { parser: 'ip-rule', facet: 'rules' },
  'proc-net-tcp': { parser: 'proc-net-tcp', facet: 'sockets' },
  'proc-net-tcp6': { parser: 'proc-net-tcp', facet: 'sockets' },
  'proc-net-udp': { parser: 'proc-net-udp', facet: 'sockets' },
  'proc-net-udp6': { parser: 'proc-net-udp', facet: 'sockets' },
  'proc-net-raw': { parser: 'proc-net-raw', facet: 'sockets' },
  'proc-net-raw6': { parser: 'proc-net-raw', facet: 'sockets' },
  'proc-net-route': { parser: 'proc-net-route', facet: 'routes', routeTable: 'main' },
  'proc-net-dev': { parser: 'proc-net-dev', facet: 'interfaces' },
  'proc-net-if-inet6': { parser: 'proc-net-if-inet6', facet: 'addresses' },
  'proc-net-fib-trie': { parser: 'proc-net-fib-trie', facet: 'addresses', alsoFeeds: ['routes'] },
  'sys-class-net': { parser: 'sys-class-net', facet: 'interfaces', alsoFeeds: ['bridge-ports'] },
  'bridge-link': { parser: 'bridge-link', facet: 'bridge-ports' },
  'bridge-d-link': { parser: 'bridge-link', facet: 'bridge-ports' },
  'bridge-fdb': { parser: 'bridge-fdb', facet: 'neighbours' },
  // iptables -S / -L never print the table: the id says which (iptables-table.ts infers it otherwise).
  'iptables-S': { parser: 'iptables-save', facet: 'firewall', iptablesTable: 'filter' },
  'iptables-S-filter': { parser: 'iptables-save', facet: 'firewall', iptablesTable: 'filter' },
  'iptables-S-nat': { parser: 'iptables-save', facet: 'firewall', iptablesTable: 'nat' },
  'iptables-S-raw': { parser: 'iptables-save', facet: 'firewall', iptablesTable: 'raw' },
  'iptables-S-mangle': { parser: 'iptables-save', facet: 'firewall', iptablesTable: 'mangle' },
  'ip6tables-S': { parser: 'iptables-save', facet: 'firewall', iptablesTable: 'filter' },
  'ip6tables-S-nat': { parser: 'iptables-save', facet: 'firewall', iptablesTable: 'nat' },
  'ip6tables-S-raw': { parser: 'iptables-save', facet: 'firewall', iptablesTable: 'raw' },
  'iptables-L': { parser: 'iptables-list', facet: 'firewall', iptablesTable: 'filter' },
  'iptables-L-nat': { parser: 'iptables-list', facet: 'firewall', iptablesTable: 'nat' },
  'iptables-L-raw': { parser: 'iptables-list', facet: 'firewall', iptablesTable: 'raw' },
  'iptables-L-mangle': { parser: 'iptables-list', facet: 'firewall', iptablesTable: 'mangle' },
  'ip6tables-L': { parser: 'iptables-list', facet: 'firewall', iptablesTable: 'filter' },
  'ip6tables-L-nat': { parser: 'iptables-list', facet: 'firewall', iptablesTable: 'nat' },
  ifconfig: { parser: 'ifconfig', facet: 'interfaces', alsoFeeds: ['addresses'] },
  'ifconfig-a': { parser: 'ifconfig', facet: 'interfaces', alsoFeeds: ['addresses'] },
  'docker-network-inspect-verbose': {
    parser: 'docker-network-inspect',
    facet: 'docker-networks',
    alsoFeeds: ['swarm'],
  },
  'docker-ps-size': { parser: 'docker-ps', facet: 'docker-containers' },
};

export function specFor(id: string): CommandSpec | undefined {
  return Object.hasOwn(commandSpecs, id) ? commandSpecs[id] : undefined;
}
