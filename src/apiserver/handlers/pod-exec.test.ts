import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { StatusError } from '../../machinery/errors.js';
import type { GenericStore } from '../registry/generic-store.js';
import { execOptionsFor, exitStatus, handleStreamUpgrade } from './pod-exec.js';
import type { NodeStreams, PodStreamOptions, PodStreamProcess } from './pod-logs.js';

const named = (names: string[]) => names.map((name) => ({ name }));
const pod = (containers: string[], init: string[] = [], nodeName = 'n1', ephemeral: string[] = []) => ({
  metadata: { name: 'web' },
  spec: {
    nodeName,
    containers: named(containers),
    initContainers: named(init),
    ephemeralContainers: named(ephemeral),
  },
});
const q = (s: string) => new URLSearchParams(s);

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(StatusError.is(err));
    assert.equal(err.code, 400);
    return err.message;
  }
  assert.fail('expected a refusal');
}

test('exec options: streams and command required, the only container by default', () => {
  const o = execOptionsFor(pod(['app']), q('command=ls&command=-l&stdout=true&stderr=true'));
  assert.deepEqual(o, {
    container: 'app',
    command: ['ls', '-l'],
    stdin: false,
    stdout: true,
    stderr: true,
    tty: false,
  });
  // booleans as upstream's query conversion: only absent, 0 and false (any case) are false
  assert.deepEqual(execOptionsFor(pod(['app']), q('command=ls&stdin=1&stdout=True&stderr=&tty=FALSE')), {
    container: 'app',
    command: ['ls'],
    stdin: true,
    stdout: true,
    stderr: true,
    tty: false,
  });
  assert.equal(
    refusal(() => execOptionsFor(pod(['app']), q('command=ls&stdout=0&stderr=false'))),
    'you must specify at least 1 of stdin, stdout, stderr',
  );
  assert.equal(
    refusal(() => execOptionsFor(pod(['app']), q('command=ls'))),
    'you must specify at least 1 of stdin, stdout, stderr',
  );
  assert.equal(
    refusal(() => execOptionsFor(pod(['app']), q('stdout=true'))),
    'you must specify at least one command for the container',
  );
});

test('exec options: the container must be named among several, and exist; the pod must be on a node', () => {
  assert.equal(
    refusal(() => execOptionsFor(pod(['a', 'b'], ['init'], 'n1', ['dbg']), q('command=ls&stdout=true'))),
    // upstream's validateContainer: every container, in VisitContainers order, as Go prints []string
    'a container name must be specified for pod web, choose one of: [init a b dbg]',
  );
  assert.equal(
    execOptionsFor(pod(['a', 'b'], [], 'n1', ['dbg']), q('command=ls&stdout=true&container=dbg')).container,
    'dbg',
  );
  assert.equal(
    refusal(() => execOptionsFor(pod(['a']), q('command=ls&stdout=true&container=x'))),
    'container x is not valid for pod web',
  );
  assert.equal(
    execOptionsFor(pod(['a'], ['init']), q('command=ls&stdout=true&container=init')).container,
    'init',
  );
  assert.equal(
    refusal(() => execOptionsFor(pod(['a'], [], ''), q('command=ls&stdout=true'))),
    'pod web does not have a host assigned',
  );
});

test('the exit Status: Success, or NonZeroExitCode with the code as the ExitCode cause', () => {
  assert.deepEqual(exitStatus(0, ['true']), { metadata: {}, status: 'Success' });
  const failed = exitStatus(3, ['sh', '-c', 'exit 3']) as { reason: string; details: unknown };
  assert.equal(failed.reason, 'NonZeroExitCode');
  assert.deepEqual(failed.details, { causes: [{ reason: 'ExitCode', message: '3' }] });
});

