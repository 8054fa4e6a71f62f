/**
 * @module api/policy/poddisruptionbudgets/defaults
 * PodDisruptionBudgets have no defaults in policy/v1.
 */
import type { PodDisruptionBudget } from './types.js';

export function setDefaults(pdb: PodDisruptionBudget): void {
  void pdb;
}
