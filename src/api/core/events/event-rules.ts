/**
 * @module api/core/events/event-rules
 * Event validation shared by core/v1 and events.k8s.io/v1 (upstream
 * pkg/apis/core/validation/events.go). Both API versions are checked on upstream's internal shape,
 * so paths use internal names (`involvedObject`, `message`, `reportingController`) whichever
 * version the client wrote. The legacy rules apply to every write; the strict rules only to
 * events.k8s.io/v1.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import {
  invalidEach,
  isDNS1123Subdomain,
  isQualifiedName,
  nameIsDNSSubdomain,
} from '../../../machinery/validation/names.js';
import { deepEqual, validateImmutableField } from '../common/checks.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import type { ObjectReference } from '../serviceaccounts/types.js';

/** Upstream's internal core.Event, the shape both event APIs are validated on. */
export interface InternalEvent {
  metadata: ObjectMeta;
  involvedObject?: ObjectReference;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  action?: string;
  related?: ObjectReference;
  reportingController?: string;
  reportingInstance?: string;
}

const p = (s: string) => FieldPath.root(s);
const atMost = (n: number) => `can have at most ${n} characters`;

export function legacyValidateEvent(ev: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  const nsPath = p('involvedObject').child('namespace');
  if (!ev.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default')
        errs.push(fieldErrors.invalid(nsPath, involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs)
      errs.push(fieldErrors.invalid(nsPath, involvedNs, 'does not match event.namespace'));
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system')
      errs.push(fieldErrors.invalid(nsPath, involvedNs, 'does not match event.namespace'));
    const rc = ev.reportingController ?? '';
    if (!rc) errs.push(fieldErrors.required(p('reportingController'), ''));
    errs.push(...invalidEach(p('reportingController'), rc, isQualifiedName(rc)));
    const ri = ev.reportingInstance ?? '';
    if (!ri) errs.push(fieldErrors.required(p('reportingInstance'), ''));
    if (ri.length > 128) errs.push(fieldErrors.invalid(p('reportingInstance'), '', atMost(128)));
    if (!ev.action) errs.push(fieldErrors.required(p('action'), ''));
    if ((ev.action ?? '').length > 128) errs.push(fieldErrors.invalid(p('action'), '', atMost(128)));
    if (!ev.reason) errs.push(fieldErrors.required(p('reason'), ''));
    if ((ev.reason ?? '').length > 128) errs.push(fieldErrors.invalid(p('reason'), '', atMost(128)));
    if ((ev.message ?? '').length > 1024) errs.push(fieldErrors.invalid(p('message'), '', atMost(1024)));
  }
  errs.push(...invalidEach(p('namespace'), ns, isDNS1123Subdomain(ns)));
  return errs;
}

function validateSeries(ev: InternalEvent): FieldError[] {
  if (!ev.series) return [];
  const errs: FieldError[] = [];
  if ((ev.series.count ?? 0) < 2) errs.push(fieldErrors.invalid('series.count', '', 'should be at least 2'));
  if (!ev.series.lastObservedTime) errs.push(fieldErrors.required('series.lastObservedTime', ''));
  return errs;
}

/** Create rules; `strict` for events.k8s.io/v1. */
export function validateEventCreate(ev: InternalEvent, strict: boolean): FieldError[] {
  const errs = legacyValidateEvent(ev);
  if (!strict) return errs;
  errs.push(...validateMeta(ev.metadata, true, nameIsDNSSubdomain));
  errs.push(...validateSeries(ev));
  if (!ev.eventTime) errs.push(fieldErrors.required(p('eventTime'), ''));
  if (ev.type !== 'Normal' && ev.type !== 'Warning')
    errs.push(fieldErrors.invalid(p('type'), '', `has invalid value: ${ev.type ?? ''}`));
  if (ev.firstTimestamp) errs.push(fieldErrors.invalid(p('firstTimestamp'), '', 'needs to be unset'));
  if (ev.lastTimestamp) errs.push(fieldErrors.invalid(p('lastTimestamp'), '', 'needs to be unset'));
  if (ev.count) errs.push(fieldErrors.invalid(p('count'), '', 'needs to be unset'));
  if (ev.source?.component || ev.source?.host)
    errs.push(fieldErrors.invalid(p('source'), '', 'needs to be unset'));
  return errs;
}

function goRef(r: ObjectReference | undefined): string {
  const q = (s: string | undefined) => JSON.stringify(s ?? '');
  if (!r)
    return 'core.ObjectReference{Kind:"", Namespace:"", Name:"", UID:"", APIVersion:"", ResourceVersion:"", FieldPath:""}';
  return (
    `core.ObjectReference{Kind:${q(r.kind)}, Namespace:${q(r.namespace)}, Name:${q(r.name)}, UID:${q(r.uid)}, ` +
    `APIVersion:${q(r.apiVersion)}, ResourceVersion:${q(r.resourceVersion)}, FieldPath:${q(r.fieldPath)}}`
  );
}

/** Update rules; `strict` for events.k8s.io/v1, where everything but the series is fixed. */
export function validateEventUpdate(ev: InternalEvent, old: InternalEvent, strict: boolean): FieldError[] {
  const errs = legacyValidateEvent(ev);
  if (!strict) return errs;
  errs.push(...validateMetaUpdate(ev.metadata, old.metadata));
  if (!deepEqual(ev.series, old.series)) errs.push(...validateSeries(ev));
  errs.push(
    ...validateImmutableField(ev.involvedObject, old.involvedObject, 'involvedObject', (v) =>
      goRef(v as ObjectReference),
    ),
  );
  const fields = [
    'reason',
    'message',
    'source',
    'firstTimestamp',
    'lastTimestamp',
    'count',
    'type',
    'eventTime',
    'action',
  ] as const;
  for (const k of fields) errs.push(...validateImmutableField(ev[k] ?? null, old[k] ?? null, k));
  if (!deepEqual(ev.related, old.related))
    errs.push(
      ...validateImmutableField(ev.related, old.related, 'related', (v) =>
        v ? `&${goRef(v as ObjectReference)}` : 'null',
      ),
    );
  errs.push(
    ...validateImmutableField(
      ev.reportingController ?? '',
      old.reportingController ?? '',
      'reportingController',
    ),
  );
  errs.push(
    ...validateImmutableField(ev.reportingInstance ?? '', old.reportingInstance ?? '', 'reportingInstance'),
  );
  return errs;
}
