/**
 * @module cli/up
 * `kubeling up`: the whole cluster in the foreground until SIGINT/SIGTERM: the control plane,
 * then this machine's node agent (and `--sim-nodes N` simulated ones), which register in the
 * background so they do not hold up the ready line.
 */
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  chooseRuntime,
  OciUnavailableError,
  startAgent,
  startSimNodes,
  type RuntimeChoice,
} from '../cluster/agent.js';
import { resolveServerOptions, OptionError, type ServerOptions } from '../cluster/options.js';
import { startServer } from '../cluster/server.js';
import { DEFAULT_EVICTION_HARD, parseThresholds, type Threshold } from '../kubelet/eviction/thresholds.js';
import { createLogger } from '../util/logger.js';

export interface UpFlags extends ServerOptions {
  /** `auto` (default), `oci` or `sim`. */
  runtime?: string;
  /** oci: pod traffic may leave the machine. */
  podEgress?: boolean;
  /** oci: the most processes a pod may run. */
  podMaxPids?: number;
  /** oci: registries with mirrors are asked only through them. */
  disableDefaultRegistryEndpoint?: boolean;
  /** Default: the hostname, lower-cased. */
  nodeName?: string;
  /** Extra simulated nodes `sim-node-1…N`; default 0. */
  simNodes?: number;
  /** An extra static pod manifest directory. */
  podManifestPath?: string;
  /** Hard eviction thresholds, as the kubelet's flag: `memory.available<100Mi,nodefs.available<10%`. */
  evictionHard?: string;
}

function runtimeChoice(v: string | undefined): RuntimeChoice {
  const r = v ?? 'auto';
  if (r === 'auto' || r === 'sim' || r === 'oci') return r;
  throw new OptionError(`--runtime: ${r} is not available (use auto, oci or sim)`);
}

/** `performance.now()` counts from process start, so the printed time includes Node's own boot. */
export async function runUp(flags: UpFlags): Promise<void> {
  const opts = resolveServerOptions(flags);
  const runtime = runtimeChoice(flags.runtime);
  // Refused before anything starts, with what to install.
  try {
    chooseRuntime(runtime);
  } catch (err) {
    if (err instanceof OciUnavailableError) throw new OptionError(err.message);
    throw err;
  }
  const simNodes = flags.simNodes ?? 0;
  if (!Number.isInteger(simNodes) || simNodes < 0)
    throw new OptionError(`--sim-nodes: invalid count ${simNodes}`);
  if (
    flags.podMaxPids !== undefined &&
    (!Number.isInteger(flags.podMaxPids) || flags.podMaxPids === 0 || flags.podMaxPids < -1)
  )
    throw new OptionError(
      `--pod-max-pids: expected a positive count or -1 (no limit), got ${flags.podMaxPids}`,
    );
  const nodeName = (flags.nodeName ?? hostname()).toLowerCase();
  let evictionHard: Threshold[];
  try {
    evictionHard = parseThresholds(flags.evictionHard ?? DEFAULT_EVICTION_HARD);
  } catch (err) {
    throw new OptionError(`--eviction-hard: ${(err as Error).message}`);
  }
  const log = createLogger({ level: opts.logLevel });
  const server = await startServer(opts, log);
  // The agents share this process with the API server, so they skip TLS and TCP; a remote
  // `kubeling agent` would use an HTTPS RestClient from a kubeconfig instead.
  const client = server.localClient(`kubelet/v1.32.0 (${nodeName})`);
  const agent = await startAgent({
    client,
    nodeName,
    runtime,
    dataDir: opts.dataDir,
    podManifestPath: flags.podManifestPath,
    evictionHard,
    serviceCidr: opts.serviceCidr,
    clusterDomain: opts.clusterDomain,
    podEgress: flags.podEgress,
    podMaxPids: flags.podMaxPids,
    disableDefaultRegistryEndpoint: flags.disableDefaultRegistryEndpoint,
    roles: ['control-plane'],
    log,
  });
  const unregister = [server.nodes.register(agent.nodeName, agent)];
  const secs = (performance.now() / 1000).toFixed(2);
  process.stdout.write(
    [
      `kubeling is ready (${secs}s)`,
      `  API server:  ${server.url}`,
      `  kubeconfig:  ${server.kubeconfigPath}`,
      `  node:        ${nodeName}${simNodes ? ` (+${simNodes} sim nodes)` : ''}`,
      `  use it:      export KUBECONFIG=${server.kubeconfigPath}`,
      '',
    ].join('\n'),
  );
  // Many sim agents take a moment to set up: after the ready line, not before it.
  const sims =
    simNodes > 0 ? await startSimNodes(simNodes, { client, dataDir: opts.dataDir, log }) : undefined;
  for (const a of sims?.agents ?? []) unregister.push(server.nodes.register(a.nodeName, a));
  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ component: 'kubeling' }, `${sig} received, shutting down`);
    for (const f of unregister) f();
    await Promise.all([agent.stop(), sims?.stop()]);
    client.close();
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
