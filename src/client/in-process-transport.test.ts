import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './api-error.js';
import {
  inProcessTransport,
  type InProcessHandler,
  type InProcessRequest,
  type InProcessResponse,
} from './in-process-transport.js';
import { RestClient } from './rest-client.js';
import type { ResourceRef } from './rest-client.js';

const CM: ResourceRef = { group: '', version: 'v1', plural: 'configmaps', namespaced: true };

async function readBody(req: InProcessRequest): Promise<string> {
  let s = '';
  for await (const c of req) s += c;
  return s;
}

test('a request reaches the handler with method, url, lower-cased headers and the body', async () => {
  let seen: { method: string; url: string; headers: Record<string, unknown>; body: string } | undefined;
  const handler: InProcessHandler = async (req, res) => {
    seen = { method: req.method, url: req.url, headers: { ...req.headers }, body: await readBody(req) };
    res.setHeader('X-Extra', 'yes');
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(Buffer.from('{"metadata":{"name":"a"},"data":{"k":"é"}}'));
  };
  const client = new RestClient(
    { server: 'in-process', token: 't0k', userAgent: 'ua' },
    inProcessTransport(handler),
  );
  const out = await client.create(
    CM,
    { metadata: { name: 'a', namespace: 'ns' }, data: { k: 'é' } },
    {
      fieldManager: 'me',
    },
  );
  assert.deepEqual(out, { metadata: { name: 'a' }, data: { k: 'é' } });
  assert.equal(seen?.method, 'POST');
  assert.equal(seen?.url, '/api/v1/namespaces/ns/configmaps?fieldManager=me');
  assert.equal(seen?.headers.authorization, 'Bearer t0k');
  assert.equal(seen?.headers['user-agent'], 'ua');
  assert.equal(seen?.headers['content-type'], 'application/json');
  assert.equal(seen?.headers['content-length'], undefined);
  assert.deepEqual(JSON.parse(seen!.body), { metadata: { name: 'a', namespace: 'ns' }, data: { k: 'é' } });
});

test('status and headers come back to the transport caller; a multi-write body is joined', async () => {
  const t = inProcessTransport((_req, res) => {
    res.statusCode = 202;
    res.setHeader('Content-Type', 'text/plain');
    const bytes = Buffer.from('ü');
    res.write(bytes.subarray(0, 1)); // a character split across two writes
    res.write(bytes.subarray(1));
    res.end('!');
  });
  const res = await t.request({ method: 'GET', path: '/x', headers: {} });
  assert.equal(res.status, 202);
  assert.equal(res.headers['content-type'], 'text/plain');
  assert.equal(await res.text(), 'ü!');
});

test('an error answer becomes an ApiError carrying the Status', async () => {
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'configmaps "gone" not found',
    reason: 'NotFound',
    details: { name: 'gone', kind: 'configmaps' },
    code: 404,
  };
  const client = new RestClient(
    { server: 'in-process' },
    inProcessTransport((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(status));
    }),
  );
  await assert.rejects(client.get(CM, 'gone', 'ns'), (e: unknown) => {
    assert.ok(ApiError.is(e));
    assert.equal(e.code, 404);
    assert.equal(e.reason, 'NotFound');
    assert.equal(e.message, 'configmaps "gone" not found');
    return true;
  });
});

test('a handler that throws or rejects before answering fails the call with code 0', async () => {
  const throwing = new RestClient(
    { server: 'in-process' },
    inProcessTransport(() => {
      throw new Error('boom');
    }),
  );
  await assert.rejects(throwing.get(CM, 'a', 'ns'), (e: unknown) => ApiError.is(e) && e.code === 0);
  const rejecting = new RestClient(
    { server: 'in-process' },
    inProcessTransport(async () => {
      throw new Error('later boom');
    }),
  );
  await assert.rejects(
    rejecting.get(CM, 'a', 'ns'),
    (e: unknown) => ApiError.is(e) && e.code === 0 && e.message === 'later boom',
  );
});

/** A handler that opens a watch stream and lets the test write to it. */
function watchServer() {
  const state: { res?: InProcessResponse; closes: number; url?: string; opened?: () => void } = {
    closes: 0,
  };
  const opened = new Promise<void>((r) => (state.opened = r));
  const handler: InProcessHandler = (req, res) => {
    state.url = req.url;
    state.res = res;
    req.on('close', () => state.closes++);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    state.opened!();
  };
  return { state, opened, handler };
}

