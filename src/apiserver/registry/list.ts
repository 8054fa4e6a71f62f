/**
 * @module apiserver/registry/list
 * Filtering and paging of cached objects for list and watch requests.
 */
import type { KubeObject } from '../../machinery/meta.js';
import type { LabelMatcher } from '../../machinery/labels.js';
import type { FieldMatcher } from '../../machinery/fields.js';
import { newBadRequest, newResourceExpired } from '../../machinery/errors.js';
import type { FieldGetter } from '../../api/types.js';

export interface ListQuery {
  label: LabelMatcher;
  field: FieldMatcher;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ContinueToken {
  rv: number;
  start: string;
}

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64url');
}

export function decodeContinue(s: string): ContinueToken {
  try {
    const raw = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (raw.v !== 'meta.k8s.io/v1' || typeof raw.rv !== 'number' || typeof raw.start !== 'string')
      throw new Error();
    return { rv: raw.rv, start: raw.start };
  } catch {
    throw newBadRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

export function continueExpired(): Error {
  return newResourceExpired(
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
  );
}

/** Builds the object predicate for label and field selectors; throws 400 on unsupported field labels. */
export function makePredicate(
  q: Pick<ListQuery, 'label' | 'field'>,
  fieldGetters: Record<string, FieldGetter<any>>,
): (o: KubeObject) => boolean {
  for (const r of q.field.requirements) {
    if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace' && !(r.field in fieldGetters)) {
      throw newBadRequest(`field label not supported: ${r.field}`);
    }
  }
  const getField = (o: KubeObject, f: string): string | undefined => {
    if (f === 'metadata.name') return o.metadata.name ?? '';
    if (f === 'metadata.namespace') return o.metadata.namespace ?? '';
    return fieldGetters[f]?.(o);
  };
  const needLabels = !q.label.empty;
  const needFields = !q.field.empty;
  if (!needLabels && !needFields) return () => true;
  return (o) =>
    (!needLabels || q.label.matches(o.metadata.labels)) &&
    (!needFields || q.field.matches((f) => getField(o, f)));
}
