/**
 * @module runtime/oci/records
 * What the oci runtime remembers of its sandboxes and containers, one JSON file each under the
 * runtime's root, written atomically (temp file, rename) so that a restarted agent finds
 * exactly what was there and adopts it. The live state (running, exited) is never stored here: it
 * comes from conmon's exit files and runc.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CniResult } from './cni.js';
import type { ContainerConfig, PodSandboxConfig } from '../interface.js';

export interface SandboxRecord {
  id: string;
  config: PodSandboxConfig;
  createdAt: number;
  /** Set once stopPodSandbox ran (containers stopped, network torn down). */
  stopped: boolean;
  ip: string;
  cniResult?: CniResult;
  dir: string;
  netns?: string;
  ipc: string;
  cgroupParent: string;
  /** The host pid of the PID 1 of a shared PID namespace (./pid-holder.ts), when the pod has one. */
  pidHolder?: number;
}

export interface ContainerRecord {
  id: string;
  sandboxId: string;
  podUid: string;
  config: ContainerConfig;
  createdAt: number;
  /** 0 until started. */
  startedAt: number;
  /** The image as the pod names it, its id and digest reference. */
  image: string;
  imageId: string;
  imageRef: string;
  /** The bundle (config.json, pid files, the rootfs mount point), under the state root. */
  dir: string;
  /** The overlay's upper and work directories, on disk (absent in records of the earlier layout). */
  layerDir?: string;
  logPath: string;
  cgroupsPath: string;
  /** The image's StopSignal, sent by stopContainer instead of SIGTERM. */
  stopSignal?: string;
  /** Once seen: the kernel's OOM killer ended it (kept, as the cgroup goes with runc delete). */
  oomKilled?: boolean;
  /** Set when the runtime itself decided the exit (start failed): conmon then wrote none. */
  failed?: { exitCode: number; finishedAt: number; reason: string; message: string };
}

/**
 * No fsync: these records only have to outlive the agent (kill -9 keeps the page cache), never
 * the machine — a machine that goes down takes every container with it.
 */
export function writeRecord(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
  renameSync(tmp, file);
}

/** Every `<root>/<id>/record.json`; unreadable ones (a crash before the first write) are skipped. */
export function readRecords<T>(root: string): T[] {
  let ids: string[] = [];
  try {
    ids = readdirSync(root);
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const id of ids) {
    try {
      out.push(JSON.parse(readFileSync(join(root, id, 'record.json'), 'utf8')) as T);
    } catch {
      // a directory without a complete record: left for cleanup
    }
  }
  return out;
}
