import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatusError } from '../../machinery/errors.js';
import { execOptionsFor, exitStatus } from './pod-exec.js';

const pod = (containers: string[], init: string[] = [], nodeName = 'n1') => ({
  metadata: { name: 'web' },
  spec: {
    nodeName,
    containers: containers.map((name) => ({ name })),
    initContainers: init.map((name) => ({ name })),
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
    refusal(() => execOptionsFor(pod(['a', 'b'], ['init']), q('command=ls&stdout=true'))),
    'a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [init]',
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
