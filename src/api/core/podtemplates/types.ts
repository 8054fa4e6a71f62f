/**
 * @module api/core/podtemplates/types
 * core/v1 PodTemplate.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { PodTemplateSpec } from '../pods/types.js';

export interface PodTemplate extends KubeObject {
  template?: PodTemplateSpec;
}
