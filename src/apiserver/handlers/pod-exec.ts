/**
 * @module apiserver/handlers/pod-exec
 * `pods/NAME/exec` and `pods/NAME/attach` over WebSocket (`kubectl exec` and `kubectl attach`,
 * which since v1.30 speak the v5.channel.k8s.io protocol first): the options are checked and the
 * container chosen as upstream's pod REST does, then the node's agent runs the command (its
 * output in channel frames, 1 stdout and 2 stderr, then the exit Status on channel 3: Success, or
 * NonZeroExitCode with the code as an ExitCode cause) or follows the container's output until it
 * stops (then Success); the socket then closes. Where the node streams (real containers), stdin
 * (channel 0, ended by the v5 close signal), terminal resizes (channel 4) and the output flow both
 * ways while the command runs; elsewhere the output comes once it has ended.
 *
 * A refusal before the upgrade is an HTTP answer with a Status, which kubectl prints as
 * "unable to upgrade connection: …" (it retries over SPDY, which is refused the same way).
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { newBadRequest, newInternalError, newNotFound, StatusError } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import type { GenericStore } from '../registry/generic-store.js';
import {
  boolParam,
  chooseContainer,
  type NodeStreams,
  type PodAttachSession,
  type PodExecResult,
  type PodExecSession,
  type PodStreamOptions,
  type PodStreamProcess,
} from './pod-logs.js';
import { nodeStreamUnavailable } from './subresources.js';

/** Stream protocols this server speaks, best first (v5 adds stdin close; both carry a Status on 3). */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
/** v5: `[255, channel]` says the client closed that channel (stdin). */
const CLOSE = 255;

