/**
 * @module api/apps/controllerrevisions/types
 * apps/v1 ControllerRevision: an immutable snapshot of a workload's template.
 */
import type { KubeObject } from '../../../machinery/meta.js';

export interface ControllerRevision extends KubeObject {
  data?: unknown;
  revision?: number;
}
