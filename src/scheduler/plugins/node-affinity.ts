/**
 * @module scheduler/plugins/node-affinity
 * NodeAffinity: filters on spec.nodeSelector plus required node affinity, and scores nodes by the
 * summed weights of the preferred terms they match (normalized so the best node gets 100).
 */
import type { Pod } from '../../api/core/pods/types.js';
import {
  Code,
  MAX_NODE_SCORE,
  Status,
  type ClusterEvent,
  type FilterPlugin,
  type ScorePlugin,
} from '../framework/interface.js';
import { nodeSelectorTermMatches, podMatchesNodeSelectorAndAffinity } from '../framework/matching.js';
import type { NodeInfo } from '../framework/node-info.js';

export const NAME = 'NodeAffinity';
export const ERR_REASON = "node(s) didn't match Pod's node affinity/selector";

export function fits(pod: Pod, node: NodeInfo): boolean {
  return podMatchesNodeSelectorAndAffinity(pod, node.labels, node.name);
}

/** Sum of the weights of the preferred terms `node` matches. */
export function preferredScore(pod: Pod, node: NodeInfo): number {
  let score = 0;
  for (const p of pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (p.weight && nodeSelectorTermMatches(p.preference, node.labels, node.name)) score += p.weight;
  }
  return score;
}

/** Upstream's DefaultNormalizeScore: scale so the maximum becomes 100 (reversed: 100 - that). */
export function defaultNormalize(scores: number[], reverse: boolean): void {
  const max = Math.max(0, ...scores);
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? MAX_NODE_SCORE : 0;
    else {
      const s = Math.floor((MAX_NODE_SCORE * scores[i]) / max);
      scores[i] = reverse ? MAX_NODE_SCORE - s : s;
    }
  }
}

export function newNodeAffinity(): FilterPlugin & ScorePlugin {
  return {
    name: NAME,
    eventsToRegister: (): ClusterEvent[] => ['NodeAdd', 'NodeUpdateLabel'],
    filter: (_state, pod, node) => (fits(pod, node) ? Status.success() : Status.unresolvable(ERR_REASON)),
    preScore: (_state, pod) =>
      pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length
        ? Status.success()
        : new Status(Code.Skip),
    score: (_state, pod, node) => preferredScore(pod, node),
    normalize: (_state, _pod, scores) => defaultNormalize(scores, false),
  };
}
