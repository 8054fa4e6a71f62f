import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResultsStore } from './results.js';

test('results are kept per container and kind; listeners hear only changes', () => {
  const r = new ResultsStore();
  const heard: string[] = [];
  const off = r.onChange((uid) => heard.push(uid));
  r.set('c1', 'readiness', 'failure', 'p1');
  r.set('c1', 'readiness', 'failure', 'p1');
  r.set('c1', 'liveness', 'success', 'p1');
  r.set('c1', 'readiness', 'success', 'p1');
  assert.deepEqual(heard, ['p1', 'p1', 'p1']);
  assert.equal(r.get('c1', 'readiness'), 'success');
  assert.equal(r.get('c1', 'startup'), undefined);
  assert.equal(r.get('c2', 'readiness'), undefined);
  r.remove('c1', 'readiness');
  assert.equal(r.get('c1', 'readiness'), undefined);
  assert.equal(r.get('c1', 'liveness'), 'success');
  off();
  r.set('c1', 'liveness', 'failure', 'p1');
  assert.equal(heard.length, 3);
});
