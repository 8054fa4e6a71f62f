/**
 * @module api/apps/deployments
 * The Deployment resource (apps/v1): names, rules and subresources.
 */
import { defineResource, SCALE_SUBRESOURCE, statusSubresource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation.js';

export const definition = defineResource({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  subresources: [SCALE_SUBRESOURCE, statusSubresource('apps', 'v1', 'Deployment')],
  schemaName: 'io.k8s.api.apps.v1.Deployment',
  ...strategies.generation,
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  validateStatusUpdate: validateStatusUpdate as any,
});
