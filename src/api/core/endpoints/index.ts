/**
 * @module api/core/endpoints
 * The Endpoints resource (core/v1): names, rules and subresources.
 */
import { defineResource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate } from './validation.js';

export const definition = defineResource({
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  plural: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  categories: [],
  subresources: [],
  allowCreateOnUpdate: true,
  schemaName: 'io.k8s.api.core.v1.Endpoints',
  ...strategies.plain,
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
});
