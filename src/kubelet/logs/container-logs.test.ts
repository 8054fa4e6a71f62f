import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodStatus } from '../../api/core/pods/types.js';
import type { RuntimeService } from '../../runtime/interface.js';
import { FakeClock } from '../../util/clock.js';
import { ContainerLogError, logContainerId, readContainerLog, renderLines } from './container-logs.js';

const running = (id: string): PodStatus =>
  ({
    containerStatuses: [
      {
        name: 'app',
        containerID: `sim://${id}`,
        state: { running: { startedAt: 't' } },
        lastState: { terminated: { exitCode: 1, containerID: 'sim://old' } },
      },
    ],
  }) as PodStatus;

const refused = (fn: () => unknown, message: string) =>
  assert.throws(fn, (err) => err instanceof ContainerLogError && err.message === message);

test('the running container is read, or with previous the one before it', () => {
  assert.equal(logContainerId('web', running('now'), 'app', false), 'now');
  assert.equal(logContainerId('web', running('now'), 'app', true), 'old');
});

test('containers that have no log say why, worded as upstream', () => {
  const waiting = (reason: string) =>
    ({ containerStatuses: [{ name: 'app', state: { waiting: { reason } }, lastState: {} }] }) as PodStatus;
  refused(
    () => logContainerId('web', waiting('ContainerCreating'), 'app', false),
    'container "app" in pod "web" is waiting to start: ContainerCreating',
  );
  refused(
    () => logContainerId('web', waiting('ErrImagePull'), 'app', false),
    'container "app" in pod "web" is waiting to start: image can\'t be pulled',
  );
  refused(
    () => logContainerId('web', waiting('ImagePullBackOff'), 'app', false),
    'container "app" in pod "web" is waiting to start: trying and failing to pull image',
  );
  refused(
    () => logContainerId('web', waiting('CrashLoopBackOff'), 'app', true),
    'previous terminated container "app" in pod "web" not found',
  );
  refused(() => logContainerId('web', {}, 'app', false), 'container "app" in pod "web" is not available');
});

test('a terminated container without an ID of its own shows the run before, else says it is terminated', () => {
  const status = (terminated: object, last: object = {}) =>
    ({ containerStatuses: [{ name: 'app', state: { terminated }, lastState: last }] }) as PodStatus;
  assert.equal(
    logContainerId(
      'web',
      status({ exitCode: 1 }, { terminated: { exitCode: 1, containerID: 'sim://before' } }),
      'app',
      false,
    ),
    'before',
  );
  refused(
    () => logContainerId('web', status({ exitCode: 1 }), 'app', false),
    'container "app" in pod "web" is terminated',
  );
  const lastOnly = {
    containerStatuses: [{ name: 'app', state: {}, lastState: { terminated: { exitCode: 1 } } }],
  } as PodStatus;
  refused(() => logContainerId('web', lastOnly, 'app', false), 'container "app" in pod "web" is terminated');
});

test('limitBytes never cuts a character in two', async () => {
  const rt = {
    readLog: () => ['2026-01-01T00:00:00.000000000Z stdout F héé'],
    containerStatus: async () => ({ state: 'CONTAINER_EXITED' }),
  } as unknown as RuntimeService;
  const out = await collect(
    readContainerLog({ runtime: rt, clock: new FakeClock() }, 'c', { container: 'app', limitBytes: 4 }),
  );
  assert.equal(out, 'hé', 'h (1 byte) and é (2 bytes); the next é would need 2 more');
});

test('a container waiting after a crash shows the last terminated one', () => {
  const s = {
    containerStatuses: [
      {
        name: 'app',
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { containerID: 'sim://gone' } },
      },
    ],
  } as PodStatus;
  assert.equal(logContainerId('web', s, 'app', false), 'gone');
});

const lines = [
  '2026-01-01T00:00:01.000000000Z stdout F one',
  '2026-01-01T00:00:02.000000000Z stderr F two',
  '2026-01-01T00:00:03.000000000Z stdout P thr',
  '2026-01-01T00:00:03.500000000Z stdout F ee',
];

test('CRI lines render as the log endpoint shows them: partial lines joined, tail, since, timestamps', () => {
  assert.equal(renderLines(lines, {}).join(''), 'one\ntwo\nthree\n');
  assert.equal(renderLines(lines, { tailLines: 1 }).join(''), 'ee\n');
  assert.equal(renderLines(lines, { tailLines: 0 }).join(''), '');
  assert.equal(renderLines(lines, { sinceTime: new Date('2026-01-01T00:00:02Z') }).join(''), 'two\nthree\n');
  assert.equal(
    renderLines(lines.slice(0, 1), { timestamps: true }).join(''),
    '2026-01-01T00:00:01.000000000Z one\n',
  );
});

/** A runtime with one container whose log grows and which stops when told. */
function logRuntime(initial: string[]) {
  const state = { log: [...initial], running: true };
  const rt = {
    readLog: () => [...state.log],
    containerStatus: async () => ({ state: state.running ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED' }),
  } as unknown as RuntimeService;
  return { rt, state };
}

async function collect(it: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of it) out += c;
  return out;
}

test('limitBytes cuts the log at that many bytes', async () => {
  const { rt } = logRuntime(lines);
  const out = await collect(
    readContainerLog({ runtime: rt, clock: new FakeClock() }, 'c', { container: 'app', limitBytes: 6 }),
  );
  assert.equal(out, 'one\ntw');
});

test('follow passes on new lines until the container stops', async () => {
  const { rt, state } = logRuntime(lines.slice(0, 1));
  const clock = new FakeClock();
  const it = readContainerLog({ runtime: rt, clock, pollMs: 100 }, 'c', { container: 'app', follow: true })[
    Symbol.asyncIterator
  ]();
  assert.deepEqual(await it.next(), { done: false, value: 'one\n' });
  state.log.push('2026-01-01T00:00:05.000000000Z stdout F later');
  assert.deepEqual(await it.next(), { done: false, value: 'later\n' });
  state.running = false;
  const end = it.next();
  await new Promise((r) => setImmediate(r));
  clock.advance(100);
  assert.deepEqual(await end, { done: true, value: undefined });
});

test('a follow whose reader went away (signal) ends though the container still runs', async () => {
  const { rt } = logRuntime(lines.slice(0, 1));
  const clock = new FakeClock();
  const gone = new AbortController();
  const it = readContainerLog(
    { runtime: rt, clock, pollMs: 100 },
    'c',
    { container: 'app', follow: true },
    gone.signal,
  )[Symbol.asyncIterator]();
  assert.deepEqual(await it.next(), { done: false, value: 'one\n' });
  const end = it.next();
  await new Promise((r) => setImmediate(r));
  gone.abort();
  clock.advance(100);
  assert.deepEqual(await end, { done: true, value: undefined });
});

test('a runtime that keeps no logs is refused', async () => {
  const rt = {} as RuntimeService;
  await assert.rejects(
    collect(readContainerLog({ runtime: rt, clock: new FakeClock() }, 'c', { container: 'app' })),
    ContainerLogError,
  );
});
