/**
 * @module kubelet/prober/test-fixtures
 * Shared pieces for the prober's unit tests: a stub runtime whose exec answers are set per
 * command, an event sink that records, and builders for pods and statuses.
 */
import type { Container, ContainerStatus, Pod, PodStatus } from '../../api/core/pods/types.js';
import type { ExecResult, RuntimeService, ScriptedProbe } from '../../runtime/interface.js';
import type { EventSink } from '../interfaces.js';

export interface ExecCall {
  containerId: string;
  command: string[];
  timeoutSeconds: number;
  atMs: number;
}

/** Exit codes by the command's first word; `hang` never answers; `throw` rejects. */
export type ExecAnswer = number | 'hang' | 'throw';

export function stubRuntime(
  nowMs: () => number,
  answers: Record<string, ExecAnswer>,
  scripted?: ScriptedProbe,
) {
  const calls: ExecCall[] = [];
  const runtime = {
    name: 'stub',
    version: '0.0.0',
    scriptedProbe: scripted,
    execSync(containerId: string, command: string[], timeoutSeconds: number): Promise<ExecResult> {
      calls.push({ containerId, command, timeoutSeconds, atMs: nowMs() });
      const a = answers[command[0] ?? ''] ?? 0;
      if (a === 'hang') return new Promise(() => {});
      if (a === 'throw') return Promise.reject(new Error('container is stopping'));
      return Promise.resolve({
        exitCode: a,
        stdout: Buffer.from(`${command[0]} said ${a}`),
        stderr: Buffer.alloc(0),
      });
    },
  } as unknown as RuntimeService;
  return { runtime, calls };
}

export interface RecordedEvent {
  type: string;
  reason: string;
  message: string;
  fieldPath?: string;
}

export function recordingSink(): EventSink & { events: RecordedEvent[] } {
  const events: RecordedEvent[] = [];
  return {
    events,
    event: (_pod, type, reason, message, fieldPath) => events.push({ type, reason, message, fieldPath }),
  };
}

export function makePod(containers: Container[], initContainers: Container[] = [], uid = 'uid-1'): Pod {
  return {
    metadata: { name: 'web', namespace: 'default', uid },
    spec: { containers, initContainers, restartPolicy: 'Always' },
  };
}

export function running(name: string, containerID: string, startedAt: Date): ContainerStatus {
  return {
    name,
    containerID,
    state: { running: { startedAt: startedAt.toISOString() } },
    ready: false,
    restartCount: 0,
    image: 'img',
    imageID: '',
  };
}

export function statusOf(
  containerStatuses: ContainerStatus[],
  initContainerStatuses: ContainerStatus[] = [],
): PodStatus {
  return { phase: 'Running', podIP: '127.0.0.1', containerStatuses, initContainerStatuses };
}

/** Lets pending promise callbacks (probe rounds) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
