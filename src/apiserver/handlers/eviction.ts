/**
 * @module apiserver/handlers/eviction
 * `POST pods/NAME/eviction` (policy/v1 Eviction), as upstream's EvictionREST, which `kubectl
 * drain` uses: a pod that is terminal, pending or already being deleted is deleted at once;
 * otherwise the one PodDisruptionBudget that selects it must allow a disruption, which the
 * eviction takes (disruptionsAllowed − 1, the pod in disruptedPods) before the pod gets the
 * DisruptionTarget condition and a graceful delete. A budget that allows none answers 429, which
 * kubectl retries; more than one budget is a 500.
 */
import { labelSelectorMatcher, parseLabelSelector } from '../../machinery/labels.js';
import { parseFieldSelector } from '../../machinery/fields.js';
import {
  newBadRequest,
  newConflict,
  newForbidden,
  StatusError,
  successStatus,
  type StatusDetails,
} from '../../machinery/errors.js';
import { formatTime, type KubeObject } from '../../machinery/meta.js';
import type { Pod } from '../../api/core/pods/types.js';
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudgets/types.js';
import { disruptionAllowedCondition } from '../../api/policy/poddisruptionbudgets/conditions.js';
import { readBody } from '../http/exchange.js';
import type { DeleteOptions, RequestContext } from '../registry/context.js';
import { deleteObject } from '../registry/delete.js';
import type { GenericStore } from '../registry/generic-store.js';
import { decodeObject } from './decode.js';
import type { SubresourceHandler } from './subresource-handler.js';

/** More evictions than this not yet seen by the disruption controller are refused (upstream's). */
const MAX_DISRUPTED_PODS = 2000;
/** Conflicts on the pod or the budget are retried this often (upstream's EvictionsRetry steps). */
const RETRIES = 20;

interface Eviction extends KubeObject {
  deleteOptions?: DeleteOptions;
}

