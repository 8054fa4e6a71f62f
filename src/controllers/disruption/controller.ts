/**
 * @module controllers/disruption/controller
 * The disruption controller: keeps each PodDisruptionBudget's status (healthy, desired and
 * expected pods, disruptions allowed, the DisruptionAllowed condition) up to date as its pods
 * come, go and change readiness, so that evictions (`kubectl drain`) and the scheduler's
 * preemption can honour it. Keys are budget keys; a pod change re-queues the budgets of its
 * namespace whose selector picks it (before or after the change).
 */
import { isConflict, isNotFound } from '../../client/api-error.js';
import { EventRecorder } from '../../client/events.js';
import { objectKey } from '../../client/lister.js';
import { R } from '../../client/resources.js';
import type { ResourceRef, RestClient } from '../../client/rest-client.js';
import { WorkQueue, processQueue, type SyncResult } from '../../client/workqueue.js';
import type { Pod } from '../../api/core/pods/types.js';
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudgets/types.js';
import { labelSelectorMatcher } from '../../machinery/labels.js';
import type { KubeObject, OwnerReference } from '../../machinery/meta.js';
import { abortedPromise, type ControllerContext } from '../context.js';
import { failSafeStatus, syncPdb, type ControllerScale, type PdbSyncResult } from './sync.js';

export const NAME = 'disruption';

/** Whether the budget's selector picks these labels (an invalid selector picks nothing). */
function selects(pdb: PodDisruptionBudget, labels: Record<string, string> | undefined): boolean {
  try {
    return labelSelectorMatcher(pdb.spec?.selector).matches(labels ?? {});
  } catch {
    return false;
  }
}

export async function runDisruptionController(ctx: ControllerContext, signal: AbortSignal): Promise<void> {
  const { client, clock, log } = ctx;
  const pdbs = ctx.informers.get<PodDisruptionBudget>(R.poddisruptionbudgets);
  const pods = ctx.informers.get<Pod & KubeObject>(R.pods);
  const recorder = new EventRecorder(client, { component: 'controllermanager', clock });
  const queue = new WorkQueue({ clock });
  const enqueueFor = (pod: Pod & KubeObject, ...labelSets: (Record<string, string> | undefined)[]) => {
    for (const pdb of pdbs.lister.list(pod.metadata.namespace))
      if (labelSets.some((l) => selects(pdb, l))) queue.add(objectKey(pdb));
  };
  const offPdbs = pdbs.on({
    add: (p) => queue.add(objectKey(p)),
    update: (_o, p) => queue.add(objectKey(p)),
  });
  const offPods = pods.on({
    add: (p) => enqueueFor(p, p.metadata.labels),
    update: (o, p) => enqueueFor(p, o.metadata.labels, p.metadata.labels),
    delete: (p) => enqueueFor(p, p.metadata.labels),
  });
  await Promise.race([Promise.all([pdbs.hasSynced(), pods.hasSynced()]), abortedPromise(signal)]);

  const sync = async (key: string): Promise<SyncResult> => {
    const pdb = pdbs.lister.getByKey(key);
    if (!pdb) return;
    const picked = pods.lister.list(pdb.metadata.namespace).filter((p) => selects(pdb, p.metadata.labels));
    let r: PdbSyncResult;
    try {
      r = syncPdb({ pdb, pods: picked, scales: await controllerScales(client, picked), now: clock.now() });
    } catch (err) {
      // As upstream's failSafe: whatever went wrong, the budget allows no disruption meanwhile.
      r = { status: failSafeStatus(pdb, String((err as Error).message ?? err), clock.now()), events: [] };
    }
    const about = { ...pdb, kind: 'PodDisruptionBudget', apiVersion: 'policy/v1' };
    for (const e of r.events) {
      const target = e.pod ? picked.find((p) => p.metadata.name === e.pod) : undefined;
      void recorder.event(
        target ? { ...target, kind: 'Pod', apiVersion: 'v1' } : about,
        e.type,
        e.reason,
        e.message,
      );
    }
    if (r.status) {
      try {
        await client.updateStatus(R.poddisruptionbudgets, { ...pdb, status: r.status });
      } catch (err) {
        // A newer version is on its way through the informer, which re-queues the budget.
        if (isConflict(err) || isNotFound(err)) return;
        // Any other failure: at least no disruption is allowed until the next sync succeeds.
        await client
          .updateStatus(R.poddisruptionbudgets, {
            ...pdb,
            status: failSafeStatus(pdb, String(err), clock.now()),
          })
          .catch(() => undefined);
        throw err;
      }
    }
    if (r.recheckAfterMs !== undefined) return { requeueAfterMs: r.recheckAfterMs };
  };

  try {
    await processQueue(queue, sync, signal, {
      workers: 2,
      onError: (key, err) =>
        log.warn({ pdb: key, error: String(err) }, 'syncing a PodDisruptionBudget failed'),
    });
  } finally {
    offPdbs();
    offPods();
  }
}

/** The controllers behind the pods' controller references, read from the API as upstream's finders do. */
async function controllerScales(client: RestClient, pods: Pod[]): Promise<Map<string, ControllerScale>> {
  const out = new Map<string, ControllerScale>();
  for (const pod of pods) {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref || out.has(ref.uid)) continue;
    const found = await findController(client, ref, pod.metadata.namespace ?? '');
    if (found) out.set(ref.uid, found);
  }
  return out;
}

type Scalable = KubeObject & { spec?: { replicas?: number } };

async function getOwned(
  client: RestClient,
  ref: ResourceRef,
  owner: OwnerReference,
  namespace: string,
): Promise<Scalable | undefined> {
  try {
    const obj = await client.get<Scalable>(ref, owner.name, namespace);
    return obj.metadata.uid === owner.uid ? obj : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

const scaleOf = (o: Scalable): ControllerScale => ({
  uid: o.metadata.uid ?? '',
  replicas: o.spec?.replicas ?? 1,
});

/** A Deployment (through its ReplicaSet), a ReplicaSet or a StatefulSet, as upstream's finders. */
async function findController(
  client: RestClient,
  ref: OwnerReference,
  namespace: string,
): Promise<ControllerScale | undefined> {
  const group = ref.apiVersion.split('/').length === 2 ? ref.apiVersion.split('/')[0] : '';
  if (group !== 'apps') return undefined;
  if (ref.kind === 'ReplicaSet') {
    const rs = await getOwned(client, R.replicasets, ref, namespace);
    if (!rs) return undefined;
    const up = rs.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
    const deployment = up && (await getOwned(client, R.deployments, up, namespace));
    return scaleOf(deployment || rs);
  }
  if (ref.kind === 'StatefulSet') {
    const ss = await getOwned(client, R.statefulsets, ref, namespace);
    return ss && scaleOf(ss);
  }
  return undefined;
}
