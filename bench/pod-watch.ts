/**
 * @module bench/pod-watch
 * One watch on the pods of a namespace for the pods-running benchmark. It records, per pod name,
 * when this process first saw the pod bound to a node (spec.nodeName set), when it first saw it
 * Running with Ready=True, and the PodScheduled condition's lastTransitionTime. The stream is
 * reopened from the last resourceVersion seen if the server ends it early.
 */
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Endpoint } from './api-client.js';

/** The few pod fields the benchmark reads from watch events. */
interface PodView {
  metadata?: { name?: string; resourceVersion?: string };
  spec?: { nodeName?: string };
  status?: { phase?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
}

export interface WatchEvent {
  type: string;
  object: PodView & { code?: number; message?: string };
}

/** What the watch has seen so far, per pod name (times are performance.now()). */
export interface PodTimes {
  /** name → when the pod was first seen with spec.nodeName. */
  readonly boundAt: Map<string, number>;
  /** name → when the pod was first seen Running with Ready=True. */
  readonly runningAt: Map<string, number>;
  /** name → PodScheduled=True lastTransitionTime (ms since the epoch, second resolution). */
  readonly scheduledCondAt: Map<string, number>;
  /** Watch events received, the times the stream was reopened, ERROR events and failures. */
  readonly stats: { events: number; reopens: number; errors: string[] };
  /** The last resourceVersion seen, to reopen the stream from. */
  rv: string;
}

export function newPodTimes(resourceVersion: string): PodTimes {
  return {
    boundAt: new Map(),
    runningAt: new Map(),
    scheduledCondAt: new Map(),
    stats: { events: 0, reopens: 0, errors: [] },
    rv: resourceVersion,
  };
}

/** Folds one watch event seen at `at` into `t`; only the first bind and first readiness count. */
export function recordPodEvent(t: PodTimes, ev: WatchEvent, at: number): void {
  t.stats.events++;
  if (ev.type === 'ERROR') {
    t.stats.errors.push(`${ev.object.code ?? ''} ${ev.object.message ?? ''}`.trim());
    return;
  }
  const pod = ev.object;
  const name = pod.metadata?.name;
  if (pod.metadata?.resourceVersion) t.rv = pod.metadata.resourceVersion;
  if (!name || ev.type === 'DELETED' || ev.type === 'BOOKMARK') return;
  if (pod.spec?.nodeName && !t.boundAt.has(name)) t.boundAt.set(name, at);
  const conds = pod.status?.conditions ?? [];
  if (!t.scheduledCondAt.has(name)) {
    const c = conds.find((x) => x.type === 'PodScheduled' && x.status === 'True');
    if (c?.lastTransitionTime) t.scheduledCondAt.set(name, Date.parse(c.lastTransitionTime));
  }
  if (
    !t.runningAt.has(name) &&
    pod.status?.phase === 'Running' &&
    conds.some((x) => x.type === 'Ready' && x.status === 'True')
  )
    t.runningAt.set(name, at);
}

/** Splits `pending + chunk` into complete non-empty lines and the unfinished remainder. */
export function splitLines(pending: string, chunk: string): { lines: string[]; rest: string } {
  const buf = pending + chunk;
  const lines: string[] = [];
  let from = 0;
  // `pending` never holds a newline, so the search can start where the chunk begins.
  let nl = buf.indexOf('\n', pending.length);
  for (; nl >= 0; nl = buf.indexOf('\n', from)) {
    const line = buf.slice(from, nl);
    from = nl + 1;
    if (line.trim()) lines.push(line);
  }
  return { lines, rest: buf.slice(from) };
}

export interface PodWatch extends PodTimes {
  /** Resolves once the server answered the first watch request with 200. */
  readonly opened: Promise<void>;
  close(): void;
}

export interface WatchStream {
  /** Resolves once the server answered the first watch request with 200. */
  readonly opened: Promise<void>;
  close(): void;
}

/**
 * A pod watch on `/api/v1/namespaces/{ns}/pods` that reopens itself from `fromRv()` whenever the
 * server ends it: each event goes to `onEvent` with the time its chunk arrived, after which
 * `afterChunk` runs; failures and reopens go to `onTrouble`.
 */
export function openPodWatch(
  ep: Endpoint,
  ns: string,
  fromRv: () => string,
  onEvent: (ev: WatchEvent, at: number) => void,
  onTrouble: (kind: 'error' | 'reopen', message: string) => void,
  afterChunk?: () => void,
): WatchStream {
  const base = new URL(ep.url);
  let closed = false;
  let req: ReturnType<typeof https.request> | undefined;
  let markOpened!: () => void;
  let failOpen!: (e: Error) => void;
  const opened = new Promise<void>((resolve, reject) => {
    markOpened = resolve;
    failOpen = reject;
  });
  opened.catch(() => undefined);

  const open = () => {
    const path = `/api/v1/namespaces/${ns}/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${fromRv()}`;
    req = https.request({
      host: base.hostname,
      port: base.port,
      path,
      ca: ep.ca,
      agent: false,
      headers: { authorization: `Bearer ${ep.token}`, accept: 'application/json' },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        const e = new Error(`watch answered HTTP ${res.statusCode}`);
        onTrouble('error', e.message);
        failOpen(e);
        res.resume();
        return;
      }
      markOpened();
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        const { lines, rest } = splitLines(pending, chunk);
        pending = rest;
        for (const line of lines) onEvent(JSON.parse(line) as WatchEvent, at);
        afterChunk?.();
      });
      res.on('end', () => {
        if (closed) return;
        onTrouble('reopen', 'the server ended the watch');
        open();
      });
      res.on('error', () => undefined);
    });
    req.on('error', (e) => {
      if (closed) return;
      onTrouble('error', e.message);
      failOpen(e);
    });
    req.end();
  };
  open();
  return {
    opened,
    close() {
      closed = true;
      req?.destroy();
    },
  };
}

/** Opens a watch on `/api/v1/namespaces/{ns}/pods` from `resourceVersion` (events after it). */
export function watchPods(ep: Endpoint, ns: string, resourceVersion: string): PodWatch {
  const times = newPodTimes(resourceVersion);
  const { stats } = times;
  const stream = openPodWatch(
    ep,
    ns,
    () => times.rv,
    (ev, at) => recordPodEvent(times, ev, at),
    (kind, message) => (kind === 'reopen' ? stats.reopens++ : stats.errors.push(message)),
  );
  return Object.assign(times, stream);
}
