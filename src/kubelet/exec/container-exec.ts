/**
 * @module kubelet/exec/container-exec
 * `kubectl exec` on the node side, after upstream's kubelet GetExec: the command runs in the
 * pod's running container of that name (the runtime's ExecSync; on the sim runtime the scripted
 * `<container>.exec` exit code, with no output). A pod or container that is not running here is
 * refused as upstream's kubelet words it.
 */
import type { ExecResult, RuntimeService } from '../../runtime/interface.js';
import { containerNameOf, POD_UID_LABEL } from '../runtime-manager/labels.js';

/** An exec the kubelet refuses; the API server answers the upgrade with its message. */
export class ContainerExecError extends Error {}

export interface ExecRequest {
  container: string;
  command: string[];
}

/** A command ready to run in a container: `run` starts it and resolves when it ends. */
export interface ExecSession {
  run(): Promise<ExecResult>;
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
  const notFound = () => new ContainerExecError(`container not found (${JSON.stringify(req.container)})`);
  if (!podUid) throw notFound();
  const running = await runtime.listContainers({
    state: 'CONTAINER_RUNNING',
    labelSelector: { [POD_UID_LABEL]: podUid },
  });
  const target = running.find((c) => containerNameOf(c) === req.container);
  if (!target) throw notFound();
  return { run: () => runtime.execSync(target.id, req.command, 0) };
}
