/**
 * @module api/core/resourcequotas/printer
 * The resource quota table: NAME REQUEST LIMIT AGE. Each hard resource is shown as
 * `name: used/hard`, sorted by name; `limits.*` resources go to LIMIT, everything else to REQUEST.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a ResourceQuota this printer reads. Quantities are printed as stored. */
export interface ResourceQuotaView extends KubeObject {
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

export function quotaColumns(rq: ResourceQuotaView): { request: string; limit: string } {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    // A resource not yet counted reads as the zero quantity, "0".
    target.push(`${name}: ${used[name] ?? '0'}/${hard[name]}`);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

export const printer: TablePrinter<ResourceQuotaView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource quota.', priority: 0 },
    {
      name: 'Request',
      type: 'string',
      description: 'Used and hard amounts of requests and counts.',
      priority: 0,
    },
    {
      name: 'Limit',
      type: 'string',
      description: 'Used and hard amounts of limits.* resources.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the resource quota was created.', priority: 0 },
  ],
  row(rq, now) {
    const { request, limit } = quotaColumns(rq);
    return {
      cells: [
        rq.metadata.name ?? '',
        request,
        limit,
        translateTimestampSince(rq.metadata.creationTimestamp, now),
      ],
    };
  },
};