const isReady = (p: Pod) =>
  (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** Pods whose eviction cannot disrupt anything more: deleted without asking a budget. */
const canIgnoreBudget = (p: Pod) =>
  terminal(p) || p.status?.phase === 'Pending' || !!p.metadata.deletionTimestamp;

function tooManyRequests(retryAfterSeconds: number, cause: string): StatusError {
  const details: StatusDetails = { causes: [{ reason: 'DisruptionBudget', message: cause }] };
  if (retryAfterSeconds > 0) details.retryAfterSeconds = retryAfterSeconds;
  return new StatusError(
    429,
    'TooManyRequests',
    "Cannot evict pod as it would violate the pod's disruption budget.",
    details,
  );
}

const stillProcessing = (pdb: string) =>
  tooManyRequests(10, `The disruption budget ${pdb} is still being processed by the server.`);

export const handleEviction: SubresourceHandler = async (ep, ex, ctx, ns, name, verb) => {
  if (verb !== 'create')
    throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on pods/eviction`);
  const eviction = decodeObject(
    await readBody(ex.req),
    ex.header('content-type'),
    ep.codec.protobuf,
  ) as Eviction;
  if ((eviction.metadata?.name ?? '') !== name)
    throw newBadRequest('name in URL does not match name in Eviction object');
  const options: DeleteOptions = { ...(eviction.deleteOptions ?? {}) };
  if (options.dryRun?.length) ctx.dryRun = true;
  const pods = ep.store;
  // A pod the budget cannot protect is deleted at once; a conflict (it changed meanwhile) reads it
  // again, up to upstream's 20 times, unless the caller named the resourceVersion itself.
  let pod: Pod;
  for (let attempt = 1; ; attempt++) {
    pod = (await pods.get(ns, name)) as Pod;
    if (!canIgnoreBudget(pod)) break;
    const enforce = !terminal(pod) && !pod.metadata.deletionTimestamp;
    const o =
      options.preconditions?.resourceVersion || !enforce ? options : withResourceVersion(options, pod);
    try {
      await markAndDelete(pods, ctx, ns, name, o);
      return ex.json(201, { ...successStatus(), code: 201 });
    } catch (err) {
      const conflict = StatusError.is(err) && err.reason === 'Conflict';
      if (!conflict || options.preconditions?.resourceVersion || attempt >= RETRIES) throw err;
    }
  }

  const budgets = pods.storeOf('policy', 'poddisruptionbudgets');
  const all = await budgets?.list(ns, { label: parseLabelSelector(''), field: parseFieldSelector('') });
  const matching = (all?.items ?? []).filter((b) => selects(b, pod));
  if (matching.length > 1) {
    return ex.json(500, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      code: 500,
    });
  }
  let unhealthyDelete = false;
  if (matching.length === 1) {
    const pdb = matching[0] as PodDisruptionBudget;
    const st = pdb.status ?? {};
    // An unready pod counts for nothing: it goes when the policy says so or the budget is met.
    if (!isReady(pod)) {
      unhealthyDelete =
        pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' ||
        ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0);
    }
    if (!unhealthyDelete) await takeDisruption(budgets!, ctx, pdb, name);
  }

  // An unready pod goes only as it was when the budget was read: its resourceVersion replaces any.
  const o = unhealthyDelete ? withResourceVersion(options, pod) : options;
  try {
    await markAndDelete(pods, ctx, ns, name, o);
  } catch (err) {
    // The pod changed (it may have become ready) since the budget was read: let the client retry.
    if (
      unhealthyDelete &&
      !options.preconditions?.resourceVersion &&
      StatusError.is(err) &&
      err.reason === 'Conflict'
    )
      throw stillProcessing(matching[0].metadata.name ?? '');
    throw err;
  }
  ex.json(201, { ...successStatus(), code: 201 });
};

function selects(pdb: KubeObject, pod: Pod): boolean {
  try {
    return labelSelectorMatcher((pdb as PodDisruptionBudget).spec?.selector).matches(
      pod.metadata.labels ?? {},
    );
  } catch {
    return false;
  }
}

/** The options with the pod's resourceVersion as the precondition. */
function withResourceVersion(o: DeleteOptions, pod: Pod): DeleteOptions {
  return { ...o, preconditions: { ...o.preconditions, resourceVersion: pod.metadata.resourceVersion } };
}

/** Checks that the budget allows a disruption and takes it, re-reading the budget on conflicts. */
async function takeDisruption(
  budgets: GenericStore,
  ctx: RequestContext,
  first: PodDisruptionBudget,
  pod: string,
) {
  const name = first.metadata.name ?? '';
  const ns = first.metadata.namespace;
  let pdb = first;
  for (let attempt = 0; ; attempt++) {
    const st = pdb.status ?? {};
    if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw stillProcessing(name);
    const forbidden = (why: string) =>
      newForbidden({ group: 'policy', resource: 'poddisruptionbudget' }, name, why);
    if ((st.disruptionsAllowed ?? 0) < 0) throw forbidden('pdb disruptions allowed is negative');
    if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS)
      throw forbidden('DisruptedPods map too big - too many evictions not confirmed by PDB controller');
    if ((st.disruptionsAllowed ?? 0) === 0)
      throw tooManyRequests(
        0,
        `The disruption budget ${name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`,
      );
    const next: PodDisruptionBudget['status'] = {
      ...st,
      disruptionsAllowed: (st.disruptionsAllowed ?? 0) - 1,
    };
    if (next.disruptionsAllowed === 0) next.conditions = disruptionAllowedCondition(next, ctx.now);
    if (ctx.dryRun) return;
    next.disruptedPods = { ...st.disruptedPods, [pod]: formatTime(ctx.now) };
    try {
      // As upstream's loopback client writes it: the API server's own status update.
      await budgets.update(
        { ...ctx, subresource: 'status', fieldManager: 'kube-apiserver' },
        ns,
        name,
        (cur) => ({ ...(cur as PodDisruptionBudget), status: next }),
        { resourceVersionPrecondition: pdb.metadata.resourceVersion },
      );
      return;
    } catch (err) {
      // After the last attempt the conflict itself is the answer, as upstream's RetryOnConflict.
      if (!(StatusError.is(err) && err.reason === 'Conflict') || attempt + 1 >= RETRIES) throw err;
      pdb = (await budgets.get(ns, name)) as PodDisruptionBudget;
    }
  }
}

/**
 * Adds DisruptionTarget (EvictionByEvictionAPI) to the pod's status, as a write straight to
 * storage checked against the options' preconditions, then deletes it with those options.
 */
async function markAndDelete(
  pods: GenericStore,
  ctx: RequestContext,
  ns: string | undefined,
  name: string,
  options: DeleteOptions,
): Promise<void> {
  let o = options;
  if (!ctx.dryRun) {
    const res = await pods.update(
      { ...ctx, subresource: 'status' },
      ns,
      name,
      (cur) => {
        const pod = cur as Pod;
        const pre = options.preconditions;
        const why = (what: string, want: string, have: string, how: string) =>
          newConflict(
            { group: '', resource: 'Pod' },
            name,
            `the ${what} in the precondition (${want}) does not match the ${what} in record (${have}). The object might have been ${how}`,
          );
        if (pre?.uid && pre.uid !== pod.metadata.uid)
          throw why('UID', pre.uid, pod.metadata.uid ?? '', 'deleted and then recreated');
        if (pre?.resourceVersion && pre.resourceVersion !== pod.metadata.resourceVersion)
          throw why('ResourceVersion', pre.resourceVersion, pod.metadata.resourceVersion ?? '', 'modified');
        return {
          ...pod,
          status: { ...pod.status, conditions: withDisruptionTarget(pod, ctx.now) },
        } as KubeObject;
      },
      { sharedCurrent: true, untracked: true },
    );
    // The condition moved the resourceVersion: a precondition on it now names the new one.
    if (o.preconditions?.resourceVersion)
      o = {
        ...o,
        preconditions: { ...o.preconditions, resourceVersion: res.object.metadata.resourceVersion },
      };
  }
  await deleteObject(pods, ctx, ns, name, o);
}

function withDisruptionTarget(pod: Pod, now: Date) {
  const conditions = [...(pod.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
  const cond = {
    type: 'DisruptionTarget',
    status: 'True',
    reason: 'EvictionByEvictionAPI',
    message: 'Eviction API: evicting',
    lastProbeTime: null,
    lastTransitionTime:
      i >= 0 && conditions[i].status === 'True' ? conditions[i].lastTransitionTime : formatTime(now),
  } as (typeof conditions)[number];
  if (i >= 0) conditions[i] = cond;
  else conditions.push(cond);
  return conditions;
}
