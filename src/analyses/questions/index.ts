/**
 * The question registry: every question, listed explicitly and in the order a course asks them.
 * To add one: write src/analyses/questions/<id>.ts exporting a `Question`, list it here, and add
 * a case to test/analyses.test.ts.
 */
import type { Question } from '../types.js';
import { bridgeVsInterface } from './bridge-vs-interface.js';
import { containerNetwork } from './container-network.js';
import { containerProcesses } from './container-processes.js';
import { defaultBridgeInterface } from './default-bridge-interface.js';
import { defaultBridgePorts } from './default-bridge-ports.js';
import { defaultBridgeState } from './default-bridge-state.js';
import { defaultBridgeSubnet } from './default-bridge-subnet.js';
import { dockerFirewall } from './docker-firewall.js';
import { dockerNetworks } from './docker-networks.js';
import { gwbridge } from './gwbridge.js';
import { hostBridges } from './host-bridges.js';
import { hostInterfaces } from './host-interfaces.js';
import { hostRoutes } from './host-routes.js';
import { hostSockets } from './host-sockets.js';
import { ingressSandbox } from './ingress-sandbox.js';
import { linkdownRoute } from './linkdown-route.js';
import { proxyDualStack } from './proxy-dual-stack.js';
import { vethPeer } from './veth-peer.js';

export const questions: readonly Question[] = [
  hostInterfaces,
  hostBridges,
  hostRoutes,
  hostSockets,
  defaultBridgeInterface,
  defaultBridgeState,
  defaultBridgePorts,
  defaultBridgeSubnet,
  bridgeVsInterface,
  linkdownRoute,
  dockerNetworks,
  dockerFirewall,
  vethPeer,
  proxyDualStack,
  containerNetwork,
  containerProcesses,
  gwbridge,
  ingressSandbox,
];
