/**
 * @module api/core/serviceaccounts/defaults
 * ServiceAccounts have no defaults upstream.
 */
import type { ServiceAccount } from './types.js';

export function setDefaults(sa: ServiceAccount): void {
  void sa;
}
