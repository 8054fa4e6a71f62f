import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RestClient } from '../../client/rest-client.js';
import { ApiError } from '../../client/api-error.js';
import { apiConfigLookup, apiServiceLookup, apiVolumeDataLookup } from './api-config-lookup.js';

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

test("ConfigMap and Secret data: env gets strings (a ConfigMap's data only), volumes bytes; absent is undefined", async () => {
  const objects: Record<string, object> = {
    'configmaps/cm': {
      metadata: { name: 'cm' },
      data: { a: 'x' },
      binaryData: { b: Buffer.from([1, 2]).toString('base64') },
    },
    'secrets/s': { metadata: { name: 's' }, data: { p: Buffer.from('pw').toString('base64') } },
  };
  const client = {
    get: async (r: { plural: string }, name: string) => {
      const o = objects[`${r.plural}/${name}`];
      if (o) return o;
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        code: 404,
        reason: 'NotFound',
        message: `${r.plural} "${name}" not found`,
      } as never);
    },
  } as unknown as RestClient;
  const env = apiConfigLookup(client);
  assert.deepEqual(await env('configmap', 'ns', 'cm'), { a: 'x' });
  assert.deepEqual(await env('secret', 'ns', 's'), { p: 'pw' });
  assert.equal(await env('secret', 'ns', 'gone'), undefined);
  const vol = apiVolumeDataLookup(client);
  assert.deepEqual(await vol('configmap', 'ns', 'cm'), { a: Buffer.from('x'), b: Buffer.from([1, 2]) });
  assert.deepEqual(await vol('secret', 'ns', 's'), { p: Buffer.from('pw') });
  assert.equal(await vol('configmap', 'ns', 'gone'), undefined);
});
