/**
 * @module api/core/events/validation
 * core/v1 Event validation: only upstream's legacy rules apply to this API version (namespace of
 * the involved object, and the reporting fields of new-style events that carry `eventTime`).
 */
import type { FieldError } from '../../../machinery/field-errors.js';
import { validateEventCreate, validateEventUpdate, type InternalEvent } from './event-rules.js';
import type { Event } from './types.js';

/** The internal shape: core/v1 names `reportingController` on the wire `reportingComponent`. */
export function toInternal(ev: Event): InternalEvent {
  const { reportingComponent, ...rest } = ev;
  return { ...rest, reportingController: reportingComponent } as InternalEvent;
}

export function validateCreate(ev: Event): FieldError[] {
  return validateEventCreate(toInternal(ev), false);
}

export function validateUpdate(ev: Event, old: Event): FieldError[] {
  return validateEventUpdate(toInternal(ev), toInternal(old), false);
}
