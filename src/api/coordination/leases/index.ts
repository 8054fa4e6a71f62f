/**
 * @module api/coordination/leases
 * The Lease resource (coordination.k8s.io/v1): names, rules and subresources.
 */
import { defineResource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate } from './validation.js';

export const definition = defineResource({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
  allowCreateOnUpdate: true,
  schemaName: 'io.k8s.api.coordination.v1.Lease',
  ...strategies.plain,
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
});
