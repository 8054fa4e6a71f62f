/**
 * @module api/events/events/conversion
 * events.k8s.io/v1 Events are a second view of the core/v1 Events in storage, as upstream
 * serves them: the same objects, with renamed fields (involvedObject ↔ regarding, message ↔
 * note, source/firstTimestamp/lastTimestamp/count ↔ deprecated*).
 */
import type { KubeObject } from '../../../machinery/meta.js';

const RENAMES: [core: string, view: string][] = [
  ['involvedObject', 'regarding'],
  ['related', 'related'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
  ['reportingComponent', 'reportingController'],
  ['reportingInstance', 'reportingInstance'],
];
const SAME = ['eventTime', 'series', 'action', 'reason', 'type'];

function move(from: Record<string, unknown>, to: Record<string, unknown>, pairs: [string, string][]): void {
  for (const [a, b] of pairs)
    if (from[a] !== undefined && from[a] !== null && from[a] !== '') to[b] = from[a];
  for (const k of SAME) if (from[k] !== undefined && from[k] !== null && from[k] !== '') to[k] = from[k];
}

/** A stored core/v1 Event as an events.k8s.io/v1 Event. */
export function fromCoreEvent(core: KubeObject): KubeObject {
  const out: KubeObject = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: core.metadata };
  move(core, out, RENAMES);
  if (out.deprecatedCount === 0) delete out.deprecatedCount;
  return out;
}

/** An events.k8s.io/v1 Event in the core/v1 form it is stored as. */
export function toCoreEvent(view: KubeObject): KubeObject {
  const out: KubeObject = { apiVersion: 'v1', kind: 'Event', metadata: view.metadata };
  move(
    view,
    out,
    RENAMES.map(([a, b]) => [b, a]),
  );
  out.involvedObject ??= {};
  return out;
}
