/**
 * @module api/core/events/printer
 * The event table: LAST SEEN TYPE REASON OBJECT MESSAGE, plus SUBOBJECT SOURCE FIRST SEEN COUNT
 * NAME wide, in upstream's order (the wide columns are interleaved, and Name is wide-only).
 * events.k8s.io/v1 Events reuse `eventCells` after mapping their field names.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { parseTimestamp, translateTimestampSince } from '../../../machinery/duration.js';
import type { TableCell, TableColumn, TablePrinter } from '../../types.js';

/** The fields of a core/v1 Event this printer reads. */
export interface EventView extends KubeObject {
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

export const eventColumns: TableColumn[] = [
  { name: 'Last Seen', type: 'string', description: 'Time since the event was last seen.', priority: 0 },
  { name: 'Type', type: 'string', description: 'Normal or Warning.', priority: 0 },
  { name: 'Reason', type: 'string', description: 'Short machine-readable cause of the event.', priority: 0 },
  {
    name: 'Object',
    type: 'string',
    description: 'The object the event is about, as kind/name.',
    priority: 0,
  },
  {
    name: 'Subobject',
    type: 'string',
    description: 'Field path within the object, such as a container.',
    priority: 1,
  },
  {
    name: 'Source',
    type: 'string',
    description: 'Component (and host) that reported the event.',
    priority: 1,
  },
  { name: 'Message', type: 'string', description: 'Human-readable description of the event.', priority: 0 },
  { name: 'First Seen', type: 'string', description: 'Time since the event was first seen.', priority: 1 },
  { name: 'Count', type: 'string', description: 'How many times the event has occurred.', priority: 1 },
  { name: 'Name', type: 'string', format: 'name', description: 'Name of the event object.', priority: 1 },
];

/** The ten cells of one event, in `eventColumns` order. */
export function eventCells(ev: EventView, now: Date): TableCell[] {
  const firstSeen = translateTimestampSince(
    parseTimestamp(ev.firstTimestamp) ? ev.firstTimestamp : ev.eventTime,
    now,
  );
  let lastSeen = parseTimestamp(ev.lastTimestamp)
    ? translateTimestampSince(ev.lastTimestamp, now)
    : firstSeen;
  let count = ev.count ?? 0;
  if (ev.series) {
    lastSeen = translateTimestampSince(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    // Events written through events.k8s.io have no count when they happened once.
    count = 1;
  }
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const name = ev.involvedObject?.name ?? '';
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return [
    lastSeen,
    ev.type ?? '',
    ev.reason ?? '',
    name ? `${kind}/${name}` : kind,
    ev.involvedObject?.fieldPath ?? '',
    host ? `${component}, ${host}` : component,
    (ev.message ?? '').trim(),
    firstSeen,
    count,
    ev.metadata.name ?? '',
  ];
}

export const printer: TablePrinter<EventView> = {
  columns: eventColumns,
  row(ev, now) {
    return { cells: eventCells(ev, now) };
  },
};
