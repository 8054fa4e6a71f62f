/**
 * @module main
 * The `kubeling` command: parses arguments and loads only the chosen command's modules.
 */
import { Command, InvalidArgumentError } from 'commander';
import { imageCommand } from './cli/image.js';

function int(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
}

const program = new Command()
  .name('kubeling')
  .description('A Kubernetes-compatible cluster in one process; the real kubectl works against it.')
  .showHelpAfterError();

const serverFlags = (c: Command) =>
  c
    .option('--data-dir <dir>', 'state, credentials and kubeconfig (default ~/.kubeling)')
    .option('--port <port>', 'HTTPS port of the API server (default 6443)', int)
    .option('--bind-address <ip>', 'address to listen on (default 0.0.0.0)')
    .option('--datastore <url>', 'sqlite:PATH (default DATA_DIR/state.db) or etcd://HOST:PORT[,...]')
    .option('--service-cidr <cidr>', 'service ClusterIP range (default 10.43.0.0/16)')
    .option('--cluster-cidr <cidr>', 'pod IP range, a /24 per node (default 10.42.0.0/16)')
    .option('--service-node-port-range <range>', 'NodePort range (default 30000-32767)')
    .option('--cluster-domain <domain>', 'cluster DNS domain (default cluster.local)')
    .option('--log-level <level>', 'debug, info, warn or error (default info)')
    .option('--disable-scheduler', 'do not run the scheduler (pods are then only bound by spec.nodeName)');

serverFlags(program.command('up').description('run the API server and one node in the foreground'))
  .option(
    '--runtime <name>',
    'auto, oci (runc, needs root) or sim (default auto: oci where it can run, else sim)',
    'auto',
  )
  .option(
    '--disable-default-registry-endpoint',
    'oci: pull from a mirrored registry only through its mirrors in DATA_DIR/registries.yaml, never the registry itself',
  )
  .option(
    '--pod-max-pids <n>',
    'oci: the most processes a pod may run, as the kubelet flag (default -1: no limit)',
    int,
  )
  .option(
    '--pod-egress',
    'oci: let pod traffic leave this machine, masqueraded (default: it stays on the node)',
  )
  .option('--node-name <name>', "this node's name (default the hostname)")
  .option('--sim-nodes <n>', 'also run N simulated nodes sim-node-1…N (default 0)', int)
  .option('--pod-manifest-path <dir>', 'a directory of static pod manifests (besides DATA_DIR/manifests)')
  .option(
    '--eviction-hard <thresholds>',
    "pressure thresholds, as the kubelet's (default memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%,imagefs.inodesFree<5%)",
  )
  .action(async (o) => {
    const { runUp } = await import('./cli/up.js');
    await runUp({
      dataDir: o.dataDir,
      port: o.port,
      host: o.bindAddress,
      datastore: o.datastore,
      serviceCidr: o.serviceCidr,
      clusterCidr: o.clusterCidr,
      nodePortRange: o.serviceNodePortRange,
      clusterDomain: o.clusterDomain,
      logLevel: o.logLevel,
      disableScheduler: o.disableScheduler,
      runtime: o.runtime,
      podEgress: o.podEgress,
      podMaxPids: o.podMaxPids,
      disableDefaultRegistryEndpoint: o.disableDefaultRegistryEndpoint,
      nodeName: o.nodeName,
      simNodes: o.simNodes,
      podManifestPath: o.podManifestPath,
      evictionHard: o.evictionHard,
    });
  });

program
  .command('reset')
  .description(
    'remove every container, pod network and mount the oci runtime left under DATA_DIR (kubeling must be stopped)',
  )
  .option('--data-dir <dir>', 'state directory (default ~/.kubeling)')
  .action(async (o) => {
    const { runReset } = await import('./cli/reset.js');
    await runReset({ dataDir: o.dataDir });
  });

serverFlags(
  program.command('server').description('run the control plane only (no node) in the foreground'),
).action(async (o) => {
  const { runServer } = await import('./cli/server.js');
  await runServer({
    dataDir: o.dataDir,
    port: o.port,
    host: o.bindAddress,
    datastore: o.datastore,
    serviceCidr: o.serviceCidr,
    clusterCidr: o.clusterCidr,
    nodePortRange: o.serviceNodePortRange,
    clusterDomain: o.clusterDomain,
    logLevel: o.logLevel,
    disableScheduler: o.disableScheduler,
  });
});

program.addCommand(imageCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kubeling: ${msg}\n`);
  process.exit(1);
});
