/**
 * @module cluster/agent
 * The node agent's composition root. `startAgent` returns at once and boots in the background:
 *
 *   pod source (informer) ─┐
 *   node manager: register ─► wait for podCIDR (node IPAM) ─► runtime ─► probe manager ─► kubelet
 *                 └► status every 10 s, lease every 10 s            └► mirror pods of static pods
 *
 * The node reports Ready=False ("container runtime status check may not have completed yet")
 * until the kubelet has started. `stop()` shuts down in reverse; containers are left to the
 * runtime (a restarted agent adopts them). `startSimNodes` runs N extra sim agents in this
 * process, sharing the REST client.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { RestClient } from '../client/rest-client.js';
import { EventRecorder } from '../client/events.js';
import { createKubelet } from '../kubelet/kubelet.js';
import { createKubeletEventSink } from '../kubelet/node/event-sink.js';
import { readHostFacts, simHostFacts, type HostFacts } from '../kubelet/node/host-facts.js';
import { startNodeManager } from '../kubelet/node/node-manager.js';
import { waitForPodCidr, type NodeIdentity } from '../kubelet/node/registration.js';
import { createPodSource } from '../kubelet/pod-source.js';
import { createProbeManager } from '../kubelet/prober/index.js';
import { runMirrorManager } from '../kubelet/static-pods/mirror-manager.js';
import { createStaticPodSource, type StaticPodSet } from '../kubelet/static-pods/source.js';
import { startPressureMonitor } from '../kubelet/eviction/monitor.js';
import { ContainerLogError, type LogOptions } from '../kubelet/logs/container-logs.js';
import {
  ContainerExecError,
  type AttachSession,
  type ExecRequest,
  type ExecSession,
} from '../kubelet/exec/container-exec.js';
import { readSignals } from '../kubelet/eviction/signals.js';
import { DEFAULT_EVICTION_HARD, parseThresholds, type Threshold } from '../kubelet/eviction/thresholds.js';
import { checkOciHost, createOciRuntime, type OciContainerRuntime } from '../runtime/oci/index.js';
import { startImageGC } from '../kubelet/images/image-gc-loop.js';
import { nodeImages } from '../kubelet/node/node-images.js';
import { createSimRuntime } from '../runtime/sim/index.js';
import type { ContainerRuntime } from '../runtime/interface.js';
import { realClock, type Clock } from '../util/clock.js';
import { silentLogger, type Logger } from '../util/logger.js';

export type RuntimeChoice = 'sim' | 'oci' | 'auto';

export interface AgentOptions {
  client: RestClient;
  nodeName: string;
  runtime: RuntimeChoice;
  /** Holds `manifests/` (static pods) and the kubelet's root dir (`kubelet/`). */
  dataDir: string;
  /** An extra static pod directory (`--pod-manifest-path`). */
  podManifestPath?: string;
  clock?: Clock;
  log?: Logger;
  /** Machine facts; default: read from this host. Sim nodes pass made-up ones. */
  facts?: HostFacts;
  /** Role labels; default none. */
  roles?: string[];
  /** Default true. Sim nodes run no static pods. */
  staticPods?: boolean;
  /** Passed to the sim runtime (start and pull delays). */
  simDefaults?: { startDelayMs?: number; pullDelayMs?: number };
  /**
   * Hard eviction thresholds (`--eviction-hard`); default upstream's. Observed on this host every
   * 10 s for the pressure conditions. Sim nodes (given `facts`) observe nothing: never under pressure.
   */
  evictionHard?: Threshold[];
  /** oci: the service range routed away from the machine's uplink; default `10.43.0.0/16`. */
  serviceCidr?: string;
  /** The cluster DNS domain pods search (`--cluster-domain`); default `cluster.local`. */
  clusterDomain?: string;
  /** oci: let pod traffic leave the node, masqueraded (`--pod-egress`); default false. */
  podEgress?: boolean;
  /** oci: the most processes a pod may run (`--pod-max-pids`); default none. */
  podMaxPids?: number;
  /** oci: registries with mirrors are asked only through them (`--disable-default-registry-endpoint`). */
  disableDefaultRegistryEndpoint?: boolean;
  /** Heartbeat periods; default 10 s each (tests shorten them). */
  statusIntervalMs?: number;
  leaseIntervalMs?: number;
}

export interface RunningAgent {
  nodeName: string;
  /** Resolves once the node is registered and the kubelet started; rejects if booting failed. */
  ready: Promise<void>;
  /** A container's log (`kubectl logs`); throws ContainerLogError for a request naming no log. */
  logs(namespace: string, pod: string, opts: LogOptions): AsyncIterable<string>;
  /** Runs a command in a running container (`kubectl exec`); throws ContainerExecError when there is none. */
  exec(namespace: string, pod: string, req: ExecRequest): Promise<ExecSession>;
  /** Follows a running container's output (`kubectl attach`); throws ContainerExecError when there is none. */
  attach(namespace: string, pod: string, container: string): Promise<AttachSession>;
  stop(): Promise<void>;
}

