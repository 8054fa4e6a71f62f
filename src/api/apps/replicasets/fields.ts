/**
 * @module api/apps/replicasets/fields
 * Field selectors for replicasets (upstream supports status.replicas).
 */
import type { FieldGetter } from '../../types.js';

export const fieldSelectors: Record<string, FieldGetter> = {
  'status.replicas': (rs: any) => String(rs.status?.replicas ?? 0),
};
