import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyStrategicMergePatch } from './strategic-merge.js';
import { PatchError, toStatusError } from './errors.js';
import { deploymentSchema, podSchema } from './fixture-schemas.js';
import type { PatchSchema } from './schema-walker.js';

const smp = (orig: object, patch: unknown, schema: PatchSchema | undefined = podSchema) =>
  applyStrategicMergePatch(orig, patch, schema);

/** A named list (mergingList) with merge key `name`, and a primitive merge list, as upstream's tests use. */
const listSchema: PatchSchema = {
  field: (n) =>
    n === 'mergingList'
      ? { kind: 'array', patchStrategy: 'merge', mergeKey: 'name', items: { kind: 'object' } }
      : n === 'mergingIntList'
        ? { kind: 'array', patchStrategy: 'merge', items: { kind: 'scalar' } }
        : undefined,
};

function expectPatchError(fn: () => unknown, kind: string, message: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(PatchError.is(e), `not a PatchError: ${String(e)}`);
    assert.equal(e.kind, kind);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web', tier: 'fe' }, finalizers: ['a', 'b'] },
  spec: {
    containers: [
      {
        name: 'c',
        image: 'nginx:1',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
      },
      { name: 'side', image: 'busybox', args: ['sleep', '1'] },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'k', operator: 'Exists' }],
  },
});

test('maps merge recursively and null deletes a key', () => {
  const out = smp(pod(), { metadata: { labels: { tier: null, new: 'x' } } });
  assert.deepEqual((out.metadata as any).labels, { app: 'web', new: 'x' });
  assert.equal((out.metadata as any).name, 'p');
});

test('inputs are not modified', () => {
  const orig = pod();
  const patch = { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } };
  smp(orig, patch);
  assert.equal(orig.spec.containers[0].image, 'nginx:1');
  assert.deepEqual(patch, { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } });
});

test('null for an absent key is ignored, nulls inside new subtrees are dropped', () => {
  const out = smp({ a: 1 }, { b: null, c: { d: null, e: 1 } }, undefined);
  assert.deepEqual(out, { a: 1, c: { e: 1 } });
});

test('client-side apply body: last-applied annotation plus $setElementOrder/containers', () => {
  const live = {
    metadata: { name: 'p', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"old":1}' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1', imagePullPolicy: 'IfNotPresent' }] },
  };
  const body = JSON.parse(
    '{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"new\\":1}"}},"spec":{"$setElementOrder/containers":[{"name":"c"}],"containers":[{"image":"nginx:2","name":"c"}]}}',
  );
  const out = smp(live, body);
  assert.deepEqual(out, {
    metadata: { name: 'p', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"new":1}' } },
    spec: { containers: [{ name: 'c', image: 'nginx:2', imagePullPolicy: 'IfNotPresent' }] },
  });
});

test('container env merges by name, keeping other variables', () => {
  const out = smp(pod(), { spec: { containers: [{ name: 'c', env: [{ name: 'B', value: '20' }] }] } });
  assert.deepEqual((out.spec as any).containers[0].env, [
    { name: 'A', value: '1' },
    { name: 'B', value: '20' },
  ]);
  assert.equal((out.spec as any).containers[0].image, 'nginx:1');
  assert.equal((out.spec as any).containers.length, 2);
});

test('a new list element goes before the server-only ones (upstream order rule)', () => {
  const out = smp(pod(), { spec: { containers: [{ name: 'c', env: [{ name: 'C', value: '3' }] }] } });
  assert.deepEqual(
    (out.spec as any).containers[0].env.map((e: any) => e.name),
    ['C', 'A', 'B'],
  );
});

test('$setElementOrder places a new element where the order list says', () => {
  const out = smp(pod(), {
    spec: {
      containers: [
        {
          name: 'c',
          '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }, { name: 'C' }],
          env: [{ name: 'C', value: '3' }],
        },
      ],
    },
  });
  assert.deepEqual(
    (out.spec as any).containers[0].env.map((e: any) => e.name),
    ['A', 'B', 'C'],
  );
});

test('ports merge by containerPort', () => {
  const out = smp(pod(), {
    spec: {
      containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }],
    },
  });
  assert.deepEqual((out.spec as any).containers[0].ports, [
    { containerPort: 80, protocol: 'TCP', name: 'http' },
    { containerPort: 443 },
  ]);
});

test('deleting a container with $patch: delete', () => {
  const out = smp(pod(), { spec: { containers: [{ name: 'side', $patch: 'delete' }] } });
  assert.deepEqual(
    (out.spec as any).containers.map((c: any) => c.name),
    ['c'],
  );
});

test('$patch: delete on an element needs the merge key', () => {
  expectPatchError(
    () => smp(pod(), { spec: { containers: [{ $patch: 'delete' }] } }),
    'internal',
    'map: map[$patch:delete] does not contain declared merge key: name',
  );
});

