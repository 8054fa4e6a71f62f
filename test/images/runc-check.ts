/**
 * Runs a test image with runc, for checking that the images really work: the image's layers are
 * unpacked into a temporary bundle, the container gets Docker's default capabilities and a network
 * namespace of its own with only loopback up. Needs root, runc and iproute2.
 * @module
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestImage, TestImageSet } from './build.js';

const execFileP = promisify(execFile);

/** Docker's default capability set. */
export const DOCKER_DEFAULT_CAPS = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

/** Why images cannot be run here, or undefined when they can. */
export function runcUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'running images with runc needs root';
  for (const tool of ['runc', 'ip']) {
    if (spawnSync(tool, ['--version']).error)
      return `${tool} is not installed (scripts/setup.sh installs it as root)`;
  }
  return undefined;
}

/**
 * Unpacks the image's layers, in order, into `rootfs` with GNU tar, which as root keeps modes
 * (/tmp's 1777) and owners exactly. The test images have no whiteouts.
 */
export async function unpackImage(set: TestImageSet, image: TestImage, rootfs: string): Promise<void> {
  for (const layer of image.layers) {
    await execFileP('tar', [
      '-xzf',
      set.blobPath(layer.digest),
      '-C',
      rootfs,
      '--same-owner',
      '--same-permissions',
    ]);
  }
}

export interface RunningContainer {
  /** Runs a command in the container; resolves with its stdout, rejects when it exits non-zero. */
  exec(args: string[]): Promise<string>;
  /** The container's stdout and stderr so far. */
  output(): string;
  /** Stops (SIGKILL) and deletes the container, its network namespace and its bundle. */
  stop(): Promise<void>;
}

let seq = 0;

interface BundleOptions {
  /** Replaces the image's entrypoint and command. */
  args?: string[];
  /** Default: the container id. */
  hostname?: string;
  /** A network namespace to join; default: a new one (loopback down). */
  netnsPath?: string;
}

/** Writes a runc bundle for `image` in a new temporary directory and returns that directory. */
async function prepareBundle(
  set: TestImageSet,
  image: TestImage,
  id: string,
  opts: BundleOptions,
): Promise<string> {
  const bundle = await mkdtemp(join(tmpdir(), 'kubeling-imgtest-'));
  try {
    const rootfs = join(bundle, 'rootfs');
    await mkdir(rootfs);
    await unpackImage(set, image, rootfs);
    await execFileP('runc', ['spec'], { cwd: bundle });
    const imageConfig = JSON.parse(await readFile(set.blobPath(image.config.digest), 'utf8')).config as {
      Env?: string[];
      Entrypoint?: string[];
      Cmd?: string[];
    };
    const spec = JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8'));
    spec.root = { path: 'rootfs', readonly: false };
    spec.hostname = opts.hostname ?? id;
    spec.process.terminal = false;
    spec.process.args = opts.args ?? [...(imageConfig.Entrypoint ?? []), ...(imageConfig.Cmd ?? [])];
    spec.process.env = imageConfig.Env ?? [];
    spec.process.cwd = '/';
    for (const kind of ['bounding', 'effective', 'permitted'])
      spec.process.capabilities[kind] = DOCKER_DEFAULT_CAPS;
    delete spec.process.capabilities.inheritable;
    delete spec.process.capabilities.ambient;
    if (opts.netnsPath) {
      spec.linux.namespaces = spec.linux.namespaces.map((ns: { type: string }) =>
        ns.type === 'network' ? { type: 'network', path: opts.netnsPath } : ns,
      );
    }
    await writeFile(join(bundle, 'config.json'), JSON.stringify(spec));
    return bundle;
  } catch (err) {
    await rm(bundle, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Starts `image` under runc in a network namespace of its own with loopback up, so a server in it
 * can be reached with `exec` (e.g. busybox wget against 127.0.0.1).
 */
export async function runImage(
  set: TestImageSet,
  image: TestImage,
  opts: Omit<BundleOptions, 'netnsPath'> = {},
): Promise<RunningContainer> {
  const id = `kubeling-imgtest-${process.pid}-${++seq}`;
  let bundle: string | undefined;
  let child: ChildProcess | undefined;
  let out = '';
  let netns = false;
  const cleanup = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      spawnSync('runc', ['kill', id, 'KILL']);
      await exited;
    }
    spawnSync('runc', ['delete', '--force', id]);
    if (netns) spawnSync('ip', ['netns', 'del', id]);
    if (bundle) await rm(bundle, { recursive: true, force: true });
  };
  try {
    await execFileP('ip', ['netns', 'add', id]);
    netns = true;
    await execFileP('ip', ['netns', 'exec', id, 'ip', 'link', 'set', 'lo', 'up']);
    bundle = await prepareBundle(set, image, id, { ...opts, netnsPath: `/var/run/netns/${id}` });
    child = spawn('runc', ['run', '--bundle', bundle, id], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  } catch (err) {
    await cleanup();
    throw err;
  }
  return {
    async exec(args) {
      const r = await execFileP('runc', ['exec', id, ...args], { encoding: 'utf8', timeout: 10_000 });
      return r.stdout;
    },
    output: () => out,
    stop: cleanup,
  };
}

/** Runs `image` with `args` to completion; resolves with its exit code and output. */
export async function runImageToExit(
  set: TestImageSet,
  image: TestImage,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  const id = `kubeling-imgtest-${process.pid}-${++seq}`;
  const bundle = await prepareBundle(set, image, id, { args });
  try {
    const r = spawnSync('runc', ['run', '--bundle', bundle, id], { encoding: 'utf8', timeout: 20_000 });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    spawnSync('runc', ['delete', '--force', id]);
    await rm(bundle, { recursive: true, force: true });
  }
}
