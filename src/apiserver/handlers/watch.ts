/**
 * @module apiserver/handlers/watch
 * Streams watch events from the watch cache: initial ADDED events (resourceVersion absent or 0)
 * or history after a resourceVersion, then live events, filtered by namespace and selectors.
 * Objects that stop matching a selector are sent as DELETED, ones that start matching as ADDED.
 */
import { StatusError } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import type { Exchange } from '../http/exchange.js';
import { makePredicate } from '../registry/list.js';
import { listPrefix } from '../registry/keys.js';
import { tableRows, wantsTable } from '../table.js';
import type { CacheEvent, CachedObject, CacheWatcher } from '../watch-cache/cache.js';
import type { Endpoint } from './endpoint.js';
import { includeObjectOf, listQueryOf } from './read.js';

const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
const BOOKMARK_INTERVAL_MS = 60_000;

/** The value of an equality requirement on the resource's watch index, if the selector has one. */
function indexValue(ep: Endpoint, reqs: readonly { field: string; op: string; value: string }[]) {
  const label = ep.def.watchIndex;
  if (!label || !ep.store.cache.hasWatchIndex) return undefined;
  return reqs.find((r) => r.field === label && r.op === '=')?.value;
}

export async function handleWatch(ep: Endpoint, ex: Exchange, namespace: string | undefined): Promise<void> {
  const q = listQueryOf(ex);
  const pred = makePredicate(q, ep.def.fieldSelectors ?? {});
  const prefix = listPrefix(ep.store.prefix, ep.def.namespaced ? namespace : undefined);
  const asTable = wantsTable(ex.header('accept'));
  const include = asTable ? includeObjectOf(ex) : 'Object';
  const bookmarks = ex.query.get('allowWatchBookmarks') === 'true';
  const timeoutSeconds = Number(ex.query.get('timeoutSeconds') ?? 0);
  const rc = ep.store.cache;
  const rvParam = q.resourceVersion ?? '';

  if (rvParam !== '' && rvParam !== '0') {
    const rv = Number(rvParam);
    if (!Number.isFinite(rv) || rv < 0)
      throw new StatusError(400, 'BadRequest', `invalid resource version: ${rvParam}`);
    await ep.cacheOwner.waitFor(Math.min(rv, ep.cacheOwner.revision));
  }

  const encode = (type: string, obj: KubeObject, cached?: CachedObject): string => {
    if (asTable) {
      const table = {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { resourceVersion: obj.metadata.resourceVersion },
        columnDefinitions: ep.printer.columns,
        rows: tableRows(ep.printer, [obj], ep.clock.now(), include),
      };
      return `{"type":"${type}","object":${JSON.stringify(table)}}\n`;
    }
    // The cache's JSON of the very object (stored text with its resourceVersion) when at hand.
    const json =
      cached?.obj === obj ? ep.itemJson(obj, cached.eventJson()) : JSON.stringify(ep.withTypeMeta(obj));
    return `{"type":"${type}","object":${json}}\n`;
  };

  // An in-process client takes the (shared, read-only) objects themselves: no JSON either way.
  const direct = !asTable && ex.res.writeEvent ? ex.res.writeEvent.bind(ex.res) : undefined;

  const view = (o: KubeObject) => ep.store.view(o);
  const classify = (e: CacheEvent): [string, KubeObject] | undefined => {
    if (!e.object.key.startsWith(prefix)) return undefined;
    const obj = view(e.object.obj);
    const cur = pred(obj);
    if (e.type === 'ADDED') return cur ? ['ADDED', obj] : undefined;
    if (e.type === 'DELETED') return cur ? ['DELETED', obj] : undefined;
    const was = e.prev ? pred(view(e.prev.obj)) : false;
    if (cur && was) return ['MODIFIED', obj];
    if (cur) return ['ADDED', obj];
    if (was) return ['DELETED', obj];
    return undefined;
  };

  // Collect the starting events and register in the same tick, so nothing falls between them.
  let initial: [string, KubeObject][] = [];
  let expired: StatusError | undefined;
  if (rvParam === '' || rvParam === '0') {
    for (const c of rc.list()) {
      if (!c.key.startsWith(prefix)) continue;
      const obj = view(c.obj);
      if (pred(obj)) initial.push(['ADDED', obj]);
    }
  } else {
    try {
      for (const e of rc.eventsAfter(Number(rvParam))) {
        const c = classify(e);
        if (c) initial.push(c);
      }
    } catch (err) {
      if (StatusError.is(err)) expired = err;
      else throw err;
    }
  }

  ex.startStream();
  const res = ex.res;
  if (expired) {
    res.end(`{"type":"ERROR","object":${JSON.stringify(expired.toStatus())}}\n`);
    return;
  }

  let closed = false;
  let lastRev = ep.cacheOwner.revision;
  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    rc.removeWatcher(watcher);
    for (const t of timers) clearTimeout(t);
    if (!res.writableEnded) res.end();
  };
  const send = (chunk: string) => {
    if (closed) return;
    res.write(chunk);
    if (((res as any).writableLength ?? 0) > MAX_BUFFERED_BYTES) close();
  };
  const sendEvent = (type: string, obj: KubeObject, cached?: CachedObject) => {
    if (!direct) return send(encode(type, obj, cached));
    if (closed) return;
    direct(type, ep.withTypeMeta(obj));
    if (((res as any).writableLength ?? 0) > MAX_BUFFERED_BYTES) close();
  };
  const watcher: CacheWatcher = {
    onEvent(e) {
      lastRev = e.rev;
      const c = classify(e);
      if (c) sendEvent(c[0], c[1], e.object);
    },
    onClose: close,
  };
  rc.addWatcher(watcher, indexValue(ep, q.field.requirements));
  ex.req.on('close', close);
  res.on('close', close);
  if (direct) for (const [type, obj] of initial) sendEvent(type, obj);
  else if (initial.length) send(initial.map(([type, obj]) => encode(type, obj)).join(''));
  initial = [];

  const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
  timers.push(setTimeout(close, timeoutMs));
  if (bookmarks) {
    const tick = () => {
      if (closed) return;
      const rv = Math.max(lastRev, ep.cacheOwner.revision);
      send(
        `{"type":"BOOKMARK","object":{"kind":${JSON.stringify(ep.def.kind)},"apiVersion":${JSON.stringify(ep.apiVersion)},"metadata":{"resourceVersion":"${rv}"}}}\n`,
      );
      timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
    };
    timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
  }
}
