/**
 * @module runtime/oci/cgroups
 * Where runc puts a container's cgroups (cgroupfs, no systemd) and what the kernel says in them:
 * the OOM kill count, read before runc deletes the cgroup, is how an OOMKilled container is told
 * from any other SIGKILL. Works on cgroup v1 (a hierarchy per controller) and v2 (unified).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = '/sys/fs/cgroup';

export const unifiedCgroups = (): boolean => existsSync(join(ROOT, 'cgroup.controllers'));

/** runc's cgroupsPath for a container of a pod: `/kubeling/pod<uid>/<id>`. */
export function containerCgroup(prefix: string, podUid: string, id: string): string {
  return `/${prefix}/pod${podUid}/${id}`;
}

export function podCgroup(prefix: string, podUid: string): string {
  return `/${prefix}/pod${podUid}`;
}

/** How many times the kernel's OOM killer killed in this cgroup (0 when unknown). */
export async function oomKills(cgroupPath: string): Promise<number> {
  const file = unifiedCgroups()
    ? join(ROOT, cgroupPath, 'memory.events')
    : join(ROOT, 'memory', cgroupPath, 'memory.oom_control');
  const text = await readFile(file, 'utf8').catch(() => '');
  const m = /^oom_kill (\d+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

/** Removes a cgroup directory (and empty children) from every hierarchy; busy or missing ones are left. */
export async function removeCgroup(cgroupPath: string): Promise<void> {
  const bases = unifiedCgroups()
    ? [ROOT]
    : (await readdir(ROOT).catch(() => [] as string[])).map((c) => join(ROOT, c));
  await Promise.all(bases.map((b) => removeTree(join(b, cgroupPath))));
}

async function removeTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return;
  for (const e of entries) if (e.isDirectory()) await removeTree(join(dir, e.name));
  await rmdir(dir).catch(() => {});
}

/**
 * Caps the processes of a whole pod (the kubelet's podPidsLimit) on the pod's cgroup, which its
 * containers' cgroups sit under: `pids.max` in the pids hierarchy (v1) or the unified one (v2).
 */
export async function setPodPidsLimit(podCgroupPath: string, limit: number): Promise<void> {
  const dir = unifiedCgroups() ? join(ROOT, podCgroupPath) : join(ROOT, 'pids', podCgroupPath);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'pids.max'), String(limit));
}

/** CFS bandwidth as runc sets it for a container: a 100 ms period and the share of it allowed. */
export function cfsQuota(cpuLimitMillis: number): { quota: number; period: number } {
  return { quota: Math.max(1000, Math.floor((cpuLimitMillis * 100_000) / 1000)), period: 100_000 };
}

/**
 * The pod's CPU and memory limits on the pod's cgroup (upstream's pod-level cgroup, set when
 * every container has a limit: their sum, or the largest init container's), over the limits
 * runc sets on each container's cgroup below it. v1: the cpu and memory hierarchies; v2: cpu.max
 * and memory.max where the parent enables those controllers.
 */
export async function setPodResourceLimits(
  podCgroupPath: string,
  limits: { cpuLimitMillis?: number; memoryLimitBytes?: number },
): Promise<void> {
  const v2 = unifiedCgroups();
  const write = async (controller: string, file: string, value: string) => {
    const dir = v2 ? join(ROOT, podCgroupPath) : join(ROOT, controller, podCgroupPath);
    await mkdir(dir, { recursive: true });
    if (v2 && !existsSync(join(dir, file))) return;
    await writeFile(join(dir, file), value);
  };
  if (limits.memoryLimitBytes)
    await write('memory', v2 ? 'memory.max' : 'memory.limit_in_bytes', String(limits.memoryLimitBytes));
  if (limits.cpuLimitMillis) {
    const { quota, period } = cfsQuota(limits.cpuLimitMillis);
    if (v2) await write('cpu', 'cpu.max', `${quota} ${period}`);
    else {
      await write('cpu', 'cpu.cfs_period_us', String(period));
      await write('cpu', 'cpu.cfs_quota_us', String(quota));
    }
  }
}

/**
 * Moves a process into the pod's cgroup, where the pod's limits are: the unified one (v2), or the
 * pod's pids, memory and cpu cgroups (v1). For the pod's own processes outside its containers.
 */
export async function joinPodCgroup(podCgroupPath: string, pid: number): Promise<void> {
  const dirs = unifiedCgroups()
    ? [join(ROOT, podCgroupPath)]
    : ['pids', 'memory', 'cpu']
        .filter((c) => existsSync(join(ROOT, c)))
        .map((c) => join(ROOT, c, podCgroupPath));
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'cgroup.procs'), String(pid));
  }
}
