/**
 * @module kubelet/prober/results
 * The cache of probe results, keyed by runtime container ID and probe kind (upstream keeps one
 * results manager per kind). Writers are the probe workers; readers are the engine (liveness and
 * startup failures kill) and `updatePodStatus` (ready/started). A stored value that changes —
 * including the first value for a container — notifies the listeners with the pod's UID.
 */
import type { ProbeKind, ProbeOutcome, ProbeResults } from '../interfaces.js';

export class ResultsStore implements ProbeResults {
  private readonly byKind: Record<ProbeKind, Map<string, ProbeOutcome>> = {
    liveness: new Map(),
    readiness: new Map(),
    startup: new Map(),
  };
  private readonly listeners = new Set<(podUid: string) => void>();

  /** Undefined when no result is cached (unknown container, or a startup probe that has not run). */
  get(containerId: string, kind: ProbeKind): ProbeOutcome | undefined {
    return this.byKind[kind].get(containerId);
  }

  /** Stores a result; listeners hear about it only when the stored value changed. */
  set(containerId: string, kind: ProbeKind, outcome: ProbeOutcome, podUid: string): void {
    const map = this.byKind[kind];
    if (map.get(containerId) === outcome) return;
    map.set(containerId, outcome);
    for (const l of [...this.listeners]) l(podUid);
  }

  /** Forgets a result silently (a container replaced or a worker stopped). */
  remove(containerId: string, kind: ProbeKind): void {
    this.byKind[kind].delete(containerId);
  }

  onChange(listener: (podUid: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
