/**
 * @module api/core/namespaces
 * The Namespace resource (core/v1): names, rules and subresources.
 */
import { defineResource, statusSubresource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults, setStatusDefaults } from './defaults.js';
import { prepareNamespaceForCreate } from './strategy-helpers.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation.js';
import { fieldSelectors } from './fields.js';

export const definition = defineResource({
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  categories: [],
  subresources: [
    statusSubresource('', 'v1', 'Namespace'),
    { name: 'finalize', responseKind: { group: '', version: 'v1', kind: 'Namespace' }, verbs: ['update'] },
  ],
  schemaName: 'io.k8s.api.core.v1.Namespace',
  ...strategies.namespace,
  prepareForCreate(ns: any, ctx) {
    strategies.namespace.prepareForCreate!(ns, ctx);
    prepareNamespaceForCreate(ns);
  },
  setDefaults: setDefaults as any,
  setStatusDefaults: setStatusDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  validateStatusUpdate: validateStatusUpdate as any,
  fieldSelectors: fieldSelectors as any,
});
