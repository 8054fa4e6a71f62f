/**
 * @module api/core/resourcequotas/defaults
 * ResourceQuotas have no defaults upstream.
 */
import type { ResourceQuota } from './types.js';

export function setDefaults(rq: ResourceQuota): void {
  void rq;
}
