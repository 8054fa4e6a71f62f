/**
 * @module bench/oci-engines
 * docker and podman for the oci benchmark, as one pair: opened once (or each with the reason it
 * cannot be measured), timed in blocks of runs between kubeling's pods, and closed once, before
 * the nginx pods and the burst, whichever comes first of that and the end of the section.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Baseline, OpenedEngine } from './oci-baselines.js';
import { openDocker } from './oci-docker.js';
import { openPodman } from './oci-podman.js';

type Name = 'docker' | 'podman';
const NAMES: readonly Name[] = ['docker', 'podman'];

export class EngineBaselines {
  private readonly ms: Record<Name, number[]> = { docker: [], podman: [] };
  private closed = false;

  private constructor(private readonly engines: Record<Name, OpenedEngine>) {}

  /** Opens those installed; `installProblem` is the reason given for those that are not. */
  static async open(
    tmpRoot: string,
    registryHost: string,
    installProblem?: string,
  ): Promise<EngineBaselines> {
    const pair = new EngineBaselines({
      docker: { na: installProblem ?? 'dockerd is not installed (Debian: docker.io)' },
      podman: { na: installProblem ?? 'podman is not installed (Debian: podman)' },
    });
    try {
      if (existsSync('/usr/sbin/dockerd'))
        pair.engines.docker = await openDocker(await mkdtemp(join(tmpRoot, 'oci-docker-')), registryHost);
      if (existsSync('/usr/bin/podman'))
        pair.engines.podman = await openPodman(await mkdtemp(join(tmpRoot, 'oci-podman-')), registryHost);
    } catch (err) {
      await pair.close();
      throw err;
    }
    return pair;
  }

  /** Times `n` runs of each open engine, one engine after the other. */
  async block(n: number): Promise<void> {
    for (const name of NAMES) {
      const e = this.engines[name];
      if (!('na' in e)) this.ms[name].push(...(await e.block(n)));
    }
  }

  /** Closes them (once; later calls do nothing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const name of NAMES) {
      const e = this.engines[name];
      if (!('na' in e)) await e.close();
    }
  }

  /** How many runs each has timed, for the log. */
  counts(): string {
    return NAMES.map((name) => `${this.ms[name].length} ${name}`).join(', ');
  }

  /** Each engine's times, or why it could not be measured. */
  results(): Record<Name, Baseline> {
    const of = (name: Name): Baseline => {
      const e = this.engines[name];
      return 'na' in e ? e : { ms: this.ms[name] };
    };
    return { docker: of('docker'), podman: of('podman') };
  }
}
