/**
 * @module scheduler/framework/interface
 * The scheduling framework's contracts, shaped after upstream's: a `Plugin` only has a name; each
 * extension point (PreFilter, Filter, PostFilter, Score) is its own small interface; plugins answer
 * with a `Status` whose `Code` tells the scheduling queue how to react.
 */
import type { Pod } from '../../api/core/pods/types.js';
import type { NodeInfo } from './node-info.js';

/**
 * How a plugin's answer is treated.
 * - Success: the pod may go on (a missing Status means the same).
 * - Error: an internal failure; the pod is retried after its back-off, whatever the cluster does.
 * - Unschedulable: the node does not fit now, but preemption or a cluster change may help; the pod
 *   waits among the unschedulable pods until an event one of the rejecting plugins cares about.
 * - UnschedulableAndUnresolvable: as Unschedulable, but preemption cannot help on this node.
 * - Skip: (PreFilter/PreScore) the plugin has nothing to do for this pod; its Filter/Score are skipped.
 */
export enum Code {
  Success = 0,
  Error = 1,
  Unschedulable = 2,
  UnschedulableAndUnresolvable = 3,
  Skip = 4,
}

/** A plugin's answer: a code, the human-readable reasons, and the plugin that failed. */
export class Status {
  plugin = '';
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  static success(): Status {
    return SUCCESS;
  }
  static unschedulable(...reasons: string[]): Status {
    return new Status(Code.Unschedulable, reasons);
  }
  static unresolvable(...reasons: string[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, reasons);
  }
  static error(err: unknown): Status {
    return new Status(Code.Error, [err instanceof Error ? err.message : String(err)]);
  }

  get isSuccess(): boolean {
    return this.code === Code.Success;
  }
  get isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }
  /** The reasons joined by ", " (upstream's Status.Message()). */
  get message(): string {
    return this.reasons.join(', ');
  }
  withPlugin(name: string): Status {
    if (this === SUCCESS) return this;
    this.plugin = name;
    return this;
  }
}

const SUCCESS = new Status(Code.Success);

/** Scores are within [MIN_NODE_SCORE, MAX_NODE_SCORE] after normalization. */
export const MIN_NODE_SCORE = 0;
export const MAX_NODE_SCORE = 100;

/** Per-cycle scratch space plugins share between their extension points (keyed by plugin name). */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }
  /** Plugins whose PreFilter said Skip: their Filter is not run. */
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();
}

/** What the plugins can see of the cluster during a cycle. Read-only. */
export interface SnapshotLister {
  /** Every node, in a stable order. */
  nodeInfos(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  /** Labels of a namespace (for namespaceSelector in affinity terms); undefined when unknown. */
  namespaceLabels(namespace: string): Record<string, string> | undefined;
}

/** The kinds of cluster change that can make an unschedulable pod schedulable. */
export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeUpdateAllocatable'
  | 'NodeUpdateLabel'
  | 'NodeUpdateTaint'
  | 'NodeUpdateSpecUnschedulable'
  | 'NodeUpdateImages'
  | 'AssignedPodAdd'
  | 'AssignedPodUpdate'
  | 'AssignedPodDelete'
  | 'UnscheduledPodUpdate';

export interface Plugin {
  readonly name: string;
  /** Events after which a pod this plugin rejected may fit; none means only time (flush) helps. */
  eventsToRegister?(): readonly ClusterEvent[];
}

export interface PreFilterPlugin extends Plugin {
  /** Once per cycle before any Filter. Returns Skip when Filter has nothing to check for `pod`. */
  preFilter(state: CycleState, pod: Pod, snapshot: SnapshotLister): Status;
}

export interface FilterPlugin extends Plugin {
  /** Whether `pod` may run on `node`. Pure: must not change the node info. */
  filter(state: CycleState, pod: Pod, node: NodeInfo): Status;
}

/** Result of a PostFilter (preemption) run. */
export interface PostFilterResult {
  /** The node to nominate; '' clears an earlier nomination (upstream's ModeOverride with no node). */
  nominatedNodeName?: string;
  /** The pods to evict from the nominated node so that the pod fits there. */
  victims?: Pod[];
}

export interface PostFilterPlugin extends Plugin {
  /** Runs when no node fits; `statuses` holds each rejected node's Status. */
  postFilter(
    state: CycleState,
    pod: Pod,
    statuses: ReadonlyMap<string, Status>,
    snapshot: SnapshotLister,
  ): { result?: PostFilterResult; status: Status };
}

export interface ScorePlugin extends Plugin {
  /** Optional per-cycle preparation over the feasible nodes; Skip leaves the plugin out. */
  preScore?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], snapshot: SnapshotLister): Status;
  /** A raw score for one feasible node (any range if `normalize` is given, else 0–100). */
  score(state: CycleState, pod: Pod, node: NodeInfo): number;
  /** Rescales raw scores in place to 0–100. */
  normalize?(state: CycleState, pod: Pod, scores: number[]): void;
}

export type AnyPlugin = Partial<PreFilterPlugin & FilterPlugin & PostFilterPlugin & ScorePlugin> & Plugin;

export function isPreFilter(p: AnyPlugin): p is AnyPlugin & PreFilterPlugin {
  return typeof p.preFilter === 'function';
}
export function isFilter(p: AnyPlugin): p is AnyPlugin & FilterPlugin {
  return typeof p.filter === 'function';
}
export function isPostFilter(p: AnyPlugin): p is AnyPlugin & PostFilterPlugin {
  return typeof p.postFilter === 'function';
}
export function isScore(p: AnyPlugin): p is AnyPlugin & ScorePlugin {
  return typeof p.score === 'function';
}
