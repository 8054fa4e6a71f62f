/**
 * @module api/core/serviceaccounts
 * The ServiceAccount resource (core/v1): names, rules and subresources.
 */
import { defineResource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate } from './validation.js';

export const definition = defineResource({
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  categories: [],
  subresources: [],
  schemaName: 'io.k8s.api.core.v1.ServiceAccount',
  ...strategies.plain,
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
});
