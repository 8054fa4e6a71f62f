/**
 * @module bench/watch-latency
 * Measurement 4: delivery latency of one change to 100 watchers. Opens 100 watch streams on the
 * pods of one namespace (each on its own HTTP/1.1 connection), then creates pods one at a time
 * and measures, per watcher, the time from the create's response to the ADDED event's arrival.
 * A watcher can see the event before the writer sees its response; those samples count as 0.
 */
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { ensureNamespace, expectStatus, http1Client, minimalPod, type Endpoint } from './api-client.js';
import { below, info, type Row } from './report.js';
import { percentile } from './stats.js';

const WATCHERS = 100;
const CHANGES = 50;
const EVENT_TIMEOUT_MS = 10_000;

interface Watcher {
  /** name → time (performance.now) the ADDED event arrived. */
  seen: Map<string, number>;
  close(): void;
}

/** Runs the measurement in namespace `ns` (created if missing). */
export async function benchWatchLatency(ep: Endpoint, ns: string): Promise<Row[]> {
  const writer = http1Client(ep);
  const watchers: Watcher[] = [];
  try {
    await ensureNamespace(writer, ns);
    const list = await writer.request('GET', `/api/v1/namespaces/${ns}/pods?limit=1`);
    expectStatus(list, 200, 'list before watch');
    const rv = (JSON.parse(list.body.toString('utf8')) as { metadata: { resourceVersion: string } }).metadata
      .resourceVersion;
    const path = `/api/v1/namespaces/${ns}/pods?watch=1&resourceVersion=${rv}`;
    for (let i = 0; i < WATCHERS; i++) watchers.push(openWatch(ep, path));
    // One untimed change that every watcher must see proves all streams are established.
    await change(writer, ns, 'warmup', watchers);
    const latencies: number[] = [];
    let early = 0;
    for (let i = 0; i < CHANGES; i++) {
      const { answeredAt, arrivals } = await change(writer, ns, `w-${i}`, watchers);
      for (const at of arrivals) {
        if (at < answeredAt) early++;
        latencies.push(Math.max(0, at - answeredAt));
      }
    }
    return [
      below(
        `watch delivery to ${WATCHERS} watchers, ${CHANGES} changes: p99`,
        percentile(latencies, 99),
        'ms',
        50,
      ),
      info(
        `watch delivery: p50 / max`,
        `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 100).toFixed(1)} ms`,
      ),
      info(`watch delivery: events seen before the write's response`, `${early} of ${latencies.length}`),
    ];
  } finally {
    for (const w of watchers) w.close();
    writer.close();
  }
}

/** Creates pod `name`, then waits until every watcher saw it; returns the response and arrival times. */
async function change(
  writer: ReturnType<typeof http1Client>,
  ns: string,
  name: string,
  watchers: Watcher[],
): Promise<{ answeredAt: number; arrivals: number[] }> {
  const res = await writer.request('POST', `/api/v1/namespaces/${ns}/pods`, minimalPod(name));
  const answeredAt = performance.now();
  expectStatus(res, 201, `create pod ${name}`);
  const deadline = answeredAt + EVENT_TIMEOUT_MS;
  while (watchers.some((w) => !w.seen.has(name))) {
    if (performance.now() > deadline) {
      const missing = watchers.filter((w) => !w.seen.has(name)).length;
      throw new Error(`${missing} of ${watchers.length} watchers never saw pod ${name}`);
    }
    await new Promise((r) => setImmediate(r));
  }
  return { answeredAt, arrivals: watchers.map((w) => w.seen.get(name)!) };
}

function openWatch(ep: Endpoint, path: string): Watcher {
  const seen = new Map<string, number>();
  const base = new URL(ep.url);
  const req = https.request({
    host: base.hostname,
    port: base.port,
    path,
    ca: ep.ca,
    agent: false,
    headers: { authorization: `Bearer ${ep.token}`, accept: 'application/json' },
  });
  req.on('response', (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const at = performance.now();
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        const ev = JSON.parse(line) as { type: string; object: { metadata?: { name?: string } } };
        if (ev.type === 'ADDED' && ev.object.metadata?.name) seen.set(ev.object.metadata.name, at);
      }
    });
    res.on('error', () => undefined);
  });
  req.on('error', () => undefined);
  req.end();
  return { seen, close: () => req.destroy() };
}
