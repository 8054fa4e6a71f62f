/**
 * @module apiserver/handlers/ephemeral-containers
 * `pods/NAME/ephemeralcontainers` (get, update, patch), as upstream's EphemeralContainersREST,
 * which `kubectl debug` patches: the answer is the Pod, and a write changes nothing but
 * spec.ephemeralContainers (the rest is taken from the stored pod, as upstream's
 * dropNonEphemeralContainerUpdates). The pods' `ephemeralcontainers` validation then allows
 * only additions.
 */
import { StatusError } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { readBody } from '../http/exchange.js';
import { decodeObject, mediaType } from './decode.js';
import { handleGet } from './read.js';
import { applyPatch } from './write.js';
import type { SubresourceHandler } from './subresource-handler.js';

type Obj = KubeObject & { spec?: { ephemeralContainers?: unknown[] } & Record<string, unknown> };

/** The stored pod with the ephemeral containers (and a resourceVersion precondition) of `next`. */
function withEphemeralContainers(cur: Obj, next: Obj): Obj {
  const spec = { ...(cur.spec ?? {}) };
  if (next.spec?.ephemeralContainers?.length) spec.ephemeralContainers = next.spec.ephemeralContainers;
  else delete spec.ephemeralContainers;
  const resourceVersion = next.metadata?.resourceVersion || cur.metadata.resourceVersion;
  return { ...cur, metadata: { ...cur.metadata, resourceVersion }, spec };
}

export const handleEphemeralContainers: SubresourceHandler = async (ep, ex, ctx, ns, name, verb) => {
  if (verb === 'get') return handleGet(ep, ex, ns, name);
  const body = await readBody(ex.req);
  let res;
  if (verb === 'update') {
    const incoming = decodeObject(body, ex.header('content-type'), ep.codec.protobuf) as Obj;
    res = await ep.store.update(ctx, ns, name, (cur) => withEphemeralContainers(cur as Obj, incoming), {
      uidPrecondition: incoming.metadata?.uid,
    });
  } else if (verb === 'patch') {
    const mt = mediaType(ex.header('content-type'));
    res = await ep.store.update(
      ctx,
      ns,
      name,
      (cur) => withEphemeralContainers(cur as Obj, applyPatch(ep, cur!, body, mt, ep.def.schemaName) as Obj),
      { retryOnConflict: true },
    );
  } else {
    throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on pods/ephemeralcontainers`);
  }
  ex.json(200, ep.withTypeMeta(res.object));
};
