/**
 * @module controllers/garbagecollector/controller
 * Watches every resource that commonly has owners or dependents, keeps an owner graph, and
 * carries out the decisions of `sync.ts`: collects dependents of vanished owners, orphans or
 * deletes dependents of owners deleted with `orphan` / `foregroundDeletion`, and removes those
 * finalizers when done. An owner missing from the caches is confirmed gone with a live GET
 * before anything is deleted.
 */
import { ApiError, isConflict, isNotFound } from '../../client/api-error.js';
import { sleep } from '../../client/backoff.js';
import { discoverResources, resourceForKind, type DiscoveredResource } from '../../client/discovery.js';
import type { Informer } from '../../client/informer.js';
import { R, refId } from '../../client/resources.js';
import type { ResourceRef } from '../../client/rest-client.js';
import { retryUpdate } from '../../client/retry-update.js';
import { WorkQueue, processQueue, type SyncResult } from '../../client/workqueue.js';
import type { KubeObject, OwnerReference } from '../../machinery/meta.js';
import { abortedPromise, type ControllerContext } from '../context.js';
import { OwnerGraph, splitNodeId } from './graph.js';
import {
  applyOwnerRefChange,
  decideDependent,
  decideOwner,
  dependentsOf,
  isOwnerBeingDeleted,
  ownerStateOf,
  type OwnerView,
} from './sync.js';

export const NAME = 'garbagecollector';

/** Resources watched for ownership (those not served are skipped). */
export const WATCHED: ResourceRef[] = [
  R.pods,
  R.replicasets,
  R.deployments,
  R.daemonsets,
  R.statefulsets,
  R.jobs,
  R.cronjobs,
  R.controllerrevisions,
  R.endpointslices,
  R.configmaps,
  R.secrets,
  R.services,
  R.serviceaccounts,
  R.endpoints,
  { group: '', version: 'v1', plural: 'persistentvolumeclaims', namespaced: true },
];