/** A streaming exec over a real WebSocket, against a fake node process made of PassThrough streams. */
async function streamingExec(
  query: string,
  script: (p: FakeProcess, ws: WebSocket) => Promise<void>,
  openFails?: Error,
) {
  const proc = fakeProcess();
  const opened: PodStreamOptions[] = [];
  const deps = {
    pods: { tryGet: async () => pod(['app']) } as unknown as GenericStore,
    nodes: {
      containerLogs: () => undefined,
      exec: () =>
        Promise.resolve({
          run: () => Promise.reject(new Error('not this way')),
          open: (o: PodStreamOptions) => {
            opened.push(o);
            return openFails ? Promise.reject(openFails) : Promise.resolve(proc);
          },
        }),
    } as NodeStreams,
  };
  const server = createServer();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void handleStreamUpgrade(
      'exec',
      req,
      socket as Socket,
      head,
      { namespace: 'default', name: 'web', query: url.searchParams },
      deps,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?${query}`, ['v5.channel.k8s.io']);
  const frames: { channel: number; text: string }[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (d: Buffer) => frames.push({ channel: d[0], text: d.subarray(1).toString() }));
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  try {
    await script(proc, ws);
    return { frames, opened, code: await closed, proc };
  } finally {
    ws.terminate();
    server.close();
  }
}

interface FakeProcess extends PodStreamProcess {
  stdin: PassThrough;
  stdout: PassThrough;
  stderr: PassThrough;
  sizes: [number, number][];
  killed: boolean;
  end(code: number): void;
}

function fakeProcess(): FakeProcess {
  let finish!: (code: number) => void;
  const p: FakeProcess = {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    sizes: [],
    killed: false,
    resize: (cols, rows) => p.sizes.push([cols, rows]),
    exit: new Promise<number>((r) => (finish = r)),
    kill: () => {
      p.killed = true;
      p.end(137);
    },
    end: (code) => {
      p.stdout.end();
      p.stderr.end();
      finish(code);
    },
  };
  return p;
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), 'condition not met in time');
};

test('streaming exec: stdin in as it comes, its v5 close ends the input, output out as it comes, then the Status', async () => {
  const got: string[] = [];
  const r = await streamingExec('command=sh&stdin=true&stdout=true&stderr=true', async (p, ws) => {
    p.stdin.on('data', (b: Buffer) => got.push(b.toString()));
    const inputEnded = new Promise((resolve) => p.stdin.on('end', resolve));
    ws.send(Buffer.from([0, ...Buffer.from('hello\n')]));
    await until(() => got.join('') === 'hello\n');
    p.stdout.write('out1');
    p.stderr.write('err1');
    ws.send(Buffer.from([255, 0]));
    await inputEnded;
    p.end(3);
  });
  assert.deepEqual(r.opened, [{ stdin: true, tty: false }]);
  assert.equal(r.code, 1000);
  assert.deepEqual(
    r.frames.map((f) => f.channel),
    [1, 2, 3],
  );
  assert.equal(r.frames[0].text, 'out1');
  assert.equal(r.frames[1].text, 'err1');
  const status = JSON.parse(r.frames[2].text) as {
    reason: string;
    details: { causes: { message: string }[] };
  };
  assert.equal(status.reason, 'NonZeroExitCode');
  assert.equal(status.details.causes[0].message, '3');
});

test('streaming exec with a tty: resize lines size the terminal; a client that leaves stops the command', async () => {
  const r = await streamingExec('command=sh&stdin=true&stdout=true&tty=true', async (p, ws) => {
    ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":100,"Height":30}\n{"Width":120,')]));
    ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('"Height":40}\n')]));
    // A terminal of no size is handed on too (the runtime starts a waiting exec on it).
    ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":0,"Height":0}\n')]));
    await until(() => p.sizes.length === 3);
    ws.close();
    await until(() => p.killed);
  });
  assert.deepEqual(r.opened, [{ stdin: true, tty: true }]);
  assert.deepEqual(r.proc.sizes, [
    [100, 30],
    [120, 40],
    [0, 0],
  ]);
});

test('a failure after the upgrade is an InternalError worded as upstream ServeExec', async () => {
  const r = await streamingExec(
    'command=sh&stdout=true',
    async () => {},
    new Error('runc exec failed: no such process'),
  );
  assert.equal(r.code, 1000);
  assert.deepEqual(
    r.frames.map((f) => f.channel),
    [3],
  );
  const status = JSON.parse(r.frames[0].text) as { reason: string; message: string; code: number };
  assert.equal(status.reason, 'InternalError');
  assert.equal(status.code, 500);
  assert.equal(
    status.message,
    'Internal error occurred: error executing command in container: runc exec failed: no such process',
  );
});
