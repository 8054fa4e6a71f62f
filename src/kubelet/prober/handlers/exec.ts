/**
 * @module kubelet/prober/handlers/exec
 * The exec probe: runs the command in the container through the runtime. Exit code 0 succeeds;
 * any other code fails with the command's output; a command that outlives timeoutSeconds fails
 * with upstream's `command "…" timed out`.
 */
import type { RuntimeService } from '../../../runtime/interface.js';
import type { Clock } from '../../../util/clock.js';
import { MAX_OUTPUT_BYTES, quote, type ProbeRun } from './types.js';

export interface ExecProbeTarget {
  runtime: Pick<RuntimeService, 'execSync'>;
  clock: Clock;
  containerId: string;
  command: string[];
  timeoutSeconds: number;
}

/** Throws what the runtime throws (container gone, runtime down): the prober reports it as an error. */
export async function execProbe(t: ExecProbeTarget): Promise<ProbeRun> {
  const timedOut: ProbeRun = { status: 'failure', output: `command ${quote(t.command.join(' '))} timed out` };
  let timer: { cancel(): void } | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = t.clock.setTimeout(() => resolve('timeout'), t.timeoutSeconds * 1000);
  });
  try {
    const res = await Promise.race([
      t.runtime.execSync(t.containerId, t.command, t.timeoutSeconds),
      deadline,
    ]);
    if (res === 'timeout' || res.exitCode === -1) return timedOut;
    const output = Buffer.concat([res.stdout, res.stderr]).subarray(0, MAX_OUTPUT_BYTES).toString('utf8');
    return { status: res.exitCode === 0 ? 'success' : 'failure', output };
  } finally {
    timer?.cancel();
  }
}
