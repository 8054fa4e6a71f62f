/**
 * @module cli/server
 * `kubeling server`: the control plane alone (API server, scheduler, controllers), no node.
 * Nodes join with `kubeling agent` or run beside it with `kubeling up`. Pods stay Pending
 * (`no nodes available to schedule pods`) until a node registers.
 */
import { performance } from 'node:perf_hooks';
import { resolveServerOptions, type ServerOptions } from '../cluster/options.js';
import { startServer } from '../cluster/server.js';
import { createLogger } from '../util/logger.js';

/** `performance.now()` counts from process start, so the printed time includes Node's own boot. */
export async function runServer(flags: ServerOptions): Promise<void> {
  const opts = resolveServerOptions(flags);
  const log = createLogger({ level: opts.logLevel });
  const server = await startServer(opts, log);
  const secs = (performance.now() / 1000).toFixed(2);
  process.stdout.write(
    [
      `kubeling is ready (${secs}s)`,
      `  API server:  ${server.url}`,
      `  kubeconfig:  ${server.kubeconfigPath}`,
      `  use it:      export KUBECONFIG=${server.kubeconfigPath}`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ component: 'kubeling' }, `${sig} received, shutting down`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
