/**
 * @module runtime/sim/records
 * What the sim runtime keeps per sandbox and per container, and the small pure pieces around them:
 * copies handed to callers, filters, CRI-format log lines, error messages worded as containerd's.
 */
import type { ContainerFilter, ContainerStatus, PodSandboxStatus, SandboxFilter } from '../interface.js';
import type { ContainerScript } from './script.js';

export interface SandboxRecord {
  status: PodSandboxStatus;
  /** IDs of the containers created in it (O(1) per-sandbox listing). */
  containers: Set<string>;
  /** Normalized images this pod's pulls must fail for (`sim.kubeling.io/pull-fail`). */
  pullFail: Set<string>;
}

export interface ContainerRecord {
  status: ContainerStatus;
  podUid: string;
  script: ContainerScript;
  /** Scripted exit/OOM timers of the current run. */
  timers: { cancel(): void }[];
  /** Set while startContainer waits out the start delay. */
  starting?: { timer: { cancel(): void }; fail(message: string): void };
  /** Set once a stop is under way: when SIGTERM handling ends and when SIGKILL comes. */
  stopping?: { termAt: number; killAt: number; timer?: { cancel(): void } };
  /** Resolved when the container exits. */
  exitWaiters: (() => void)[];
  /** Recent CRI-format log lines; allocated only when something is logged. */
  log?: string[];
}

export function copySandbox(s: PodSandboxStatus): PodSandboxStatus {
  return {
    ...s,
    metadata: { ...s.metadata },
    additionalIps: [...s.additionalIps],
    labels: { ...s.labels },
    annotations: { ...s.annotations },
  };
}

export function copyContainer(s: ContainerStatus): ContainerStatus {
  return { ...s, metadata: { ...s.metadata }, labels: { ...s.labels }, annotations: { ...s.annotations } };
}

export function labelsMatch(labels: Record<string, string>, selector?: Record<string, string>): boolean {
  if (!selector) return true;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

/** The label CRI clients (the kubelet) put on every sandbox and container to name the owning pod. */
export const POD_UID_LABEL = 'io.kubernetes.pod.uid';

const NO_IDS: ReadonlySet<string> = new Set();

/** Object IDs grouped by their pod UID label; objects without the label are not indexed. */
export class PodIndex {
  private readonly byUid = new Map<string, Set<string>>();

  add(labels: Record<string, string>, id: string): void {
    const uid = labels[POD_UID_LABEL];
    if (uid === undefined) return;
    let ids = this.byUid.get(uid);
    if (!ids) this.byUid.set(uid, (ids = new Set()));
    ids.add(id);
  }

  delete(labels: Record<string, string>, id: string): void {
    const uid = labels[POD_UID_LABEL];
    if (uid === undefined) return;
    const ids = this.byUid.get(uid);
    if (ids?.delete(id) && ids.size === 0) this.byUid.delete(uid);
  }

  /**
   * The candidate IDs for a label selector naming a pod UID (the caller still applies the whole
   * filter), or undefined when the selector names none and every object must be scanned.
   */
  lookup(selector?: Record<string, string>): ReadonlySet<string> | undefined {
    const uid = selector?.[POD_UID_LABEL];
    if (uid === undefined) return undefined;
    return this.byUid.get(uid) ?? NO_IDS;
  }
}

export function sandboxMatches(s: PodSandboxStatus, f?: SandboxFilter): boolean {
  return (!f?.state || s.state === f.state) && labelsMatch(s.labels, f?.labelSelector);
}

export function containerMatches(s: ContainerStatus, f?: ContainerFilter): boolean {
  return (
    (!f?.podSandboxId || s.podSandboxId === f.podSandboxId) &&
    (!f?.state || s.state === f.state) &&
    labelsMatch(s.labels, f?.labelSelector)
  );
}

/** The reason containerd reports for an exit code (OOM is decided by the caller). */
export function exitReason(exitCode: number): string {
  return exitCode === 0 ? 'Completed' : 'Error';
}

/** One CRI log line: `<RFC3339Nano> <stream> F <message>`. */
export function criLogLine(nowMs: number, stream: 'stdout' | 'stderr', message: string): string {
  const ts = new Date(nowMs).toISOString().replace('Z', '000000Z');
  return `${ts} ${stream} F ${message}`;
}

export const notFoundContainer = (id: string) =>
  `an error occurred when try to find container "${id}": not found`;
export const notFoundSandbox = (id: string) =>
  `an error occurred when try to find sandbox "${id}": not found`;
