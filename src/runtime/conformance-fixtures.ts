/**
 * @module runtime/conformance-fixtures
 * Building blocks of the runtime conformance suite: configs, workloads that behave the same on every
 * runtime (a shell command for real runtimes plus the equivalent `sim.kubeling.io/…` annotation for
 * the sim runtime, each ignoring the other), and a driver that moves a FakeClock while awaiting.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeClock } from '../util/clock.js';
import {
  RuntimeError,
  type ContainerConfig,
  type PodSandboxConfig,
  type RuntimeErrorCode,
} from './interface.js';

/** What a container does: its command (real runtimes) and pod annotations (sim). */
export interface Workload {
  command: string[];
  annotations: Record<string, string>;
}

const LOOP = 'while true; do sleep 0.1; done';

/** Runs until stopped; exits 0 on SIGTERM at once. */
export const runForever = (): Workload => ({
  command: ['sh', '-c', `trap "exit 0" TERM; ${LOOP}`],
  annotations: {},
});

/** Exits with `code` after `seconds` of running. */
export const exitAfter = (name: string, code: number, seconds: number): Workload => ({
  command: ['sh', '-c', `sleep ${seconds}; exit ${code}`],
  annotations: { [`sim.kubeling.io/${name}.exit`]: `${code}@${seconds}s` },
});

/** Takes `seconds` to exit (code 0) after SIGTERM. */
export const slowTerm = (name: string, seconds: number): Workload => ({
  command: ['sh', '-c', `trap "sleep ${seconds}; exit 0" TERM; ${LOOP}`],
  annotations: { [`sim.kubeling.io/${name}.term-delay`]: `${seconds}s` },
});

/** Runs forever; `sh -c "exit <code>"` exec'd in it answers `code` (the sim answers every exec so). */
export const execAnswers = (name: string, code: number): Workload => ({
  command: runForever().command,
  annotations: { [`sim.kubeling.io/${name}.exec`]: String(code) },
});

let podSeq = 0;

/** Where the containers of the suite log (a runtime writing log files writes there); removed by the suite. */
export const CONFORMANCE_LOGS = join(tmpdir(), `kubeling-conformance-${process.pid}`);

export function sandboxConfig(
  opts: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    hostNetwork?: boolean;
  } = {},
): PodSandboxConfig {
  const n = ++podSeq;
  const name = opts.name ?? `conformance-${n}`;
  const uid = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    metadata: { name, namespace: 'default', uid, attempt: 0 },
    hostname: name,
    logDirectory: join(CONFORMANCE_LOGS, `default_${name}_${uid}`),
    portMappings: [],
    hostNetwork: opts.hostNetwork ?? false,
    labels: { 'io.kubernetes.pod.name': name, ...opts.labels },
    annotations: { ...opts.annotations },
  };
}

export function containerConfig(
  name: string,
  image: string,
  work: Workload,
  opts: { labels?: Record<string, string>; annotations?: Record<string, string>; attempt?: number } = {},
): ContainerConfig {
  const attempt = opts.attempt ?? 0;
  return {
    metadata: { name, attempt },
    image,
    command: work.command,
    args: [],
    envs: [{ key: 'CONFORMANCE', value: '1' }],
    mounts: [],
    labels: { 'io.kubernetes.container.name': name, ...opts.labels },
    annotations: { ...opts.annotations },
    logPath: `${name}/${attempt}.log`,
    stdin: false,
    stdinOnce: false,
    tty: false,
  };
}

/** Fake-clock step: small enough for timing assertions, big enough to keep tests fast. */
const STEP_MS = 50;

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Awaits runtime calls while moving the fake clock (when there is one) so clock-timed work happens. */
export class Driver {
  constructor(private readonly clock?: FakeClock) {}

  now(): number {
    return this.clock ? this.clock.nowMs() : Date.now();
  }

  /** Awaits `p`, advancing the fake clock in steps while it is pending (up to `maxMs` of clock time). */
  async settle<T>(p: Promise<T>, maxMs = 120_000): Promise<T> {
    if (!this.clock) return p;
    let done = false;
    p.then(
      () => (done = true),
      () => (done = true),
    );
    for (let waited = 0; ; waited += STEP_MS) {
      await flush();
      if (done) return p;
      if (waited >= maxMs) throw new Error(`operation still pending after ${maxMs} ms of fake time`);
      this.clock.advance(STEP_MS);
    }
  }

  /** Lets `ms` of (fake or real) time pass. */
  async sleep(ms: number): Promise<void> {
    if (!this.clock) return new Promise((resolve) => setTimeout(resolve, ms));
    for (let left = ms; left > 0; left -= STEP_MS) {
      await flush();
      this.clock.advance(Math.min(STEP_MS, left));
    }
    await flush();
  }

  /** Polls `pred` until it holds; fails after `maxMs`. */
  async until(what: string, pred: () => Promise<boolean>, maxMs = 30_000): Promise<void> {
    for (let waited = 0; waited <= maxMs; waited += STEP_MS) {
      if (await pred()) return;
      await this.sleep(STEP_MS);
    }
    assert.fail(`timed out waiting for ${what}`);
  }
}

/** Asserts `p` rejects with a RuntimeError whose code is one of `codes`. */
export async function rejectsWith(p: Promise<unknown>, ...codes: RuntimeErrorCode[]): Promise<RuntimeError> {
  try {
    await p;
  } catch (e) {
    assert.ok(RuntimeError.is(e), `expected a RuntimeError, got ${String(e)}`);
    assert.ok(codes.includes(e.code), `expected code ${codes.join('|')}, got ${e.code}: ${e.message}`);
    return e;
  }
  return assert.fail(`expected a RuntimeError ${codes.join('|')}, but it resolved`);
}
