/**
 * @module bench/oci-kubeling
 * kubeling's side of the oci benchmark, on a real `kubeling up --runtime oci` with the loopback test
 * registry mirroring docker.io: create-to-Running of busybox `sleep` pods one at a time (image
 * cached by a warm-up pod), nginx create-to-port-answering on the pod IP, 100 pods created at once
 * to all Running, and the kubeling process's VmRSS with those 100 running.
 *
 * Times run from the start of the create call (HTTP/2, one session) to the watch event in which
 * this process first sees the pod's phase Running.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  ensureNamespace,
  expectStatus,
  http1Client,
  http2Client,
  type ApiClient,
  type Endpoint,
} from './api-client.js';
import { openPodWatch, type WatchStream } from './pod-watch.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PodView {
  metadata?: { name?: string; resourceVersion?: string };
  status?: {
    phase?: string;
    podIP?: string;
    containerStatuses?: { state?: { waiting?: { reason?: string }; terminated?: { reason?: string } } }[];
  };
}

/** What the watch has seen of one pod (times are performance.now()). */
export interface PodSeen {
  runningAt?: number;
  podIP?: string;
  deletedAt?: number;
  /** Phase and container reason of the latest event, for error messages. */
  last: string;
}

/** One watch on a namespace's pods recording, per name, first Running, pod IP and deletion. */
export class PhaseWatch {
  readonly seen = new Map<string, PodSeen>();
  readonly errors: string[] = [];
  private rv: string;
  private stream?: WatchStream;
  private waiters = new Set<() => void>();

  constructor(
    private readonly ep: Endpoint,
    private readonly ns: string,
    resourceVersion: string,
  ) {
    this.rv = resourceVersion;
  }

  /** Opens the stream; resolves once the server answered 200. */
  open(): Promise<void> {
    this.stream = openPodWatch(
      this.ep,
      this.ns,
      () => this.rv,
      (ev, at) => this.record(ev as unknown as { type: string; object: PodView }, at),
      (kind, message) => kind === 'error' && this.errors.push(message),
      () => {
        for (const w of [...this.waiters]) w();
      },
    );
    return this.stream.opened;
  }

  private record(ev: { type: string; object: PodView }, at: number): void {
    const pod = ev.object;
    if (pod.metadata?.resourceVersion) this.rv = pod.metadata.resourceVersion;
    const name = pod.metadata?.name;
    if (ev.type === 'ERROR' || !name || ev.type === 'BOOKMARK') return;
    let s = this.seen.get(name);
    if (!s) this.seen.set(name, (s = { last: '' }));
    if (ev.type === 'DELETED') {
      s.deletedAt ??= at;
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Running' && s.runningAt === undefined) s.runningAt = at;
    if (pod.status?.podIP) s.podIP = pod.status.podIP;
    const cs = pod.status?.containerStatuses?.[0]?.state;
    s.last = `${phase ?? '?'}${cs?.waiting?.reason ? ` ${cs.waiting.reason}` : ''}${cs?.terminated?.reason ? ` ${cs.terminated.reason}` : ''}`;
  }

  /** Resolves once `done()` holds (checked after every batch of events); rejects after `timeoutMs`. */
  until(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  running(name: string, timeoutMs = 60_000): Promise<number> {
    return this.until(
      () => this.seen.get(name)?.runningAt !== undefined,
      timeoutMs,
      () => `pod ${name} Running (last seen: ${this.seen.get(name)?.last ?? 'nothing'})`,
    ).then(() => this.seen.get(name)!.runningAt!);
  }

  close(): void {
    this.stream?.close();
  }
}

function podBody(name: string, image: string, command?: string[]): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench-oci' } },
    spec: {
      containers: [{ name: 'app', image, ...(command ? { command } : {}) }],
      terminationGracePeriodSeconds: 0,
    },
  });
}

