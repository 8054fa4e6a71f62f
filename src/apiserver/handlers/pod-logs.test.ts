import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatusError } from '../../machinery/errors.js';
import { chooseContainer, parseLogOptions } from './pod-logs.js';

const NOW = new Date('2026-01-01T00:10:00Z');
const q = (s: string) => new URLSearchParams(s);

test('log options parse from the query; sinceSeconds becomes a time', () => {
  assert.deepEqual(
    parseLogOptions(q('follow=true&timestamps=true&tailLines=5&limitBytes=10&sinceSeconds=60'), 'web', NOW),
    {
      previous: false,
      follow: true,
      timestamps: true,
      tailLines: 5,
      limitBytes: 10,
      sinceTime: new Date('2026-01-01T00:09:00Z'),
    },
  );
  // booleans as upstream's query conversion: only absent, 0 and false (any case) are false
  const flags = parseLogOptions(q('follow=&previous=0&timestamps=FALSE'), 'web', NOW);
  assert.deepEqual([flags.follow, flags.previous, flags.timestamps], [true, false, false]);
});

test('bad log options are 422 PodLogOptions Invalid, as upstream', () => {
  assert.throws(
    () => parseLogOptions(q('tailLines=-1&limitBytes=0'), 'web', NOW),
    (err) =>
      err instanceof StatusError &&
      err.code === 422 &&
      err.message ===
        'PodLogOptions "web" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0]',
  );
  assert.throws(
    () => parseLogOptions(q('sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z'), 'web', NOW),
    (err) =>
      err instanceof StatusError &&
      err.code === 422 &&
      /at most one of `sinceTime` or `sinceSeconds`/.test(err.message),
  );
});

test('the only container is the default; otherwise one must be named, and exist', () => {
  const one = { metadata: { name: 'web' }, spec: { containers: [{ name: 'app' }] } };
  const two = {
    metadata: { name: 'web' },
    spec: {
      containers: [{ name: 'a' }, { name: 'b' }],
      initContainers: [{ name: 'i' }],
      ephemeralContainers: [{ name: 'e' }],
    },
  };
  assert.equal(chooseContainer(one, null), 'app');
  assert.equal(chooseContainer(two, 'i'), 'i');
  assert.equal(chooseContainer(two, 'e'), 'e');
  assert.throws(
    () => chooseContainer(two, null),
    (err) =>
      err instanceof StatusError &&
      err.code === 400 &&
      err.message ===
        // upstream's validateContainer: all of them in VisitContainers order, as Go prints []string
        'a container name must be specified for pod web, choose one of: [i a b e]',
  );
  assert.throws(
    () => chooseContainer(one, 'nope'),
    (err) =>
      err instanceof StatusError &&
      err.code === 400 &&
      err.message === 'container nope is not valid for pod web',
  );
});
