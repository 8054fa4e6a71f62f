/**
 * @module kubelet/prober/handlers/tcp
 * The tcpSocket probe: succeeds when a TCP connection opens within the timeout, and closes it at
 * once. Failures carry Go-style dial errors (`dial tcp 10.0.0.5:80: connect: connection refused`).
 */
import net from 'node:net';
import type { Clock } from '../../../util/clock.js';
import { dialErrorText, joinHostPort } from './net-errors.js';
import type { ProbeRun } from './types.js';

export interface TcpProbeTarget {
  clock: Clock;
  host: string;
  port: number;
  timeoutSeconds: number;
}

export function tcpProbe(t: TcpProbeTarget): Promise<ProbeRun> {
  const addr = joinHostPort(t.host, t.port);
  return new Promise((resolve) => {
    const socket = net.connect({ host: t.host, port: t.port });
    const timer = t.clock.setTimeout(() => {
      socket.destroy();
      resolve({ status: 'failure', output: `dial tcp ${addr}: i/o timeout` });
    }, t.timeoutSeconds * 1000);
    socket.once('connect', () => {
      timer.cancel();
      socket.destroy();
      resolve({ status: 'success', output: '' });
    });
    socket.once('error', (err) => {
      timer.cancel();
      socket.destroy();
      resolve({ status: 'failure', output: dialErrorText(addr, err) });
    });
  });
}
