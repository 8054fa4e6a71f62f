/**
 * @module api/schema/events-v1
 * Type schemas for events.k8s.io/v1: Event and EventSeries.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const core = (n: string): FieldType => t.ref(`io.k8s.api.core.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.events.v1.${n}`);

export const eventsV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.events.v1.Event',
    'A report of something that happened to an object in the cluster.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      eventTime: f(2, t.microTime, 'When the event first happened.', { required: true }),
      series: f(3, local('EventSeries'), 'Data about repeats of this event, when it recurs.'),
      reportingController: f(4, t.string, 'Controller that emitted the event.'),
      reportingInstance: f(5, t.string, 'Instance of the controller that emitted the event.'),
      action: f(6, t.string, 'What was done or failed to be done.'),
      reason: f(7, t.string, 'Short machine-readable cause of the action.'),
      regarding: f(8, core('ObjectReference'), 'Object the event is about.'),
      related: f(9, core('ObjectReference'), 'A second object involved, if any.'),
      note: f(10, t.string, 'Human-readable details.'),
      type: f(11, t.string, 'Normal or Warning.'),
      deprecatedSource: f(
        12,
        core('EventSource'),
        'Old-style source, kept for compatibility with core events.',
      ),
      deprecatedFirstTimestamp: f(13, t.time, 'Old-style first-seen time, kept for compatibility.'),
      deprecatedLastTimestamp: f(14, t.time, 'Old-style last-seen time, kept for compatibility.'),
      deprecatedCount: f(15, t.int32, 'Old-style repeat count, kept for compatibility.'),
    },
    { gvk: [{ group: 'events.k8s.io', version: 'v1', kind: 'Event' }] },
  ),

  type('io.k8s.api.events.v1.EventSeries', 'Summary of an event that keeps recurring.', {
    count: f(1, t.int32, 'Repeats seen up to lastObservedTime.', { required: true }),
    lastObservedTime: f(2, t.microTime, 'When the latest repeat was seen.', { required: true }),
  }),

  type(
    'io.k8s.api.events.v1.EventList',
    'A list of Event objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('Event')), 'The Event objects.', { required: true }),
    },
    { gvk: [{ group: 'events.k8s.io', version: 'v1', kind: 'EventList' }] },
  ),
];
