/**
 * @module api/apps/replicasets
 * The ReplicaSet resource (apps/v1): names, rules and subresources.
 */
import { defineResource, SCALE_SUBRESOURCE, statusSubresource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { fieldSelectors } from './fields.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation.js';

export const definition = defineResource({
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  subresources: [SCALE_SUBRESOURCE, statusSubresource('apps', 'v1', 'ReplicaSet')],
  schemaName: 'io.k8s.api.apps.v1.ReplicaSet',
  ...strategies.generation,
  setDefaults: setDefaults as any,
  fieldSelectors: fieldSelectors as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  validateStatusUpdate: validateStatusUpdate as any,
});
