/**
 * @module api/core/pods/defaults
 * Defaults of a Pod object, in two parts:
 * - `setPodDefaults`: the core/v1 defaulters (the PodSpec ones plus the Pod-only ones: requests
 *   copied from limits, `enableServiceLinks`, host ports under hostNetwork). Runs on every write.
 * - `applyPodCreateAdmission`: what the admission plugins of a default cluster add on create:
 *   DefaultTolerationSeconds (not-ready/unreachable NoExecute for 300s) and Priority (priority
 *   and preemption policy). The ServiceAccount plugin, which looks its account up, is in
 *   service-account-admission.
 *   `preservePodAdmissionFieldsOnUpdate` keeps what Priority set when an update omits it.
 * `computeQosClass` (re-exported) gives `status.qosClass`, which the strategy sets on create.
 */
import { setPodSpecDefaults } from './pod-spec-defaults.js';
import type { Container, Pod, Toleration } from './types.js';

export { computeQosClass } from './qos.js';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
export const DEFAULT_TOLERATION_SECONDS = 300;
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

function requestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (!limits) return;
  c.resources!.requests ??= {};
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in c.resources!.requests)) c.resources!.requests[name] = value;
  }
}

function hostPortsFromContainerPorts(containers: Container[] | undefined): void {
  for (const c of containers ?? [])
    for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
}

/** Applies the Pod defaulters in place (spec defaults included). Idempotent. */
export function setPodDefaults(pod: Pod): void {
  pod.spec ??= { containers: [] };
  const spec = pod.spec;
  setPodSpecDefaults(spec);
  for (const c of spec.containers ?? []) requestsFromLimits(c);
  for (const c of spec.initContainers ?? []) requestsFromLimits(c);
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    hostPortsFromContainerPorts(spec.containers);
    hostPortsFromContainerPorts(spec.initContainers);
  }
}

/** A PriorityClass as the Priority plugin needs it. */
export interface PriorityClassInfo {
  name: string;
  value: number;
  preemptionPolicy?: string;
}

export interface PodAdmissionOptions {
  /** Looks a PriorityClass up by name; default knows only the two built-in system classes. */
  priorityClass?: (name: string) => PriorityClassInfo | undefined;
  /** The class marked globalDefault, if any. */
  globalDefaultPriorityClass?: () => PriorityClassInfo | undefined;
}

const SYSTEM_PRIORITY_CLASSES: Record<string, PriorityClassInfo> = {
  'system-node-critical': {
    name: 'system-node-critical',
    value: 2000001000,
    preemptionPolicy: 'PreemptLowerPriority',
  },
  'system-cluster-critical': {
    name: 'system-cluster-critical',
    value: 2000000000,
    preemptionPolicy: 'PreemptLowerPriority',
  },
};

/**
 * Outcome of the create-time admission mutations: `forbidden` carries the reason of a 403
 * (`pods "x" is forbidden: <reason>`) for the caller to raise; the pod may be partly mutated then.
 */
export interface AdmissionResult {
  forbidden?: string;
}

function addDefaultTolerations(pod: Pod): void {
  const tolerations = pod.spec.tolerations ?? [];
  const covers = (t: Toleration, key: string) =>
    (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect);
  const toAdd: Toleration[] = [];
  for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
    if (!tolerations.some((t) => covers(t, key)))
      toAdd.push({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      });
  }
  if (toAdd.length) pod.spec.tolerations = [...tolerations, ...toAdd];
}

function admitPriority(pod: Pod, opts: PodAdmissionOptions): AdmissionResult {
  const spec = pod.spec;
  // The built-in classes answer even before the API server has written them.
  const lookup = (n: string) => opts.priorityClass?.(n) ?? SYSTEM_PRIORITY_CLASSES[n];
  let value: number;
  let policy: string | undefined;
  if (!spec.priorityClassName) {
    const def = opts.globalDefaultPriorityClass?.();
    if (def) {
      spec.priorityClassName = def.name;
      value = def.value;
      policy = def.preemptionPolicy;
    } else {
      value = 0;
      policy = 'PreemptLowerPriority';
    }
  } else {
    const pc = lookup(spec.priorityClassName);
    if (!pc) return { forbidden: `no PriorityClass with name ${spec.priorityClassName} was found` };
    value = pc.value;
    policy = pc.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== value)
    return {
      forbidden: `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    };
  spec.priority = value;
  if (policy) {
    if (spec.preemptionPolicy && spec.preemptionPolicy !== policy)
      return {
        forbidden: `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      };
    spec.preemptionPolicy = policy;
  }
  return {};
}

/**
 * The mutating admission a default cluster applies to a new Pod (not to other kinds, not on
 * update). Call once per create, after or before `setPodDefaults` (both orders give the same pod).
 */
export function applyPodCreateAdmission(pod: Pod, opts: PodAdmissionOptions = {}): AdmissionResult {
  pod.spec ??= { containers: [] };
  addDefaultTolerations(pod);
  return admitPriority(pod, opts);
}

/** On update the Priority plugin restores priority and preemptionPolicy when the new object dropped them. */
export function preservePodAdmissionFieldsOnUpdate(pod: Pod, old: Pod): void {
  if (pod.spec.priority === undefined && old.spec.priority !== undefined)
    pod.spec.priority = old.spec.priority;
  if (pod.spec.preemptionPolicy === undefined && old.spec.preemptionPolicy !== undefined)
    pod.spec.preemptionPolicy = old.spec.preemptionPolicy;
}
