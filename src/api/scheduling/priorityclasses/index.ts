/**
 * @module api/scheduling/priorityclasses
 * The PriorityClass resource (scheduling.k8s.io/v1). On create and update, as upstream's Priority
 * admission plugin, a second class marked globalDefault is refused.
 */
import { StatusError } from '../../../machinery/errors.js';
import { defineResource } from '../../define.js';
import { strategies } from '../../strategy.js';
import type { StrategyContext } from '../../types.js';
import { setDefaults } from './defaults.js';
import type { PriorityClass } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

function refuseSecondDefault(pc: PriorityClass, ctx: StrategyContext): void {
  if (!pc.globalDefault) return;
  for (const other of ctx.objectsOf?.('scheduling.k8s.io', 'priorityclasses') ?? []) {
    const o = other as PriorityClass;
    if (!o.globalDefault || o.metadata.name === pc.metadata.name) continue;
    throw new StatusError(
      403,
      'Forbidden',
      `priorityclasses.scheduling.k8s.io "${pc.metadata.name ?? ''}" is forbidden: PriorityClass ${o.metadata.name} is already marked as default. Only one default can exist`,
      { name: pc.metadata.name, group: 'scheduling.k8s.io', kind: 'priorityclasses' },
    );
  }
}

export const definition = defineResource({
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  categories: [],
  subresources: [],
  schemaName: 'io.k8s.api.scheduling.v1.PriorityClass',
  ...strategies.plain,
  prepareForCreate(pc: any, ctx) {
    strategies.plain.prepareForCreate?.(pc, ctx);
    refuseSecondDefault(pc, ctx);
  },
  prepareForUpdate(pc: any, _old, ctx) {
    refuseSecondDefault(pc, ctx);
  },
  setDefaults: setDefaults as any,
  validateCreate: validateCreate as any,
  validateUpdate: validateUpdate as any,
});
