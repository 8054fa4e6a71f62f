/**
 * @module api/apps/statefulsets
 * The StatefulSet resource (apps/v1): names, rules and subresources.
 */
import { defineResource, SCALE_SUBRESOURCE, statusSubresource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation.js';

export const definition = defineResource({
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  subresources: [SCALE_SUBRESOURCE, statusSubresource('apps', 'v1', 'StatefulSet')],
  schemaName: 'io.k8s.api.apps.v1.StatefulSet',
  ...strategies.generation,
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  validateStatusUpdate: validateStatusUpdate as any,
});
