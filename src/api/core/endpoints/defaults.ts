/**
 * @module api/core/endpoints/defaults
 * core/v1 Endpoints defaults: port protocol is TCP.
 */
import type { Endpoints } from './types.js';

export function setDefaults(ep: Endpoints): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
}
