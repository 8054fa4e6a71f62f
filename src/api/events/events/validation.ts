/**
 * @module api/events/events/validation
 * events.k8s.io/v1 Event validation: upstream converts to the internal core Event and applies the
 * legacy and the strict rules, so error paths use the internal names (`involvedObject`,
 * `message`, `firstTimestamp`...).
 */
import type { FieldError } from '../../../machinery/field-errors.js';
import {
  validateEventCreate,
  validateEventUpdate,
  type InternalEvent,
} from '../../core/events/event-rules.js';
import type { Event } from './types.js';

export function toInternal(ev: Event): InternalEvent {
  return {
    metadata: ev.metadata,
    involvedObject: ev.regarding,
    related: ev.related,
    reason: ev.reason,
    message: ev.note,
    type: ev.type,
    action: ev.action,
    eventTime: ev.eventTime,
    series: ev.series,
    reportingController: ev.reportingController,
    reportingInstance: ev.reportingInstance,
    source: ev.deprecatedSource,
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
  };
}

export function validateCreate(ev: Event): FieldError[] {
  return validateEventCreate(toInternal(ev), true);
}

export function validateUpdate(ev: Event, old: Event): FieldError[] {
  return validateEventUpdate(toInternal(ev), toInternal(old), true);
}
