/**
 * @module api/events/events/defaults
 * events.k8s.io/v1 Events have no defaults upstream.
 */
import type { Event } from './types.js';

export function setDefaults(ev: Event): void {
  void ev;
}
