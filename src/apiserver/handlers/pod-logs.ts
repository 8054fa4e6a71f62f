/**
 * @module apiserver/handlers/pod-logs
 * `GET pods/NAME/log` (`kubectl logs`), after upstream's pod log REST: the options are checked,
 * the container is chosen (the only one when none is named), a pod on no node has an empty log
 * (204), and the node's agent streams the log as text/plain. Agents that run in this process are reached through
 * `NodeStreams`; a node served by no agent here answers 503.
 */
import { newBadRequest, newInvalid, StatusError } from '../../machinery/errors.js';
import { fieldErrors, type FieldError } from '../../machinery/field-errors.js';
import type { Exchange } from '../http/exchange.js';
import type { Endpoint } from './endpoint.js';

export interface PodLogRequest {
  container: string;
  /** Aborted when the client goes away, so that a follow stops at once. */
  signal?: AbortSignal;
  previous: boolean;
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceTime?: Date;
}

/** How the API server reaches the node agents running in this process. */
export interface NodeStreams {
  /**
   * The log of a container of a pod on `node`, as chunks of text; undefined when no agent for
   * `node` runs here. A refused request throws a StatusError (at once or at the first chunk).
   */
  containerLogs(
    node: string,
    namespace: string,
    pod: string,
    req: PodLogRequest,
  ): AsyncIterable<string> | undefined;
  /**
   * Finds the container of a pod on `node` to run a command in (`kubectl exec`); undefined when no
   * agent for `node` runs here. A refused request (no such running container) rejects with a
   * StatusError; the command runs when the session's `run` is called.
   */
  exec?(
    node: string,
    namespace: string,
    pod: string,
    req: PodExecRequest,
  ): Promise<PodExecSession> | undefined;
  /** The same for `kubectl attach`: the container's output from now on, until it stops. */
  attach?(
    node: string,
    namespace: string,
    pod: string,
    container: string,
  ): Promise<PodAttachSession> | undefined;
}

export interface PodExecSession {
  run(): Promise<PodExecResult>;
  /** Where the node streams: starts the command with its streams flowing both ways. */
  open?(opts: PodStreamOptions): Promise<PodStreamProcess>;
}

export interface PodAttachSession {
  /** Ends when the container stops, or soon after `signal` aborts. */
  output(signal?: AbortSignal): AsyncIterable<string>;
  /** Where the node streams: the container's own stdio, input included. */
  open?(opts: PodStreamOptions): Promise<PodStreamProcess>;
}

export interface PodStreamOptions {
  stdin: boolean;
  tty: boolean;
}

/** A running exec or attach on the node, its streams flowing as bytes arrive. */
export interface PodStreamProcess {
  /** Present when opened with stdin; ending it closes the process's input. */
  stdin?: NodeJS.WritableStream;
  stdout: NodeJS.ReadableStream;
  /** Absent with a tty. */
  stderr?: NodeJS.ReadableStream;
  resize(cols: number, rows: number): void;
  /** The exit code once it ended and its output was read (attach: 0 when the stream ends). */
  exit: Promise<number>;
  /** Stops an exec's command; detaches an attach. */
  kill(): void;
}

export interface PodExecRequest {
  container: string;
  command: string[];
}

export interface PodExecResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
}

type Obj = { metadata: { name?: string }; spec?: any };

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n))
    throw newBadRequest(`${name}: invalid value ${JSON.stringify(v)}: not an integer`);
  return n;
}

/**
 * A boolean query option as upstream's Convert_Slice_string_To_bool reads it: absent, "0" or
 * "false" (any case) is false; any other value, the empty one included, is true.
 */
export function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v !== null && v !== '0' && v.toLowerCase() !== 'false';
}

