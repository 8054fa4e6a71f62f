import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FakeClock, realClock } from '../../../util/clock.js';
import { httpProbe, probeHeaders, probeUrl } from './http.js';

const seen: http.IncomingHttpHeaders[] = [];
let arrived: (() => void) | undefined;

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  seen.push(req.headers);
  const port = (req.socket.address() as AddressInfo).port;
  switch (req.url) {
    case '/ok':
      res.end('all good');
      return;
    case '/fail':
      res.statusCode = 500;
      res.end('broken inside');
      return;
    case '/redirect':
      res.writeHead(302, { location: '/ok' }).end();
      return;
    case '/offhost':
      res.writeHead(302, { location: `http://localhost:${port}/ok` }).end('moved away');
      return;
    case '/big':
      res.statusCode = 200;
      res.end('x'.repeat(50 * 1024));
      return;
    case '/slow':
      arrived?.();
      return; // never answers
    default:
      if (req.url?.startsWith('/loop')) {
        res.writeHead(301, { location: `/loop${Number(req.url.slice(5) || 0) + 1}` }).end();
        return;
      }
      res.statusCode = 404;
      res.end();
  }
}

describe('httpProbe', () => {
  let server: http.Server;
  let port = 0;
  before(async () => {
    server = http.createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const probe = (p: string, extra: Partial<Parameters<typeof httpProbe>[0]> = {}) =>
    httpProbe({
      clock: realClock,
      scheme: 'HTTP',
      host: '127.0.0.1',
      port,
      path: p,
      timeoutSeconds: 2,
      ...extra,
    });

  test('200 succeeds with the body as output', async () => {
    assert.deepEqual(await probe('/ok'), { status: 'success', output: 'all good' });
  });

  test('500 fails with the status code only', async () => {
    assert.deepEqual(await probe('/fail'), {
      status: 'failure',
      output: 'HTTP probe failed with statuscode: 500',
    });
  });

  test('a redirect to the same host is followed', async () => {
    assert.deepEqual(await probe('/redirect'), { status: 'success', output: 'all good' });
  });

  test('a redirect to another host is not followed and warns', async () => {
    assert.deepEqual(await probe('/offhost'), {
      status: 'warning',
      output: 'Probe terminated redirects, Response body: moved away',
    });
  });

  test('endless redirects fail', async () => {
    const run = await probe('/loop');
    assert.equal(run.status, 'failure');
    assert.equal(run.output, `Get "http://127.0.0.1:${port}/loop10": stopped after 10 redirects`);
  });

  test('body is read up to 10 KiB', async () => {
    const run = await probe('/big');
    assert.equal(run.status, 'success');
    assert.equal(run.output.length, 10 * 1024);
  });

  test('sends kube-probe User-Agent, Accept */*, custom headers and Host', async () => {
    seen.length = 0;
    await probe('/ok', {
      headers: [
        { name: 'X-Custom', value: 'yes' },
        { name: 'Host', value: 'example.test' },
      ],
    });
    assert.equal(seen[0]!['user-agent'], 'kube-probe/1.32');
    assert.equal(seen[0]!['accept'], '*/*');
    assert.equal(seen[0]!['x-custom'], 'yes');
    assert.equal(seen[0]!['host'], 'example.test');
    seen.length = 0;
    await probe('/ok', { headers: [{ name: 'user-agent', value: 'mine' }] });
    assert.equal(seen[0]!['user-agent'], 'mine');
  });

  test('connection refused fails with a Go-style dial error', async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const closedPort = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    const run = await httpProbe({
      clock: realClock,
      scheme: 'http',
      host: '127.0.0.1',
      port: closedPort,
      path: '/healthz',
      timeoutSeconds: 1,
    });
    assert.deepEqual(run, {
      status: 'failure',
      output: `Get "http://127.0.0.1:${closedPort}/healthz": dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
    });
  });

  test('the timeout runs on the injected clock', async () => {
    const clock = new FakeClock();
    const came = new Promise<void>((r) => (arrived = r));
    const pending = probe('/slow', { clock, timeoutSeconds: 3 });
    await came;
    clock.advance(2999);
    clock.advance(1);
    const run = await pending;
    assert.equal(run.status, 'failure');
    assert.equal(
      run.output,
      `Get "http://127.0.0.1:${port}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    );
  });
});

describe('httpProbe over HTTPS', () => {
  let server: https.Server;
  let dir = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=probe-test',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = https.createServer(
      { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) },
      handler,
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(() => {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('self-signed certificates are accepted', async () => {
    const port = (server.address() as AddressInfo).port;
    const run = await httpProbe({
      clock: realClock,
      scheme: 'HTTPS',
      host: '127.0.0.1',
      port,
      path: '/ok',
      timeoutSeconds: 2,
    });
    assert.deepEqual(run, { status: 'success', output: 'all good' });
  });
});

describe('request building', () => {
  test('probeUrl brackets IPv6 and adds a missing slash', () => {
    assert.equal(probeUrl('HTTP', '::1', 80, 'healthz'), 'http://[::1]:80/healthz');
    assert.equal(probeUrl('https', '10.0.0.1', 8443), 'https://10.0.0.1:8443');
  });
  test('an empty Accept header removes the default', () => {
    assert.deepEqual(probeHeaders([{ name: 'Accept', value: '' }]), { 'User-Agent': ['kube-probe/1.32'] });
  });
});
