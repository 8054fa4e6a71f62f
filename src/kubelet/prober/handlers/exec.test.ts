import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExecResult } from '../../../runtime/interface.js';
import { FakeClock } from '../../../util/clock.js';
import { execProbe } from './exec.js';

const result = (exitCode: number, out = '', err = ''): ExecResult => ({
  exitCode,
  stdout: Buffer.from(out),
  stderr: Buffer.from(err),
});

test('exit 0 succeeds, other codes fail with stdout and stderr', async () => {
  const clock = new FakeClock();
  const calls: [string, string[], number][] = [];
  const runtime = {
    execSync: async (id: string, cmd: string[], t: number) => {
      calls.push([id, cmd, t]);
      return cmd[0] === 'ok' ? result(0, 'fine\n') : result(2, 'out ', 'err');
    },
  };
  assert.deepEqual(
    await execProbe({ runtime, clock, containerId: 'c1', command: ['ok'], timeoutSeconds: 4 }),
    {
      status: 'success',
      output: 'fine\n',
    },
  );
  assert.deepEqual(
    await execProbe({ runtime, clock, containerId: 'c1', command: ['bad'], timeoutSeconds: 4 }),
    {
      status: 'failure',
      output: 'out err',
    },
  );
  assert.deepEqual(calls[0], ['c1', ['ok'], 4]);
});

test('a command that does not return in time fails as timed out', async () => {
  const clock = new FakeClock();
  const runtime = { execSync: () => new Promise<ExecResult>(() => {}) };
  const pending = execProbe({
    runtime,
    clock,
    containerId: 'c1',
    command: ['sleep', '9'],
    timeoutSeconds: 2,
  });
  clock.advance(2000);
  assert.deepEqual(await pending, { status: 'failure', output: 'command "sleep 9" timed out' });
  const runtime2 = { execSync: async () => result(-1) };
  const run = await execProbe({
    runtime: runtime2,
    clock,
    containerId: 'c1',
    command: ['x'],
    timeoutSeconds: 1,
  });
  assert.deepEqual(run, { status: 'failure', output: 'command "x" timed out' });
});

test('runtime errors propagate', async () => {
  const runtime = { execSync: async () => Promise.reject(new Error('container not found')) };
  await assert.rejects(
    execProbe({ runtime, clock: new FakeClock(), containerId: 'c1', command: ['x'], timeoutSeconds: 1 }),
    /container not found/,
  );
});
