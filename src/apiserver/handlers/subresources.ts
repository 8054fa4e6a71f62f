/**
 * @module apiserver/handlers/subresources
 * status, scale, binding (./binding.ts), eviction (./eviction.ts), ephemeralcontainers
 * (./ephemeral-containers.ts) and finalize: writes that change one part of an object,
 * and the pod log (./pod-logs.ts).
 */
import { formatLabelSelector } from '../../machinery/selector-text.js';
import { newBadRequest, newNotFound, StatusError } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { readBody, type Exchange } from '../http/exchange.js';
import type { RequestContext } from '../registry/context.js';
import type { Endpoint } from './endpoint.js';
import { decodeObject, mediaType } from './decode.js';
import { applyPatch } from './write.js';
import { handlePodLog, type NodeStreams } from './pod-logs.js';
import { handleBinding } from './binding.js';
import { partSubresource } from './part-subresource.js';
import type { SubresourceHandler } from './subresource-handler.js';
import { handleEviction } from './eviction.js';
import { handleEphemeralContainers } from './ephemeral-containers.js';

type Obj = KubeObject & { spec?: any; status?: any };

/** Pod subresources a kubelet serves (logs and streams); of these, the node agent serves logs. */
export const NODE_STREAMS = new Set(['log', 'exec', 'attach', 'portforward']);

/**
 * The answer for exec/attach/port-forward, which the node agent does not serve yet, and for logs of
 * a node whose agent does not run in this process: a clear 503 rather than a 404 that would
 * suggest the pod is missing.
 */
export function nodeStreamUnavailable(sub: string, pod: string): StatusError {
  const what = sub === 'portforward' ? 'port forwarding' : `container ${sub}`;
  return new StatusError(
    503,
    'ServiceUnavailable',
    `kubeling's node agent does not serve ${what} yet (pod "${pod}")`,
  );
}

/** The answer for the logs of a pod whose node's agent does not run in this process. */
function nodeLogsUnavailable(pod: string, node: string): StatusError {
  return new StatusError(
    503,
    'ServiceUnavailable',
    `the node agent of node "${node}" does not run in this kubeling process: no container logs for pod "${pod}"`,
  );
}

export function toScale(obj: Obj): KubeObject {
  const m = obj.metadata;
  let selector = '';
  try {
    selector = obj.spec?.selector ? formatLabelSelector(obj.spec.selector).replace(/^<none>$/, '') : '';
  } catch {
    selector = '';
  }
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector },
  };
}

// `cur` is the stored object, shared: the new one shares all of it but the status.
const handleStatus = partSubresource(
  'the status subresource',
  (cur, next) => ({ ...cur, status: next.status }),
  true,
);

const handleScale: SubresourceHandler = async (ep, ex, ctx, ns, name, verb) => {
  if (verb === 'get') {
    ex.json(200, toScale(await ep.store.get(ns, name)));
    return;
  }
  const body = await readBody(ex.req);
  const mt = mediaType(ex.header('content-type'));
  const res = await ep.store.update(
    ctx,
    ns,
    name,
    (cur) => {
      const current = toScale(cur!);
      let scale: any;
      if (verb === 'update') scale = decodeObject(body, ex.header('content-type'), ep.codec.protobuf);
      else if (verb === 'patch') scale = applyPatch(ep, current, body, mt, 'io.k8s.api.autoscaling.v1.Scale');
      else
        throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on the scale subresource`);
      const replicas = scale?.spec?.replicas ?? 0;
      if (!Number.isInteger(replicas) || replicas < 0) {
        throw new StatusError(
          422,
          'Invalid',
          `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
          {
            name,
            group: 'autoscaling',
            kind: 'Scale',
            causes: [
              {
                reason: 'FieldValueInvalid',
                message: `Invalid value: ${replicas}: must be greater than or equal to 0`,
                field: 'spec.replicas',
              },
            ],
          },
        );
      }
      const next = structuredClone(cur!) as Obj;
      next.spec = { ...(next.spec ?? {}), replicas };
      if (
        scale?.metadata?.resourceVersion &&
        scale.metadata.resourceVersion !== cur!.metadata.resourceVersion
      ) {
        next.metadata.resourceVersion = scale.metadata.resourceVersion;
      }
      return next;
    },
    { retryOnConflict: verb === 'patch' },
  );
  ex.json(200, toScale(res.object));
};

async function handleFinalize(ep: Endpoint, ex: Exchange, ctx: RequestContext, name: string, verb: string) {
  if (verb !== 'update')
    throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on namespaces/finalize`);
  const incoming = decodeObject(await readBody(ex.req), ex.header('content-type'), ep.codec.protobuf) as Obj;
  const res = await ep.store.update(ctx, undefined, name, (cur) => {
    const next = structuredClone(cur!) as Obj;
    next.spec = { ...(next.spec ?? {}), finalizers: incoming.spec?.finalizers ?? [] };
    if (!next.spec.finalizers.length) delete next.spec.finalizers;
    return next;
  });
  ex.json(200, ep.withTypeMeta(res.object));
}

export async function handleSubresource(
  ep: Endpoint,
  ex: Exchange,
  ctx: RequestContext,
  ns: string | undefined,
  name: string,
  sub: string,
  verb: string,
  nodes?: NodeStreams,
): Promise<void> {
  if (ep.def.group === '' && ep.def.plural === 'pods' && sub === 'log')
    return handlePodLog(ep, ex, ns, name, verb, nodes, (node) => nodeLogsUnavailable(name, node));
  if (ep.def.group === '' && ep.def.plural === 'pods' && NODE_STREAMS.has(sub))
    throw nodeStreamUnavailable(sub, name);
  if (!ep.def.subresources.some((s) => s.name === sub)) {
    throw newNotFound({ group: ep.def.group, resource: `${ep.def.plural}/${sub}` }, name);
  }
  switch (sub) {
    case 'status':
      return handleStatus(ep, ex, ctx, ns, name, verb);
    case 'scale':
      return handleScale(ep, ex, ctx, ns, name, verb);
    case 'binding':
      return handleBinding(ep, ex, ctx, ns, name, verb);
    case 'eviction':
      return handleEviction(ep, ex, ctx, ns, name, verb);
    case 'ephemeralcontainers':
      return handleEphemeralContainers(ep, ex, ctx, ns, name, verb);
    case 'finalize':
      return handleFinalize(ep, ex, ctx, name, verb);
    default:
      throw newBadRequest(`the subresource ${sub} is not served yet`);
  }
}
