/**
 * @module client/testing/test-cluster
 * Test fixture: a real control plane (API server + controllers) on a loopback port with a
 * temporary data dir, and a RestClient configured from the kubeconfig it wrote. Only tests
 * import this (it reaches into `cluster/`, which components never do).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveServerOptions } from '../../cluster/options.js';
import { startServer, type RunningServer } from '../../cluster/server.js';
import { silentLogger } from '../../util/logger.js';
import { loadKubeconfig } from '../kubeconfig.js';
import { RestClient } from '../rest-client.js';

export interface TestCluster {
  server: RunningServer;
  client: RestClient;
  /** Stops the server and removes the data dir. */
  close(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kubeling-test-'));
  const opts = resolveServerOptions({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    datastore: `sqlite:${dir}/state.db`,
  });
  const server = await startServer(opts, silentLogger);
  const client = new RestClient(loadKubeconfig(server.kubeconfigPath));
  return {
    server,
    client,
    async close() {
      client.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every 25 ms until it returns a truthy value; rejects after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
