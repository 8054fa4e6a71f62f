/**
 * @module cli/reset
 * `kubeling reset`: what `kubeling up` with the oci runtime leaves running on purpose (containers
 * outlive the agent so that a restart adopts them) removed for good — containers, conmon monitors,
 * pod networks, mounts, cgroups, the bridge and its route. The cluster's data stays.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export async function runReset(flags: { dataDir?: string }): Promise<void> {
  const dataDir = resolve(flags.dataDir ?? join(homedir(), '.kubeling'));
  const { resetOciRoot } = await import('../runtime/oci/index.js');
  await resetOciRoot(join(dataDir, 'oci'));
  // Memory-backed emptyDirs and secret volumes are tmpfs mounts under the kubelet's pod dirs.
  const { unmountPodVolumes } = await import('../kubelet/volumes/reset.js');
  await unmountPodVolumes(join(dataDir, 'kubelet'));
  process.stdout.write(`removed the oci runtime's containers and pod network under ${dataDir}\n`);
}