test('a list element without its merge key is an error with upstream wording', () => {
  expectPatchError(
    () => smp(pod(), { spec: { containers: [{ image: 'httpd' }] } }),
    'internal',
    'map: map[image:httpd] does not contain declared merge key: name',
  );
});

test('$patch: replace as a list element replaces the whole list', () => {
  const out = smp(pod(), { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } });
  assert.deepEqual((out.spec as any).containers, [{ name: 'only', image: 'x' }]);
});

test('$patch: merge as a list element is rejected', () => {
  expectPatchError(
    () => smp(pod(), { spec: { containers: [{ $patch: 'merge' }] } }),
    'internal',
    'merging lists cannot yet be specified in the patch',
  );
});

test('$patch: replace on a map replaces it', () => {
  const out = smp(pod(), { metadata: { labels: { $patch: 'replace', only: 'y' } } });
  assert.deepEqual((out.metadata as any).labels, { only: 'y' });
});

test('$patch: delete on a map leaves it empty', () => {
  const out = smp(pod(), { metadata: { labels: { $patch: 'delete' } } });
  assert.deepEqual((out.metadata as any).labels, {});
});

test('$patch with an unknown value on a map is an error', () => {
  expectPatchError(
    () => smp(pod(), { metadata: { labels: { $patch: 'bogus' } } }),
    'internal',
    'unknown patch type: bogus in map: map[$patch:bogus]',
  );
});

test('primitive merge lists (finalizers) take the union', () => {
  const out = smp(pod(), { metadata: { finalizers: ['b', 'c'] } });
  assert.deepEqual((out.metadata as any).finalizers, ['a', 'b', 'c']);
});