test('watch: each write is delivered as it happens, split lines are joined, the end ends the stream', async () => {
  const { state, opened, handler } = watchServer();
  const client = new RestClient({ server: 'in-process' }, inProcessTransport(handler));
  const events: string[] = [];
  const done = (async () => {
    for await (const e of client.watch(CM, { namespace: 'ns', resourceVersion: '5' }))
      events.push(`${e.type} ${e.object.metadata.name}`);
  })();
  await opened;
  assert.equal(state.url, '/api/v1/namespaces/ns/configmaps?resourceVersion=5&watch=true');
  const res = state.res!;
  assert.equal(res.headersSent, true);
  res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(events, ['ADDED a']);
  res.write('{"type":"MODIFIED","object":{"metad');
  res.write('ata":{"name":"a"}}}\n{"type":"DELETED","object":{"metadata":{"name":"a"}}}\n');
  res.end();
  await done;
  assert.deepEqual(events, ['ADDED a', 'MODIFIED a', 'DELETED a']);
});

test('watch: aborting the signal ends the iterator and tells the server the client left', async () => {
  const { state, opened, handler } = watchServer();
  const client = new RestClient({ server: 'in-process' }, inProcessTransport(handler));
  const ac = new AbortController();
  const events: string[] = [];
  const done = (async () => {
    for await (const e of client.watch(CM, { signal: ac.signal })) events.push(e.type);
  })();
  await opened;
  const res = state.res!;
  let resClosed = false;
  res.on('close', () => (resClosed = true));
  res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
  await new Promise((r) => setImmediate(r));
  ac.abort();
  await done;
  assert.deepEqual(events, ['ADDED']);
  assert.equal(state.closes, 1);
  assert.equal(resClosed, true);
  // Writes after the client left are dropped, not queued.
  res.write('{"type":"ADDED","object":{"metadata":{"name":"b"}}}\n');
  assert.equal(res.writableLength, 0);
});

test('watch: breaking out of the loop closes the server side too', async () => {
  const { state, opened, handler } = watchServer();
  const client = new RestClient({ server: 'in-process' }, inProcessTransport(handler));
  const done = (async () => {
    for await (const e of client.watch(CM)) if (e.type === 'ADDED') break;
  })();
  await opened;
  state.res!.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
  await done;
  assert.equal(state.closes, 1);
});

test('watch: unread writes show as writableLength until the client takes them', async () => {
  const { state, opened, handler } = watchServer();
  const t = inProcessTransport(handler);
  const pending = t.request({ method: 'GET', path: '/w', headers: {} });
  await opened;
  const res = await pending;
  state.res!.write('abc');
  state.res!.write('de');
  assert.equal(state.res!.writableLength, 5);
  const it = res.body[Symbol.asyncIterator]();
  assert.deepEqual(await it.next(), { value: 'abc', done: false });
  assert.equal(state.res!.writableLength, 0);
  assert.deepEqual(await it.next(), { value: 'de', done: false });
  res.destroy();
  assert.equal((await it.next()).done, true);
  assert.equal(state.closes, 1);
});

test('an already aborted signal rejects without calling the handler', async () => {
  let called = false;
  const t = inProcessTransport(() => (called = true));
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(t.request({ method: 'GET', path: '/', headers: {}, signal: ac.signal }), {
    name: 'AbortError',
  });
  assert.equal(called, false);
});

test('JSON bodies travel as values both ways: the handler and the caller each get their own copy', async () => {
  let received: any;
  const served = { metadata: { name: 'a', labels: { x: '1' } }, gone: undefined };
  const handler: InProcessHandler = (req, res) => {
    received = req.bodyValue;
    (res as InProcessResponse).endJson(201, { 'Content-Type': 'application/json' }, served);
  };
  const client = new RestClient({ server: 'in-process' }, inProcessTransport(handler));
  const sent = { metadata: { name: 'a', namespace: 'ns', labels: { x: '1' } } };
  const copy = await client.create(CM, sent);
  sent.metadata.labels.x = 'changed after sending';
  assert.equal(received.metadata.labels.x, '1', 'the handler has its own copy of the request');
  assert.deepEqual(copy, { metadata: { name: 'a', labels: { x: '1' } } }, 'undefined members are left out');
  assert.notEqual((copy as any).metadata, served.metadata, 'by default the caller gets a copy');
  const shared = await client.create(CM, sent, { readOnlyResult: true });
  assert.equal((shared as any).metadata, served.metadata, 'a read-only caller gets the server value itself');
});
