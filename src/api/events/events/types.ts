/**
 * @module api/events/events/types
 * events.k8s.io/v1 Event.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { ObjectReference } from '../../core/serviceaccounts/types.js';

export interface Event extends KubeObject {
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: ObjectReference;
  related?: ObjectReference;
  note?: string;
  type?: string;
  deprecatedSource?: { component?: string; host?: string };
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
}
