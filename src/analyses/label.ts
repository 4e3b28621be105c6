/**
 * A step label from the content, for bundles whose manifest has no `step`: "Host without Docker",
 * "Docker engine, no containers", "1 container", "swarm manager, 2 containers".
 */
import type { StepModel } from '../model/types.js';
import { hostNs, isSwarm, plural } from './util.js';

export function suggestLabel(model: StepModel): string {
  if (!model.docker.installed) return 'Host without Docker';
  const n = model.containers.length;
  const containers = n === 0 ? 'no containers' : plural(n, 'container');
  if (isSwarm(model)) {
    const sockets = hostNs(model)?.sockets ?? [];
    const manager = sockets.some((s) => s.listening && s.localPortNumber === 2377);
    // 2377 listens only on managers; without a socket listing, a swarm-scope network still says "swarm".
    const role = manager ? 'swarm manager' : sockets.length > 0 ? 'swarm worker' : 'swarm node';
    return `${role}, ${containers}`;
  }
  return n === 0 ? 'Docker engine, no containers' : containers;
}
