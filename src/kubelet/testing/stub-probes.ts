/**
 * @module kubelet/testing/stub-probes
 * A ProbeManager for the engine's tests: no workers; tests set results by container ID with
 * `set`, which fires onChange for the owning pod. `updatePodStatus` applies upstream's rules:
 * started = running and (no startup probe or it succeeded); ready = started and (no readiness
 * probe or it succeeded).
 */
import type { Pod, PodStatus } from '../../api/core/pods/types.js';
import type { ProbeKind, ProbeManager, ProbeOutcome } from '../interfaces.js';

export class StubProbeManager implements ProbeManager {
  private readonly store = new Map<string, ProbeOutcome>();
  private readonly owners = new Map<string, string>();
  private readonly listeners = new Set<(uid: string) => void>();
  readonly added: string[] = [];
  readonly removed: string[] = [];

  readonly results = {
    get: (containerId: string, kind: ProbeKind) => this.store.get(`${containerId}/${kind}`),
  };

  set(containerId: string, kind: ProbeKind, outcome: ProbeOutcome | undefined): void {
    if (outcome === undefined) this.store.delete(`${containerId}/${kind}`);
    else this.store.set(`${containerId}/${kind}`, outcome);
    const uid = this.owners.get(containerId);
    if (uid) for (const l of this.listeners) l(uid);
  }

  addPod(pod: Pod): void {
    this.added.push(pod.metadata.uid ?? '');
  }
  removePod(podUid: string): void {
    this.removed.push(podUid);
  }
  cleanupPods(): void {}
  stop(): void {}

  updatePodStatus(pod: Pod, status: PodStatus): void {
    const specs = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
    for (const s of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
      const spec = specs.find((c) => c.name === s.name);
      const id = s.containerID?.replace(/^[a-z]+:\/\//, '') ?? '';
      if (id) this.owners.set(id, pod.metadata.uid ?? '');
      const running = !!s.state?.running;
      s.started = running && (!spec?.startupProbe || this.store.get(`${id}/startup`) === 'success');
      s.ready = s.started && (!spec?.readinessProbe || this.store.get(`${id}/readiness`) === 'success');
      const regularInit = (pod.spec.initContainers ?? []).some(
        (c) => c.name === s.name && c.restartPolicy !== 'Always',
      );
      if (regularInit) s.ready = s.state?.terminated?.exitCode === 0;
    }
  }

  onChange(listener: (podUid: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
