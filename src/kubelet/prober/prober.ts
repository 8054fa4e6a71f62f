/**
 * @module kubelet/prober/prober
 * Runs one probe once and reports it, as upstream's prober: a scripted answer from the runtime
 * (sim) wins; otherwise the handler (exec, httpGet, tcpSocket, grpc) runs, retried up to three
 * times while it errors. Events use upstream's reasons and wording:
 *  - failure → Warning Unhealthy `Liveness probe failed: <output>`;
 *  - error   → Warning Unhealthy `Liveness probe errored and resulted in unknown state: <error>`;
 *  - warning → Warning ProbeWarning `Liveness probe warning: <output>` (counts as success).
 */
import type { Container, Pod, PodStatus, Probe } from '../../api/core/pods/types.js';
import type { RuntimeService } from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import type { EventSink, ProbeKind, ProbeOutcome } from '../interfaces.js';
import { execProbe } from './handlers/exec.js';
import { grpcProbe } from './handlers/grpc.js';
import { httpProbe } from './handlers/http.js';
import { tcpProbe } from './handlers/tcp.js';
import type { ProbeRun } from './handlers/types.js';

const MAX_ATTEMPTS = 3;

export interface ProberDeps {
  runtime: RuntimeService;
  events: EventSink;
  clock: Clock;
  /** Used as the probe host when the pod has no IP yet (host-network pods). */
  nodeIP?: string;
}

export interface ProbeTarget {
  kind: ProbeKind;
  probe: Probe;
  pod: Pod;
  status: PodStatus;
  container: Container;
  /** Whether the container is an init container (a sidecar): changes the event's fieldPath. */
  isInit: boolean;
  /** The runtime's container ID (no `sim://` prefix). */
  containerId: string;
}

/** `error` means the probe itself could not run: the worker throws the result away. */
export type ProbeVerdict = ProbeOutcome | 'error';

export const KIND_TITLE: Record<ProbeKind, string> = {
  liveness: 'Liveness',
  readiness: 'Readiness',
  startup: 'Startup',
};

/** Resolves a probe port: a number, a named container port, or a number written as a string. */
export function extractPort(port: number | string, container: Container): number {
  let n: number;
  if (typeof port === 'number') n = port;
  else {
    const named = container.ports?.find((p) => p.name === port);
    if (named) n = named.containerPort;
    else if (/^[+-]?\d+$/.test(port)) n = Number(port);
    else throw new Error(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
  }
  if (n > 0 && n < 65536) return n;
  throw new Error(`invalid port number: ${n}`);
}

export function fieldPathOf(container: Container, isInit: boolean): string {
  return `${isInit ? 'spec.initContainers' : 'spec.containers'}{${container.name}}`;
}

/** Runs the probe (scripted or real), records its event, and says what it found. Never throws. */
export async function runProbe(deps: ProberDeps, t: ProbeTarget): Promise<ProbeVerdict> {
  const title = KIND_TITLE[t.kind];
  const emit = (reason: string, message: string) =>
    deps.events.event(t.pod, 'Warning', reason, message, fieldPathOf(t.container, t.isInit));

  let run: ProbeRun | undefined;
  let lastError: unknown;
  try {
    const scripted = await deps.runtime.scriptedProbe?.(t.containerId, t.kind);
    if (scripted !== undefined) run = { status: scripted, output: '' };
  } catch (err) {
    lastError = err;
  }
  for (let attempt = 0; run === undefined && attempt < MAX_ATTEMPTS; attempt++) {
    try {
      run = await runHandler(deps, t);
    } catch (err) {
      lastError = err;
    }
  }
  if (run === undefined) {
    const text = lastError instanceof Error ? lastError.message : String(lastError);
    emit('Unhealthy', `${title} probe errored and resulted in unknown state: ${text}`);
    return 'error';
  }
  switch (run.status) {
    case 'success':
      return 'success';
    case 'warning':
      emit('ProbeWarning', `${title} probe warning: ${run.output}`);
      return 'success';
    case 'failure':
      emit('Unhealthy', `${title} probe failed: ${run.output}`);
      return 'failure';
    default:
      return 'failure';
  }
}

function runHandler(deps: ProberDeps, t: ProbeTarget): Promise<ProbeRun> {
  const p = t.probe;
  const timeoutSeconds = p.timeoutSeconds || 1;
  const podHost = t.status.podIP || deps.nodeIP || '127.0.0.1';
  const clock = deps.clock;
  // Sim pod IPs are made up: a network probe against one would send packets off the machine.
  if (!p.exec && deps.runtime.simulatedNetwork) return Promise.resolve({ status: 'success', output: '' });
  if (p.exec) {
    const command = p.exec.command ?? [];
    return execProbe({ runtime: deps.runtime, clock, containerId: t.containerId, command, timeoutSeconds });
  }
  if (p.httpGet) {
    const g = p.httpGet;
    const port = extractPort(g.port, t.container);
    const host = g.host || podHost;
    return httpProbe({
      clock,
      scheme: g.scheme || 'HTTP',
      host,
      port,
      path: g.path,
      headers: g.httpHeaders,
      timeoutSeconds,
    });
  }
  if (p.tcpSocket) {
    const port = extractPort(p.tcpSocket.port, t.container);
    return tcpProbe({ clock, host: p.tcpSocket.host || podHost, port, timeoutSeconds });
  }
  if (p.grpc) {
    return grpcProbe({ clock, host: podHost, port: p.grpc.port, service: p.grpc.service, timeoutSeconds });
  }
  const m = t.pod.metadata;
  throw new Error(`missing probe handler for ${m.name}_${m.namespace}(${m.uid}):${t.container.name}`);
}
