/**
 * @module api/core/services
 * The Service resource (core/v1): names, rules and subresources.
 */
import { defineResource, statusSubresource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults, setStatusDefaults } from './defaults.js';
import { dropTypeDependentFields } from './strategy-helpers.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation.js';

export const definition = defineResource({
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  subresources: [statusSubresource('', 'v1', 'Service')],
  schemaName: 'io.k8s.api.core.v1.Service',
  ...strategies.status,
  prepareForUpdate(svc: any, old: any, ctx) {
    strategies.status.prepareForUpdate!(svc, old, ctx);
    dropTypeDependentFields(svc, old);
  },
  setDefaults: setDefaults as any,
  setStatusDefaults: setStatusDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  validateStatusUpdate: validateStatusUpdate as any,
});
