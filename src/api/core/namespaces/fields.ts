/**
 * @module api/core/namespaces/fields
 * Field selectors for namespaces.
 */
import type { FieldGetter } from '../../types.js';

export const fieldSelectors: Record<string, FieldGetter> = {
  'status.phase': (n: any) => String(n.status?.phase ?? ''),
};
