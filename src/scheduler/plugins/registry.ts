/**
 * @module scheduler/plugins/registry
 * The in-tree plugins by name, and the default profile: which plugins run, in upstream's order,
 * and the score weights of upstream's default configuration.
 */
import type { AnyPlugin } from '../framework/interface.js';
import type { FilterRunner } from './default-preemption.js';
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudgets/types.js';
import { newBalancedAllocation, NAME as BALANCED } from './balanced-allocation.js';
import { newDefaultPreemption, NAME as PREEMPTION } from './default-preemption.js';
import { newImageLocality, NAME as IMAGE_LOCALITY } from './image-locality.js';
import { newInterPodAffinity, NAME as INTER_POD_AFFINITY } from './inter-pod-affinity.js';
import { newNodeAffinity, NAME as NODE_AFFINITY } from './node-affinity.js';
import { newNodeName, NAME as NODE_NAME } from './node-name.js';
import { newNodePorts, NAME as NODE_PORTS } from './node-ports.js';
import { newNodeResourcesFit, NAME as FIT } from './node-resources-fit.js';
import { newNodeUnschedulable, NAME as UNSCHEDULABLE } from './node-unschedulable.js';
import { newPodTopologySpread, NAME as SPREAD } from './pod-topology-spread.js';
import { newTaintToleration, NAME as TAINTS } from './taint-toleration.js';

/**
 * What factories may use: a way to re-run the profile's filters (for preemption's dry run) and the
 * PodDisruptionBudgets (which preemption prefers not to violate).
 */
export interface PluginHandle {
  runFilters: FilterRunner;
  pdbs(): readonly PodDisruptionBudget[];
}

export type PluginFactory = (handle: () => PluginHandle) => AnyPlugin;

export const IN_TREE_REGISTRY: Readonly<Record<string, PluginFactory>> = {
  [UNSCHEDULABLE]: () => newNodeUnschedulable(),
  [NODE_NAME]: () => newNodeName(),
  [TAINTS]: () => newTaintToleration(),
  [NODE_AFFINITY]: () => newNodeAffinity(),
  [NODE_PORTS]: () => newNodePorts(),
  [FIT]: () => newNodeResourcesFit(),
  [SPREAD]: () => newPodTopologySpread(),
  [INTER_POD_AFFINITY]: () => newInterPodAffinity(),
  [PREEMPTION]: (handle) =>
    newDefaultPreemption(
      () => handle().runFilters,
      () => handle().pdbs(),
    ),
  [BALANCED]: () => newBalancedAllocation(),
  [IMAGE_LOCALITY]: () => newImageLocality(),
};

/** Upstream's default plugin order (filters run in this order; the first rejection wins). */
export const DEFAULT_PLUGINS: readonly string[] = [
  UNSCHEDULABLE,
  NODE_NAME,
  TAINTS,
  NODE_AFFINITY,
  NODE_PORTS,
  FIT,
  SPREAD,
  INTER_POD_AFFINITY,
  PREEMPTION,
  BALANCED,
  IMAGE_LOCALITY,
];

/** Upstream's default score weights. */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  [TAINTS]: 3,
  [NODE_AFFINITY]: 2,
  [SPREAD]: 2,
  [INTER_POD_AFFINITY]: 2,
  [FIT]: 1,
  [BALANCED]: 1,
  [IMAGE_LOCALITY]: 1,
};
