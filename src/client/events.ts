/**
 * @module client/events
 * Records core/v1 Events about objects. Repeats of the same event (same object, source, type,
 * reason and message) are folded into one Event whose `count` and `lastTimestamp` grow, as
 * client-go's event correlator does (without its similar-message aggregation or spam filter).
 * Recording is best effort: failures go to `onError`, never to the caller.
 */
import { formatTime, type KubeObject } from '../machinery/meta.js';
import { realClock, type Clock } from '../util/clock.js';
import { isNotFound } from './api-error.js';
import type { ResourceRef, RestClient } from './rest-client.js';

export const EVENTS: ResourceRef = { group: '', version: 'v1', plural: 'events', namespaced: true };

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** The parts of an Event that say what happened (no name, counts or timestamps). */
export interface EventInput {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  type: 'Normal' | 'Warning';
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

export interface CoreEvent extends KubeObject {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: 'Normal' | 'Warning';
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

/** What to write for one observed event. */
export type CorrelatorAction =
  | { action: 'create'; event: CoreEvent }
  | { action: 'patch'; namespace: string; name: string; patch: Partial<CoreEvent>; event: CoreEvent };

interface Seen {
  namespace: string;
  name: string;
  count: number;
  firstTimestamp: string;
}

/**
 * `ms` milliseconds plus `extra` nanoseconds as upstream names events (`%x` of UnixNano), without
 * BigInt: the product is split at 2^24 so that every part stays an exact double.
 */
export function nanosHex(ms: number, extra: number): string {
  const TWO24 = 0x1000000;
  let hi = Math.floor(ms / TWO24) * 1_000_000;
  let lo = (ms % TWO24) * 1_000_000 + extra;
  hi += Math.floor(lo / TWO24);
  lo %= TWO24;
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(6, '0');
}

/** Pure bookkeeping of which events were already written; keeps the newest `maxEntries` keys. */
export class EventCorrelator {
  private readonly seen = new Map<string, Seen>();
  private seq = 0;

  constructor(private readonly maxEntries = 4096) {}

  static keyOf(e: Pick<EventInput, 'involvedObject' | 'source' | 'type' | 'reason' | 'message'>): string {
    const o = e.involvedObject;
    // Only the last field (the message) may contain NUL, so joining on it keeps tuples distinct.
    return [
      e.source.component,
      e.source.host,
      o.kind,
      o.namespace,
      o.name,
      o.uid,
      o.apiVersion,
      e.type,
      e.reason,
      e.message,
    ].join('\u0000');
  }

  /** Decides create vs. bump for `event` (count/timestamps are filled in here) at `now`. */
  observe(event: EventInput, now: Date): CorrelatorAction {
    const key = EventCorrelator.keyOf(event);
    const ts = formatTime(now);
    const prev = this.seen.get(key);
    if (prev) {
      prev.count++;
      this.touch(key, prev);
      const full: CoreEvent = {
        ...event,
        metadata: { name: prev.name, namespace: prev.namespace },
        count: prev.count,
        firstTimestamp: prev.firstTimestamp,
        lastTimestamp: ts,
      };
      return {
        action: 'patch',
        namespace: prev.namespace,
        name: prev.name,
        patch: { count: prev.count, lastTimestamp: ts, message: event.message },
        event: full,
      };
    }
    const namespace = event.involvedObject.namespace || 'default';
    const name = `${event.involvedObject.name}.${nanosHex(now.getTime(), this.seq++ % 1_000_000)}`;
    this.touch(key, { namespace, name, count: 1, firstTimestamp: ts });
    return {
      action: 'create',
      event: { ...event, metadata: { name, namespace }, count: 1, firstTimestamp: ts, lastTimestamp: ts },
    };
  }

  /** Drops the entry for `event` (its Event vanished), so the next repeat creates a new one. */
  forget(event: CoreEvent): void {
    this.seen.delete(EventCorrelator.keyOf(event));
  }

  private touch(key: string, v: Seen): void {
    this.seen.delete(key);
    this.seen.set(key, v);
    if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
  }
}

export interface EventRecorderOptions {
  /** `source.component` / `reportingComponent`, e.g. `namespace-controller`. */
  component: string;
  host?: string;
  clock?: Clock;
  onError?(err: unknown): void;
}

export function referenceTo(obj: KubeObject): ObjectReference {
  const ref: ObjectReference = {
    kind: obj.kind,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    apiVersion: obj.apiVersion,
  };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  if (obj.metadata.resourceVersion) ref.resourceVersion = obj.metadata.resourceVersion;
  return ref;
}

export class EventRecorder {
  private readonly correlator = new EventCorrelator();
  private readonly clock: Clock;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: RestClient,
    private readonly opts: EventRecorderOptions,
  ) {
    this.clock = opts.clock ?? realClock;
  }

  /**
   * Records an event about `obj` (which needs kind and apiVersion set). Writes are serialised;
   * the returned promise resolves when this one was written or failed (it never rejects).
   */
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    return this.record({
      involvedObject: referenceTo(obj),
      reason,
      message,
      type,
      source: this.opts.host
        ? { component: this.opts.component, host: this.opts.host }
        : { component: this.opts.component },
      eventTime: null,
      reportingComponent: this.opts.component,
      reportingInstance: this.opts.host ?? '',
    });
  }

  /**
   * Records a fully described event (for sources that set more than `event` does, such as the
   * kubelet's container fieldPath): folded with its repeats, written in order, never rejects.
   */
  record(input: EventInput): Promise<void> {
    const decided = this.correlator.observe(input, this.clock.now());
    this.chain = this.chain.then(() => this.write(decided, input)).catch((err) => this.opts.onError?.(err));
    return this.chain;
  }

  /** Everything written so far (or failed). */
  flush(): Promise<void> {
    return this.chain;
  }

  private async write(d: CorrelatorAction, input: EventInput): Promise<void> {
    if (d.action === 'create') {
      await this.client.create(EVENTS, d.event, { readOnlyResult: true });
      return;
    }
    try {
      await this.client.patch(EVENTS, d.name, d.patch, 'merge', {
        namespace: d.namespace,
        readOnlyResult: true,
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // The aggregated Event was deleted (TTL, namespace cleanup): start a new one.
      this.correlator.forget(d.event);
      const again = this.correlator.observe(input, this.clock.now());
      if (again.action === 'create') await this.client.create(EVENTS, again.event, { readOnlyResult: true });
    }
  }
}
