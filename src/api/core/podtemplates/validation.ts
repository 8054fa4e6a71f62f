/**
 * @module api/core/podtemplates/validation
 * core/v1 PodTemplate validation: metadata plus the pod template at `template`.
 */
import { FieldPath, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation/names.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import { validateTemplate } from '../common/pod-template.js';
import type { PodTemplate } from './types.js';

export function validateCreate(pt: PodTemplate): FieldError[] {
  return [
    ...validateMeta(pt.metadata, true, nameIsDNSSubdomain),
    ...validateTemplate(pt.template, FieldPath.root('template')),
  ];
}

export function validateUpdate(pt: PodTemplate, old: PodTemplate): FieldError[] {
  return [
    ...validateMetaUpdate(pt.metadata, old.metadata),
    ...validateTemplate(pt.template, FieldPath.root('template')),
  ];
}
