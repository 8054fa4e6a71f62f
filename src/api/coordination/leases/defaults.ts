/**
 * @module api/coordination/leases/defaults
 * Leases have no defaults upstream.
 */
import type { Lease } from './types.js';

export function setDefaults(lease: Lease): void {
  void lease;
}
