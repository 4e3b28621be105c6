/**
 * The parser registry: every parser, listed explicitly (no directory scanning), so that a
 * newcomer sees them all in one place and the conformance test can walk them.
 * To add one: write src/parsers/<id>.ts, add fixtures under test/fixtures/<id>/, list it here.
 */
import { brctlShow } from './brctl-show.js';
import { bridgeFdb } from './bridge-fdb.js';
import { bridgeLink } from './bridge-link.js';
import { dockerContainerInspect } from './docker-container-inspect.js';
import { dockerDaemonJson } from './docker-daemon-json.js';
import { dockerInfo } from './docker-info.js';
import { dockerNetworkInspect } from './docker-network-inspect.js';
import { dockerNetworkLs } from './docker-network-ls.js';
import { dockerNodeInspect } from './docker-node-inspect.js';
import { dockerNodeLs } from './docker-node-ls.js';
import { dockerPs } from './docker-ps.js';
import { dockerSwarm } from './docker-swarm.js';
import { dockerVersion } from './docker-version.js';
import { ifconfig } from './ifconfig.js';
import { ipAddr } from './ip-addr.js';
import { ipJson } from './ip-json.js';
import { ipRoute } from './ip-route.js';
import { ipRule } from './ip-rule.js';
import { iptablesList } from './iptables-list.js';
import { iptablesSave } from './iptables-save.js';
import { netstat } from './netstat.js';
import { nftRuleset } from './nft-ruleset.js';
import { procNetDev } from './proc-net-dev.js';
import { procNetFibTrie } from './proc-net-fib-trie.js';
import { procNetIfInet6 } from './proc-net-if-inet6.js';
import { procNetRaw } from './proc-net-raw.js';
import { procNetRoute } from './proc-net-route.js';
import { procNetSockets } from './proc-net-sockets.js';
import { procNetTcp } from './proc-net-tcp.js';
import { procNetUdp } from './proc-net-udp.js';
import { ps } from './ps.js';
import { pstree } from './pstree.js';
import { ss } from './ss.js';
import { sysClassNet } from './sys-class-net.js';
import { sysctlNet } from './sysctl-net.js';
import type { Parser } from './types.js';

/**
 * Every parser by its id. The record type of each parser follows from this object
 * (`ParserRecords`), so the model asks for typed records by parser id (src/model/records.ts)
 * instead of casting, and a new parser is typed as soon as it is listed here.
 */
export const parserById = {
  'ip-addr': ipAddr,
  'ip-route': ipRoute,
  'brctl-show': brctlShow,
  netstat: netstat,
  ps: ps,
  pstree: pstree,
  'docker-version': dockerVersion,
  'docker-network-ls': dockerNetworkLs,
  'docker-network-inspect': dockerNetworkInspect,
  'iptables-save': iptablesSave,
  'nft-ruleset': nftRuleset,
  'docker-container-inspect': dockerContainerInspect,
  'docker-info': dockerInfo,
  'docker-ps': dockerPs,
  'docker-swarm': dockerSwarm,
  'docker-daemon-json': dockerDaemonJson,
  'docker-node-ls': dockerNodeLs,
  'docker-node-inspect': dockerNodeInspect,
  'sysctl-net': sysctlNet,
  ss: ss,
  'ip-json': ipJson,
  'ip-rule': ipRule,
  'proc-net-sockets': procNetSockets,
  'proc-net-tcp': procNetTcp,
  'proc-net-udp': procNetUdp,
  'proc-net-raw': procNetRaw,
  'proc-net-route': procNetRoute,
  'proc-net-dev': procNetDev,
  'proc-net-if-inet6': procNetIfInet6,
  'proc-net-fib-trie': procNetFibTrie,
  'sys-class-net': sysClassNet,
  'bridge-link': bridgeLink,
  'bridge-fdb': bridgeFdb,
  'iptables-list': iptablesList,
  ifconfig: ifconfig,
} as const;

export type ParserId = keyof typeof parserById;

/** The record type of each parser, from its `Parser<R>`. */
export type ParserRecords = {
  [K in ParserId]: (typeof parserById)[K] extends Parser<infer R> ? R : never;
};

export const parsers: readonly Parser[] = Object.values(parserById);

export function findParser(id: string): Parser | undefined {
  return parsers.find((p) => p.id === id);
}
