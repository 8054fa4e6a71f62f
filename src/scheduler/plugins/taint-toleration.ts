/**
 * @module scheduler/plugins/taint-toleration
 * TaintToleration: a node with a NoSchedule or NoExecute taint the pod does not tolerate is
 * filtered out (`node(s) had untolerated taint {key: value}`); PreferNoSchedule taints the pod
 * does not tolerate lower the node's score.
 */
import type { Taint } from '../../api/core/nodes/types.js';
import type { Pod, Toleration } from '../../api/core/pods/types.js';
import { Status, type ClusterEvent, type FilterPlugin, type ScorePlugin } from '../framework/interface.js';
import { findUntoleratedTaint, toleratesTaint } from '../framework/matching.js';
import type { NodeInfo } from '../framework/node-info.js';
import { defaultNormalize } from './node-affinity.js';

export const NAME = 'TaintToleration';

export function untoleratedReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** The first NoSchedule/NoExecute taint of `node` that `pod` does not tolerate. */
export function untolerated(pod: Pod, node: NodeInfo): Taint | undefined {
  return findUntoleratedTaint(node.node.spec?.taints, pod.spec.tolerations, ['NoSchedule', 'NoExecute']);
}

/** How many PreferNoSchedule taints are not tolerated (by tolerations with no or that effect). */
export function intolerablePreferNoSchedule(tolerations: readonly Toleration[], node: NodeInfo): number {
  let n = 0;
  for (const taint of node.node.spec?.taints ?? []) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) n++;
  }
  return n;
}

export function newTaintToleration(): FilterPlugin & ScorePlugin {
  return {
    name: NAME,
    eventsToRegister: (): ClusterEvent[] => ['NodeAdd', 'NodeUpdateTaint'],
    filter(_state, pod, node) {
      const taint = untolerated(pod, node);
      return taint ? Status.unresolvable(untoleratedReason(taint)) : Status.success();
    },
    score(_state, pod, node) {
      const tols = (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
      return intolerablePreferNoSchedule(tols, node);
    },
    normalize: (_state, _pod, scores) => defaultNormalize(scores, true),
  };
}
