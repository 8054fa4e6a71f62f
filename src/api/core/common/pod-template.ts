/**
 * @module api/core/common/pod-template
 * Thin wrappers over the Pod helpers (`api/core/pods`) so the workload kinds (Deployment, Job,
 * PodTemplate...) depend on one small surface: validate a template, default a template.
 */
import type { FieldError, FieldPath } from '../../../machinery/field-errors.js';
import { setPodSpecDefaults } from '../pods/pod-spec-defaults.js';
import { validatePodTemplateSpec } from '../pods/pod-spec-validation.js';
import type { PodSpec, PodTemplateSpec } from '../pods/types.js';

export type { PodSpec, PodTemplateSpec };

/** Upstream ValidatePodTemplateSpec (labels, annotations, the pod spec). */
export function validateTemplate(template: PodTemplateSpec | undefined, f: FieldPath): FieldError[] {
  return validatePodTemplateSpec(template ?? {}, f);
}

/** Applies the PodSpec defaults inside a template, creating `spec` when missing. */
export function setTemplateDefaults(template: PodTemplateSpec | undefined): void {
  if (!template) return;
  template.spec ??= { containers: [] };
  setPodSpecDefaults(template.spec);
}
