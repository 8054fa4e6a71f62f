/**
 * @module api/core/pods
 * The Pod resource (core/v1): names, rules and subresources.
 */
import { defineResource, statusSubresource } from '../../define.js';
import { podStrategy } from './strategy.js';
import { fieldSelectors } from './fields.js';

export const definition = defineResource({
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  subresources: [
    statusSubresource('', 'v1', 'Pod'),
    { name: 'binding', responseKind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
    {
      name: 'eviction',
      responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' },
      verbs: ['create'],
    },
    {
      name: 'ephemeralcontainers',
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      verbs: ['get', 'patch', 'update'],
    },
  ],
  schemaName: 'io.k8s.api.core.v1.Pod',
  ...podStrategy,
  fieldSelectors: fieldSelectors as any,
  watchIndex: 'spec.nodeName',
});