test('$deleteFromPrimitiveList removes values', () => {
  const out = smp(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a', 'zzz'] } });
  assert.deepEqual((out.metadata as any).finalizers, ['b']);
});

test('$deleteFromPrimitiveList with a bad prefix is a bad request', () => {
  expectPatchError(
    () => smp(pod(), { metadata: { $deleteFromPrimitiveListfinalizers: ['a'] } }),
    'badRequest',
    'invalid patch format of primitive list',
  );
});

test('non-merge lists (args, tolerations) are replaced', () => {
  const out = smp(pod(), {
    spec: { tolerations: [{ key: 'z' }], containers: [{ name: 'side', args: ['sleep', '9'] }] },
  });
  assert.deepEqual((out.spec as any).tolerations, [{ key: 'z' }]);
  assert.deepEqual((out.spec as any).containers[1].args, ['sleep', '9']);
});

test('volumes with $retainKeys switch the volume source', () => {
  const out = smp(pod(), {
    spec: {
      volumes: [{ name: 'data', $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' } }],
    },
  });
  assert.deepEqual((out.spec as any).volumes, [{ name: 'data', configMap: { name: 'cm' } }]);
});

test('$retainKeys must list every patched key', () => {
  expectPatchError(
    () =>
      smp(pod(), { spec: { volumes: [{ name: 'data', $retainKeys: ['name'], hostPath: { path: '/x' } }] } }),
    'badRequest',
    'invalid patch format of retainKeys',
  );
});

test('$retainKeys must be a list', () => {
  expectPatchError(
    () => smp({ a: { b: 1 } }, { a: { $retainKeys: 'b' } }, undefined),
    'badRequest',
    'invalid patch format of retainKeys',
  );
});

test('deployment strategy retainKeys clears rollingUpdate when switching to Recreate', () => {
  const dep = {
    spec: {
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
  };
  const out = smp(dep, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, deploymentSchema);
  assert.deepEqual((out.spec as any).strategy, { type: 'Recreate' });
});

test('rollout restart annotation patch', () => {
  const dep = {
    spec: { replicas: 2, template: { metadata: { labels: { app: 'w' } }, spec: { containers: [] } } },
  };
  const body = {
    spec: {
      template: {
        metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } },
      },
    },
  };
  const out = smp(dep, body, deploymentSchema);
  assert.deepEqual((out.spec as any).template.metadata, {
    labels: { app: 'w' },
    annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' },
  });
});

test('scale-style patch on a deployment sets replicas only', () => {
  const out = smp({ spec: { replicas: 1, paused: false } }, { spec: { replicas: 5 } }, deploymentSchema);
  assert.deepEqual(out, { spec: { replicas: 5, paused: false } });
});

test('unknown schema: maps merge, lists replace', () => {
  const out = smp(
    { a: { x: 1, y: 2 }, l: [{ name: 'a' }, { name: 'b' }] },
    { a: { y: 3 }, l: [{ name: 'c' }] },
    undefined,
  );
  assert.deepEqual(out, { a: { x: 1, y: 3 }, l: [{ name: 'c' }] });
});

test('all $ keys are stripped from the result, even in new subtrees', () => {
  const out = smp(
    { spec: {} },
    {
      spec: {
        template: { spec: { '$setElementOrder/containers': [{ name: 'c' }], containers: [{ name: 'c' }] } },
      },
    },
    deploymentSchema,
  );
  assert.deepEqual(out, { spec: { template: { spec: { containers: [{ name: 'c' }] } } } });
});

test('a value of a different type replaces the original', () => {
  const out = smp({ a: { b: 1 } }, { a: 'str' }, undefined);
  assert.deepEqual(out, { a: 'str' });
});

test('a non-object patch is a bad request', () => {
  expectPatchError(() => smp(pod(), [1]), 'badRequest', /cannot unmarshal array/);
});

test('lists of lists are not supported (422)', () => {
  expectPatchError(
    () => smp({ mergingList: [[1]] }, { mergingList: [[2]] }, listSchema),
    'invalid',
    'lists of lists are not supported',
  );
});

test('$setElementOrder with server-only items (upstream case 1)', () => {
  const current = {
    mergingList: [
      { name: 1, other: 'a' },
      { name: 3, value: 3 },
      { name: 4, value: 4 },
      { name: 2, value: 2 },
      { name: 9 },
    ],
  };
  const patch = { '$setElementOrder/mergingList': [{ name: 4 }, { name: 2 }, { name: 3 }, { name: 1 }] };
  assert.deepEqual(smp(current, patch, listSchema), {
    mergingList: [
      { name: 4, value: 4 },
      { name: 2, value: 2 },
      { name: 3, value: 3 },
      { name: 1, other: 'a' },
      { name: 9 },
    ],
  });
});

test('$setElementOrder with server-only items in between (upstream case 3)', () => {
  const current = {
    mergingList: [
      { name: 1, other: 'a' },
      { name: 2, value: 2 },
      { name: 7 },
      { name: 9 },
      { name: 8 },
      { name: 3, value: 3 },
      { name: 4, value: 4 },
    ],
  };
  const patch = { '$setElementOrder/mergingList': [{ name: 2 }, { name: 1 }, { name: 4 }, { name: 3 }] };
  const names = (smp(current, patch, listSchema).mergingList as any[]).map((e) => e.name);
  assert.deepEqual(names, [2, 1, 7, 9, 8, 4, 3]);
});

test('$setElementOrder adds an item at the front (upstream "add an item and preserve order")', () => {
  const current = {
    mergingList: [
      { name: 1, other: 'a' },
      { name: 2, value: 2, other: 'b' },
    ],
  };
  const patch = {
    '$setElementOrder/mergingList': [{ name: 3 }, { name: 1 }, { name: 2 }],
    mergingList: [{ name: 3, value: 3 }],
  };
  assert.deepEqual(smp(current, patch, listSchema), {
    mergingList: [
      { name: 3, value: 3 },
      { name: 1, other: 'a' },
      { name: 2, value: 2, other: 'b' },
    ],
  });
});

test('$setElementOrder on a primitive list orders the union', () => {
  const out = smp(
    { mergingIntList: [1, 2] },
    { '$setElementOrder/mergingIntList': [1, 3, 2], mergingIntList: [3] },
    listSchema,
  );
  assert.deepEqual(out, { mergingIntList: [1, 3, 2] });
});

test('$setElementOrder that disagrees with the patch list is an error', () => {
  expectPatchError(
    () =>
      smp(
        { mergingIntList: [1, 3, 2] },
        { '$setElementOrder/mergingIntList': [1, 2, 3], mergingIntList: [3, 1] },
        listSchema,
      ),
    'internal',
    /doesn't match \$setElementOrder list/,
  );
});

test('$setElementOrder must be a list', () => {
  expectPatchError(
    () => smp({ mergingList: [] }, { '$setElementOrder/mergingList': 'x' }, listSchema),
    'internal',
    /expected a \[\]interface \{\}/,
  );
});

test('status conditions merge by type', () => {
  const orig = {
    status: {
      conditions: [
        { type: 'Ready', status: 'False' },
        { type: 'Initialized', status: 'True' },
      ],
    },
  };
  const out = smp(orig, { status: { conditions: [{ type: 'Ready', status: 'True' }] } });
  assert.deepEqual((out.status as any).conditions, [
    { type: 'Ready', status: 'True' },
    { type: 'Initialized', status: 'True' },
  ]);
});

test('nested maps in list elements merge (resources limits)', () => {
  const orig = { spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1' } } }] } };
  const out = smp(orig, { spec: { containers: [{ name: 'c', resources: { limits: { memory: '1Gi' } } }] } });
  assert.deepEqual((out.spec as any).containers[0].resources, { limits: { cpu: '1', memory: '1Gi' } });
});

test('PatchError maps to upstream Status codes', () => {
  assert.equal(toStatusError(new PatchError('badRequest', 'x')).code, 400);
  assert.equal(toStatusError(new PatchError('invalid', 'x')).code, 422);
  const s = toStatusError(new PatchError('internal', 'x')).toStatus();
  assert.equal(s.code, 500);
  assert.equal(s.message, 'x');
});
