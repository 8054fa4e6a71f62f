/**
 * @module api/core/nodes
 * The Node resource (core/v1): names, rules and subresources.
 */
import { defineResource, statusSubresource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation.js';
import { fieldSelectors } from './fields.js';

export const definition = defineResource({
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  categories: [],
  subresources: [statusSubresource('', 'v1', 'Node')],
  schemaName: 'io.k8s.api.core.v1.Node',
  ...strategies.keepStatusOnCreate,
  setDefaults: setDefaults as any,
  // Allocatable from capacity is the only default, and it is the status's.
  setStatusDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  validateStatusUpdate: validateStatusUpdate as any,
  fieldSelectors: fieldSelectors as any,
});