export interface KubelingOciResult {
  /** Sequential busybox pods: create call start to first Running watch event. */
  seqMs: number[];
  /** nginx pods: create call start to the first HTTP answer on podIP:80. */
  nginxMs: number[];
  /** The same nginx pods: create to Running. */
  nginxRunningMs: number[];
  /** 100 pods created at once: first create start to the last one Running. */
  burstMs: number;
  burstPods: number;
  /** Create-to-Running of each pod of the burst. */
  burstEachMs: number[];
  /** kubeling VmRSS (MiB) with the burst's pods running. */
  rssMiB: number;
}

export interface KubelingOciOptions {
  seq: number;
  nginx: number;
  burst: number;
  log: (s: string) => void;
  rss: () => number;
  /**
   * Run before each `every` pods of the one-at-a-time series (another measurement's block, which
   * then sees no more of this series' pods than the pods that follow it).
   */
  betweenSeq?: { every: number; run: () => Promise<void> };
  /** Run once the one-at-a-time series is done (before the nginx pods and the burst). */
  afterSeq?: () => Promise<void>;
  /**
   * Resolves once the node has finished with the earlier pods (their containers, networks and
   * directories removed), so that the burst is timed alone and not with that teardown.
   */
  nodeQuiet?: () => Promise<void>;
}

const NS = 'bench';
const BUSYBOX = 'busybox:1.36';
const NGINX = 'nginx:1.27';
const SLEEP = ['sleep', '3600'];

/** Runs the measurements against a ready oci cluster with at least one Ready node. */
export async function measureKubeling(ep: Endpoint, o: KubelingOciOptions): Promise<KubelingOciResult> {
  const admin = http1Client(ep);
  const clients = Array.from({ length: 4 }, () => http2Client(ep));
  const c = clients[0];
  let w: PhaseWatch | undefined;
  try {
    await ensureNamespace(admin, NS);
    const list = await admin.request('GET', `/api/v1/namespaces/${NS}/pods?limit=1`);
    expectStatus(list, 200, 'list pods');
    const rv = (JSON.parse(list.body.toString('utf8')) as { metadata: { resourceVersion: string } }).metadata
      .resourceVersion;
    w = new PhaseWatch(ep, NS, rv);
    await w.open();
    const watch = w;
    const path = `/api/v1/namespaces/${NS}/pods`;
    const create = async (
      cl: ApiClient,
      name: string,
      image: string,
      command?: string[],
    ): Promise<number> => {
      const t = performance.now();
      const res = await cl.request('POST', path, podBody(name, image, command));
      expectStatus(res, 201, `create pod ${name}`);
      return t;
    };
    // Warm-up: the namespace's service account must exist before pods are admitted, and both
    // images are pulled once so that every measured pod finds them cached.
    for (const [name, image, cmd] of [
      ['warm-busybox', BUSYBOX, SLEEP],
      ['warm-nginx', NGINX, undefined],
    ] as const) {
      const deadline = performance.now() + 20_000;
      for (;;) {
        const res = await c.request('POST', path, podBody(name, image, cmd ? [...cmd] : undefined));
        if (res.status === 201) break;
        if (performance.now() > deadline || !/serviceaccount/i.test(res.body.toString('utf8')))
          expectStatus(res, 201, `create ${name}`);
        await sleep(50);
      }
      await watch.running(name, 120_000);
    }
    o.log('  warm-up pods Running (busybox and nginx images cached)');

    const seqMs: number[] = [];
    for (let i = 0; i < o.seq; i++) {
      if (o.betweenSeq && i % o.betweenSeq.every === 0) await o.betweenSeq.run();
      const name = `seq-${i}`;
      const t = await create(c, name, BUSYBOX, SLEEP);
      seqMs.push((await watch.running(name)) - t);
    }
    o.log(`  ${o.seq} busybox pods Running one at a time`);
    await o.afterSeq?.();

    const nginxMs: number[] = [];
    const nginxRunningMs: number[] = [];
    for (let i = 0; i < o.nginx; i++) {
      const name = `nginx-${i}`;
      const t = await create(c, name, NGINX);
      await watch.until(
        () => watch.seen.get(name)?.podIP !== undefined,
        60_000,
        () => `pod ${name} IP (last seen: ${watch.seen.get(name)?.last ?? 'nothing'})`,
      );
      const answered = await firstAnswer(watch.seen.get(name)!.podIP!, 80, 30_000);
      nginxMs.push(answered - t);
      nginxRunningMs.push((await watch.running(name)) - t);
    }
    o.log(`  ${o.nginx} nginx pods answering on their pod IP`);

    // Only the burst's pods are to be running when memory is read: delete the others and wait
    // until the kubelet has finished with them (the object goes once its containers are gone).
    const earlier = [...watch.seen.keys()];
    await Promise.all(
      earlier.map(async (name) => {
        const res = await admin.request('DELETE', `${path}/${name}`);
        if (res.status !== 200 && res.status !== 202 && res.status !== 404)
          expectStatus(res, 200, `delete pod ${name}`);
      }),
    );
    await watch.until(
      () => earlier.every((n) => watch.seen.get(n)?.deletedAt !== undefined),
      120_000,
      () => `${earlier.filter((n) => watch.seen.get(n)?.deletedAt === undefined).length} earlier pods to go`,
    );
    const deleted = performance.now();
    await o.nodeQuiet?.();
    o.log(
      `  ${earlier.length} earlier pods deleted, the node done with them ${((performance.now() - deleted) / 1000).toFixed(1)} s later; creating ${o.burst} at once`,
    );
    await sleep(500);

    const names = Array.from({ length: o.burst }, (_, i) => `burst-${i}`);
    const createdAt = new Map<string, number>();
    const t0 = performance.now();
    await Promise.all(
      names.map(async (name, i) =>
        createdAt.set(name, await create(clients[i % clients.length], name, BUSYBOX, SLEEP)),
      ),
    );
    await watch.until(
      () => names.every((n) => watch.seen.get(n)?.runningAt !== undefined),
      120_000,
      () => {
        const left = names.filter((n) => watch.seen.get(n)?.runningAt === undefined);
        return `${left.length} of ${o.burst} pods Running (e.g. ${left[0]}: ${watch.seen.get(left[0])?.last ?? 'nothing'})`;
      },
    );
    const doneAt = Math.max(...names.map((n) => watch.seen.get(n)!.runningAt!));
    const burstEachMs = names.map((n) => watch.seen.get(n)!.runningAt! - createdAt.get(n)!);
    await sleep(1000);
    const rssMiB = o.rss();
    o.log(
      `  ${o.burst} pods Running in ${((doneAt - t0) / 1000).toFixed(2)} s; kubeling VmRSS ${rssMiB.toFixed(0)} MiB`,
    );
    return {
      seqMs,
      nginxMs,
      nginxRunningMs,
      burstMs: doneAt - t0,
      burstPods: o.burst,
      burstEachMs,
      rssMiB,
    };
  } finally {
    w?.close();
    for (const cl of clients) cl.close();
    admin.close();
  }
}

