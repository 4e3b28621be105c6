/** The swarm's ports between nodes, and who must reach each (the reach evaluator checks the paths). */
export const SWARM_PORTS: { port: number; proto: 'tcp' | 'udp'; what: string; managersOnly?: boolean }[] = [
  { port: 2377, proto: 'tcp', what: 'cluster management', managersOnly: true },
  { port: 7946, proto: 'tcp', what: 'gossip' },
  { port: 7946, proto: 'udp', what: 'gossip' },
  { port: 4789, proto: 'udp', what: 'VXLAN data' },
];
