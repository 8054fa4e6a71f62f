/**
 * @module kubelet/status/phase
 * The pod phase from its container statuses (pure), after upstream's getPhase:
 * - a regular init container that failed under restartPolicy Never → Failed;
 * - init containers still to finish (or sidecars not yet started, before any app container ran),
 *   or an app container waiting without a previous run → Pending;
 * - all started and at least one running → Running;
 * - all app containers stopped: on a terminal pod Succeeded when all exited 0 else Failed;
 *   otherwise Running under Always, Succeeded when all exited 0, Failed under Never, else
 *   Running (OnFailure, restarting).
 */
import type { ContainerStatus, Pod, PodPhase } from '../../api/core/pods/types.js';
import { isSidecar } from '../runtime-manager/compute-pod-actions.js';

const find = (info: ContainerStatus[], name: string) => info.find((s) => s.name === name);

/** Upstream's HasAnyRegularContainerStarted. */
export function hasAnyRegularContainerStarted(pod: Pod, info: ContainerStatus[]): boolean {
  return pod.spec.containers.some((c) => {
    const s = find(info, c.name);
    return !!s && (!!s.state?.running || !!s.state?.terminated || !!s.lastState?.terminated);
  });
}

export function getPhase(pod: Pod, info: ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const spec = pod.spec;
  const init = spec.initContainers ?? [];
  let pendingRegularInit = 0;
  let pendingSidecars = 0;
  let failedInit = 0;
  for (const c of init) {
    if (isSidecar(c)) continue;
    const s = find(info, c.name);
    if (!s || s.state?.running) pendingRegularInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of init) {
    if (!isSidecar(c)) continue;
    const s = find(info, c.name);
    if (!s) {
      unknown++;
    } else if (s.state?.running) {
      if (!s.started) pendingSidecars++;
      running++;
    } else if (s.state?.terminated) {
      // Stopped sidecars do not count towards the phase.
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingSidecars++;
        waiting++;
      }
    } else {
      pendingSidecars++;
      unknown++;
    }
  }
  for (const c of spec.containers) {
    const s = find(info, c.name);
    if (!s) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  const policy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (
    pendingRegularInit > 0 ||
    (pendingSidecars > 0 && !hasAnyRegularContainerStarted(pod, info)) ||
    waiting > 0
  )
    return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal && !isStaticPod(pod)) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export function isStaticPod(pod: Pod): boolean {
  const source = pod.metadata.annotations?.['kubernetes.io/config.source'];
  return source !== undefined && source !== 'api';
}