/**
 * Starts a GET to http://ip:port/ every 5 ms (each with a short timeout, at most 40 in flight, so a
 * connect that hangs before the route exists does not delay the next) and resolves with the time
 * the first response arrived.
 */
function firstAnswer(ip: string, port: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const reqs = new Set<http.ClientRequest>();
    let done = false;
    const finish = (err?: Error, at?: number) => {
      if (done) return;
      done = true;
      clearInterval(tick);
      clearTimeout(deadline);
      for (const r of reqs) r.destroy();
      if (err) reject(err);
      else resolve(at!);
    };
    let lastError = '';
    const attempt = () => {
      if (done || reqs.size >= 40) return;
      const req = http.get({ host: ip, port, path: '/', agent: false, timeout: 250 }, (res) => {
        const at = performance.now();
        res.resume();
        finish(undefined, at);
      });
      reqs.add(req);
      req.on('timeout', () => req.destroy());
      req.on('error', (e) => (lastError = e.message));
      req.on('close', () => reqs.delete(req));
    };
    const tick = setInterval(attempt, 5);
    const deadline = setTimeout(
      () => finish(new Error(`http://${ip}:${port}/ did not answer in ${timeoutMs / 1000} s (${lastError})`)),
      timeoutMs,
    );
    attempt();
  });
}
