/**
 * @module kubelet/prober/handlers/grpc
 * The grpc probe: one `grpc.health.v1.Health/Check` call over cleartext HTTP/2. The request
 * message (`HealthCheckRequest { string service = 1; }`) and the response's `status` field
 * (`HealthCheckResponse { ServingStatus status = 1; }`) are encoded by hand: they are one field
 * each. Only SERVING (1) succeeds. Messages follow upstream's gRPC prober.
 */
import http2 from 'node:http2';
import type { Clock } from '../../../util/clock.js';
import { joinHostPort } from './net-errors.js';
import { PROBE_USER_AGENT, quote, type ProbeRun } from './types.js';

export interface GrpcProbeTarget {
  clock: Clock;
  host: string;
  port: number;
  service?: string;
  timeoutSeconds: number;
}

const SERVING_STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
const GRPC_CODES = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
];

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** A length-prefixed gRPC message holding `HealthCheckRequest{service}`. */
export function encodeHealthRequest(service = ''): Buffer {
  const name = Buffer.from(service, 'utf8');
  const msg = name.length ? Buffer.concat([Buffer.from([0x0a]), varint(name.length), name]) : Buffer.alloc(0);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(msg.length, 1);
  return Buffer.concat([prefix, msg]);
}

/** Reads field 1 (varint) of the first message in a gRPC body; 0 (UNKNOWN) when absent. */
export function decodeHealthStatus(body: Buffer): number {
  if (body.length < 5) return 0;
  const len = body.readUInt32BE(1);
  const msg = body.subarray(5, 5 + len);
  let i = 0;
  const readVarint = (): number => {
    let v = 0;
    for (let shift = 0; i < msg.length && shift < 35; shift += 7) {
      const b = msg[i++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) break;
    }
    return v;
  };
  let status = 0;
  while (i < msg.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const v = readVarint();
      if (field === 1) status = v;
    } else if (wire === 2) i += readVarint();
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else break;
  }
  return status;
}

export function grpcProbe(t: GrpcProbeTarget): Promise<ProbeRun> {
  const addr = joinHostPort(t.host, t.port);
  const within = `${t.timeoutSeconds}s`;
  return new Promise((resolve) => {
    let done = false;
    let connected = false;
    const session = http2.connect(`http://${addr}`);
    const finish = (run: ProbeRun) => {
      if (done) return;
      done = true;
      timer.cancel();
      session.destroy();
      resolve(run);
    };
    const timer = t.clock.setTimeout(
      () =>
        finish({
          status: 'failure',
          output: connected
            ? `timeout: health rpc did not complete within ${within}`
            : `timeout: failed to connect service ${quote(addr)} within ${within}: context deadline exceeded`,
        }),
      t.timeoutSeconds * 1000,
    );
    // Upstream dials with WithBlock, so an unreachable server surfaces as the connect timeout.
    const unreachable = () =>
      finish({
        status: 'failure',
        output: `timeout: failed to connect service ${quote(addr)} within ${within}: context deadline exceeded`,
      });
    session.once('error', unreachable);
    session.once('connect', () => (connected = true));
    const req = session.request({
      ':method': 'POST',
      ':path': '/grpc.health.v1.Health/Check',
      'content-type': 'application/grpc',
      te: 'trailers',
      'user-agent': PROBE_USER_AGENT,
    });
    const chunks: Buffer[] = [];
    let headers: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    req.on('response', (h) => (headers = h));
    req.on('trailers', (h) => (trailers = h));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', (err) =>
      connected
        ? finish({ status: 'failure', output: `error: health rpc probe failed: ${err.message}` })
        : unreachable(),
    );
    req.on('end', () => {
      const code = Number(trailers['grpc-status'] ?? headers['grpc-status'] ?? (chunks.length ? 0 : 2));
      const message = decodeURIComponent(String(trailers['grpc-message'] ?? headers['grpc-message'] ?? ''));
      const httpStatus = Number(headers[':status'] ?? 200);
      if (httpStatus !== 200 && code === 2 && !message) {
        return finish({
          status: 'failure',
          output: `error: health rpc probe failed: rpc error: code = Unknown desc = unexpected HTTP status code received from server: ${httpStatus}`,
        });
      }
      if (code === 12) {
        return finish({
          status: 'failure',
          output: `this server does not implement the grpc health protocol (grpc.health.v1.Health): ${message}`,
        });
      }
      if (code !== 0) {
        const name = GRPC_CODES[code] ?? `Code(${code})`;
        return finish({
          status: 'failure',
          output: `error: health rpc probe failed: rpc error: code = ${name} desc = ${message}`,
        });
      }
      const status = decodeHealthStatus(Buffer.concat(chunks));
      if (status !== 1) {
        const name = SERVING_STATUS[status] ?? String(status);
        return finish({ status: 'failure', output: `service unhealthy (responded with ${quote(name)})` });
      }
      finish({ status: 'success', output: 'service healthy' });
    });
    req.end(encodeHealthRequest(t.service));
  });
}
