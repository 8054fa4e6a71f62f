/**
 * @module kubelet/node/event-sink
 * The kubelet's `EventSink`: core/v1 Events from `kubelet` on this node (source.host = node
 * name), with the container's fieldPath in involvedObject, repeats folded by the client's
 * `EventRecorder` (count, lastTimestamp). Writes are serialised and best effort.
 */
import { EventRecorder, type EventInput, type ObjectReference } from '../../client/events.js';
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
  const recorder = new EventRecorder(o.client, {
    component: 'kubelet',
    host: o.nodeName,
    clock: o.clock,
    onError: (err) => o.log?.debug({ error: String(err) }, 'event not written'),
  });

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
      void recorder.record(input);
    },
    flush: () => recorder.flush(),
  };
}
