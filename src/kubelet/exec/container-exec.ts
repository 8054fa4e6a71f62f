/**
 * @module kubelet/exec/container-exec
 * `kubectl exec` and `kubectl attach` on the node side, after upstream's kubelet GetExec and
 * GetAttach: both need the pod's running container of that name, refused as upstream's kubelet
 * words it when there is none. exec runs a command there: streaming both ways where the runtime
 * can (its `exec`), else through its ExecSync (on the sim runtime the scripted `<container>.exec`
 * exit code, with no output); attach connects to the container's own stdio where the runtime can
 * (its `attach`), else follows what the container writes from now on until it stops.
 */
import type {
  ContainerStatus,
  ExecProcess,
  ExecResult,
  RuntimeService,
  StreamOptions,
} from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import { readContainerLog } from '../logs/container-logs.js';
import { containerNameOf, POD_UID_LABEL } from '../runtime-manager/labels.js';

/** An exec or attach the kubelet refuses; the API server answers the upgrade with its message. */
export class ContainerExecError extends Error {}

export interface ExecRequest {
  container: string;
  command: string[];
}

/**
 * A command ready to run in a container: `run` starts it and resolves when it ends (output at the
 * end, no stdin); `open`, where the runtime streams, starts it with its streams flowing both ways.
 */
export interface ExecSession {
  run(): Promise<ExecResult>;
  open?(opts: StreamOptions): Promise<ExecProcess>;
}

/**
 * A container's output from now on, until it stops or `signal` (the client went away) aborts;
 * `open`, where the runtime streams, attaches to its own stdio (input included).
 */
export interface AttachSession {
  output(signal?: AbortSignal): AsyncIterable<string>;
  open?(opts: StreamOptions): Promise<ExecProcess>;
}

/** The pod's running container `name`, or undefined. */
async function runningContainer(
  runtime: RuntimeService,
  podUid: string | undefined,
  name: string,
): Promise<ContainerStatus | undefined> {
  const running = podUid
    ? await runtime.listContainers({ state: 'CONTAINER_RUNNING', labelSelector: { [POD_UID_LABEL]: podUid } })
    : [];
  return running.find((c) => containerNameOf(c) === name);
}

/**
 * Finds the pod's running container for `req` (rejecting when there is none, before anything
 * runs); the session then runs the command there, with no timeout (an interactive exec has none).
 */
export async function execInContainer(
  runtime: RuntimeService,
  podUid: string | undefined,
  req: ExecRequest,
): Promise<ExecSession> {
  const target = await runningContainer(runtime, podUid, req.container);
  // The refusals are worded as upstream's kubelet GetExec and GetAttach word them.
  if (!target) throw new ContainerExecError(`container not found (${JSON.stringify(req.container)})`);
  const session: ExecSession = { run: () => runtime.execSync(target.id, req.command, 0) };
  if (runtime.exec) session.open = (opts) => runtime.exec!(target.id, req.command, opts);
  return session;
}

/** Finds the pod's running container to attach to (rejecting when there is none). */
export async function attachToContainer(
  deps: { runtime: RuntimeService; clock: Clock },
  pod: { uid?: string; fullName: string },
  container: string,
): Promise<AttachSession> {
  const target = await runningContainer(deps.runtime, pod.uid, container);
  if (!target) throw new ContainerExecError(`container ${container} not found in pod ${pod.fullName}`);
  const since = deps.clock.now();
  const session: AttachSession = {
    output: (signal) =>
      readContainerLog(deps, target.id, { container, follow: true, sinceTime: since }, signal),
  };
  const runtime = deps.runtime;
  if (runtime.attach) session.open = (opts) => runtime.attach!(target.id, opts);
  return session;
}
