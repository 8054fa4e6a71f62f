/**
 * @module scheduler/nominator
 * Pending pods nominated to a node (status.nominatedNodeName, set when preemption evicts pods for
 * them), after upstream's PodNominator: while their victims terminate, the filters of pods of lower
 * or equal priority count them as if they ran there, so that nobody else takes the room made for them.
 */
import type { Pod } from '../api/core/pods/types.js';
import { podKey } from './framework/node-info.js';

export class Nominator {
  private readonly byNode = new Map<string, Map<string, Pod>>();
  private readonly nodeOf = new Map<string, string>();

  /**
   * Records where a pending pod is nominated (its status, or `node` when the scheduler just chose
   * it; '' clears the nomination).
   */
  upsert(pod: Pod, node = pod.status?.nominatedNodeName): void {
    const key = podKey(pod);
    this.remove(pod);
    if (!node) return;
    let pods = this.byNode.get(node);
    if (!pods) this.byNode.set(node, (pods = new Map()));
    pods.set(key, pod);
    this.nodeOf.set(key, node);
  }

  /** The pod is bound or gone: it holds no nomination any more. */
  remove(pod: Pod): void {
    const key = podKey(pod);
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const pods = this.byNode.get(node);
    pods?.delete(key);
    if (pods && pods.size === 0) this.byNode.delete(node);
  }

  /** The pods nominated to `node` that `pod` must leave room for: other ones of at least its priority. */
  reservedFor(pod: Pod, node: string): Pod[] {
    const pods = this.byNode.get(node);
    if (!pods) return [];
    const key = podKey(pod);
    const prio = pod.spec.priority ?? 0;
    return [...pods.entries()]
      .filter(([k, p]) => k !== key && (p.spec.priority ?? 0) >= prio)
      .map(([, p]) => p);
  }

  /** The other pods nominated to `node` with a lower priority than `pod` (they give way to it). */
  lowerPriorityOn(pod: Pod, node: string): Pod[] {
    const prio = pod.spec.priority ?? 0;
    return [...(this.byNode.get(node)?.values() ?? [])].filter(
      (p) => podKey(p) !== podKey(pod) && (p.spec.priority ?? 0) < prio,
    );
  }
}