export async function runGarbageCollector(ctx: ControllerContext, signal: AbortSignal): Promise<void> {
  const { client, clock, log } = ctx;
  let discovered: DiscoveredResource[] = [];
  while (!signal.aborted) {
    try {
      discovered = await discoverResources(client);
      break;
    } catch (err) {
      log.warn({ error: String(err) }, 'garbage collector: discovery failed; retrying');
      await sleep(clock, 1000, signal);
    }
  }
  const served = WATCHED.filter((w) =>
    discovered.some((d) => refId(d) === refId(w) && d.verbs.includes('watch')),
  );
  const graph = new OwnerGraph();
  const queue = new WorkQueue({ clock });
  const informers = new Map<string, Informer>();
  const offs: (() => void)[] = [];

  for (const ref of served) {
    const id = refId(ref);
    const inf = ctx.informers.get(ref);
    informers.set(id, inf);
    const seen = (obj: KubeObject) => {
      const node = graph.upsert(id, obj);
      if (obj.metadata.ownerReferences?.length || isOwnerBeingDeleted(obj)) queue.add(node);
      // Dependents react to an owner starting foreground deletion.
      if (isOwnerBeingDeleted(obj)) for (const d of graph.dependentsOf(obj.metadata.uid!)) queue.add(d);
    };
    const off = inf.on({
      add: seen,
      update: (_old, obj) => seen(obj),
      delete: (obj) => {
        const owners = graph.ownerUids(graph.remove(id, obj));
        for (const d of graph.dependentsOf(obj.metadata.uid!)) queue.add(d);
        // An owner waiting for its dependents may now be free to go.
        for (const o of owners) {
          const ownerNode = graph.locate(o);
          if (ownerNode) queue.add(ownerNode);
        }
      },
    });
    offs.push(off);
  }
  await Promise.race([
    Promise.all([...informers.values()].map((i) => i.hasSynced())),
    abortedPromise(signal),
  ]);

  const objectAt = (node: string): KubeObject | undefined => {
    const { resource, key } = splitNodeId(node);
    return informers.get(resource)?.lister.getByKey(key);
  };

  const resolveOwner = async (dependent: KubeObject, ref: OwnerReference): Promise<OwnerView> => {
    const cachedNode = graph.locate(ref.uid);
    if (cachedNode) {
      const cached = objectAt(cachedNode);
      if (cached) return { ref, state: ownerStateOf(cached, ref) };
    }
    let res = resourceForKind(discovered, ref.apiVersion, ref.kind);
    if (!res) {
      discovered = await discoverResources(client).catch(() => discovered);
      res = resourceForKind(discovered, ref.apiVersion, ref.kind);
      if (!res) return { ref, state: 'unknown' };
    }
    // A namespaced dependent can only be owned by a namespaced object in its namespace, or a cluster-scoped one.
    const ns = res.namespaced ? dependent.metadata.namespace : undefined;
    if (res.namespaced && !ns) return { ref, state: 'absent' };
    try {
      return { ref, state: ownerStateOf(await client.get(res, ref.name, ns), ref) };
    } catch (err) {
      if (isNotFound(err)) return { ref, state: 'absent' };
      throw err;
    }
  };

  const sync = async (node: string): Promise<SyncResult> => {
    const { resource } = splitNodeId(node);
    const ref = informers.get(resource)?.ref;
    const obj = objectAt(node);
    if (!obj || !ref) return;
    const ns = obj.metadata.namespace;
    const name = obj.metadata.name!;
    let result: SyncResult = undefined;

    if (isOwnerBeingDeleted(obj)) {
      const candidates = graph
        .dependentsOf(obj.metadata.uid!)
        .map(objectAt)
        .filter((o): o is KubeObject => !!o);
      for (const action of decideOwner(obj, dependentsOf(obj, candidates))) {
        if (action.kind === 'orphan-dependents') {
          for (const d of action.dependents) {
            const dref = informers.get(splitNodeId(graph.locate(d.metadata.uid!) ?? '|').resource)?.ref;
            if (!dref) continue;
            await retryUpdate(client, dref, d.metadata.namespace, d.metadata.name!, (cur) => {
              if (cur.metadata.uid !== d.metadata.uid) return undefined;
              cur.metadata.ownerReferences = applyOwnerRefChange(cur.metadata.ownerReferences, {
                remove: [obj.metadata.uid!],
                unblock: [],
              });
              if (!cur.metadata.ownerReferences) delete cur.metadata.ownerReferences;
              return cur;
            });
          }
        } else if (action.kind === 'process-dependents') {
          for (const d of action.dependents) {
            const dn = graph.locate(d.metadata.uid!);
            if (dn) queue.add(dn);
          }
          result = { requeueAfterMs: 5_000 };
        } else if (action.kind === 'remove-finalizer') {
          await retryUpdate(client, ref, ns, name, (cur) => {
            if (cur.metadata.uid !== obj.metadata.uid || !cur.metadata.finalizers?.includes(action.finalizer))
              return undefined;
            cur.metadata.finalizers = cur.metadata.finalizers.filter((f) => f !== action.finalizer);
            return cur;
          });
          log.debug({ resource, namespace: ns, name, finalizer: action.finalizer }, 'removed finalizer');
        }
      }
    }

    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return result;
    const owners = await Promise.all(refs.map((r) => resolveOwner(obj, r)));
    const action = decideDependent(obj, owners);
    if (action.kind === 'delete') {
      try {
        await client.delete(ref, name, {
          namespace: ns,
          propagationPolicy: action.propagationPolicy,
          preconditions: { uid: obj.metadata.uid },
        });
        log.debug({ resource, namespace: ns, name, policy: action.propagationPolicy }, 'deleted dependent');
      } catch (err) {
        // Gone already, or replaced by a new object of the same name (uid precondition).
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
    } else if (action.kind === 'update-owner-refs') {
      await retryUpdate(client, ref, ns, name, (cur) => {
        if (cur.metadata.uid !== obj.metadata.uid) return undefined;
        cur.metadata.ownerReferences = applyOwnerRefChange(cur.metadata.ownerReferences, action);
        if (!cur.metadata.ownerReferences) delete cur.metadata.ownerReferences;
        return cur;
      });
    }
    return result;
  };

  try {
    await processQueue(queue, sync, signal, {
      workers: 4,
      onError: (node, err) => {
        const level = ApiError.is(err) && err.code === 0 ? 'debug' : 'warn';
        log[level]({ object: node, error: String(err) }, 'garbage collection failed; retrying');
      },
    });
  } finally {
    for (const off of offs) off();
  }
}
