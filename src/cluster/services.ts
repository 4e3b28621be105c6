/**
 * Services with their VIP and tasks, from each node's `docker network inspect --verbose`
 * (`Services`), merged by network and service name: a node lists the tasks it knows of (a
 * manager more than a worker), and each task's `Host IP` names the node running it.
 *
 *   "web": { "VIP": "10.77.0.4", "Ports": [], "Tasks": [ { "Name": "web.1.x", "EndpointIP":
 *            "10.77.0.5", "Info": { "Host IP": "10.99.0.3" } } ] }
 *
 * The entry named `""` holds containers attached with `docker run` (no service): they are the
 * overlays' containers, not a service.
 */
import { at } from './evidence.js';
import type { ClusterStage } from './input.js';
import { nodeByAddress } from './nodes.js';
import { isOverlay } from './overlays.js';
import type { ClusterService } from './types.js';

export const services: ClusterStage = {
  id: 'services',
  build(inputs, model) {
    const byKey = new Map<string, ClusterService>();
    for (const i of inputs) {
      for (const n of i.model.dockerNetworks.filter(isOverlay)) {
        for (const sv of n.services ?? []) {
          if (sv.name === '') continue;
          const key = `${n.id} ${sv.name}`;
          let s = byKey.get(key);
          if (!s) {
            s = { name: sv.name, network: n.id, networkName: n.name, ports: [], tasks: [], evidence: [] };
            byKey.set(key, s);
          }
          if (sv.vip && !s.vip) s.vip = sv.vip;
          for (const p of sv.ports ?? []) if (!s.ports.includes(p)) s.ports.push(p);
          for (const t of sv.tasks) {
            if (s.tasks.some((x) => x.name === t.name)) continue;
            const node = t.hostIp ? nodeByAddress(model, t.hostIp)?.key : undefined;
            s.tasks.push({ ...t, ...(node ? { node } : {}) });
          }
          s.evidence.push(...at(i.step, n.evidence[0]));
        }
      }
    }
    model.services = [...byKey.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.networkName.localeCompare(b.networkName),
    );
  },
};

/** `Target: 80, Publish: 8080` (libnetwork's form) -> the published port. */
export function publishedPortOf(
  text: string,
): { port: number; target?: number; proto: 'tcp' | 'udp' } | undefined {
  const pub = /Publish(?:ed)?\s*:?\s*(\d+)/i.exec(text)?.[1];
  if (!pub) return undefined;
  const target = /Target\s*:?\s*(\d+)/i.exec(text)?.[1];
  return {
    port: Number(pub),
    ...(target ? { target: Number(target) } : {}),
    proto: /udp/i.test(text) ? 'udp' : 'tcp',
  };
}
