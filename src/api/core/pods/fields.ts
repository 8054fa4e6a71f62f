/**
 * @module api/core/pods/fields
 * The field selectors upstream supports for pods.
 */
import type { FieldGetter } from '../../types.js';

const get =
  (f: (p: any) => unknown): FieldGetter =>
  (p) => {
    const v = f(p);
    return v === undefined || v === null ? '' : String(v);
  };

export const fieldSelectors: Record<string, FieldGetter> = {
  'spec.nodeName': get((p) => p.spec?.nodeName),
  'spec.restartPolicy': get((p) => p.spec?.restartPolicy),
  'spec.schedulerName': get((p) => p.spec?.schedulerName),
  'spec.serviceAccountName': get((p) => p.spec?.serviceAccountName),
  'spec.hostNetwork': get((p) => String(p.spec?.hostNetwork ?? false)),
  'status.phase': get((p) => p.status?.phase),
  'status.podIP': get((p) => p.status?.podIP),
  'status.nominatedNodeName': get((p) => p.status?.nominatedNodeName),
};
