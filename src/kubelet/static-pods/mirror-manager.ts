/**
 * @module kubelet/static-pods/mirror-manager
 * Keeps one mirror pod in the API server per static pod: creates it once the Node is
 * registered, replaces it when it is deleted (a graceful delete is finished at once, then a new
 * mirror is created) or mirrors an older manifest, and deletes mirrors whose manifest is gone.
 * Decisions come from `decideMirror`; keys are `namespace/name` of the static pod.
 */
import { isAlreadyExists, isConflict, isNotFound } from '../../client/api-error.js';
import { R } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import { WorkQueue, processQueue, type SyncResult } from '../../client/workqueue.js';
import type { Pod } from '../../api/core/pods/types.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { NodeRef } from '../node/lease.js';
import type { NodePodSource } from '../pod-source.js';
import { decideMirror, mirrorPodFor } from './manifest.js';
import type { StaticPodSet } from './source.js';

export interface MirrorManagerOptions {
  client: RestClient;
  source: NodePodSource;
  staticPods: StaticPodSet;
  /** The registered Node, or undefined before registration (mirrors wait for it). */
  node(): NodeRef | undefined;
  clock: Clock;
  log: Logger;
  /** Full re-check of every mirror; default 10 s. */
  resyncMs?: number;
}

const keyOf = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;

/** Runs until `signal` aborts; resolves then. Never rejects. */
export async function runMirrorManager(o: MirrorManagerOptions, signal: AbortSignal): Promise<void> {
  const queue = new WorkQueue({ clock: o.clock, baseDelayMs: 100, maxDelayMs: 10_000 });
  const unsubs = [
    o.staticPods.onChange((p) => queue.add(keyOf(p))),
    o.source.onMirrorChange((p) => queue.add(keyOf(p))),
  ];
  const resync = () => {
    for (const p of o.staticPods.pods()) queue.add(keyOf(p));
    for (const p of o.source.mirrorPods()) queue.add(keyOf(p));
  };
  let timer = o.clock.setTimeout(function tick() {
    resync();
    timer = o.clock.setTimeout(tick, o.resyncMs ?? 10_000);
  }, o.resyncMs ?? 10_000);
  signal.addEventListener('abort', () => timer.cancel(), { once: true });

  await Promise.race([
    o.source.synced(),
    new Promise((r) => signal.addEventListener('abort', r, { once: true })),
  ]);
  resync();

  const remove = async (mirror: Pod) => {
    try {
      await o.client.delete(R.pods, mirror.metadata.name!, {
        namespace: mirror.metadata.namespace,
        gracePeriodSeconds: 0,
        preconditions: { uid: mirror.metadata.uid },
      });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  };

  const sync = async (key: string): Promise<SyncResult> => {
    const [namespace, name] = key.split('/');
    const pod = o.staticPods.pods().find((p) => keyOf(p) === key);
    const mirror = o.source.mirrorPod(namespace, name);
    if (!pod) {
      if (mirror) {
        o.log.info({ pod: key }, 'deleting mirror pod of removed static pod');
        await remove(mirror);
      }
      return;
    }
    const node = o.node();
    if (!node) return { requeueAfterMs: 200 };
    const decision = decideMirror(pod, mirror);
    if (decision === 'none') return;
    if (decision === 'recreate' && mirror) await remove(mirror);
    try {
      // A new mirror starts with an empty status; the status manager's periodic re-sync of
      // static pods (kubelet housekeeping) writes the kubelet's status onto it.
      await o.client.create<Pod>(R.pods, mirrorPodFor(pod, node));
      o.log.debug({ pod: key }, 'mirror pod created');
    } catch (err) {
      // The informer has not caught up with a mirror we (or a previous run) made: re-check then.
      if (isAlreadyExists(err)) return { requeueAfterMs: 1000 };
      throw err;
    }
  };

  await processQueue(queue, sync, signal, {
    onError: (key, err) => o.log.warn({ pod: key, error: String(err) }, 'failed to sync mirror pod'),
  });
  for (const u of unsubs) u();
}
