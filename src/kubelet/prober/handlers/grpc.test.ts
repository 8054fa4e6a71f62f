import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { realClock } from '../../../util/clock.js';
import { decodeHealthStatus, encodeHealthRequest, grpcProbe } from './grpc.js';

/** A tiny health server: the requested service name picks the answer. */
function reply(stream: http2.ServerHttp2Stream, status: number): void {
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  const msg = Buffer.from([0x08, status]);
  const frame = Buffer.alloc(5);
  frame.writeUInt32BE(msg.length, 1);
  stream.end(Buffer.concat([frame, msg]));
}

function service(body: Buffer): string {
  if (body.length <= 5) return '';
  const msg = body.subarray(5);
  assert.equal(msg[0], 0x0a);
  return msg.subarray(2, 2 + msg[1]!).toString();
}

describe('grpcProbe', () => {
  let server: http2.Http2Server;
  let port = 0;
  const agents: string[] = [];
  before(async () => {
    server = http2.createServer();
    server.on('stream', (stream, headers) => {
      agents.push(String(headers['user-agent']));
      if (headers[':path'] !== '/grpc.health.v1.Health/Check') {
        stream.respond(
          {
            ':status': 200,
            'content-type': 'application/grpc',
            'grpc-status': '12',
            'grpc-message': 'unknown service',
          },
          { endStream: true },
        );
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const name = service(Buffer.concat(chunks));
        if (name === 'unimplemented') {
          stream.respond(
            {
              ':status': 200,
              'content-type': 'application/grpc',
              'grpc-status': '12',
              'grpc-message': 'unknown service grpc.health.v1.Health',
            },
            { endStream: true },
          );
        } else if (name === 'broken') {
          stream.respond(
            {
              ':status': 200,
              'content-type': 'application/grpc',
              'grpc-status': '13',
              'grpc-message': 'oops',
            },
            { endStream: true },
          );
        } else reply(stream, name === 'down' ? 2 : 1);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());
  const probe = (svc?: string) =>
    grpcProbe({ clock: realClock, host: '127.0.0.1', port, service: svc, timeoutSeconds: 2 });

  test('SERVING succeeds', async () => {
    assert.deepEqual(await probe(), { status: 'success', output: 'service healthy' });
    assert.deepEqual(await probe('app'), { status: 'success', output: 'service healthy' });
    assert.equal(agents[0], 'kube-probe/1.32');
  });

  test('NOT_SERVING fails', async () => {
    assert.deepEqual(await probe('down'), {
      status: 'failure',
      output: 'service unhealthy (responded with "NOT_SERVING")',
    });
  });

  test('an unimplemented health service and other gRPC errors fail with upstream wording', async () => {
    assert.deepEqual(await probe('unimplemented'), {
      status: 'failure',
      output:
        'this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health',
    });
    assert.deepEqual(await probe('broken'), {
      status: 'failure',
      output: 'error: health rpc probe failed: rpc error: code = Internal desc = oops',
    });
  });

  test('nobody listening fails', async () => {
    const s = http2.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const closed = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    const run = await grpcProbe({ clock: realClock, host: '127.0.0.1', port: closed, timeoutSeconds: 1 });
    assert.deepEqual(run, {
      status: 'failure',
      output: `timeout: failed to connect service "127.0.0.1:${closed}" within 1s: context deadline exceeded`,
    });
  });
});

test('health messages are framed and parsed by hand', () => {
  assert.deepEqual([...encodeHealthRequest()], [0, 0, 0, 0, 0]);
  assert.deepEqual([...encodeHealthRequest('ab')], [0, 0, 0, 0, 4, 0x0a, 2, 0x61, 0x62]);
  assert.equal(decodeHealthStatus(Buffer.from([0, 0, 0, 0, 2, 0x08, 3])), 3);
  assert.equal(decodeHealthStatus(Buffer.from([0, 0, 0, 0, 0])), 0);
});
