/**
 * @module runtime/oci/spec
 * The OCI runtime spec (`config.json`) of a container (pure): what runc runs, as whom, with which
 * namespaces, mounts, capabilities and cgroup limits. Defaults follow containerd's CRI plugin:
 * Docker's 14 default capabilities, masked and read-only /proc paths, a private /dev, the pod's
 * shared network, IPC and UTS namespaces, /etc/hosts, /etc/resolv.conf and /etc/hostname from the
 * sandbox, and the image's entrypoint, command, environment and working directory where the
 * container does not set its own.
 */
import type { ContainerConfig } from '../interface.js';
import { capabilities } from './capabilities.js';
import { cfsQuota } from './cgroups.js';
import type { OciDevice } from './host-devices.js';

export interface ImageConfigLike {
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  User?: string;
}

export interface SpecInput {
  config: ContainerConfig;
  image: ImageConfigLike;
  /** The rootfs directory (absolute). */
  rootfs: string;
  /**
   * The options of the overlay (lowerdir, upperdir, workdir) runc mounts on the rootfs inside the
   * container's mount namespace, before anything else; none when the directory holds a copy.
   */
  rootOverlay?: string[];
  /**
   * Paths of the namespaces to join: the sandbox's network (missing: the host's, hostNetwork) and
   * IPC ones, and another container's PID namespace (`kubectl debug --target`). `hostIPC` and
   * `hostPID` keep the host's; otherwise a missing IPC or PID path means a new namespace.
   */
  namespaces: { network?: string; ipc?: string; pid?: string; hostIPC?: boolean; hostPID?: boolean };
  /** Files the sandbox provides to every container. */
  sandboxFiles: { hostname: string; resolvConf?: string; shm?: string };
  cgroupsPath: string;
  /** The hostname the container sees, and its HOSTNAME (the host's for a hostNetwork pod). */
  hostname: string;
  /** A UTS namespace of its own set to `hostname`; false keeps the host's (hostNetwork). */
  utsNamespace: boolean;
  /** The memory cgroup accounts swap (memsw): the swap limit is then set equal to the memory one. */
  swapAccounting: boolean;
  /** Resolves the image's `User` names from the rootfs's /etc/passwd and /etc/group. */
  lookupUser: (name: string) => { uid: number; gid: number } | undefined;
  lookupGroup: (name: string) => number | undefined;
  lookupUid: (uid: number) => { uid: number; gid: number } | undefined;
  /** The gids of the groups the image's /etc/group lists the user with this uid in. */
  lookupMemberGids?: (uid: number) => number[];
  /** The host's devices, given to a privileged container (./host-devices.ts). */
  hostDevices?: OciDevice[];
  /** The capabilities the runtime itself has: a privileged container's, and `add: [ALL]`'s. */
  allCapabilities?: readonly string[];
}

export class SpecError extends Error {}

const MASKED_PATHS = [
  '/proc/acpi', '/proc/asound', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
  '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap',
]; // prettier-ignore
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** What runs: the container's command else the image's entrypoint; its args else the image's Cmd. */
export function processArgs(config: ContainerConfig, image: ImageConfigLike): string[] {
  const command = config.command.length ? config.command : (image.Entrypoint ?? []);
  const args = config.args.length || config.command.length ? config.args : (image.Cmd ?? []);
  const argv = [...command, ...args];
  if (!argv.length) throw new SpecError('no command specified');
  return argv;
}

/** The image's environment, overridden by the container's, plus HOSTNAME and a default PATH. */
export function processEnv(config: ContainerConfig, image: ImageConfigLike, hostname: string): string[] {
  const env = new Map<string, string>();
  const put = (kv: string) => {
    const eq = kv.indexOf('=');
    if (eq > 0) env.set(kv.slice(0, eq), kv.slice(eq + 1));
  };
  put(DEFAULT_PATH);
  put(`HOSTNAME=${hostname}`);
  for (const kv of image.Env ?? []) put(kv);
  for (const e of config.envs) env.set(e.key, e.value);
  return [...env].map(([k, v]) => `${k}=${v}`);
}

/**
 * uid and gid from runAsUser/runAsGroup, else from the image's `User` (`name`, `uid`, `uid:gid`,
 * `name:group`); additional gids as containerd sets them.
 */
export function processUser(input: SpecInput): { uid: number; gid: number; additionalGids?: number[] } {
  const sec = input.config.security ?? {};
  let uid = 0;
  let gid = 0;
  const user = (input.image.User ?? '').trim();
  if (user) {
    const [u, g] = user.split(':');
    if (/^\d+$/.test(u)) {
      uid = Number(u);
      gid = input.lookupUid(uid)?.gid ?? 0;
    } else {
      const found = input.lookupUser(u);
      if (!found) throw new SpecError(`unable to find user ${u}: no matching entries in passwd file`);
      uid = found.uid;
      gid = found.gid;
    }
    if (g !== undefined && g !== '') {
      if (/^\d+$/.test(g)) gid = Number(g);
      else {
        const found = input.lookupGroup(g);
        if (found === undefined)
          throw new SpecError(`unable to find group ${g}: no matching entries in group file`);
        gid = found;
      }
    }
  }
  if (sec.runAsUser !== undefined) {
    uid = sec.runAsUser;
    // As containerd: a runAsUser without runAsGroup takes that user's primary group when known.
    if (sec.runAsGroup === undefined) gid = input.lookupUid(uid)?.gid ?? 0;
  }
  if (sec.runAsGroup !== undefined) gid = sec.runAsGroup;
  // As containerd (WithAdditionalGIDs, then the pod's supplementalGroups): the primary group
  // first, then the groups the image's /etc/group lists the user in, then supplementalGroups.
  const groups = [gid, ...(input.lookupMemberGids?.(uid) ?? []), ...(sec.supplementalGroups ?? [])];
  return { uid, gid, additionalGids: [...new Set(groups)] };
}

