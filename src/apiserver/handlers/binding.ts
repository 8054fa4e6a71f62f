/**
 * @module apiserver/handlers/binding
 * `POST pods/NAME/binding`, as upstream's BindingREST: the pod gets its node and PodScheduled
 * straight in storage (no defaulting, no managedFields entry), with the Binding's uid and
 * resourceVersion as preconditions and its annotations merged in.
 */
import {
  newBadRequest,
  newConflict,
  newNotFound,
  StatusError,
  successStatus,
  type StatusReason,
} from '../../machinery/errors.js';
import { validatePodBinding } from '../../api/core/pods/validation.js';
import { formatTime, type KubeObject } from '../../machinery/meta.js';
import { readBody } from '../http/exchange.js';
import { decodeObject } from './decode.js';
import type { SubresourceHandler } from './subresource-handler.js';

type Obj = KubeObject & { spec?: any; status?: any };

export const handleBinding: SubresourceHandler = async (ep, ex, ctx, ns, name, verb) => {
  if (verb !== 'create')
    throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on pods/binding`);
  const binding = decodeObject(await readBody(ex.req), ex.header('content-type'), ep.codec.protobuf) as any;
  if ((binding.metadata?.name ?? '') !== name)
    throw newBadRequest('name in URL does not match name in Binding object');
  // Upstream returns these checks' aggregate as a plain error: a 500 with no reason.
  const errs = validatePodBinding(binding);
  if (errs.length) {
    const text = errs.map((e) => e.toString());
    throw new StatusError(500, '' as StatusReason, text.length === 1 ? text[0] : `[${text.join(', ')}]`);
  }
  const node: string = binding.target.name;
  // As upstream's BindingREST, straight to storage: the binding's uid and resourceVersion are
  // preconditions, its annotations are merged in, and no managedFields entry is recorded.
  await ep.store.update(ctx, ns, name, (cur) => bindPod(cur as Obj, binding, node, formatTime(ctx.now)), {
    sharedCurrent: true,
    untracked: true,
    uidPrecondition: binding.metadata?.uid || undefined,
    resourceVersionPrecondition: binding.metadata?.resourceVersion || undefined,
  });
  ex.json(201, successStatus());
};

/**
 * The pod bound to `node`: a new object sharing every part of the stored `pod` (read-only) that the
 * binding leaves alone. PodScheduled becomes True, keeping its transition time when it already was.
 */
function bindPod(pod: Obj | undefined, binding: any, node: string, now: string): Obj {
  const name = binding?.metadata?.name ?? '';
  if (!pod) throw newNotFound({ group: '', resource: 'pods' }, name);
  const conflict = (msg: string) =>
    newConflict({ group: '', resource: 'pods/binding' }, pod.metadata.name!, msg);
  if (pod.metadata.deletionTimestamp)
    throw conflict(`pod ${pod.metadata.name} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName)
    throw conflict(`pod ${pod.metadata.name} is already assigned to node "${pod.spec.nodeName}"`);
  if (pod.spec?.schedulingGates?.length)
    throw conflict(`pod ${pod.metadata.name} has non-empty .spec.schedulingGates`);
  const conds: any[] = [...(pod.status?.conditions ?? [])];
  const i = conds.findIndex((c) => c.type === 'PodScheduled');
  const was = i >= 0 ? conds[i] : undefined;
  const scheduled = {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: was?.status === 'True' ? was.lastTransitionTime : now,
  };
  if (i >= 0) conds[i] = scheduled;
  else conds.push(scheduled);
  const annotations = binding?.metadata?.annotations;
  const metadata = annotations
    ? { ...pod.metadata, annotations: { ...(pod.metadata.annotations ?? {}), ...annotations } }
    : pod.metadata;
  return {
    ...pod,
    metadata,
    spec: { ...pod.spec, nodeName: node },
    status: { ...(pod.status ?? {}), conditions: conds },
  };
}
