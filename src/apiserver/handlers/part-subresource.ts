/**
 * @module apiserver/handlers/part-subresource
 * Subresources that read the whole object and write one part of it (`status`,
 * `pods/ephemeralcontainers`): GET answers the object; PUT takes the part from the body and PATCH
 * from the patched stored object, while everything else stays as stored. A resourceVersion the
 * body or patch carries is the write's precondition, as is a PUT's uid (a patched uid fails
 * validation as immutable).
 */
import { StatusError } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { readBody } from '../http/exchange.js';
import { decodeObject, mediaType } from './decode.js';
import { handleGet } from './read.js';
import type { SubresourceHandler } from './subresource-handler.js';
import { applyPatch } from './write.js';

type Obj = KubeObject & Record<string, any>;

/**
 * A handler for the `what` subresource. `take(cur, next)` is the stored object with `next`'s part
 * (`shared`: `cur` is the stored object itself, so `take` must copy what it changes).
 */
export function partSubresource(
  what: string,
  take: (cur: Obj, next: Obj) => Obj,
  shared: boolean,
): SubresourceHandler {
  const write = (cur: Obj, next: Obj, uid?: string): Obj => {
    const out = take(cur, next);
    const resourceVersion = next.metadata?.resourceVersion || cur.metadata.resourceVersion;
    return { ...out, metadata: { ...out.metadata, resourceVersion, ...(uid === undefined ? {} : { uid }) } };
  };
  return async (ep, ex, ctx, ns, name, verb) => {
    if (verb === 'get') return handleGet(ep, ex, ns, name);
    const body = await readBody(ex.req);
    let res;
    if (verb === 'update') {
      const incoming = decodeObject(body, ex.header('content-type'), ep.codec.protobuf) as Obj;
      res = await ep.store.update(ctx, ns, name, (cur) => write(cur as Obj, incoming), {
        uidPrecondition: incoming.metadata?.uid,
        sharedCurrent: shared,
      });
    } else if (verb === 'patch') {
      const mt = mediaType(ex.header('content-type'));
      res = await ep.store.update(
        ctx,
        ns,
        name,
        (cur) => {
          // Patches never change their input, so `cur` may be the stored object itself.
          const patched = applyPatch(ep, cur!, body, mt, ep.def.schemaName) as Obj;
          return write(cur as Obj, patched, patched.metadata.uid);
        },
        { retryOnConflict: true, sharedCurrent: shared },
      );
    } else {
      throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on ${what}`);
    }
    ex.json(200, ep.withTypeMeta(res.object));
  };
}
