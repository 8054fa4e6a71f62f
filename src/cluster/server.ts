/**
 * @module cluster/server
 * The composition root of the control plane: storage → API server (cache loaded, bootstrap
 * objects) → listener → kubeconfig → ready → controllers and scheduler. Shutdown runs in reverse.
 * Components in this process (controllers, scheduler, the local and sim node agents) reach the
 * API server through the in-process transport: same REST API and authentication, no TLS or TCP.
 */
import { mkdirSync } from 'node:fs';
import { resources } from '../api/registry.js';
import { printers } from '../api/printers.js';
import { ensureCredentials } from '../apiserver/auth/certs.js';
import { ensureServiceAccountKey } from '../apiserver/auth/service-account-key.js';
import { ApiServer } from '../apiserver/server.js';
import { bootstrap } from '../apiserver/bootstrap.js';
import { authorizationReviews } from '../apiserver/authz-reviews.js';
import { podHooks } from '../apiserver/registry/resources/pods.js';
import { namespaceHooks } from '../apiserver/registry/resources/namespaces.js';
import { priorityClassHooks } from '../apiserver/registry/resources/priorityclasses.js';
import { serviceHooks } from '../apiserver/registry/resources/services.js';
import { openStore } from '../storage/registry.js';
import { RestClient } from '../client/rest-client.js';
import { inProcessTransport } from '../client/in-process-transport.js';
import { startControllerManager } from '../controllers/manager.js';
import { InProcessNodes } from './node-streams.js';
import { startScheduler } from '../scheduler/scheduler.js';
import type { Store } from '../storage/interface.js';
import { realClock, type Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { buildCodec } from './codec.js';
import { kubeconfigYaml, writeKubeconfig } from './kubeconfig.js';
import { firstServiceIP, type ResolvedServerOptions } from './options.js';
import { versionInfo } from './version.js';

export interface RunningServer {
  api: ApiServer;
  port: number;
  url: string;
  kubeconfigPath: string;
  caCert: string;
  adminToken: string;
  /**
   * A client for a component in this process: it calls the API server's handler directly
   * (authenticated with the admin token) instead of going through HTTPS. `close()` is a no-op.
   */
  localClient(userAgent: string): RestClient;
  /** The node agents in this process register here to serve `kubectl logs`. */
  nodes: InProcessNodes;
  stop(): Promise<void>;
}

export async function startServer(
  opts: ResolvedServerOptions,
  log: Logger,
  clock: Clock = realClock,
): Promise<RunningServer> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  // A new RSA key takes a few hundred milliseconds of the thread pool: made while the main thread
  // builds the rest, so a fresh data dir starts no slower for it.
  const serviceAccountKeyPending = ensureServiceAccountKey(opts.dataDir);
  serviceAccountKeyPending.catch(() => {});
  const creds = await ensureCredentials(opts.dataDir);
  const store: Store = openStore(opts.datastore);
  const codec = await buildCodec();
  const serviceAccountKey = await serviceAccountKeyPending;
  const nodes = new InProcessNodes();
  const api = new ApiServer({
    store,
    resources,
    printers,
    hooks: {
      '/pods': podHooks,
      '/namespaces': namespaceHooks,
      'scheduling.k8s.io/priorityclasses': priorityClassHooks,
      '/services': serviceHooks({ serviceCidr: opts.serviceCidr, nodePortRange: opts.nodePortRange }),
    },
    codec: codec.codec,
    fieldManager: codec.fieldManager,
    openapi: codec.openapi,
    tokens: [
      {
        token: creds.adminToken,
        user: { name: 'kubeling-admin', groups: ['system:masters', 'system:authenticated'] },
      },
    ],
    serviceAccountKey,
    version: versionInfo(),
    clock,
    virtual: authorizationReviews(codec.codec.protobuf),
    nodeStreams: nodes,
    log,
  });
  try {
    await api.start();
    const port = await api.listen({
      port: opts.port,
      host: opts.host,
      cert: creds.serverCert,
      key: creds.serverKey,
    });
    await bootstrap(api, clock, { apiServerServiceIP: firstServiceIP(opts.serviceCidr), securePort: port });
    const url = `https://127.0.0.1:${port}`;
    writeKubeconfig(opts.kubeconfigPath, kubeconfigYaml(url, creds.caCert, creds.adminToken));
    api.markReady();
    log.debug({ component: 'apiserver', port }, 'serving');
    // Controllers use the API like any other client, but without the network in between.
    const transport = inProcessTransport(api.router.handle.bind(api.router));
    const localClient = (userAgent: string) =>
      new RestClient({ server: url, token: creds.adminToken, userAgent }, transport);
    const controllerClient = localClient('kubeling-controller-manager');
    const controllersStop = new AbortController();
    const controllers = startControllerManager(
      { client: controllerClient, log, clock, rootCA: creds.caCert, clusterCidr: opts.clusterCidr },
      controllersStop.signal,
    );
    const schedulerClient = localClient('kubeling-scheduler');
    const scheduler = opts.disableScheduler
      ? undefined
      : startScheduler({ client: schedulerClient, clock, log }, controllersStop.signal);
    return {
      api,
      port,
      url,
      kubeconfigPath: opts.kubeconfigPath,
      caCert: creds.caCert,
      adminToken: creds.adminToken,
      localClient,
      nodes,
      async stop() {
        controllersStop.abort();
        await Promise.all([controllers.done, scheduler?.done]);
        controllerClient.close();
        schedulerClient.close();
        await api.stop();
        await store.close();
      },
    };
  } catch (err) {
    await api.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
