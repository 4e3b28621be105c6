/** What the cluster stages read: each node's model with its report step (1-based). */
import type { StepModel } from '../model/types.js';
import type { ClusterModel } from './types.js';

export interface NodeInput {
  step: number;
  model: StepModel;
}

/** A stage fills one part of the model from the nodes and the parts built before it. */
export interface ClusterStage {
  id: keyof ClusterModel;
  build(inputs: NodeInput[], model: ClusterModel): void;
}
