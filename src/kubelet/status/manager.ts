/**
 * @module kubelet/status/manager
 * The single writer of pod status to the API server (StatusWriter), after upstream's status
 * manager. `setPodStatus` caches the status and, when it differs from what was last written,
 * schedules a write; writes for one pod are serialized and coalesce (latest wins). A write is a
 * merge patch of pods/status carrying `metadata.uid` (so a re-created pod of the same name is
 * never touched) where fields that disappeared are set to null. Failures retry after 1 s on the
 * injected clock; NotFound or a uid mismatch drops the pod.
 * `podTerminated` marks the pod's containers as stopped: once its final status is written and
 * it has a deletionTimestamp, the object is deleted with grace 0 and a uid precondition (static
 * pods excepted: their mirror pods belong to the pod source). Static pods' statuses go to their
 * mirror pods (same name, no uid check); a missing mirror is retried every 10 s, and
 * `resyncStaticPods` rewrites them all (mirror pods can be re-created empty).
 */
import type { Pod, PodStatus } from '../../api/core/pods/types.js';
import { isConflict, isNotFound } from '../../client/api-error.js';
import { R } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { StatusWriter } from '../interfaces.js';
import { deepEqual } from '../../machinery/patch/json-value.js';
import { isStaticPod } from './phase.js';

const STATIC_RETRY_MS = 10_000;

export interface StatusManagerOptions {
  client: Pick<RestClient, 'patch' | 'delete'>;
  clock: Clock;
  log: Logger;
  /** Delay before retrying a failed write; default 1000 ms. */
  retryMs?: number;
}

interface Entry {
  pod: Pod;
  status: PodStatus;
  /** The status last written (or read from the API); status objects are never changed once set. */
  written?: PodStatus;
  terminated: boolean;
  deleted: boolean;
  busy: boolean;
  again: boolean;
}

/** A merge patch from `old` to `next`: changed keys replaced, removed keys nulled. */
export function statusMergePatch(old: PodStatus | undefined, next: PodStatus): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (!deepEqual(v, (old as Record<string, unknown> | undefined)?.[k])) patch[k] = v;
  }
  for (const k of Object.keys(old ?? {})) if (!(k in next)) patch[k] = null;
  return patch;
}

export class StatusManager implements StatusWriter {
  private readonly entries = new Map<string, Entry>();
  private idleWaiters: (() => void)[] = [];
  /** Entries with a write running. */
  private busyCount = 0;

  constructor(private readonly opts: StatusManagerOptions) {}

  setPodStatus(pod: Pod, status: PodStatus): void {
    const uid = pod.metadata.uid ?? '';
    let e = this.entries.get(uid);
    if (!e) {
      e = { pod, status, terminated: false, deleted: false, busy: false, again: false };
      e.written = pod.status;
      this.entries.set(uid, e);
    }
    e.pod = pod;
    e.status = status;
    this.kick(uid);
  }

  getPodStatus(podUid: string): PodStatus | undefined {
    return this.entries.get(podUid)?.status;
  }

  podTerminated(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const e = this.entries.get(uid);
    if (!e) {
      this.setPodStatus(pod, pod.status ?? {});
      return this.podTerminated(pod);
    }
    e.pod = pod;
    e.terminated = true;
    this.kick(uid);
  }

  /**
   * Writes every static pod's full status again (housekeeping): a re-created mirror pod starts
   * with an empty status that this manager would otherwise not notice.
   */
  resyncStaticPods(): void {
    for (const [uid, e] of this.entries) {
      if (!isStaticPod(e.pod)) continue;
      e.written = undefined;
      this.kick(uid);
    }
  }

  removePod(podUid: string): void {
    this.entries.delete(podUid);
    this.notifyIdle();
  }

  /** Resolves once no write is pending or running (tests, shutdown). */
  whenIdle(): Promise<void> {
    if (this.busyCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIdle(): void {
    if (this.busyCount > 0) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  private kick(uid: string): void {
    const e = this.entries.get(uid);
    if (!e) return;
    if (e.busy) {
      e.again = true;
      return;
    }
    e.busy = true;
    this.busyCount++;
    void this.flush(uid, e).finally(() => {
      e.busy = false;
      this.busyCount--;
      if (e.again && this.entries.get(uid) === e) {
        e.again = false;
        this.kick(uid);
      } else this.notifyIdle();
    });
  }

  private async flush(uid: string, e: Entry): Promise<void> {
    const { client, log } = this.opts;
    const { pod } = e;
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    try {
      const status = e.status;
      if (e.written === undefined || !deepEqual(status, e.written)) {
        const body: Record<string, unknown> = { status: statusMergePatch(e.written, status) };
        if (!isStaticPod(pod)) body.metadata = { uid };
        await client.patch(R.pods, name, body, 'merge', {
          namespace: ns,
          subresource: 'status',
          readOnlyResult: true,
        });
        e.written = status;
      }
      if (e.terminated && !e.deleted && pod.metadata.deletionTimestamp && !isStaticPod(pod)) {
        await client.delete(R.pods, name, { namespace: ns, gracePeriodSeconds: 0, preconditions: { uid } });
        e.deleted = true;
      }
    } catch (err) {
      if (isStaticPod(pod) && isNotFound(err)) {
        // The mirror pod is not there (yet): the mirror manager makes it; try again later.
        await new Promise<void>((resolve) => this.opts.clock.setTimeout(resolve, STATIC_RETRY_MS));
        e.again = true;
        return;
      }
      if (isNotFound(err) || isConflict(err) || (err as { code?: number }).code === 422) {
        log.debug({ pod: `${ns}/${name}`, err: String(err) }, 'pod gone or replaced; status not written');
        e.written = e.status;
        e.deleted = true;
        return;
      }
      log.warn({ pod: `${ns}/${name}`, err: String(err) }, 'failed to write pod status; will retry');
      await new Promise<void>((resolve) => this.opts.clock.setTimeout(resolve, this.opts.retryMs ?? 1000));
      e.again = true;
    }
  }
}
