/**
 * @module apiserver/table
 * Server-side printing: turns objects into a meta.k8s.io/v1 Table with the resource's printer,
 * or the default Name / Created At table when it has none.
 */
import type { TableColumn, TablePrinter } from '../api/types.js';
import type { KubeObject } from '../machinery/meta.js';

export const DEFAULT_PRINTER: TablePrinter = {
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name must be unique within a namespace.',
      priority: 0,
    },
    { name: 'Created At', type: 'date', description: 'The time the object was created.', priority: 0 },
  ],
  row: (o) => ({ cells: [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''] }),
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** True when the Accept header asks for a meta.k8s.io Table (v1 or v1beta1). */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /;\s*as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

function rowObject(o: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  const m = o.metadata;
  const meta: Record<string, unknown> = { name: m.name };
  if (m.namespace) meta.namespace = m.namespace;
  for (const k of [
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'labels',
    'annotations',
    'ownerReferences',
    'finalizers',
  ] as const) {
    if (m[k] !== undefined) meta[k] = m[k];
  }
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta };
}

export function tableRows(printer: TablePrinter, objects: KubeObject[], now: Date, include: IncludeObject) {
  return objects.map((o) => {
    const r = printer.row(o, now);
    const row: Record<string, unknown> = { cells: r.cells };
    if (r.conditions) row.conditions = r.conditions;
    const obj = rowObject(o, include);
    if (obj !== undefined) row.object = obj;
    return row;
  });
}

export function toTable(
  printer: TablePrinter,
  objects: KubeObject[],
  opts: {
    now: Date;
    include: IncludeObject;
    resourceVersion?: string;
    continueToken?: string;
    remaining?: number;
    noHeaders?: boolean;
  },
): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remaining !== undefined) metadata.remainingItemCount = opts.remaining;
  const t: Record<string, unknown> = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata };
  t.columnDefinitions = opts.noHeaders ? null : (printer.columns as TableColumn[]);
  t.rows = tableRows(printer, objects, opts.now, opts.include);
  return t;
}