interface OciMount {
  destination: string;
  type: string;
  source: string;
  options: string[];
}

function mounts(input: SpecInput): OciMount[] {
  const { config } = input;
  const privileged = !!config.security?.privileged;
  const list: OciMount[] = [
    ...(input.rootOverlay ? [{ destination: '/', type: 'overlay', source: 'overlay', options: input.rootOverlay }] : []),
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', privileged ? 'rw' : 'ro'] },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['nosuid', 'noexec', 'nodev', 'relatime', privileged ? 'rw' : 'ro'] },
  ]; // prettier-ignore
  const shm = input.sandboxFiles.shm;
  list.push(
    shm
      ? { destination: '/dev/shm', type: 'bind', source: shm, options: ['rbind', 'rprivate', 'rw'] }
      : { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] },
  ); // prettier-ignore
  const taken = new Set(config.mounts.map((m) => m.containerPath));
  const file = (destination: string, source: string | undefined) => {
    if (source && !taken.has(destination))
      list.push({ destination, type: 'bind', source, options: ['rbind', 'rprivate', 'rw'] });
  };
  file('/etc/hostname', input.sandboxFiles.hostname);
  file('/etc/resolv.conf', input.sandboxFiles.resolvConf);
  // The container's own mounts, shallowest first so a deeper one is not hidden by its parent.
  const own = [...config.mounts].sort((a, b) => depth(a.containerPath) - depth(b.containerPath));
  for (const m of own)
    list.push({
      destination: m.containerPath,
      type: 'bind',
      source: m.hostPath,
      options: ['rbind', 'rprivate', m.readonly ? 'ro' : 'rw'],
    });
  return list;
}

const depth = (p: string) => p.split('/').filter(Boolean).length;

export function buildSpec(input: SpecInput): Record<string, unknown> {
  const { config } = input;
  const sec = config.security ?? {};
  const caps = capabilities(config, input.allCapabilities).map((c) => `CAP_${c}`);
  const nsIn = input.namespaces;
  const ns: { type: string; path?: string }[] = [];
  if (nsIn.pid) ns.push({ type: 'pid', path: nsIn.pid });
  else if (!nsIn.hostPID) ns.push({ type: 'pid' });
  ns.push({ type: 'mount' });
  if (nsIn.network) ns.push({ type: 'network', path: nsIn.network });
  if (!nsIn.hostIPC) ns.push(nsIn.ipc ? { type: 'ipc', path: nsIn.ipc } : { type: 'ipc' });
  // A UTS namespace per container, with the pod's hostname (hostNetwork pods keep the host's).
  if (input.utsNamespace) ns.push({ type: 'uts' });
  const resources: Record<string, unknown> = {
    devices: sec.privileged ? [{ allow: true, access: 'rwm' }] : [{ allow: false, access: 'rwm' }],
  };
  if (config.memoryLimitBytes)
    resources.memory = {
      limit: config.memoryLimitBytes,
      ...(input.swapAccounting ? { swap: config.memoryLimitBytes } : {}),
    };
  const cpu: Record<string, number> = {};
  if (config.cpuLimitMillis) Object.assign(cpu, cfsQuota(config.cpuLimitMillis));
  if (config.cpuRequestMillis !== undefined)
    cpu.shares = Math.max(2, Math.floor((config.cpuRequestMillis * 1024) / 1000));
  if (Object.keys(cpu).length) resources.cpu = cpu;
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: config.tty,
      user: processUser(input),
      args: processArgs(config, input.image),
      env: processEnv(config, input.image, input.hostname),
      cwd: config.workingDir || input.image.WorkingDir || '/',
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      noNewPrivileges: !!sec.noNewPrivileges,
    },
    root: { path: input.rootfs, readonly: !!sec.readonlyRootfs },
    ...(input.utsNamespace ? { hostname: input.hostname } : {}),
    mounts: mounts(input),
    linux: {
      namespaces: ns,
      cgroupsPath: input.cgroupsPath,
      // As containerd (WithHostDevices): a privileged container sees the host's device nodes.
      ...(sec.privileged && input.hostDevices?.length ? { devices: input.hostDevices } : {}),
      resources,
      ...(sec.privileged ? {} : { maskedPaths: MASKED_PATHS, readonlyPaths: READONLY_PATHS }),
    },
  };
}