/** Versions of the runtimes, for the node's containerRuntimeVersion before the runtime exists. */
const RUNTIME_VERSIONS: Record<string, string> = { sim: '0.1.0', oci: 'unknown' };

/**
 * `auto` picks `oci` when this host can run it (root, runc, conmon, the CNI plugins), else `sim`
 * (there is no process runtime yet); `oci` on a host that cannot run it is refused with what to install.
 */
export function chooseRuntime(choice: RuntimeChoice): { name: 'sim' | 'oci'; why?: string } {
  if (choice === 'sim') return { name: 'sim' };
  if (choice !== 'oci' && choice !== 'auto') throw new Error(`--runtime: unknown runtime ${String(choice)}`);
  const host = checkOciHost();
  if (host.ok) return { name: 'oci' };
  if (choice === 'oci') throw new OciUnavailableError(host.problems);
  return { name: 'sim', why: host.problems.join('; ') };
}

export class OciUnavailableError extends Error {
  constructor(readonly problems: string[]) {
    super(`--runtime oci cannot run on this machine:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export async function startAgent(opts: AgentOptions): Promise<RunningAgent> {
  const clock = opts.clock ?? realClock;
  const log = (opts.log ?? silentLogger).child({ component: 'agent', node: opts.nodeName });
  const chosen = chooseRuntime(opts.runtime);
  const runtimeName = chosen.name;
  if (opts.runtime === 'auto')
    log.info(
      `runtime auto: using ${runtimeName}${chosen.why ? ` (oci cannot run here: ${chosen.why})` : ''}`,
    );
  const stopper = new AbortController();
  const signal = stopper.signal;
  const facts = opts.facts ?? readHostFacts(opts.dataDir);
  const pressure = opts.facts
    ? undefined
    : startPressureMonitor(
        {
          thresholds: opts.evictionHard ?? parseThresholds(DEFAULT_EVICTION_HARD),
          observe: () => readSignals(opts.dataDir),
          clock,
        },
        signal,
      );
  const identity: NodeIdentity = {
    name: opts.nodeName,
    facts,
    containerRuntimeVersion: `${runtimeName}://${RUNTIME_VERSIONS[runtimeName]}`,
    roles: opts.roles,
  };

  let kubelet: ReturnType<typeof createKubelet> | undefined;
  let kubeletStarted = false;
  let runtime: ContainerRuntime | undefined;
  let probes: { stop(): void } | undefined;
  let mirrors: Promise<void> | undefined;

  const recorder = new EventRecorder(opts.client, {
    component: 'kubelet',
    host: opts.nodeName,
    clock,
    onError: (err) => log.debug({ error: String(err) }, 'node event not written'),
  });
  const nodeManager = startNodeManager(
    {
      client: opts.client,
      identity,
      clock,
      log,
      recorder,
      // As upstream's kubelet: the node's images in status.images (once the runtime is up).
      images: async () => (runtime ? nodeImages(await runtime.images.listImages()) : undefined),
      statusIntervalMs: opts.statusIntervalMs,
      leaseIntervalMs: opts.leaseIntervalMs,
      health: () =>
        kubeletStarted
          ? { ready: true, pressure: pressure?.current() }
          : {
              ready: false,
              notReadyMessage: 'container runtime status check may not have completed yet',
              pressure: pressure?.current(),
            },
    },
    signal,
  );

  let staticPods: StaticPodSet | undefined;
  if (opts.staticPods !== false) {
    const dirs = [join(opts.dataDir, 'manifests')];
    // Created up front (as k3s does) so the directory is watched from the start and a manifest
    // dropped in later is picked up at once rather than at the next rescan.
    mkdirSync(dirs[0], { recursive: true });
    if (opts.podManifestPath) dirs.push(opts.podManifestPath);
    staticPods = createStaticPodSource({ dirs, nodeName: opts.nodeName, clock, log });
  }
  const podSource = createPodSource({ client: opts.client, nodeName: opts.nodeName, staticPods, clock, log });
  const events = createKubeletEventSink({ client: opts.client, nodeName: opts.nodeName, clock, log });

  const boot = async () => {
    const podCidr = await waitForPodCidr(opts.client, opts.nodeName, clock, signal, () =>
      log.warn('still waiting for a pod CIDR from the node IPAM controller'),
    );
    if (signal.aborted || !podCidr) return;
    const real = runtimeName === 'oci';
    const rt: ContainerRuntime = real
      ? await createOciRuntime({
          root: join(opts.dataDir, 'oci'),
          registriesFile: join(opts.dataDir, 'registries.yaml'),
          podCidr,
          serviceCidr: opts.serviceCidr,
          egress: opts.podEgress,
          disableDefaultRegistryEndpoint: opts.disableDefaultRegistryEndpoint,
          clock,
          log,
        })
      : createSimRuntime({ clock, nodeName: opts.nodeName, podCidr, defaults: opts.simDefaults });
    runtime = rt;
    if (signal.aborted) return;
    if (real) {
      const store = (rt as OciContainerRuntime).images;
      const nodeRef = {
        kind: 'Node',
        apiVersion: 'v1',
        metadata: { name: opts.nodeName, uid: opts.nodeName },
      };
      startImageGC(
        {
          store,
          runtime: rt.runtime,
          clock,
          log,
          warn: (reason, message) => void recorder.event(nodeRef, 'Warning', reason, message),
        },
        signal,
      );
    }
    identity.containerRuntimeVersion = `${rt.runtime.name}://${rt.runtime.version}`;
    const probeManager = createProbeManager({
      runtime: rt.runtime,
      events,
      clock,
      nodeIP: facts.internalIP,
      log,
    });
    probes = probeManager;
    kubelet = createKubelet({
      nodeName: opts.nodeName,
      nodeIP: facts.internalIP,
      runtime: rt,
      client: opts.client,
      podSource,
      probes: probeManager,
      events,
      clock,
      rootDir: join(opts.dataDir, 'kubelet'),
      // The sim runtime keeps container logs in memory, so there are no log directories to make;
      // real containers get log directories, volumes, /etc/hosts and termination message files.
      logDirs: real ? undefined : { mkdirp: async () => {}, remove: async () => {} },
      volumes: real,
      memoryBackedSecrets: real,
      podPidsLimit: opts.podMaxPids,
      clusterDomain: opts.clusterDomain,
      log,
    });
    await kubelet.start();
    if (signal.aborted) return;
    kubeletStarted = true;
    await nodeManager.postStatusNow();
    log.info({ podCidr }, 'node agent running');
    if (staticPods)
      mirrors = runMirrorManager(
        {
          client: opts.client,
          source: podSource,
          staticPods,
          node: nodeManager.node,
          clock,
          log,
        },
        signal,
      );
  };
  const ready = boot();
  ready.catch((err) => log.error({ err }, 'node agent failed to start'));

  let stopped: Promise<void> | undefined;
  return {
    nodeName: opts.nodeName,
    ready,
    logs(namespace, pod, o) {
      if (!kubelet) throw new ContainerLogError(`the node agent of ${opts.nodeName} is still starting`);
      return kubelet.logs(namespace, pod, o);
    },
    async exec(namespace, pod, req) {
      if (!kubelet) throw new ContainerExecError(`the node agent of ${opts.nodeName} is still starting`);
      return kubelet.exec(namespace, pod, req);
    },
    async attach(namespace, pod, container) {
      if (!kubelet) throw new ContainerExecError(`the node agent of ${opts.nodeName} is still starting`);
      return kubelet.attach(namespace, pod, container);
    },
    stop() {
      stopped ??= (async () => {
        stopper.abort();
        await ready.catch(() => undefined);
        await kubelet?.stop();
        probes?.stop();
        await mirrors;
        podSource.stop();
        staticPods?.stop();
        await nodeManager.done;
        await events.flush();
        await runtime?.close();
      })();
      return stopped;
    },
  };
}

export interface SimNodesOptions {
  client: RestClient;
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  /** Default `sim-node-`. */
  prefix?: string;
  simDefaults?: AgentOptions['simDefaults'];
}

/** Starts `count` sim agents `sim-node-1…N` (each with its own node, lease and pod source). */
export async function startSimNodes(
  count: number,
  o: SimNodesOptions,
): Promise<{ agents: RunningAgent[]; stop(): Promise<void> }> {
  const prefix = o.prefix ?? 'sim-node-';
  const host = readHostFacts(o.dataDir);
  const agents = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const name = `${prefix}${i + 1}`;
      return startAgent({
        client: o.client,
        nodeName: name,
        runtime: 'sim',
        dataDir: join(o.dataDir, 'sim-nodes', name),
        clock: o.clock,
        log: o.log,
        facts: simHostFacts(name, i + 1, host),
        staticPods: false,
        simDefaults: o.simDefaults,
      });
    }),
  );
  return {
    agents,
    async stop() {
      await Promise.all(agents.map((a) => a.stop()));
    },
  };
}
