/**
 * @module api/define
 * Fills in the parts of a ResourceDefinition that are the same for almost every resource.
 */
import type { ResourceDefinition } from './types.js';

export const STANDARD_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

type Required = Pick<
  ResourceDefinition,
  'group' | 'version' | 'kind' | 'plural' | 'singular' | 'namespaced' | 'schemaName'
>;

export function defineResource(d: Required & Partial<ResourceDefinition>): ResourceDefinition {
  return {
    listKind: `${d.kind}List`,
    shortNames: [],
    categories: [],
    verbs: STANDARD_VERBS,
    subresources: [],
    ...d,
  };
}
