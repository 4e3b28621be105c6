/** The swarm's ports between nodes, and who must reach each (the reach evaluator checks the paths). */
/** `what`: the port's role, said by `cfd.port.<what>` in the catalogs. */
export const SWARM_PORTS: {
  port: number;
  proto: 'tcp' | 'udp';
  what: 'management' | 'gossip' | 'vxlan';
  managersOnly?: boolean;
}[] = [
  { port: 2377, proto: 'tcp', what: 'management', managersOnly: true },
  { port: 7946, proto: 'tcp', what: 'gossip' },
  { port: 7946, proto: 'udp', what: 'gossip' },
  { port: 4789, proto: 'udp', what: 'vxlan' },
];
