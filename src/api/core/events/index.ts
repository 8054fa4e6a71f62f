/**
 * @module api/core/events
 * The Event resource (core/v1): names, rules and subresources.
 */
import { defineResource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate } from './validation.js';
import { fieldSelectors } from './fields.js';

export const definition = defineResource({
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  categories: [],
  subresources: [],
  allowCreateOnUpdate: true,
  schemaName: 'io.k8s.api.core.v1.Event',
  ...strategies.plain,
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  fieldSelectors: fieldSelectors as any,
});
