/**
 * @module api/core/events/fields
 * The field selectors upstream supports for core/v1 events (kubectl describe uses involvedObject.*).
 */
import type { FieldGetter } from '../../types.js';

const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export const fieldSelectors: Record<string, FieldGetter> = {
  'involvedObject.kind': (e: any) => s(e.involvedObject?.kind),
  'involvedObject.namespace': (e: any) => s(e.involvedObject?.namespace),
  'involvedObject.name': (e: any) => s(e.involvedObject?.name),
  'involvedObject.uid': (e: any) => s(e.involvedObject?.uid),
  'involvedObject.apiVersion': (e: any) => s(e.involvedObject?.apiVersion),
  'involvedObject.resourceVersion': (e: any) => s(e.involvedObject?.resourceVersion),
  'involvedObject.fieldPath': (e: any) => s(e.involvedObject?.fieldPath),
  reason: (e: any) => s(e.reason),
  reportingComponent: (e: any) => s(e.reportingComponent),
  source: (e: any) => s(e.source?.component),
  type: (e: any) => s(e.type),
};
