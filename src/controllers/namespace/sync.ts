/**
 * @module controllers/namespace/sync
 * Pure decisions of the namespace controller. A Terminating namespace keeps `spec.finalizers:
 * [kubernetes]` until its content is gone; the controller deletes the content, reports progress in
 * upstream's five deletion conditions, and finalizes once nothing remains.
 *
 *   active ──(deletionTimestamp)──► delete content ──► content remains? ──yes──► conditions, requeue
 *                                                            │ no
 *                                                            ▼
 *                                          PUT /finalize without "kubernetes" (apiserver removes it)
 */
import { formatTime, type KubeObject } from '../../machinery/meta.js';

export const FINALIZER_KUBERNETES = 'kubernetes';

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: NamespaceCondition[] };
}

/** What one deletion pass saw, per resource (`pods`, `deployments.apps`). */
export interface ContentObservation {
  /** Resources whose discovery failed (group names). */
  discoveryFailures: string[];
  /** `resource: error message` for deletes or lists that failed. */
  deleteFailures: string[];
  /** Objects still present after the delete pass, by resource. */
  remaining: Record<string, number>;
  /** Finalizer → how many remaining objects carry it. */
  finalizers: Record<string, number>;
}

export type NamespaceDecision =
  | { kind: 'ignore' }
  | { kind: 'delete-content' }
  | { kind: 'wait'; status: NamespaceStatus; statusChanged: boolean; requeueAfterMs: number }
  | { kind: 'finalize'; status: NamespaceStatus; statusChanged: boolean; finalizers: string[] };

/** The status a Terminating namespace should have: phase Terminating plus the five conditions. */
export interface NamespaceStatus {
  phase: 'Terminating';
  conditions: NamespaceCondition[];
}

/** The first decision: only Terminating namespaces that still carry our finalizer need work. */
export function needsContentDeletion(ns: Namespace): boolean {
  return Boolean(ns.metadata.deletionTimestamp) && (ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES);
}

const OK: [string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  [
    'NamespaceDeletionGroupVersionParsingFailure',
    'ParsedGroupVersions',
    'All legacy kube types successfully parsed',
  ],
  [
    'NamespaceDeletionContentFailure',
    'ContentDeleted',
    'All content successfully deleted, may be waiting on finalization',
  ],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** The five conditions upstream keeps on a Terminating namespace, for this observation. */
export function deletionConditions(
  obs: ContentObservation,
  old: NamespaceCondition[],
  now: Date,
): NamespaceCondition[] {
  const failing = new Map<string, [string, string]>();
  if (obs.discoveryFailures.length) {
    failing.set('NamespaceDeletionDiscoveryFailure', [
      'DiscoveryFailed',
      `Discovery failed for some groups, ${obs.discoveryFailures.length} failing: ${obs.discoveryFailures.join(', ')}`,
    ]);
  }
  if (obs.deleteFailures.length) {
    failing.set('NamespaceDeletionContentFailure', [
      'ContentDeletionFailed',
      `Failed to delete all resource types, ${obs.deleteFailures.length} remaining: ${obs.deleteFailures.join(', ')}`,
    ]);
  }
  const remaining = Object.entries(obs.remaining)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${r} has ${n} resource instances`)
    .sort();
  if (remaining.length)
    failing.set('NamespaceContentRemaining', [
      'SomeResourcesRemain',
      `Some resources are remaining: ${remaining.join(', ')}`,
    ]);
  const fins = Object.entries(obs.finalizers)
    .filter(([, n]) => n > 0)
    .map(([f, n]) => `${f} in ${n} resource instances`)
    .sort();
  if (fins.length) {
    failing.set('NamespaceFinalizersRemaining', [
      'SomeFinalizersRemain',
      `Some content in the namespace has finalizers remaining: ${fins.join(', ')}`,
    ]);
  }
  const ts = formatTime(now);
  return OK.map(([type, okReason, okMessage]) => {
    const bad = failing.get(type);
    const status = bad ? 'True' : 'False';
    const prev = old.find((c) => c.type === type);
    return {
      type,
      status,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : ts,
      reason: bad ? bad[0] : okReason,
      message: bad ? bad[1] : okMessage,
    };
  });
}

function sameConditions(a: NamespaceCondition[], b: NamespaceCondition[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * After a delete pass: finalize when nothing remains and nothing failed, else wait. Waiting
 * re-checks sooner when only graceful deletions are pending. The status always says
 * Terminating (also repairing a phase that did not follow the deletionTimestamp).
 */
export function decideAfterDeletion(ns: Namespace, obs: ContentObservation, now: Date): NamespaceDecision {
  const old = ns.status?.conditions ?? [];
  const status: NamespaceStatus = { phase: 'Terminating', conditions: deletionConditions(obs, old, now) };
  const statusChanged = ns.status?.phase !== 'Terminating' || !sameConditions(status.conditions, old);
  const left = Object.values(obs.remaining).some((n) => n > 0);
  if (!left && obs.deleteFailures.length === 0 && obs.discoveryFailures.length === 0) {
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
    return { kind: 'finalize', status, statusChanged, finalizers };
  }
  const failed = obs.deleteFailures.length > 0 || obs.discoveryFailures.length > 0;
  return { kind: 'wait', status, statusChanged, requeueAfterMs: failed ? 5_000 : 1_000 };
}

/** Entry point: what to do with the namespace as the informer sees it. */
export function decideNamespace(ns: Namespace | undefined): NamespaceDecision {
  if (!ns || !needsContentDeletion(ns)) return { kind: 'ignore' };
  return { kind: 'delete-content' };
}
