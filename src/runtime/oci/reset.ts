/**
 * @module runtime/oci/reset
 * Removes every sandbox and container a runtime knows (containers killed, networks torn down,
 * mounts and cgroups removed): for tests, and for `kubeling` when told to leave nothing behind.
 */
import type { RuntimeService } from '../interface.js';

export async function resetOciRuntime(rt: RuntimeService): Promise<void> {
  for (const c of await rt.listContainers()) await rt.stopContainer(c.id, 0).catch(() => {});
  for (const s of await rt.listPodSandbox()) await rt.removePodSandbox(s.id);
  for (const c of await rt.listContainers()) await rt.removeContainer(c.id);
  // The oci runtime's prepared pod networks.
  const pooled = rt as RuntimeService & { drainPool?: () => Promise<void> };
  await pooled.drainPool?.();
}
