/**
 * @module api/scheduling/priorityclasses/defaults
 * A class preempts lower-priority pods unless it says Never.
 */
import type { PriorityClass } from './types.js';

export function setDefaults(pc: PriorityClass): void {
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
}
