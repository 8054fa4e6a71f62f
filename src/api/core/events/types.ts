/**
 * @module api/core/events/types
 * core/v1 Event. `reportingComponent` on the wire is upstream's internal `reportingController`.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { ObjectReference } from '../serviceaccounts/types.js';

export interface EventSeries {
  count?: number;
  lastObservedTime?: string;
}

export interface Event extends KubeObject {
  involvedObject?: ObjectReference;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: string;
  eventTime?: string | null;
  series?: EventSeries;
  action?: string;
  related?: ObjectReference;
  reportingComponent?: string;
  reportingInstance?: string;
}
