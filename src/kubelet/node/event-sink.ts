/**
 * @module kubelet/node/event-sink
 * The kubelet's `EventSink`: core/v1 Events from `kubelet` on this node (source.host = node
 * name), with the container's fieldPath in involvedObject, repeats folded by the client's
 * `EventCorrelator` (count, lastTimestamp). Writes are serialised and best effort.
 */
import { isNotFound } from '../../client/api-error.js';
import {
  EVENTS,
  EventCorrelator,
  type CorrelatorAction,
  type EventInput,
  type ObjectReference,
} from '../../client/events.js';
import type { RestClient } from '../../client/rest-client.js';
import type { Pod } from '../../api/core/pods/types.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { EventSink } from '../interfaces.js';

export interface KubeletEventSink extends EventSink {
  /** Resolves once every event handed in so far was written (or failed). */
  flush(): Promise<void>;
}

export function createKubeletEventSink(o: {
  client: RestClient;
  nodeName: string;
  clock: Clock;
  log?: Logger;
}): KubeletEventSink {
  const correlator = new EventCorrelator();
  let chain: Promise<void> = Promise.resolve();

  const write = async (d: CorrelatorAction, input: EventInput): Promise<void> => {
    if (d.action === 'create') {
      await o.client.create(EVENTS, d.event, { readOnlyResult: true });
      return;
    }
    try {
      await o.client.patch(EVENTS, d.name, d.patch, 'merge', {
        namespace: d.namespace,
        readOnlyResult: true,
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      correlator.forget(d.event);
      const again = correlator.observe(input, o.clock.now());
      if (again.action === 'create') await o.client.create(EVENTS, again.event, { readOnlyResult: true });
    }
  };

  return {
    event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string) {
      const involvedObject: ObjectReference = {
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        apiVersion: 'v1',
      };
      if (fieldPath) involvedObject.fieldPath = fieldPath;
      const input: EventInput = {
        involvedObject,
        reason,
        message,
        type,
        source: { component: 'kubelet', host: o.nodeName },
        eventTime: null,
        reportingComponent: 'kubelet',
        reportingInstance: o.nodeName,
      };
      const d = correlator.observe(input, o.clock.now());
      chain = chain
        .then(() => write(d, input))
        .catch((err) => o.log?.debug({ error: String(err), reason }, 'event not written'));
    },
    flush: () => chain,
  };
}
