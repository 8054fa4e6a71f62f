/**
 * @module api/core/secrets/fields
 * Field selectors for secrets.
 */
import type { FieldGetter } from '../../types.js';

export const fieldSelectors: Record<string, FieldGetter> = {
  type: (s: any) => String(s.type ?? ''),
};
