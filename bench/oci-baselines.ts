/**
 * @module bench/oci-baselines
 * What kubeling's create-to-Running is compared with, each starting the same busybox `sleep 3600`
 * `n` times one after another and timing each command to its return (the container running):
 * bare `runc run -d` (the floor, ./oci-floor.ts), `docker run -d` (./oci-docker.ts) and
 * `podman kube play` (./oci-podman.ts). Each is timed in blocks of runs that alternate with
 * kubeling's pods (./oci.ts): one warm-up run when it is opened, one uncounted run at the start of
 * each block, and the block's containers removed after it. Everything is removed at the end:
 * containers, the daemons (by PID), mounts under the temp dirs and the host paths the engines
 * create. This module holds what the three share.
 */
import { endProcessesUsing, unmountAndRemove, type CmdResult } from './oci-host.js';

/** The measured command's durations, or why the engine could not be measured here. */
export type Baseline = { ms: number[] } | { na: string };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pause before a block: what the other measurement set going in the background settles. */
export const BLOCK_SETTLE_MS = 300;

/** An engine timed block by block between kubeling's pods (./oci.ts). */
export interface EngineSession {
  /**
   * After a settle, one uncounted run and then `n` runs one right after another: their times. The
   * block's containers are removed after it, off the clock.
   */
  block(n: number): Promise<number[]>;
  /** Removes what it started, stops its daemon (by PID) and removes its directory. */
  close(): Promise<void>;
}

/** The engine ready to be timed, or why it cannot be here. */
export type OpenedEngine = EngineSession | { na: string };

/**
 * Opens an engine: `setup` answers why it cannot be measured here, or nothing when it is ready.
 * Either failure (an answer or a throw) closes what was started before it is passed on.
 */
export async function openEngine(
  setup: () => Promise<string | undefined>,
  session: EngineSession,
): Promise<OpenedEngine> {
  let why: string | undefined;
  try {
    why = await setup();
  } catch (err) {
    await session.close();
    throw err;
  }
  if (why === undefined) return session;
  await session.close();
  return { na: why };
}

/** A block of an engine: a settle, one uncounted run, then `n` timed right after one another. */
export async function timedBlock(
  n: number,
  one: () => Promise<CmdResult>,
  failure: (r: CmdResult) => string,
): Promise<number[]> {
  await sleep(BLOCK_SETTLE_MS);
  const ms: number[] = [];
  for (let i = 0; i <= n; i++) {
    const r = await one();
    if (r.code !== 0) throw new Error(failure(r));
    if (i > 0) ms.push(r.ms);
  }
  return ms;
}

/**
 * An engine's last step: what still runs from `dir` ends (after `waitMs`), its mounts go and it is
 * removed, the host paths and cgroups it made are put back, and the abort hook is dropped.
 */
export async function leaveNothing(
  dir: string,
  waitMs: number,
  tracked: { restore(): unknown }[],
  unhook: () => void,
): Promise<void> {
  await endProcessesUsing(dir, waitMs);
  await unmountAndRemove(dir);
  for (const t of tracked) t.restore();
  unhook();
}
