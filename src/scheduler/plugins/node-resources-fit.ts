/**
 * @module scheduler/plugins/node-resources-fit
 * NodeResourcesFit: the pod's requests (see framework/resources) must fit in what the node's
 * allocatable leaves after the pods already assigned (assumed ones included): `Too many pods`,
 * `Insufficient cpu`, `Insufficient memory`, `Insufficient ephemeral-storage`,
 * `Insufficient <extended resource>`. Scores with the LeastAllocated strategy over cpu and memory.
 */
import type { Pod } from '../../api/core/pods/types.js';
import {
  MAX_NODE_SCORE,
  Status,
  type ClusterEvent,
  type FilterPlugin,
  type PreFilterPlugin,
  type ScorePlugin,
} from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';
import { podRequests, type Resources } from '../framework/resources.js';

export const NAME = 'NodeResourcesFit';

/** Every reason `req` does not fit on `node`, in upstream's order; empty when it fits. */
export function insufficientResources(req: Resources, node: NodeInfo): string[] {
  const out: string[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.pods.size + 1 > alloc.allowedPodNumber) out.push('Too many pods');
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0)
    return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) out.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) out.push('Insufficient memory');
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage)
    out.push('Insufficient ephemeral-storage');
  for (const [name, want] of req.scalar) {
    if (want > 0 && want > (alloc.scalar.get(name) ?? 0) - (used.scalar.get(name) ?? 0))
      out.push(`Insufficient ${name}`);
  }
  return out;
}

/** LeastAllocated for one resource: the free share of allocatable, 0–100 (0 when over). */
function leastAllocated(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** Upstream's default scoring: cpu and memory, weight 1 each, counted with non-zero defaults. */
export function leastAllocatedScore(pod: Pod, node: NodeInfo): number {
  const req = podRequests(pod).nonZero;
  const cpu = leastAllocated(node.nonZeroRequested.milliCPU + req.milliCPU, node.allocatable.milliCPU);
  const mem = leastAllocated(node.nonZeroRequested.memory + req.memory, node.allocatable.memory);
  return Math.floor((cpu + mem) / 2);
}

export function newNodeResourcesFit(): PreFilterPlugin & FilterPlugin & ScorePlugin {
  return {
    name: NAME,
    eventsToRegister: (): ClusterEvent[] => [
      'NodeAdd',
      'NodeUpdateAllocatable',
      'AssignedPodDelete',
      'AssignedPodUpdate',
    ],
    preFilter: () => Status.success(),
    filter(_state, pod, node) {
      const reasons = insufficientResources(podRequests(pod).requests, node);
      return reasons.length ? Status.unschedulable(...reasons) : Status.success();
    },
    score: (_state, pod, node) => leastAllocatedScore(pod, node),
  };
}
