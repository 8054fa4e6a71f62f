/**
 * @module api/scheduling/priorityclasses/printer
 * The priority class table: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY.
 */
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';
import type { PriorityClass } from './types.js';

export const printer: TablePrinter<PriorityClass> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the priority class.', priority: 0 },
    { name: 'Value', type: 'integer', description: 'The priority of pods of this class.', priority: 0 },
    {
      name: 'Global-Default',
      type: 'boolean',
      description: 'Whether pods naming no class get this one.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the class was created.', priority: 0 },
    {
      name: 'PreemptionPolicy',
      type: 'string',
      description: 'Whether pods of this class may preempt lower-priority pods.',
      priority: 0,
    },
  ],
  row(pc, now) {
    return {
      cells: [
        pc.metadata.name ?? '',
        pc.value ?? 0,
        pc.globalDefault ?? false,
        translateTimestampSince(pc.metadata.creationTimestamp, now),
        pc.preemptionPolicy ?? '',
      ],
    };
  },
};
