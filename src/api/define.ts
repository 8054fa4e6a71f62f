/**
 * @module api/define
 * Fills in the parts of a ResourceDefinition that are the same for almost every resource.
 */
import type { ResourceDefinition, SubresourceDefinition } from './types.js';

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

/** The `status` subresource: get/patch/update of the object's status, answered with the object's kind. */
export function statusSubresource(group: string, version: string, kind: string): SubresourceDefinition {
  return { name: 'status', responseKind: { group, version, kind }, verbs: ['get', 'patch', 'update'] };
}

/** The `scale` subresource, answered with autoscaling/v1 Scale. */
export const SCALE_SUBRESOURCE: SubresourceDefinition = {
  name: 'scale',
  responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  verbs: ['get', 'patch', 'update'],
};
