/**
 * @module kubelet/status/container-statuses
 * API container statuses from the runtime's containers (pure), after upstream's
 * convertToAPIContainerStatuses: the newest run gives state, containerID (`<runtime>://<id>`),
 * image, imageID and restartCount (its attempt); the run before it gives lastState. A container
 * the kubelet will restart and could not start last time shows the ReasonCache's waiting reason
 * (CrashLoopBackOff…) and keeps the exit in lastState. Containers never run wait with
 * `PodInitializing` (pods with init containers) or `ContainerCreating`.
 * `ready`/`started` get defaults here (started once running without a startup probe; ready once
 * started without a readiness probe); the prober refines them.
 */
import type {
  Container,
  ContainerState,
  ContainerStatus as ApiContainerStatus,
  Pod,
} from '../../api/core/pods/types.js';
import type { ContainerStatus } from '../../runtime/interface.js';
import { shouldContainerBeRestarted } from '../runtime-manager/compute-pod-actions.js';
import { containerNameOf } from '../runtime-manager/labels.js';
import type { PodRuntimeStatus } from '../runtime-manager/pod-runtime-status.js';
import type { StartFailure } from './reason-cache.js';

export interface ContainerStatusInput {
  pod: Pod;
  runtime: PodRuntimeStatus;
  runtimeName: string;
  reasons: (name: string) => StartFailure | undefined;
  /** Previous API statuses (to keep lastState when old runs were removed). */
  old: ApiContainerStatus[] | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function runtimeStateToApi(c: ContainerStatus, runtimeName: string): ContainerState {
  switch (c.state) {
    case 'CONTAINER_RUNNING':
      return { running: { startedAt: iso(c.startedAt || c.createdAt) } };
    case 'CONTAINER_EXITED':
      return {
        terminated: {
          exitCode: c.exitCode,
          reason: c.reason || (c.exitCode === 0 ? 'Completed' : 'Error'),
          ...(c.message ? { message: c.message } : {}),
          // As upstream (time.Unix(0, startedAt)): a container that never started (StartError)
          // shows the epoch, as `kubectl describe` prints it on a real cluster.
          startedAt: iso(c.startedAt),
          finishedAt: iso(c.finishedAt),
          containerID: `${runtimeName}://${c.id}`,
        },
      };
    case 'CONTAINER_CREATED':
      return { waiting: { reason: 'ContainerCreating' } };
    default:
      return { waiting: {} };
  }
}

export function convertContainerStatuses(
  input: ContainerStatusInput,
  specs: Container[],
  hasInitContainers: boolean,
): ApiContainerStatus[] {
  const { pod, runtime, runtimeName } = input;
  const defaultReason = hasInitContainers ? 'PodInitializing' : 'ContainerCreating';
  return specs.map((c) => {
    const runs = runtime.containers.filter((r) => containerNameOf(r) === c.name);
    const old = input.old?.find((s) => s.name === c.name);
    const latest = runs[0];
    const status: ApiContainerStatus = {
      name: c.name,
      state: { waiting: { reason: defaultReason } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: c.image ?? '',
      imageID: '',
      started: false,
    };
    if (latest) {
      status.state = runtimeStateToApi(latest, runtimeName);
      status.containerID = `${runtimeName}://${latest.id}`;
      // As upstream: the image as the runtime reports it (the resolved repo tag,
      // docker.io/library/nginx:latest for nginx); the spec's only while nothing was created.
      status.image = latest.image || c.image || '';
      status.imageID = latest.imageRef;
      status.restartCount = latest.metadata.attempt;
      const previous = runs[1];
      if (previous && previous.state === 'CONTAINER_EXITED') {
        status.lastState = runtimeStateToApi(previous, runtimeName);
      } else if (old?.lastState?.terminated && old.containerID === status.containerID) {
        status.lastState = old.lastState;
      }
      const running = latest.state === 'CONTAINER_RUNNING';
      status.started = running && !c.startupProbe;
      status.ready = running && status.started && !c.readinessProbe;
      // A regular init container is ready once it completed (upstream's prober rule).
      if (hasInitContainers && specs === input.pod.spec.initContainers && c.restartPolicy !== 'Always')
        status.ready = latest.state === 'CONTAINER_EXITED' && latest.exitCode === 0;
    } else if (old) {
      status.restartCount = old.restartCount;
      if (old.lastState?.terminated) status.lastState = old.lastState;
    }
    const failure = input.reasons(c.name);
    if (failure && shouldContainerBeRestarted(c, pod, runtime)) {
      if (status.state?.terminated) status.lastState = status.state;
      status.state = { waiting: { reason: failure.reason, message: failure.message } };
    }
    const mounts = volumeMountStatuses(c);
    if (mounts) status.volumeMounts = mounts;
    return status;
  });
}

/**
 * The container's mounts as its status shows them (upstream's RecursiveReadOnlyMounts, on by
 * default since v1.31): name, path, read-only, and for read-only mounts whether the mount is
 * recursively read-only — always Disabled here, as a kubelet whose runtime reports no support for
 * recursive read-only mounts shows it.
 */
export function volumeMountStatuses(c: Container): ApiContainerStatus['volumeMounts'] {
  if (!c.volumeMounts?.length) return undefined;
  return c.volumeMounts.map((m) => ({
    name: m.name,
    mountPath: m.mountPath,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
}
