/**
 * @module api/events/events
 * events.k8s.io/v1 Events: a second view of the core/v1 Events in storage.
 */
import { defineResource } from '../../define.js';
import { setDefaults } from './defaults.js';
import { validateCreate, validateUpdate } from './validation.js';
import { fromCoreEvent, toCoreEvent } from './conversion.js';

export const definition = defineResource({
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  schemaName: 'io.k8s.api.events.v1.Event',
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  storage: { group: '', plural: 'events', fromStorage: fromCoreEvent, toStorage: toCoreEvent },
});
