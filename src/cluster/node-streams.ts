/**
 * @module cluster/node-streams
 * The node agents running in this process, by node name, as the API server reaches them for
 * `pods/log` (upstream's API server dials the kubelet; here the call stays in process). The
 * kubelet's refusals (ContainerLogError) become 400 BadRequest here, as the kubelet's HTTP answer
 * becomes the API server's error upstream.
 */
import type { NodeStreams, PodLogRequest } from '../apiserver/handlers/pod-logs.js';
import { ContainerLogError } from '../kubelet/logs/container-logs.js';
import { newBadRequest } from '../machinery/errors.js';

export interface AgentLogs {
  logs(namespace: string, pod: string, req: PodLogRequest): AsyncIterable<string>;
}

function mapError(err: unknown): unknown {
  return err instanceof ContainerLogError ? newBadRequest(err.message) : err;
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
  private readonly agents = new Map<string, AgentLogs>();

  /** Serves `node` from `agent` until the returned function is called. */
  register(node: string, agent: AgentLogs): () => void {
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
}
