/**
 * @module scheduler/plugins/node-unschedulable
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { Pod } from '../../api/core/pods/types.js';
import { Status, type ClusterEvent, type FilterPlugin } from '../framework/interface.js';
import { toleratesTaint } from '../framework/matching.js';
import type { NodeInfo } from '../framework/node-info.js';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export function fits(pod: Pod, node: NodeInfo): boolean {
  if (!node.node.spec?.unschedulable) return true;
  return (pod.spec.tolerations ?? []).some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT));
}

export function newNodeUnschedulable(): FilterPlugin {
  return {
    name: NAME,
    eventsToRegister: (): ClusterEvent[] => ['NodeAdd', 'NodeUpdateSpecUnschedulable', 'NodeUpdateTaint'],
    filter: (_state, pod, node) => (fits(pod, node) ? Status.success() : Status.unresolvable(ERR_REASON)),
  };
}
