/**
 * @module scheduler/plugins/node-name
 * NodeName: a pod that names a node in spec.nodeName fits only that node.
 */
import type { Pod } from '../../api/core/pods/types.js';
import { Status, type ClusterEvent, type FilterPlugin } from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

/** True when the pod names no node or names this one. */
export function fits(pod: Pod, node: NodeInfo): boolean {
  return !pod.spec.nodeName || pod.spec.nodeName === node.name;
}

export function newNodeName(): FilterPlugin {
  return {
    name: NAME,
    eventsToRegister: (): ClusterEvent[] => ['NodeAdd'],
    filter: (_state, pod, node) => (fits(pod, node) ? Status.success() : Status.unresolvable(ERR_REASON)),
  };
}
