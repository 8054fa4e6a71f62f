/**
 * @module kubelet/runtime-manager/gc
 * Garbage collection of a pod's dead containers and sandboxes (housekeeping), after upstream's
 * container GC with its defaults: per container name only the two newest exited runs stay (the
 * newest gives a crash-looping container its lastState), and stopped sandboxes other than the
 * newest go once no container of theirs is left. `selectGarbage` decides (pure); `collectGarbage`
 * removes, ignoring objects that are already gone.
 */
import type { RuntimeService } from '../../runtime/interface.js';
import { containerNameOf } from './labels.js';
import type { PodRuntimeStatus } from './pod-runtime-status.js';

const KEEP_EXITED_PER_CONTAINER = 2;

export interface Garbage {
  containers: string[];
  sandboxes: string[];
}

export function selectGarbage(status: PodRuntimeStatus): Garbage {
  const seen = new Map<string, number>();
  const containers: string[] = [];
  for (const c of status.containers) {
    if (c.state !== 'CONTAINER_EXITED') continue;
    const name = containerNameOf(c);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > KEEP_EXITED_PER_CONTAINER) containers.push(c.id);
  }
  const removed = new Set(containers);
  const sandboxes = status.sandboxes
    .slice(1)
    .filter(
      (s) =>
        s.state === 'SANDBOX_NOTREADY' &&
        !status.containers.some((c) => c.podSandboxId === s.id && !removed.has(c.id)),
    )
    .map((s) => s.id);
  return { containers, sandboxes };
}

export async function collectGarbage(rt: RuntimeService, status: PodRuntimeStatus): Promise<void> {
  const g = selectGarbage(status);
  for (const id of g.containers) await rt.removeContainer(id).catch(() => undefined);
  for (const id of g.sandboxes) await rt.removePodSandbox(id).catch(() => undefined);
}
