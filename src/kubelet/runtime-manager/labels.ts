/**
 * @module kubelet/runtime-manager/labels
 * The labels the kubelet puts on every sandbox and container it creates. They are how a
 * restarted kubelet recognises its pods in the runtime (adoption) and how relists group
 * containers by pod: pod UID, name and namespace on both, the container name on containers.
 */
import type { Pod } from '../../api/core/pods/types.js';

export const POD_UID_LABEL = 'io.kubernetes.pod.uid';
export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const CONTAINER_NAME_LABEL = 'io.kubernetes.container.name';
/**
 * The image as the pod spec named it when the container was created; a running container whose
 * spec image changed since (the one mutable container field) is restarted.
 */
export const CONTAINER_IMAGE_ANNOTATION = 'io.kubeling.container.image';
/** Marks the sandbox (the "pause container" users see in upstream tooling). */
export const CONTAINER_TYPE_LABEL = 'io.kubernetes.container.type';

export function sandboxLabels(pod: Pod): Record<string, string> {
  return {
    ...(pod.metadata.labels ?? {}),
    [POD_UID_LABEL]: pod.metadata.uid ?? '',
    [POD_NAME_LABEL]: pod.metadata.name ?? '',
    [POD_NAMESPACE_LABEL]: pod.metadata.namespace ?? 'default',
    [CONTAINER_TYPE_LABEL]: 'podsandbox',
  };
}

export function containerLabels(pod: Pod, containerName: string): Record<string, string> {
  return {
    [POD_UID_LABEL]: pod.metadata.uid ?? '',
    [POD_NAME_LABEL]: pod.metadata.name ?? '',
    [POD_NAMESPACE_LABEL]: pod.metadata.namespace ?? 'default',
    [CONTAINER_NAME_LABEL]: containerName,
  };
}

/** The pod UID a runtime object belongs to, or undefined for objects the kubelet did not create. */
export function podUidOf(obj: { labels: Record<string, string> }): string | undefined {
  return obj.labels[POD_UID_LABEL] || undefined;
}

/** The container's name: from its label, falling back to the CRI metadata. */
export function containerNameOf(c: { labels: Record<string, string>; metadata: { name: string } }): string {
  return c.labels[CONTAINER_NAME_LABEL] || c.metadata.name;
}
