import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiError } from '../../client/api-error.js';
import { R } from '../../client/resources.js';
import { startTestCluster, type TestCluster } from '../../client/testing/test-cluster.js';

let tc: TestCluster;
before(async () => {
  tc = await startTestCluster();
});
after(async () => {
  await tc.close();
});

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'sp', namespace: 'default', labels: { keep: 'me' } },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
};

test('a status merge patch changes only the status and honours a uid precondition', async () => {
  const created = await tc.client.create<any>(R.pods, pod);
  const uid = created.metadata.uid!;
  const patched = await tc.client.patch<any>(
    R.pods,
    'sp',
    { metadata: { uid, labels: { keep: null } }, spec: { nodeName: 'x' }, status: { phase: 'Running' } },
    'merge',
    { namespace: 'default', subresource: 'status' },
  );
  assert.equal(patched.status.phase, 'Running');
  assert.equal(patched.metadata.labels.keep, 'me', 'metadata other than the preconditions is not patched');
  assert.equal(patched.spec.nodeName, undefined, 'spec is not patched through status');
  await assert.rejects(
    tc.client.patch(
      R.pods,
      'sp',
      { metadata: { uid: 'not-the-uid' }, status: { phase: 'Failed' } },
      'merge',
      {
        namespace: 'default',
        subresource: 'status',
      },
    ),
    (err) => err instanceof ApiError && err.code === 422,
  );
  const now = await tc.client.get<any>(R.pods, 'sp', 'default');
  assert.equal(now.status.phase, 'Running', 'a patch for another uid changed nothing');
});

test('a PUT carrying another uid is refused with 409 as a failed precondition, on the object and on status', async () => {
  await tc.client.create(R.pods, { ...pod, metadata: { name: 'put', namespace: 'default' } });
  const cur = await tc.client.get<any>(R.pods, 'put', 'default');
  const other = { ...cur, metadata: { ...cur.metadata, uid: '00000000-0000-4000-8000-000000000009' } };
  for (const call of [() => tc.client.update(R.pods, other), () => tc.client.updateStatus(R.pods, other)]) {
    await assert.rejects(call(), (err) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.code, 409);
      assert.match(
        err.message,
        new RegExp(
          `Operation cannot be fulfilled on pods "put": StorageError: invalid object, Code: 4, Key: /registry/pods/default/put, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: 00000000-0000-4000-8000-000000000009, UID in object meta: ${cur.metadata.uid}`,
        ),
      );
      return true;
    });
  }
  const ok = await tc.client.update<any>(R.pods, {
    ...cur,
    metadata: { ...cur.metadata, labels: { a: 'b' } },
  });
  assert.equal(ok.metadata.labels.a, 'b', 'the right uid (or none) updates as before');
});
