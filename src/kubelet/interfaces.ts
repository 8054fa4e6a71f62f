/**
 * @module kubelet/interfaces
 * The seams between the kubelet's managers, each declared by the side that uses it
 * (style habit 2). The engine (pod workers, runtime manager, status) consumes:
 *  - `PodSource`: the pods this node should run (API server + static manifests);
 *  - `ProbeManager`: probe workers and their results;
 *  - `StatusWriter`: the single writer of pod status to the API server;
 *  - `EventSink`: events about pods (Scheduled is the scheduler's; the rest are the kubelet's).
 */
import type { Pod, PodStatus } from '../api/core/pods/types.js';

/** Desired state of this node's pods. `pods()` is a snapshot; `onChange` fires on any change. */
export interface PodSource {
  /** Every pod bound to this node (including mirror-less static pods), by UID. */
  pods(): Pod[];
  onChange(listener: (pod: Pod, type: 'add' | 'update' | 'delete') => void): () => void;
  /** Resolves once the initial list has arrived. */
  synced(): Promise<void>;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type ProbeOutcome = 'success' | 'failure';

/** Latest probe result per container ID (the runtime's ID of the current attempt). */
export interface ProbeResults {
  get(containerId: string, kind: ProbeKind): ProbeOutcome | undefined;
}

/**
 * One worker per (pod, container, probe kind), as upstream's prober manager:
 * - `addPod` when a pod is admitted starts workers for every probe of its containers;
 * - workers wait for their container to run (they read container IDs from `updatePodStatus`),
 *   honour initialDelaySeconds/periodSeconds/timeoutSeconds/thresholds and record results;
 * - `onChange` fires when a result flips, so the pod is synced again (liveness failures kill).
 */
export interface ProbeManager {
  addPod(pod: Pod): void;
  removePod(podUid: string): void;
  /** Keeps only the given pods' workers. */
  cleanupPods(keep: Set<string>): void;
  /**
   * Called with the status the engine just generated: workers learn the current container IDs
   * and start times, and the manager fills in containerStatuses[].ready and .started from results.
   */
  updatePodStatus(pod: Pod, status: PodStatus): void;
  readonly results: ProbeResults;
  onChange(listener: (podUid: string) => void): () => void;
  stop(): void;
}

/** The only writer of pod status: writes through pods/status, only when something changed. */
export interface StatusWriter {
  setPodStatus(pod: Pod, status: PodStatus): void;
  /** The last status handed in for the pod, if any. */
  getPodStatus(podUid: string): PodStatus | undefined;
  /** Deletes the pod object (grace 0) once its containers have stopped. */
  podTerminated(pod: Pod): void;
  removePod(podUid: string): void;
}

export interface EventSink {
  /** `type` Normal or Warning; repeats are aggregated by the sink (count, lastTimestamp). */
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
}
