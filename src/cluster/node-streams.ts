/**
 * @module cluster/node-streams
 * The node agents running in this process, by node name, as the API server reaches them for
 * `pods/log`, `pods/exec` and `pods/attach` (upstream's API server dials the kubelet; here the call stays in
 * process). The kubelet's refusals become the API server's errors as upstream: a log request it
 * refuses (ContainerLogError) is a 400 BadRequest, an exec or attach it refuses (ContainerExecError) a 500
 * with its message, as its streaming server answers.
 */
import type {
  NodeStreams,
  PodAttachSession,
  PodExecRequest,
  PodExecSession,
  PodLogRequest,
} from '../apiserver/handlers/pod-logs.js';
import { ContainerExecError } from '../kubelet/exec/container-exec.js';
import { ContainerLogError } from '../kubelet/logs/container-logs.js';
import { newBadRequest, StatusError } from '../machinery/errors.js';

export interface AgentStreams {
  logs(namespace: string, pod: string, req: PodLogRequest): AsyncIterable<string>;
  exec(namespace: string, pod: string, req: PodExecRequest): Promise<PodExecSession>;
  attach(namespace: string, pod: string, container: string): Promise<PodAttachSession>;
}

function mapError(err: unknown): unknown {
  return err instanceof ContainerLogError ? newBadRequest(err.message) : err;
}

/** The kubelet's refusal of an exec, as its streaming server answers it (500 with its message). */
function mapExecError(err: unknown): unknown {
  return err instanceof ContainerExecError ? new StatusError(500, 'InternalError', err.message) : err;
}

async function* mapped(source: () => AsyncIterable<string>): AsyncGenerator<string> {
  let it: AsyncIterator<string>;
  try {
    it = source()[Symbol.asyncIterator]();
  } catch (err) {
    throw mapError(err);
  }
  try {
    for (;;) {
      let r: IteratorResult<string>;
      try {
        r = await it.next();
      } catch (err) {
        throw mapError(err);
      }
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

export class InProcessNodes implements NodeStreams {
  private readonly agents = new Map<string, AgentStreams>();

  /** Serves `node` from `agent` until the returned function is called. */
  register(node: string, agent: AgentStreams): () => void {
    this.agents.set(node, agent);
    return () => {
      if (this.agents.get(node) === agent) this.agents.delete(node);
    };
  }

  containerLogs(
    node: string,
    namespace: string,
    pod: string,
    req: PodLogRequest,
  ): AsyncIterable<string> | undefined {
    const agent = this.agents.get(node);
    if (!agent) return undefined;
    return mapped(() => agent.logs(namespace, pod, req));
  }

  exec(
    node: string,
    namespace: string,
    pod: string,
    req: PodExecRequest,
  ): Promise<PodExecSession> | undefined {
    return this.stream(node, (agent) => agent.exec(namespace, pod, req));
  }

  attach(
    node: string,
    namespace: string,
    pod: string,
    container: string,
  ): Promise<PodAttachSession> | undefined {
    return this.stream(node, (agent) => agent.attach(namespace, pod, container));
  }

  /** Opens a stream on `node`'s agent, if it runs here, with the kubelet's refusals mapped. */
  private stream<T>(node: string, open: (agent: AgentStreams) => Promise<T>): Promise<T> | undefined {
    const agent = this.agents.get(node);
    if (!agent) return undefined;
    return open(agent).catch((err: unknown) => Promise.reject(mapExecError(err)));
  }
}
