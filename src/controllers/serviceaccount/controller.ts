/**
 * @module controllers/serviceaccount/controller
 * Keeps a `default` ServiceAccount in every active namespace: creates it for new namespaces and
 * re-creates it when it is deleted.
 */
import { ApiError, isAlreadyExists, isNotFound } from '../../client/api-error.js';
import { Informer } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue, processQueue, type SyncResult } from '../../client/workqueue.js';
import { abortedPromise, type ControllerContext } from '../context.js';
import { DEFAULT_SERVICE_ACCOUNT, decideServiceAccount } from './sync.js';

export const NAME = 'serviceaccount';

export async function runServiceAccountController(
  ctx: ControllerContext,
  signal: AbortSignal,
): Promise<void> {
  const { client, clock, log } = ctx;
  const onError = (err: unknown) => log.debug({ error: String(err) }, 'serviceaccount informer');
  const namespaces = new Informer(client, R.namespaces, { clock, onError });
  const accounts = new Informer(client, R.serviceaccounts, {
    clock,
    onError,
    fieldSelector: `metadata.name=${DEFAULT_SERVICE_ACCOUNT}`,
  });
  const queue = new WorkQueue({ clock });
  namespaces.on({
    add: (ns) => queue.add(ns.metadata.name!),
    update: (_o, ns) => queue.add(ns.metadata.name!),
  });
  accounts.on({ delete: (sa) => queue.add(sa.metadata.namespace!) });
  const running = [namespaces.run(signal), accounts.run(signal)];
  await Promise.race([Promise.all([namespaces.hasSynced(), accounts.hasSynced()]), abortedPromise(signal)]);

  const sync = async (ns: string): Promise<SyncResult> => {
    const action = decideServiceAccount(
      namespaces.lister.get(undefined, ns),
      accounts.lister.get(ns, DEFAULT_SERVICE_ACCOUNT),
    );
    if (action.kind !== 'create') return;
    try {
      await client.create(R.serviceaccounts, action.object);
    } catch (err) {
      // Already there (cache lag), or the namespace went away / started terminating meanwhile.
      if (isAlreadyExists(err) || isNotFound(err) || (ApiError.is(err) && err.code === 403)) return;
      throw err;
    }
  };
  await processQueue(queue, sync, signal, {
    workers: 2,
    onError: (key, err) =>
      log.warn({ namespace: key, error: String(err) }, 'creating the default service account failed'),
  });
  await Promise.all(running);
}
