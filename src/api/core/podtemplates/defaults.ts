/**
 * @module api/core/podtemplates/defaults
 * core/v1 PodTemplate defaults: the PodSpec defaults inside `template`.
 */
import { setTemplateDefaults } from '../common/pod-template.js';
import type { PodTemplate } from './types.js';

export function setDefaults(pt: PodTemplate): void {
  setTemplateDefaults(pt.template);
}