export interface ExecOptions {
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

type PodView = KubeObject & {
  spec?: {
    nodeName?: string;
    containers?: { name: string }[];
    initContainers?: { name: string }[];
    ephemeralContainers?: { name: string }[];
  };
};

/** The query's options and the container they mean, checked as upstream's exec and attach REST. */
export function execOptionsFor(
  pod: PodView,
  q: URLSearchParams,
  kind: 'exec' | 'attach' = 'exec',
): ExecOptions {
  const name = pod.metadata.name ?? '';
  const o = {
    container: q.get('container') ?? '',
    command: q.getAll('command'),
    stdin: boolParam(q, 'stdin'),
    stdout: boolParam(q, 'stdout'),
    stderr: boolParam(q, 'stderr'),
    tty: boolParam(q, 'tty'),
  };
  if (!o.stdin && !o.stdout && !o.stderr)
    throw newBadRequest('you must specify at least 1 of stdin, stdout, stderr');
  if (kind === 'exec' && o.command.length === 0)
    throw newBadRequest('you must specify at least one command for the container');
  o.container = chooseContainer(pod, o.container);
  if (!pod.spec?.nodeName) throw newBadRequest(`pod ${name} does not have a host assigned`);
  return o;
}

/** The Status the error channel carries for an exit code (upstream's remotecommand writeStatus). */
export function exitStatus(code: number, command: string[]): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: command '${command.join(' ')}' exited with ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** Answers an upgrade request with an HTTP error carrying the Status (no upgrade happens). */
export function refuse(socket: Socket, err: StatusError): void {
  const body = JSON.stringify(err.toStatus());
  socket.end(
    `HTTP/1.1 ${err.code} ${STATUS_CODES[err.code] ?? ''}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Answers an upgrade request with a plain-text error, as the kubelet's streaming server does. */
function refusePlain(socket: Socket, code: number, message: string): void {
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
  );
}

const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

function frame(channel: number, data: Uint8Array | string): Buffer {
  const body =
    typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.concat([Buffer.from([channel]), body]);
}

/** Sends a finished exec's output and exit Status, then closes the socket. */
function sendResult(ws: WebSocket, o: ExecOptions, r: PodExecResult): void {
  if (o.stdout && r.stdout.length) ws.send(frame(STDOUT, r.stdout));
  // With a TTY there is no separate stderr: it is part of the terminal's output. Without one, a
  // client that asked for no stderr gets none.
  if (r.stderr.length && (o.tty ? o.stdout : o.stderr)) ws.send(frame(o.tty ? STDOUT : STDERR, r.stderr));
  ws.send(frame(ERROR, JSON.stringify(exitStatus(r.exitCode, o.command))));
  ws.close(1000);
}

export interface ExecDeps {
  pods: GenericStore;
  nodes?: NodeStreams;
}

/** Streams a container's output until it stops (or the client leaves), then Success. */
async function sendOutput(ws: WebSocket, session: PodAttachSession): Promise<void> {
  const gone = new AbortController();
  ws.once('close', () => gone.abort());
  for await (const chunk of session.output(gone.signal)) {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(frame(STDOUT, chunk));
  }
  if (ws.readyState !== ws.OPEN) return;
  ws.send(frame(ERROR, JSON.stringify(exitStatus(0, []))));
  ws.close(1000);
}

/**
 * Runs a streaming exec or attach over the socket, as upstream's remotecommand server: the
 * client's stdin (channel 0) goes to the process as it comes, and its end (v5 close of channel 0)
 * closes the process's input; resizes (channel 4, `{"Width":W,"Height":H}` lines) size its
 * terminal; its stdout and stderr go out on 1 and 2 as they come (a tty has only stdout). When it
 * has ended, the Status on 3 (exec: its exit code; attach: Success) and a normal close. A client
 * that goes away first stops an exec's command and detaches an attach.
 */
async function streamProcess(
  ws: WebSocket,
  o: ExecOptions,
  kind: 'exec' | 'attach',
  open: (opts: PodStreamOptions) => Promise<PodStreamProcess>,
): Promise<void> {
  let proc: PodStreamProcess | undefined = undefined; // set once open resolves; messages wait until then
  let finished = false;
  let resizeText = '';
  const early: Buffer[] = [];
  const handle = (msg: Buffer) => {
    const p = proc!;
    const body = msg.subarray(1);
    switch (msg[0]) {
      case STDIN:
        if (body.length && p.stdin?.writable) p.stdin.write(body);
        break;
      case RESIZE: {
        resizeText += body.toString();
        const lines = resizeText.split('\n');
        resizeText = lines.pop() ?? '';
        for (const line of lines) {
          try {
            const size = JSON.parse(line) as { Width?: number; Height?: number };
            // 0x0 too: a client on a terminal of no size says so, and a terminal exec waiting for
            // its first size starts at once (a running one ignores it, as upstream's kubelet does).
            p.resize(Number(size.Width) || 0, Number(size.Height) || 0);
          } catch {
            // not a size: ignored, as upstream's handleResizing stops on a decode error
          }
        }
        break;
      }
      case CLOSE:
        if (body[0] === STDIN) p.stdin?.end();
        break;
    }
  };
  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
    const msg = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    if (msg.length === 0) return;
    if (proc) handle(msg);
    else early.push(msg);
  });
  ws.once('close', () => {
    if (!finished) proc?.kill();
  });
  proc = await open({ stdin: o.stdin, tty: o.tty });
  if (ws.readyState !== ws.OPEN) {
    proc.kill();
    return;
  }
  for (const msg of early.splice(0)) handle(msg);
  const send = (channel: number, wanted: boolean) => (b: Buffer) => {
    if (wanted && ws.readyState === ws.OPEN) ws.send(frame(channel, b));
  };
  proc.stdout.on('data', send(STDOUT, o.stdout));
  proc.stderr?.on('data', send(STDERR, o.stderr));
  const code = await proc.exit;
  finished = true;
  if (ws.readyState !== ws.OPEN) return;
  ws.send(frame(ERROR, JSON.stringify(exitStatus(kind === 'exec' ? code : 0, o.command))));
  ws.close(1000);
}

/**
 * How a session the node found is served on the socket: streamed both ways where the node streams;
 * else an exec's result, or an attach's output, once it has ended.
 */
function serverFor(
  kind: 'exec' | 'attach',
  o: ExecOptions,
  session: PodExecSession | PodAttachSession,
): (ws: WebSocket) => Promise<void> {
  const open = session.open?.bind(session);
  if (open) return (ws) => streamProcess(ws, o, kind, open);
  if ('run' in session) return (ws) => session.run().then((r) => sendResult(ws, o, r));
  return (ws) => sendOutput(ws, session);
}

/**
 * What went wrong after the upgrade, on the error channel before closing: an InternalError, worded
 * as upstream's remotecommand ServeExec ("error executing command in container: …") and
 * ServeAttach ("error attaching to container: …"), so kubectl prints
 * "error: Internal error occurred: error executing command in container: …".
 */
function sendFailure(ws: WebSocket, kind: 'exec' | 'attach', err: unknown): void {
  const why = err instanceof Error ? err.message : String(err);
  const status = newInternalError(
    kind === 'exec' ? `error executing command in container: ${why}` : `error attaching to container: ${why}`,
  ).toStatus();
  if (ws.readyState === ws.OPEN) ws.send(frame(ERROR, JSON.stringify(status)));
  ws.close(1000);
}

/**
 * Serves an authenticated upgrade request for `pods/NAME/exec` or `pods/NAME/attach` in
 * `namespace`. Every refusal is an HTTP answer; after the upgrade, a failure of the command or
 * the stream is an InternalError Status on the error channel (sendFailure).
 */
export async function handleStreamUpgrade(
  kind: 'exec' | 'attach',
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
  where: { namespace: string; name: string; query: URLSearchParams },
  deps: ExecDeps,
): Promise<void> {
  let o: ExecOptions;
  let start: (ws: WebSocket) => Promise<void>;
  try {
    const pod = (await deps.pods.tryGet(where.namespace, where.name)) as PodView | undefined;
    if (!pod) throw newNotFound({ group: '', resource: 'pods' }, where.name);
    o = execOptionsFor(pod, where.query, kind);
    const node = pod.spec!.nodeName!;
    const finding =
      kind === 'exec'
        ? deps.nodes?.exec?.(node, where.namespace, where.name, o)
        : deps.nodes?.attach?.(node, where.namespace, where.name, o.container);
    if (!finding) throw nodeStreamUnavailable(kind, where.name);
    // The kubelet refuses (no such running container) before the upgrade, as upstream's does; its
    // plain-text answer passes through, so kubectl says "unable to upgrade connection: …".
    let session: PodExecSession | PodAttachSession;
    try {
      session = await finding;
    } catch (err) {
      if (!StatusError.is(err)) throw err;
      return refusePlain(socket, err.code, err.message);
    }
    start = serverFor(kind, o, session);
    // kubectl falls back to SPDY when the WebSocket upgrade is refused: the reason above must be
    // the same for both, so the protocol is checked only once the request itself is sound.
    if (!/websocket/i.test(req.headers.upgrade ?? ''))
      throw newBadRequest(`kubeling serves ${kind} over WebSocket (v5.channel.k8s.io) only, not SPDY`);
  } catch (err) {
    if (!StatusError.is(err)) throw err;
    return refuse(socket, err);
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    start(ws).catch((err: unknown) => sendFailure(ws, kind, err));
  });
}
