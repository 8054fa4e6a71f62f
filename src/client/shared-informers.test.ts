import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { R } from './resources.js';
import { SharedInformers } from './shared-informers.js';
import { eventually, startTestCluster, type TestCluster } from './testing/test-cluster.js';
import { realClock } from '../util/clock.js';

let tc: TestCluster;
before(async () => {
  tc = await startTestCluster();
});
after(async () => {
  await tc.close();
});

test('one informer per resource serves every caller; a removed handler hears nothing more', async () => {
  const stop = new AbortController();
  const shared = new SharedInformers(tc.client, stop.signal, { clock: realClock });
  const a = shared.get(R.configmaps);
  assert.equal(shared.get(R.configmaps), a, 'the same informer for the same resource');
  assert.notEqual(shared.get(R.secrets), a);
  const seenA: string[] = [];
  const seenB: string[] = [];
  const offA = a.on({ add: (o) => seenA.push(o.metadata.name!) });
  await a.hasSynced();
  await tc.client.create(R.configmaps, { metadata: { name: 'first', namespace: 'default' } });
  await eventually(() => seenA.includes('first'));
  // A late handler gets what is already there replayed, then new objects.
  shared.get(R.configmaps).on({ add: (o) => seenB.push(o.metadata.name!) });
  assert.ok(seenB.includes('first'));
  offA();
  await tc.client.create(R.configmaps, { metadata: { name: 'second', namespace: 'default' } });
  await eventually(() => seenB.includes('second'));
  assert.ok(!seenA.includes('second'), 'removed handlers are not called');
  assert.equal(a.listCount, 1, 'listed once');
  stop.abort();
  await shared.done();
});
