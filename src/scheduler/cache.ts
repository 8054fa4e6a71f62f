/**
 * @module scheduler/cache
 * The scheduler's view of the cluster: one NodeInfo per node holding every pod assigned to it,
 * including pods only *assumed* there (the scheduler chose the node and is binding; the watch has
 * not shown the binding yet). An assumed pod is confirmed when the informer reports it bound, and
 * forgotten when its binding fails.
 *
 *   (unknown) ──assume──► assumed ──informer add/update with nodeName──► bound ──delete──► (gone)
 *                            └──forget (bind failed)──► (gone)
 *
 * Pods naming a node the cache does not know yet are kept aside and added when the node appears.
 * All methods are synchronous; a scheduling cycle reads the cache without interleaving writes.
 */
import type { Node } from '../api/core/nodes/types.js';
import type { Pod } from '../api/core/pods/types.js';
import type { SnapshotLister } from './framework/interface.js';
import { NodeInfo, podKey } from './framework/node-info.js';

interface PodState {
  pod: Pod;
  nodeName: string;
  assumed: boolean;
}

export class SchedulerCache implements SnapshotLister {
  private readonly nodes = new Map<string, NodeInfo>();
  private ordered: NodeInfo[] | undefined;
  private readonly podStates = new Map<string, PodState>();
  /** Pods assigned to nodes the cache does not hold (yet), by node name. */
  private readonly orphans = new Map<string, Map<string, Pod>>();
  private readonly namespaces = new Map<string, Record<string, string>>();

  nodeInfos(): readonly NodeInfo[] {
    if (!this.ordered)
      this.ordered = [...this.nodes.values()].sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    return this.ordered;
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.nodes.get(nodeName);
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  namespaceLabels(namespace: string): Record<string, string> | undefined {
    return this.namespaces.get(namespace);
  }

  setNamespace(name: string, labels: Record<string, string> | undefined): void {
    this.namespaces.set(name, labels ?? {});
  }

  removeNamespace(name: string): void {
    this.namespaces.delete(name);
  }

  /** Adds or replaces a node (its pods stay). */
  upsertNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const ni = this.nodes.get(name);
    if (ni) {
      ni.setNode(node);
      return;
    }
    const fresh = new NodeInfo(node);
    for (const p of this.orphans.get(name)?.values() ?? []) fresh.addPod(p);
    this.orphans.delete(name);
    this.nodes.set(name, fresh);
    this.ordered = undefined;
  }

  removeNode(name: string): void {
    const ni = this.nodes.get(name);
    if (!ni) return;
    // Pods may still reference the node; keep them aside in case it comes back.
    if (ni.pods.size) this.orphans.set(name, new Map([...ni.pods]));
    this.nodes.delete(name);
    this.ordered = undefined;
  }

  /** Places `pod` on `nodeName` before it is bound. */
  assumePod(pod: Pod, nodeName: string): void {
    const assumed: Pod = { ...pod, spec: { ...pod.spec, nodeName } };
    this.place(assumed, nodeName);
    this.podStates.set(podKey(pod), { pod: assumed, nodeName, assumed: true });
  }

  isAssumed(pod: Pod): boolean {
    return this.podStates.get(podKey(pod))?.assumed ?? false;
  }

  /** Undoes `assumePod` (binding failed). No-op when the pod is not assumed. */
  forgetPod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (!st?.assumed) return;
    this.unplace(st.pod, st.nodeName);
    this.podStates.delete(key);
  }

  /** An assigned pod seen by the informer (added or updated); confirms an assumed one. */
  addOrUpdatePod(pod: Pod): void {
    const nodeName = pod.spec.nodeName;
    if (!nodeName) return;
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (st) this.unplace(st.pod, st.nodeName);
    this.place(pod, nodeName);
    this.podStates.set(key, { pod, nodeName, assumed: false });
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (!st) return;
    this.unplace(st.pod, st.nodeName);
    this.podStates.delete(key);
  }

  private place(pod: Pod, nodeName: string): void {
    const ni = this.nodes.get(nodeName);
    if (ni) ni.addPod(pod);
    else {
      let m = this.orphans.get(nodeName);
      if (!m) this.orphans.set(nodeName, (m = new Map()));
      m.set(podKey(pod), pod);
    }
  }

  private unplace(pod: Pod, nodeName: string): void {
    const ni = this.nodes.get(nodeName);
    if (ni) ni.removePod(pod);
    else this.orphans.get(nodeName)?.delete(podKey(pod));
  }
}
