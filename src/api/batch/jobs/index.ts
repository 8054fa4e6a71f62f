/**
 * @module api/batch/jobs
 * The Job resource (batch/v1): names, rules and subresources.
 */
import { defineResource, statusSubresource } from '../../define.js';
import { strategies } from '../../strategy.js';
import { setDefaults } from './defaults.js';
import { fieldSelectors } from './fields.js';
import { prepareJobForCreate } from './strategy-helpers.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation.js';

export const definition = defineResource({
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  namespaced: true,
  shortNames: [],
  categories: ['all'],
  subresources: [statusSubresource('batch', 'v1', 'Job')],
  schemaName: 'io.k8s.api.batch.v1.Job',
  ...strategies.generation,
  prepareForCreate(job: any, ctx) {
    strategies.generation.prepareForCreate!(job, ctx);
    prepareJobForCreate(job, job.metadata.uid);
  },
  setDefaults: setDefaults as any,
  fieldSelectors: fieldSelectors as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
  validateStatusUpdate: validateStatusUpdate as any,
});
