/**
 * @module kubelet/prober/handlers/types
 * What a probe handler reports, as upstream's probe package: `warning` counts as success but is
 * worth an event (an HTTP probe that stopped at a redirect); `unknown` counts as failure without
 * an Unhealthy event. A handler throws only for errors in the probe itself (a named port that
 * does not exist, a runtime that cannot exec): the prober reports those as "errored".
 */
export type ProbeStatus = 'success' | 'warning' | 'failure' | 'unknown';

export interface ProbeRun {
  status: ProbeStatus;
  /** Handler output used in event messages (command output, failure reason). */
  output: string;
}

/** Upstream reads at most this much of a command's output or an HTTP body. */
export const MAX_OUTPUT_BYTES = 10 * 1024;

/** The User-Agent upstream's v1.32 kubelet sends with HTTP and gRPC probes. */
export const PROBE_USER_AGENT = 'kube-probe/1.32';

/** Go's `%q` for plain strings, close enough for messages. */
export function quote(s: string): string {
  return JSON.stringify(s);
}
