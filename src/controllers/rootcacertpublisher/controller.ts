/**
 * @module controllers/rootcacertpublisher/controller
 * Publishes the cluster CA as the ConfigMap `kube-root-ca.crt` in every active namespace: creates
 * it for new namespaces, re-creates it when deleted and restores it when changed.
 */
import { ApiError, isNotFound } from '../../client/api-error.js';
import { Informer } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue, processQueue, type SyncResult } from '../../client/workqueue.js';
import { abortedPromise, type ControllerContext } from '../context.js';
import { ROOT_CA_CONFIGMAP, decideRootCA, type ConfigMapLike } from './sync.js';

export const NAME = 'root-ca-cert-publisher';

export async function runRootCACertPublisher(ctx: ControllerContext, signal: AbortSignal): Promise<void> {
  const { client, clock, log, rootCA } = ctx;
  if (!rootCA) return;
  const onError = (err: unknown) => log.debug({ error: String(err) }, 'root-ca-cert-publisher informer');
  const namespaces = new Informer(client, R.namespaces, { clock, onError });
  const configMaps = new Informer<ConfigMapLike>(client, R.configmaps, {
    clock,
    onError,
    fieldSelector: `metadata.name=${ROOT_CA_CONFIGMAP}`,
  });
  const queue = new WorkQueue({ clock });
  namespaces.on({
    add: (ns) => queue.add(ns.metadata.name!),
    update: (_o, ns) => queue.add(ns.metadata.name!),
  });
  configMaps.on({
    // One created by someone else (applied with its namespace) is checked too.
    add: (cm) => queue.add(cm.metadata.namespace!),
    update: (_o, cm) => queue.add(cm.metadata.namespace!),
    delete: (cm) => queue.add(cm.metadata.namespace!),
  });
  const running = [namespaces.run(signal), configMaps.run(signal)];
  await Promise.race([Promise.all([namespaces.hasSynced(), configMaps.hasSynced()]), abortedPromise(signal)]);
  const sync = async (ns: string): Promise<SyncResult> => {
    const action = decideRootCA(
      namespaces.lister.get(undefined, ns),
      configMaps.lister.get(ns, ROOT_CA_CONFIGMAP),
      rootCA,
    );
    try {
      if (action.kind === 'create') await client.create(R.configmaps, action.object);
      else if (action.kind === 'update') await client.update(R.configmaps, action.object);
    } catch (err) {
      // The namespace went away or is terminating: nothing to publish. Anything else (one created
      // meanwhile, a conflict) is retried, as upstream's publisher returns the error.
      if (isNotFound(err) || (ApiError.is(err) && err.code === 403)) return;
      throw err;
    }
  };
  await processQueue(queue, sync, signal, {
    workers: 2,
    onError: (key, err) =>
      log.warn({ namespace: key, error: String(err) }, 'publishing kube-root-ca.crt failed'),
  });
  await Promise.all(running);
}
