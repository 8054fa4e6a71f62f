import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiError } from '../../client/api-error.js';
import { R } from '../../client/resources.js';
import { startTestCluster, type TestCluster } from '../../client/testing/test-cluster.js';

// pods/binding as upstream's BindingREST: straight to storage, with the binding's preconditions.
let tc: TestCluster;
before(async () => {
  tc = await startTestCluster();
  await tc.client.create(R.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
});
after(async () => {
  await tc.close();
});

const bindingRef = (pod: string) => ({ ...R.pods, plural: `pods/${pod}/binding` });

async function newPod(name: string): Promise<any> {
  // A scheduler name no scheduler serves, so that only this test binds the pod.
  return tc.client.create<any>(R.pods, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', annotations: { mine: 'yes' } },
    spec: { schedulerName: 'nobody', containers: [{ name: 'c', image: 'busybox' }] },
  });
}

function bind(pod: string, meta: Record<string, unknown> = {}) {
  return tc.client.create(
    bindingRef(pod),
    {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pod, namespace: 'default', ...meta },
      target: { kind: 'Node', name: 'n1' },
    },
    { namespace: 'default' },
  );
}

test('a binding sets the node and PodScheduled, merges its annotations, and records no manager', async () => {
  const created = await newPod('b1');
  const before = created.metadata.managedFields.map((e: any) => `${e.manager}/${e.subresource ?? ''}`);
  await bind('b1', { uid: created.metadata.uid, annotations: { from: 'binding' } });
  const pod = await tc.client.get<any>(R.pods, 'b1', 'default');
  assert.equal(pod.spec.nodeName, 'n1');
  assert.deepEqual(pod.metadata.annotations, { mine: 'yes', from: 'binding' });
  const cond = pod.status.conditions.find((c: any) => c.type === 'PodScheduled');
  assert.equal(cond.status, 'True');
  assert.ok(cond.lastTransitionTime);
  assert.deepEqual(
    pod.metadata.managedFields.map((e: any) => `${e.manager}/${e.subresource ?? ''}`),
    before,
    'upstream writes a binding straight to storage: no managedFields entry for it',
  );
  assert.deepEqual(pod.spec.containers, created.spec.containers, 'the rest of the pod is unchanged');
});

test('a second binding is a 409 naming the node the pod is on', async () => {
  await newPod('b2');
  await bind('b2');
  await assert.rejects(bind('b2'), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 409);
    assert.equal(
      err.message,
      'Operation cannot be fulfilled on pods/binding "b2": pod b2 is already assigned to node "n1"',
    );
    return true;
  });
});

test('a binding for another uid or resourceVersion fails its precondition and changes nothing', async () => {
  const created = await newPod('b3');
  await assert.rejects(bind('b3', { uid: 'not-the-uid' }), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 409);
    assert.match(err.message, /Precondition failed: UID in precondition: not-the-uid, UID in object meta: /);
    return true;
  });
  await assert.rejects(bind('b3', { resourceVersion: '1' }), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 409);
    assert.match(
      err.message,
      /Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: \d+/,
    );
    return true;
  });
  const pod = await tc.client.get<any>(R.pods, 'b3', 'default');
  assert.equal(pod.spec.nodeName, undefined);
  assert.equal(pod.metadata.resourceVersion, created.metadata.resourceVersion);
  await bind('b3', { uid: created.metadata.uid, resourceVersion: created.metadata.resourceVersion });
  assert.equal((await tc.client.get<any>(R.pods, 'b3', 'default')).spec.nodeName, 'n1');
});

test('a binding must name its pod and a Node, as upstream checks it', async () => {
  await newPod('b9');
  const call = (body: Record<string, unknown>) =>
    tc.client
      .create(bindingRef('b9'), { apiVersion: 'v1', kind: 'Binding', ...body } as any, {
        namespace: 'default',
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
  const mismatch = await call({ metadata: { name: 'other', namespace: 'default' }, target: { name: 'n1' } });
  assert.ok(ApiError.is(mismatch) && mismatch.code === 400);
  assert.equal(mismatch.message, 'name in URL does not match name in Binding object');
  const kind = await call({
    metadata: { name: 'b9', namespace: 'default' },
    target: { kind: 'Pod', name: 'n1' },
  });
  assert.ok(ApiError.is(kind) && kind.code === 500);
  assert.equal(kind.message, 'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"');
  const pod = await tc.client.get<any>(R.pods, 'b9', 'default');
  assert.equal(pod.spec.nodeName, undefined, 'nothing was bound');
});
