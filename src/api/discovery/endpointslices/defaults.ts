/**
 * @module api/discovery/endpointslices/defaults
 * discovery/v1 EndpointSlice defaults: each port gets an empty name and protocol TCP.
 */
import type { EndpointSlice } from './types.js';

export function setDefaults(slice: EndpointSlice): void {
  for (const p of slice.ports ?? []) {
    p.name ??= '';
    p.protocol ??= 'TCP';
  }
}
