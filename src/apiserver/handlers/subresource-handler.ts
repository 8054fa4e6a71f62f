/**
 * @module apiserver/handlers/subresource-handler
 * The shape every handler of one object's subresource (`pods/NAME/binding`, `…/eviction`,
 * `…/ephemeralcontainers`, `…/status`) has: the endpoint of the parent resource, the exchange,
 * the request context, the object's namespace and name, and the verb.
 */
import type { Exchange } from '../http/exchange.js';
import type { RequestContext } from '../registry/context.js';
import type { Endpoint } from './endpoint.js';

export type SubresourceHandler = (
  ep: Endpoint,
  ex: Exchange,
  ctx: RequestContext,
  ns: string | undefined,
  name: string,
  verb: string,
) => Promise<void>;
