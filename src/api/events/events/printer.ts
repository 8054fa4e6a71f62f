/**
 * @module api/events/events/printer
 * events.k8s.io/v1 Events print with the same ten columns as core Events: upstream stores both
 * as one internal type. The v1 names map onto the core ones (regarding → involvedObject,
 * note → message, deprecatedSource/FirstTimestamp/LastTimestamp/Count → source/first/last/count,
 * reportingController → reportingComponent).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { eventCells, eventColumns, type EventView } from '../../core/events/printer.js';
import type { TablePrinter } from '../../types.js';

/** The fields of an events.k8s.io/v1 Event this printer reads. */
export interface EventsV1View extends KubeObject {
  regarding?: { kind?: string; name?: string; fieldPath?: string };
  note?: string;
  reason?: string;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  reportingController?: string;
  reportingInstance?: string;
  deprecatedSource?: { component?: string; host?: string };
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
}

/** The core/v1 view of an events.k8s.io/v1 Event, as far as the printer needs it. */
export function toCoreEventView(ev: EventsV1View): EventView {
  return {
    metadata: ev.metadata,
    involvedObject: ev.regarding,
    message: ev.note,
    reason: ev.reason,
    type: ev.type,
    eventTime: ev.eventTime,
    series: ev.series,
    reportingComponent: ev.reportingController,
    reportingInstance: ev.reportingInstance,
    source: ev.deprecatedSource,
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
  };
}

export const printer: TablePrinter<EventsV1View> = {
  columns: eventColumns,
  row(ev, now) {
    return { cells: eventCells(toCoreEventView(ev), now) };
  },
};
