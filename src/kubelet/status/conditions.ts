/**
 * @module kubelet/status/conditions
 * The kubelet-owned pod conditions (pure), after upstream's status/generate.go:
 * PodReadyToStartContainers (a ready sandbox exists), Initialized (every regular init container
 * exited 0 and every sidecar started, or an app container already ran), ContainersReady (all
 * app containers and sidecars ready) and Ready (ContainersReady plus readiness gates).
 * Messages list names in Go's `[a b]` notation. Transition times are set by `withTransitions`.
 */
import type { ContainerStatus, Pod, PodCondition, PodPhase } from '../../api/core/pods/types.js';
import { isSidecar } from '../runtime-manager/compute-pod-actions.js';
import { formatGoList } from '../runtime-manager/format.js';
import { hasAnyRegularContainerStarted } from './phase.js';

type Cond = Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;

const find = (info: ContainerStatus[], name: string) => info.find((s) => s.name === name);

function joinMessages(unknown: string[], bad: string[], badWord: string): string {
  const parts: string[] = [];
  if (unknown.length) parts.push(`containers with unknown status: ${formatGoList(unknown)}`);
  if (bad.length) parts.push(`containers with ${badWord} status: ${formatGoList(bad)}`);
  return parts.join(', ');
}

export function readyToStartContainersCondition(sandboxReady: boolean): Cond {
  return { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' };
}

export function initializedCondition(pod: Pod, info: ContainerStatus[], phase: PodPhase): Cond {
  const init = pod.spec.initContainers ?? [];
  if (init.length === 0) return { type: 'Initialized', status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of init) {
    const s = find(info, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    if (isSidecar(c)) {
      if (!s.started) incomplete.push(c.name);
      continue;
    }
    if (!s.state?.terminated || s.state.terminated.exitCode !== 0) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0)
    return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  if (hasAnyRegularContainerStarted(pod, info)) return { type: 'Initialized', status: 'True' };
  const message = joinMessages(unknown, incomplete, 'incomplete');
  if (message) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message };
  return { type: 'Initialized', status: 'True' };
}

export function containersReadyCondition(pod: Pod, info: ContainerStatus[], phase: PodPhase): Cond {
  const unknown: string[] = [];
  const unready: string[] = [];
  const specs = [...(pod.spec.initContainers ?? []).filter(isSidecar), ...pod.spec.containers];
  for (const c of specs) {
    const s = find(info, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0)
    return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  const message = joinMessages(unknown, unready, 'unready');
  if (message) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message };
  return { type: 'ContainersReady', status: 'True' };
}

export function readyCondition(pod: Pod, containersReady: Cond, others: PodCondition[]): Cond {
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const missing: string[] = [];
  const unready: string[] = [];
  for (const gate of pod.spec.readinessGates ?? []) {
    const c = others.find((o) => o.type === gate.conditionType);
    if (!c) missing.push(gate.conditionType);
    else if (c.status !== 'True') unready.push(gate.conditionType);
  }
  const msgs = [
    ...missing.map((t) => `corresponding condition of pod readiness gate "${t}" does not exist.`),
    ...unready.map((t) => `the status of pod readiness gate "${t}" is not "True", but False`),
  ];
  if (msgs.length)
    return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') };
  return { type: 'Ready', status: 'True' };
}

/** Keeps each condition's lastTransitionTime unless its status flipped (then `now`). */
export function withTransitions(conds: Cond[], old: PodCondition[] | undefined, now: string): PodCondition[] {
  return conds.map((c) => {
    const prev = old?.find((o) => o.type === c.type);
    const lastTransitionTime =
      prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    return {
      type: c.type,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    };
  });
}
