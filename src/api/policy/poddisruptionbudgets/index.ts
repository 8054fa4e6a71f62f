/**
 * @module api/policy/poddisruptionbudgets
 * The PodDisruptionBudget resource (policy/v1): names, rules and subresources.
 */
import { defineResource, statusSubresource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation.js';

export const definition = defineResource({
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  categories: [],
  subresources: [statusSubresource('policy', 'v1', 'PodDisruptionBudget')],
  schemaName: 'io.k8s.api.policy.v1.PodDisruptionBudget',
  ...strategies.generation,
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  validateStatusUpdate: validateStatusUpdate as any,
});
