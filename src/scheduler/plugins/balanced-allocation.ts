/**
 * @module scheduler/plugins/balanced-allocation
 * NodeResourcesBalancedAllocation: prefers nodes where cpu and memory would be used in similar
 * proportions after placing the pod: 100 · (1 − |cpuFraction − memFraction| / 2).
 */
import type { Pod } from '../../api/core/pods/types.js';
import { MAX_NODE_SCORE, type ScorePlugin } from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';
import { podRequests } from '../framework/resources.js';

export const NAME = 'NodeResourcesBalancedAllocation';

function fraction(requested: number, capacity: number): number {
  if (capacity === 0) return 1;
  return Math.min(1, requested / capacity);
}

export function balancedScore(pod: Pod, node: NodeInfo): number {
  const req = podRequests(pod).requests;
  const cpu = fraction(node.requested.milliCPU + req.milliCPU, node.allocatable.milliCPU);
  const mem = fraction(node.requested.memory + req.memory, node.allocatable.memory);
  const std = Math.abs(cpu - mem) / 2;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function newBalancedAllocation(): ScorePlugin {
  return { name: NAME, score: (_state, pod, node) => balancedScore(pod, node) };
}
