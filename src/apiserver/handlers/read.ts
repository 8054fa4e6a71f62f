/**
 * @module apiserver/handlers/read
 * GET of one object and LIST, as JSON or as a meta.k8s.io Table.
 */
import { parseLabelSelector } from '../../machinery/labels.js';
import { parseFieldSelector } from '../../machinery/fields.js';
import { newBadRequest } from '../../machinery/errors.js';
import type { Exchange } from '../http/exchange.js';
import { toTable, wantsTable, type IncludeObject } from '../table.js';
import type { ListQuery } from '../registry/list.js';
import type { Endpoint } from './endpoint.js';

export function includeObjectOf(ex: Exchange): IncludeObject {
  const v = ex.query.get('includeObject');
  if (!v) return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw newBadRequest(`includeObject: unsupported value "${v}"`);
}

export function listQueryOf(ex: Exchange): ListQuery {
  const q = ex.query;
  const limit = q.get('limit');
  return {
    label: parseLabelSelector(q.get('labelSelector')),
    field: parseFieldSelector(q.get('fieldSelector')),
    limit: limit ? Number(limit) : undefined,
    continueToken: q.get('continue') || undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
  };
}

export async function handleGet(
  ep: Endpoint,
  ex: Exchange,
  namespace: string | undefined,
  name: string,
): Promise<void> {
  const obj = await ep.store.get(namespace, name);
  if (wantsTable(ex.header('accept'))) {
    ex.json(
      200,
      toTable(ep.printer, [obj], {
        now: ep.clock.now(),
        include: includeObjectOf(ex),
        resourceVersion: obj.metadata.resourceVersion,
      }),
    );
    return;
  }
  ex.json(200, ep.withTypeMeta(obj));
}

export async function handleList(ep: Endpoint, ex: Exchange, namespace: string | undefined): Promise<void> {
  const q = listQueryOf(ex);
  const res = await ep.store.list(namespace, q);
  if (wantsTable(ex.header('accept'))) {
    ex.json(
      200,
      toTable(ep.printer, res.items, {
        now: ep.clock.now(),
        include: includeObjectOf(ex),
        resourceVersion: res.resourceVersion,
        continueToken: res.continueToken,
        remaining: res.remainingItemCount,
      }),
    );
    return;
  }
  const meta: Record<string, unknown> = { resourceVersion: res.resourceVersion };
  if (res.continueToken) meta.continue = res.continueToken;
  if (res.remainingItemCount !== undefined) meta.remainingItemCount = res.remainingItemCount;
  const head = `{"kind":${JSON.stringify(ep.def.listKind)},"apiVersion":${JSON.stringify(ep.apiVersion)},"metadata":${JSON.stringify(meta)},"items":[`;
  const items = res.cached
    ? res.cached.map((c) => ep.itemJson(c.obj, c.json()))
    : res.items.map((o) => JSON.stringify(ep.withTypeMeta(o)));
  ex.json(200, head + items.join(',') + ']}');
}