/** The request's options, checked as upstream's ValidatePodLogOptions. */
export function parseLogOptions(
  q: URLSearchParams,
  podName: string,
  now: Date,
): Omit<PodLogRequest, 'container'> {
  const tailLines = intParam(q, 'tailLines');
  const limitBytes = intParam(q, 'limitBytes');
  const sinceSeconds = intParam(q, 'sinceSeconds');
  const sinceTimeText = q.get('sinceTime');
  const errs: FieldError[] = [];
  if (tailLines !== undefined && tailLines < 0)
    errs.push(fieldErrors.invalid('tailLines', tailLines, 'must be greater than or equal to 0'));
  if (limitBytes !== undefined && limitBytes < 1)
    errs.push(fieldErrors.invalid('limitBytes', limitBytes, 'must be greater than 0'));
  if (sinceSeconds !== undefined && sinceTimeText)
    errs.push(fieldErrors.forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  if (sinceSeconds !== undefined && sinceSeconds < 1)
    errs.push(fieldErrors.invalid('sinceSeconds', sinceSeconds, 'must be greater than 0'));
  if (errs.length) throw newInvalid({ group: '', kind: 'PodLogOptions' }, podName, errs);
  let sinceTime: Date | undefined;
  if (sinceTimeText) {
    sinceTime = new Date(sinceTimeText);
    if (Number.isNaN(sinceTime.getTime()))
      throw newBadRequest(`sinceTime: invalid value ${JSON.stringify(sinceTimeText)}: not an RFC 3339 time`);
  } else if (sinceSeconds !== undefined) sinceTime = new Date(now.getTime() - sinceSeconds * 1000);
  return {
    previous: boolParam(q, 'previous'),
    follow: boolParam(q, 'follow'),
    timestamps: boolParam(q, 'timestamps'),
    tailLines,
    limitBytes,
    sinceTime,
  };
}

/**
 * The container the request names, or the pod's only one; 400 otherwise. Upstream's
 * validateContainer, shared by pods/log, pods/exec and pods/attach: the choices listed are all the
 * pod's containers in VisitContainers order (init, regular, ephemeral), formatted as Go prints a
 * []string.
 */
export function chooseContainer(pod: Obj, requested: string | null): string {
  const name = pod.metadata.name ?? '';
  const names = (list: { name: string }[] | undefined) => (list ?? []).map((c) => c.name);
  const containers = names(pod.spec?.containers);
  const all = [...names(pod.spec?.initContainers), ...containers, ...names(pod.spec?.ephemeralContainers)];
  if (!requested) {
    if (containers.length === 1) return containers[0];
    if (containers.length === 0) throw newBadRequest(`a container name must be specified for pod ${name}`);
    throw newBadRequest(
      `a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`,
    );
  }
  if (!all.includes(requested)) throw newBadRequest(`container ${requested} is not valid for pod ${name}`);
  return requested;
}

export async function handlePodLog(
  ep: Endpoint,
  ex: Exchange,
  ns: string | undefined,
  name: string,
  verb: string,
  nodes: NodeStreams | undefined,
  unavailable: (node: string) => StatusError,
): Promise<void> {
  if (verb !== 'get') throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on pods/log`);
  // As upstream's LogREST: the options first, then the pod and its container.
  const opts = parseLogOptions(ex.query, name, ep.clock.now());
  const pod = (await ep.store.get(ns, name)) as Obj;
  const container = chooseContainer(pod, ex.query.get('container'));
  const node: string | undefined = pod.spec?.nodeName;
  // A pod on no node has no log yet: upstream's LogLocation is empty, answered 204 No Content.
  if (!node) {
    ex.res.writeHead(204);
    ex.res.end();
    return;
  }
  const gone = new AbortController();
  const stream = nodes?.containerLogs(node, ns ?? 'default', name, {
    ...opts,
    container,
    signal: gone.signal,
  });
  if (!stream) throw unavailable(node);
  const it = stream[Symbol.asyncIterator]();
  // The first chunk before the head: a refused request still gets its error status.
  let next = await it.next();
  ex.startStream('text/plain');
  let closed = false;
  ex.req.on('close', () => {
    closed = true;
    gone.abort();
  });
  try {
    while (!next.done && !closed) {
      if (next.value) ex.res.write(next.value);
      next = await it.next();
    }
  } catch {
    // The status line is sent: a log that fails midway just ends, as a broken kubelet stream does.
  } finally {
    if (!ex.res.writableEnded) ex.res.end();
  }
}
