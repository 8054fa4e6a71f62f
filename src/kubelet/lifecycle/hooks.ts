/**
 * @module kubelet/lifecycle/hooks
 * Runs a container's postStart and preStop handlers, after upstream's lifecycle handler runner:
 * - `exec`: the command through the runtime's execSync; a non-zero exit fails the hook;
 * - `httpGet`: a GET to host (default the pod IP), port (number or a named container port), path,
 *   scheme and headers, with node:http(s); only a connection-level error fails it, as upstream
 *   (on a runtime with a simulated network, such as sim, nothing is sent and the hook succeeds);
 * - `sleep`: waits the given seconds on the injected clock;
 * - `tcpSocket`: accepted for compatibility and does nothing (upstream ignores it too).
 * `run` resolves on success and rejects with a `HookError` carrying the failure text.
 * Hooks may be aborted (preStop when the grace period runs out) through the signal.
 */
import http from 'node:http';
import https from 'node:https';
import type { Container, LifecycleHandler, Pod } from '../../api/core/pods/types.js';
import type { RuntimeService } from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import { sleep } from '../../client/backoff.js';

export class HookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HookError';
  }
}

export interface HookContext {
  pod: Pod;
  container: Container;
  containerId: string;
  podIP: string;
  /** Upper bound for exec handlers, seconds (0 = none). */
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface HookRunnerOptions {
  runtime: RuntimeService;
  clock: Clock;
}

/** Resolves a port given as a number, a numeric string or the name of a container port. */
export function resolvePort(port: number | string, c: Container): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const named = (c.ports ?? []).find((p) => p.name === port);
  if (!named) throw new HookError(`couldn't find port: ${port} in ${c.name}`);
  return named.containerPort;
}

export class HookRunner {
  constructor(private readonly opts: HookRunnerOptions) {}

  async run(handler: LifecycleHandler, ctx: HookContext): Promise<void> {
    if (handler.exec) return this.runExec(handler.exec.command ?? [], ctx);
    if (handler.httpGet) return this.runHttp(handler, ctx);
    if (handler.sleep) return sleep(this.opts.clock, Math.max(0, handler.sleep.seconds) * 1000, ctx.signal);
    if (handler.tcpSocket) return;
    throw new HookError('invalid handler: no exec, httpGet or sleep action');
  }

  private async runExec(command: string[], ctx: HookContext): Promise<void> {
    let res;
    try {
      res = await this.opts.runtime.execSync(ctx.containerId, command, ctx.timeoutSeconds ?? 0);
    } catch (err) {
      throw new HookError(err instanceof Error ? err.message : String(err));
    }
    if (res.exitCode !== 0) {
      const out = res.stdout.toString() + res.stderr.toString();
      throw new HookError(`command '${command.join(' ')}' exited with ${res.exitCode}: ${out}`);
    }
  }

  private runHttp(handler: LifecycleHandler, ctx: HookContext): Promise<void> {
    const get = handler.httpGet!;
    // Sim pod IPs are made up: connecting to one would send packets off the machine.
    if (this.opts.runtime.simulatedNetwork) return Promise.resolve();
    const port = resolvePort(get.port, ctx.container);
    const host = get.host || ctx.podIP;
    const scheme = (get.scheme ?? 'HTTP').toUpperCase();
    let path = get.path ?? '/';
    if (!path.startsWith('/')) path = '/' + path;
    const headers: Record<string, string> = { 'User-Agent': 'kube-lifecycle/1.32' };
    for (const h of get.httpHeaders ?? []) headers[h.name] = h.value;
    const mod = scheme === 'HTTPS' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        { host, port, path, method: 'GET', headers, rejectUnauthorized: false, signal: ctx.signal },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
          res.on('error', () => resolve());
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
      req.on('error', (err) =>
        reject(new HookError(`Get "${scheme.toLowerCase()}://${host}:${port}${path}": ${err.message}`)),
      );
      req.end();
    });
  }
}
