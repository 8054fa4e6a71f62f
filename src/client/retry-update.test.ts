import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../machinery/meta.js';
import { ApiError } from './api-error.js';
import { R } from './resources.js';
import type { RestClient } from './rest-client.js';
import { retryUpdate } from './retry-update.js';

const status = (code: number, reason: string) =>
  new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code,
    reason,
    message: reason,
  });

function fakeClient(conflicts: number, exists = true) {
  let rv = 1;
  const puts: KubeObject[] = [];
  const client = {
    async get(): Promise<KubeObject> {
      if (!exists) throw status(404, 'NotFound');
      return {
        metadata: { name: 'x', namespace: 'ns', resourceVersion: String(rv), finalizers: ['a', 'b'] },
      };
    },
    async update(_ref: unknown, obj: KubeObject) {
      puts.push(obj);
      if (conflicts-- > 0) {
        rv++;
        throw status(409, 'Conflict');
      }
      return obj;
    },
  } as unknown as RestClient;
  return { client, puts };
}

const dropA = (o: KubeObject) => ({
  ...o,
  metadata: { ...o.metadata, finalizers: o.metadata.finalizers!.filter((f) => f !== 'a') },
});

test('retryUpdate re-reads and retries after a conflict', async () => {
  const { client, puts } = fakeClient(2);
  const out = await retryUpdate(client, R.configmaps, 'ns', 'x', dropA);
  assert.deepEqual(out?.metadata.finalizers, ['b']);
  assert.deepEqual(
    puts.map((p) => p.metadata.resourceVersion),
    ['1', '2', '3'],
  );
});

test('retryUpdate gives up after its attempts, and treats NotFound or no change as nothing to do', async () => {
  await assert.rejects(
    retryUpdate(fakeClient(10).client, R.configmaps, 'ns', 'x', dropA, 3),
    (e) => ApiError.is(e) && e.code === 409,
  );
  assert.equal(await retryUpdate(fakeClient(0, false).client, R.configmaps, 'ns', 'x', dropA), undefined);
  const { client, puts } = fakeClient(0);
  assert.equal(await retryUpdate(client, R.configmaps, 'ns', 'x', () => undefined), undefined);
  assert.equal(puts.length, 0);
});
