/**
 * @module api/apps/controllerrevisions/defaults
 * ControllerRevisions have no defaults upstream.
 */
import type { ControllerRevision } from './types.js';

export function setDefaults(cr: ControllerRevision): void {
  void cr;
}
