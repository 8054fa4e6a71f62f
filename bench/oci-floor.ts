/**
 * @module bench/oci-floor
 * The floor: bare `runc run -d` of the busybox rootfs unpacked once, a fresh bundle (config.json)
 * per container and a runc state root of its own, in blocks (the first run of each uncounted);
 * then as many again, each after a pause (for the report only: on a VM, runc started right after
 * the previous one runs markedly faster than runc started from a quiet machine, as it is in a
 * pipeline such as kubeling's).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestImage, TestImageSet } from '../test/images/build.js';
import { DOCKER_DEFAULT_CAPS, unpackImage } from '../test/images/runc-check.js';
import { BLOCK_SETTLE_MS, sleep, type EngineSession } from './oci-baselines.js';
import {
  forEachLimit,
  killUnmountRemoveSync,
  mustRun,
  onAbort,
  run,
  runDetached,
  unmountAndRemove,
} from './oci-host.js';

export interface RuncFloor {
  /** One right after another: the floor. */
  ms: number[];
  /** Each after a pause of `pauseMs`. */
  pausedMs: number[];
  pauseMs: number;
}

const FLOOR_PAUSE_MS = 50;

/** Bare runc, block by block (./oci.ts alternates the blocks with kubeling's pods). */
export interface RuncFloorSession extends EngineSession {
  /** `n` runs, each after a pause of `pauseMs`: their times. */
  paused(n: number): Promise<number[]>;
  readonly pauseMs: number;
}

/** Bare runc: `runc run -d` of a shared read-only rootfs with a fresh bundle each. */
export async function openRuncFloor(
  dir: string,
  set: TestImageSet,
  image: TestImage,
  log: (s: string) => void,
): Promise<RuncFloorSession> {
  const rootfs = join(dir, 'rootfs');
  const state = join(dir, 'state');
  /** The containers running now (a block's are deleted after it, off the clock). */
  const ids: string[] = [];
  let started = 0;
  const unhook = onAbort(() => {
    for (const id of ids) spawnSync('runc', ['--root', state, 'delete', '--force', id]);
    killUnmountRemoveSync(dir);
  });
  const deleteAll = async () => {
    await forEachLimit(ids.splice(0), 8, (id) => run('runc', ['--root', state, 'delete', '--force', id]));
  };
  const close = async () => {
    await deleteAll();
    await unmountAndRemove(dir);
    unhook();
  };
  try {
    await mkdir(rootfs, { recursive: true });
    await unpackImage(set, image, rootfs);
    const tmpl = join(dir, 'template');
    await mkdir(tmpl);
    await mustRun('runc', ['spec'], { cwd: tmpl });
    const imageConfig = JSON.parse(await readFile(set.blobPath(image.config.digest), 'utf8')).config as {
      Env?: string[];
    };
    const spec = JSON.parse(await readFile(join(tmpl, 'config.json'), 'utf8'));
    spec.root = { path: rootfs, readonly: true };
    spec.process.terminal = false;
    spec.process.args = ['sleep', '3600'];
    spec.process.env = imageConfig.Env ?? [
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ];
    spec.process.cwd = '/';
    for (const kind of ['bounding', 'effective', 'permitted'])
      spec.process.capabilities[kind] = DOCKER_DEFAULT_CAPS;
    delete spec.process.capabilities.inheritable;
    delete spec.process.capabilities.ambient;
    const one = async (): Promise<number> => {
      const i = started++;
      const id = `kubeling-bench-floor-${process.pid}-${i}`;
      const bundle = join(dir, `b${i}`);
      await mkdir(bundle);
      await writeFile(join(bundle, 'config.json'), JSON.stringify({ ...spec, hostname: `floor-${i}` }));
      ids.push(id);
      const r = await runDetached('runc', ['--root', state, 'run', '-d', '--bundle', bundle, id]);
      if (r.code !== 0) throw new Error(`runc run -d ${id} exited ${r.code}`);
      return r.ms;
    };
    const checkRunning = async () => {
      const list = await mustRun('runc', ['--root', state, 'list', '-q']);
      const running = list.stdout.split('\n').filter(Boolean).length;
      if (running !== ids.length)
        throw new Error(`runc floor: ${running} containers listed, want ${ids.length}`);
    };
    return {
      pauseMs: FLOOR_PAUSE_MS,
      async block(n) {
        // What the other measurement set going in the background (kubeling refilling its pools
        // once its pods are started) has settled first, then one uncounted run warms up.
        await sleep(BLOCK_SETTLE_MS);
        await one();
        const ms: number[] = [];
        for (let i = 0; i < n; i++) ms.push(await one());
        await checkRunning();
        // Gone before the other measurement goes on, so that it runs on the host as it was.
        await deleteAll();
        return ms;
      },
      async paused(n) {
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          await sleep(FLOOR_PAUSE_MS);
          ms.push(await one());
        }
        await checkRunning();
        log(`  runc floor: ${started} containers started`);
        return ms;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
