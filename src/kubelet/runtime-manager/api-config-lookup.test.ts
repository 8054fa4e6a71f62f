import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RestClient } from '../../client/rest-client.js';
import { apiServiceLookup } from './api-config-lookup.js';

function countingClient(fail = false) {
  const calls: string[] = [];
  const client = {
    list: async (_r: unknown, o: { namespace: string }) => {
      calls.push(o.namespace);
      if (fail) throw new Error('unavailable');
      return { items: [{ metadata: { name: `svc-${calls.length}`, namespace: o.namespace } }] };
    },
  } as unknown as RestClient;
  return { client, calls };
}

test('service lists are shared while fresh and asked again after the TTL, per namespace', async () => {
  let t = 0;
  const { client, calls } = countingClient();
  const lookup = apiServiceLookup(client, { ttlMs: 1000, now: () => t });
  const [a, b] = await Promise.all([lookup('default'), lookup('default')]);
  assert.equal(a, b);
  await lookup('other');
  t = 999;
  await lookup('default');
  assert.deepEqual(calls, ['default', 'other']);
  t = 1000;
  const fresh = await lookup('default');
  assert.equal(fresh[0].metadata.name, 'svc-3');
  assert.deepEqual(calls, ['default', 'other', 'default']);
});

test('a failed list is not remembered', async () => {
  const { client, calls } = countingClient(true);
  const lookup = apiServiceLookup(client, { now: () => 0 });
  await assert.rejects(lookup('default'), /unavailable/);
  await new Promise((r) => setImmediate(r));
  await assert.rejects(lookup('default'), /unavailable/);
  assert.equal(calls.length, 2);
});
