/**
 * @module api/core/nodes/fields
 * Field selectors for nodes.
 */
import type { FieldGetter } from '../../types.js';

export const fieldSelectors: Record<string, FieldGetter> = {
  'spec.unschedulable': (n: any) => String(n.spec?.unschedulable ?? false),
};
