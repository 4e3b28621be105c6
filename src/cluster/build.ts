/**
 * The cluster stage: several nodes' StepModels (one bundle per node, same time) -> one
 * ClusterModel. The stages run in this order, each reading what the ones before it built
 * (tunnels and services match addresses to the nodes; ingress names the services' ports).
 */
import type { StepModel } from '../model/types.js';
import { ingress } from './ingress.js';
import type { ClusterStage, NodeInput } from './input.js';
import { nodes } from './nodes.js';
import { overlays } from './overlays.js';
import { services } from './services.js';
import { tunnels } from './tunnels.js';
import type { ClusterModel } from './types.js';

export const clusterStages: readonly ClusterStage[] = [nodes, overlays, tunnels, services, ingress];

/** `models[k]` is the node of report step k + 1. */
export function buildClusterModel(models: StepModel[]): ClusterModel {
  const inputs: NodeInput[] = models.map((model, k) => ({ step: k + 1, model }));
  const model: ClusterModel = { nodes: [], overlays: [], tunnels: [], services: [], ingress: [] };
  for (const s of clusterStages) s.build(inputs, model);
  return model;
}
