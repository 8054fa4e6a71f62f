/**
 * @module api/core/secrets
 * The Secret resource (core/v1): names, rules and subresources.
 */
import { defineResource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate } from './validation.js';
import { fieldSelectors } from './fields.js';

export const definition = defineResource({
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
  schemaName: 'io.k8s.api.core.v1.Secret',
  ...strategies.plain,
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  fieldSelectors: fieldSelectors as any,
});
