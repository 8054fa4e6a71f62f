/**
 * @module controllers/namespace/controller
 * Watches namespaces; for each Terminating one, deletes every namespaced object in it through
 * the API (resources found by discovery), records progress in status conditions, and finalizes
 * the namespace once it is empty. Decisions live in `sync.ts`.
 */
import { isConflict, isNotFound } from '../../client/api-error.js';
import { discoverResources } from '../../client/discovery.js';
import { Informer } from '../../client/informer.js';
import { R, refId } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import { WorkQueue, processQueue, type SyncResult } from '../../client/workqueue.js';
import { abortedPromise, type ControllerContext } from '../context.js';
import {
  decideAfterDeletion,
  decideNamespace,
  needsContentDeletion,
  type ContentObservation,
  type Namespace,
} from './sync.js';

export const NAME = 'namespace';

export async function runNamespaceController(ctx: ControllerContext, signal: AbortSignal): Promise<void> {
  const { client, clock, log } = ctx;
  const namespaces = new Informer<Namespace>(client, R.namespaces, {
    clock,
    onError: (err) => log.debug({ error: String(err) }, 'namespace informer'),
  });
  const queue = new WorkQueue({ clock });
  namespaces.on({
    add: (ns) => queue.add(ns.metadata.name!),
    update: (_old, ns) => queue.add(ns.metadata.name!),
  });
  const informerDone = namespaces.run(signal);
  await Promise.race([namespaces.hasSynced(), abortedPromise(signal)]);

  const sync = async (name: string): Promise<SyncResult> => {
    if (decideNamespace(namespaces.lister.get(undefined, name)).kind === 'ignore') return;
    let ns: Namespace;
    try {
      ns = await client.get<Namespace>(R.namespaces, name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!needsContentDeletion(ns)) return;
    const obs = await deleteContent(client, name);
    const d = decideAfterDeletion(ns, obs, clock.now());
    if (d.kind !== 'wait' && d.kind !== 'finalize') return;
    if (d.statusChanged)
      ns = await client.updateStatus<Namespace>(R.namespaces, {
        ...ns,
        status: { ...ns.status, ...d.status },
      });
    if (d.kind === 'wait') return { requeueAfterMs: d.requeueAfterMs };
    try {
      await client.updateSubresource(
        R.namespaces,
        { ...ns, spec: { ...ns.spec, finalizers: d.finalizers } },
        'finalize',
      );
      log.debug({ namespace: name }, 'namespace finalized');
    } catch (err) {
      if (isNotFound(err)) return;
      if (isConflict(err)) return { requeueAfterMs: 0 };
      throw err;
    }
  };

  await processQueue(queue, sync, signal, {
    workers: 2,
    onError: (key, err) =>
      log.warn({ namespace: key, error: String(err) }, 'namespace deletion failed; retrying'),
  });
  await informerDone;
}

/** One delete pass over every namespaced resource; reports what is left. */
export async function deleteContent(client: RestClient, namespace: string): Promise<ContentObservation> {
  const obs: ContentObservation = {
    discoveryFailures: [],
    deleteFailures: [],
    remaining: {},
    finalizers: {},
  };
  let resources;
  try {
    resources = await discoverResources(client);
  } catch (err) {
    obs.discoveryFailures.push(String((err as Error).message ?? err));
    return obs;
  }
  const deletable = resources.filter(
    (r) => r.namespaced && r.verbs.includes('list') && r.verbs.includes('delete'),
  );
  await Promise.all(
    deletable.map(async (r) => {
      const id = refId(r);
      try {
        const before = await client.list(r, { namespace });
        if (before.items.length === 0) return;
        if (r.verbs.includes('deletecollection')) {
          await client.deleteCollection(r, { namespace });
        } else {
          for (const o of before.items) {
            await client.delete(r, o.metadata.name!, { namespace }).catch((err) => {
              if (!isNotFound(err)) throw err;
            });
          }
        }
        const after = await client.list(r, { namespace });
        if (after.items.length) obs.remaining[id] = after.items.length;
        for (const o of after.items) {
          for (const f of o.metadata.finalizers ?? []) obs.finalizers[f] = (obs.finalizers[f] ?? 0) + 1;
        }
      } catch (err) {
        obs.deleteFailures.push(`${id}: ${(err as Error).message ?? err}`);
      }
    }),
  );
  return obs;
}
