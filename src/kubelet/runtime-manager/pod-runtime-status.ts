/**
 * @module kubelet/runtime-manager/pod-runtime-status
 * What the runtime holds for one pod: its sandboxes and containers, newest first. This is the
 * input of `computePodActions` and `generatePodStatus`, and what the relist (PLEG) compares.
 */
import type { ContainerStatus, PodSandboxStatus, RuntimeService } from '../../runtime/interface.js';
import { containerNameOf, POD_UID_LABEL, podUidOf } from './labels.js';

export interface PodRuntimeStatus {
  uid: string;
  /** Newest first (by createdAt, then attempt). */
  sandboxes: PodSandboxStatus[];
  /** Every container of every sandbox, newest first. */
  containers: ContainerStatus[];
}

function byNewest<T extends { createdAt: number; metadata: { attempt: number } }>(a: T, b: T): number {
  return b.createdAt - a.createdAt || b.metadata.attempt - a.metadata.attempt;
}

export function emptyRuntimeStatus(uid: string): PodRuntimeStatus {
  return { uid, sandboxes: [], containers: [] };
}

/** Reads one pod's sandboxes and containers by the pod UID label. */
export async function readPodRuntimeStatus(rt: RuntimeService, uid: string): Promise<PodRuntimeStatus> {
  const selector = { [POD_UID_LABEL]: uid };
  const [sandboxes, containers] = await Promise.all([
    rt.listPodSandbox({ labelSelector: selector }),
    rt.listContainers({ labelSelector: selector }),
  ]);
  return { uid, sandboxes: sandboxes.sort(byNewest), containers: containers.sort(byNewest) };
}

/** Reads everything the runtime holds, grouped by pod UID (objects without the label are skipped). */
export async function readAllPodRuntimeStatuses(rt: RuntimeService): Promise<Map<string, PodRuntimeStatus>> {
  const [sandboxes, containers] = await Promise.all([rt.listPodSandbox(), rt.listContainers()]);
  const out = new Map<string, PodRuntimeStatus>();
  const get = (uid: string) => {
    let s = out.get(uid);
    if (!s) out.set(uid, (s = emptyRuntimeStatus(uid)));
    return s;
  };
  for (const s of sandboxes) {
    const uid = podUidOf(s);
    if (uid) get(uid).sandboxes.push(s);
  }
  for (const c of containers) {
    const uid = podUidOf(c);
    if (uid) get(uid).containers.push(c);
  }
  for (const s of out.values()) {
    s.sandboxes.sort(byNewest);
    s.containers.sort(byNewest);
  }
  return out;
}

/** The newest container with the given name, as upstream's FindContainerStatusByName. */
export function latestContainer(s: PodRuntimeStatus, name: string): ContainerStatus | undefined {
  return s.containers.find((c) => containerNameOf(c) === name);
}

/** A short fingerprint of the pod's runtime state; the relist syncs a pod when it changes. */
export function runtimeFingerprint(s: PodRuntimeStatus): string {
  const parts = s.sandboxes.map((x) => `${x.id}:${x.state}`);
  for (const c of s.containers) parts.push(`${c.id}:${c.state}`);
  return parts.sort().join(',');
}
