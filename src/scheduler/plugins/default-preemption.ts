/**
 * @module scheduler/plugins/default-preemption
 * DefaultPreemption as a PostFilter, reduced to its diagnosis: it never evicts anything, but it
 * answers with the message upstream prints when preemption finds nothing:
 * `preemption: 0/N nodes are available: <count> Preemption is not helpful for scheduling, <count> No preemption victims found for incoming pod`.
 * Nodes rejected as UnschedulableAndUnresolvable are "not helpful"; on the others it removes
 * every lower-priority pod and re-runs the filters: no such pod gives "No preemption victims
 * found…", a still failing filter gives that filter's reasons. When some node would fit after
 * evictions it returns an empty Unschedulable status (so the message shows no preemption part),
 * since evicting is not implemented.
 */
import type { Pod } from '../../api/core/pods/types.js';
import { fitErrorMessage } from '../framework/fit-error.js';
import {
  Code,
  CycleState,
  Status,
  type PostFilterPlugin,
  type SnapshotLister,
} from '../framework/interface.js';
import { NodeInfo } from '../framework/node-info.js';

export const NAME = 'DefaultPreemption';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

/** Re-runs the filters for `pod` on a node (used on a copy without the victims). */
export type FilterRunner = (state: CycleState, pod: Pod, node: NodeInfo) => Status;

export function newDefaultPreemption(runFilters: () => FilterRunner): PostFilterPlugin {
  return {
    name: NAME,
    postFilter(state, pod, statuses, snapshot: SnapshotLister) {
      if (pod.spec.preemptionPolicy === 'Never')
        return { status: Status.unschedulable('preemption: not eligible due to preemptionPolicy=Never.') };
      const all = snapshot.nodeInfos();
      const out = new Map<string, Status>();
      let candidates = 0;
      const prio = podPriority(pod);
      for (const ni of all) {
        const s = statuses.get(ni.name);
        if (!s || s.code === Code.UnschedulableAndUnresolvable) {
          out.set(ni.name, Status.unresolvable(NOT_HELPFUL));
          continue;
        }
        const victims = [...ni.pods.values()].filter((p) => podPriority(p) < prio);
        if (!victims.length) {
          out.set(ni.name, Status.unresolvable(NO_VICTIMS));
          continue;
        }
        const copy = new NodeInfo(ni.node);
        for (const p of ni.pods.values()) if (podPriority(p) >= prio) copy.addPod(p);
        const again = runFilters()(state, pod, copy);
        if (again.isSuccess) candidates++;
        else out.set(ni.name, again);
      }
      if (candidates > 0) return { status: Status.unschedulable() };
      const msg = fitErrorMessage(all.length, { nodeToStatus: out });
      return { status: Status.unschedulable(`preemption: ${msg}`) };
    },
  };
}
