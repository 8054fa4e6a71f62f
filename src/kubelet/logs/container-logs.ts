/**
 * @module kubelet/logs/container-logs
 * `kubectl logs` on the node side, after upstream's kubelet: which container's logs a request
 * means (validateContainerLogStatus: the running one, else the last terminated one; `previous` the
 * one before), and the CRI log lines rendered as the log endpoint shows them (`timestamps`,
 * `sinceTime`, `tailLines`, `limitBytes`). With `follow`, new lines are passed on until the
 * container stops or the reader goes away.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ContainerStatus as ApiContainerStatus, PodStatus } from '../../api/core/pods/types.js';
import type { RuntimeService } from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';

/** A log request the kubelet refuses; the API server answers it with 400 BadRequest. */
export class ContainerLogError extends Error {}

export interface LogOptions {
  container: string;
  /** Ends a follow once aborted (the reader went away). */
  signal?: AbortSignal;
  previous?: boolean;
  follow?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceTime?: Date;
}

/** The runtime ID (without `sim://`) of the container whose logs the request means. */
export function logContainerId(
  podName: string,
  status: PodStatus,
  container: string,
  previous: boolean,
): string {
  const all: ApiContainerStatus[] = [
    ...(status.containerStatuses ?? []),
    ...(status.initContainerStatuses ?? []),
    ...(status.ephemeralContainerStatuses ?? []),
  ];
  const cs = all.find((c) => c.name === container);
  const what = `container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)}`;
  if (!cs) throw new ContainerLogError(`${what} is not available`);
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  let id: string | undefined;
  if (previous) {
    if (!last?.containerID) throw new ContainerLogError(`previous terminated ${what} not found`);
    id = last.containerID;
  } else if (running) id = cs.containerID;
  else if (terminated) {
    // A container whose next run did not start has no ID of its own: the last run's log serves.
    id = terminated.containerID || last?.containerID;
    if (!id) throw new ContainerLogError(`${what} is terminated`);
  } else if (last) {
    if (!last.containerID) throw new ContainerLogError(`${what} is terminated`);
    id = last.containerID;
  } else if (waiting) {
    const reason =
      waiting.reason === 'ErrImagePull'
        ? "image can't be pulled"
        : waiting.reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : waiting.reason;
    throw new ContainerLogError(`${what} is waiting to start: ${reason}`);
  }
  if (!id) throw new ContainerLogError(`${what} is waiting to start - no logs yet`);
  return id.replace(/^[a-z]+:\/\//, '');
}

interface LogLine {
  time: string;
  ms: number;
  text: string;
  /** `F`: the line ends here; `P`: a partial line continued by the next one. */
  full: boolean;
}

function parseLine(line: string): LogLine | undefined {
  const m = /^(\S+) (?:stdout|stderr) ([PF]) (.*)$/s.exec(line);
  if (!m) return undefined;
  return { time: m[1], ms: Date.parse(m[1]), text: m[3], full: m[2] === 'F' };
}

/** The lines as the log endpoint writes them, after the since/tail filters (no byte limit). */
export function renderLines(
  raw: string[],
  opts: Pick<LogOptions, 'timestamps' | 'sinceTime' | 'tailLines'>,
): string[] {
  let lines = raw.map(parseLine).filter((l): l is LogLine => l !== undefined);
  if (opts.sinceTime) {
    const since = opts.sinceTime.getTime();
    lines = lines.filter((l) => l.ms >= since);
  }
  if (opts.tailLines !== undefined) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  return lines.map((l) => (opts.timestamps ? `${l.time} ` : '') + l.text + (l.full ? '\n' : ''));
}

export interface LogReaderDeps {
  runtime: RuntimeService;
  clock: Clock;
  /** How often a follow looks for new lines; default 250 ms. */
  pollMs?: number;
}

/**
 * The container's log as chunks of text. Stops at `limitBytes`; with `follow`, keeps going until
 * the container is no longer running, the consumer stops reading, or `signal` aborts.
 */
export async function* readContainerLog(
  d: LogReaderDeps,
  id: string,
  opts: LogOptions,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  if (!d.runtime.readLog) throw new ContainerLogError('the container runtime keeps no logs');
  let budget = opts.limitBytes ?? Infinity;
  const emit = (chunk: string): string | undefined => {
    if (budget <= 0) return undefined;
    const bytes = Buffer.byteLength(chunk);
    if (bytes <= budget) {
      budget -= bytes;
      return chunk;
    }
    // Whole characters only: a character the limit cuts through is left out, never mangled.
    const cut = new StringDecoder('utf8').write(Buffer.from(chunk).subarray(0, budget));
    budget = 0;
    return cut;
  };
  const read = (): Promise<string[]> =>
    Promise.resolve()
      .then(() => d.runtime.readLog!(id))
      .catch(() => []);
  let raw = await d.runtime.readLog(id);
  let last = raw[raw.length - 1];
  const first = emit(renderLines(raw, opts).join(''));
  if (first) yield first;
  if (!opts.follow) return;
  for (;;) {
    if (budget <= 0) return;
    const running =
      (await d.runtime.containerStatus(id).catch(() => undefined))?.state === 'CONTAINER_RUNNING';
    raw = await read();
    // The runtime keeps recent lines only: what is new is what follows the last line passed on
    // (each line carries its nanosecond timestamp, so it is found again).
    const from = last === undefined ? 0 : raw.lastIndexOf(last) + 1;
    const fresh = raw.slice(from);
    if (fresh.length) last = fresh[fresh.length - 1];
    const text = emit(renderLines(fresh, { timestamps: opts.timestamps }).join(''));
    if (text) yield text;
    // A follow ends with the container, or as soon as its reader has gone (`signal`).
    if (!running || signal?.aborted) return;
    await new Promise<void>((resolve) => d.clock.setTimeout(resolve, d.pollMs ?? 250));
    if (signal?.aborted) return;
  }
}
