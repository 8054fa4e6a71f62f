import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { decideMirror, isMirrorPod, mirrorPodFor, parseStaticPod, staticPodUid } from './manifest.js';
import { createStaticPodSource } from './source.js';

const yaml = (image = 'nginx') => `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: c
    image: ${image}
`;
const now = new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 500));

test('parseStaticPod: name, namespace, UID, annotations, node, tolerations, defaults', () => {
  const r = parseStaticPod(yaml(), '/m/web.yaml', 'Node-A', now);
  assert.ok('pod' in r);
  const p = r.pod;
  assert.equal(p.metadata.name, 'web-node-a');
  assert.equal(p.metadata.namespace, 'default');
  assert.match(p.metadata.uid!, /^[0-9a-f]{32}$/);
  assert.deepEqual(p.metadata.annotations, {
    'kubernetes.io/config.hash': p.metadata.uid,
    'kubernetes.io/config.seen': '2024-01-01T00:00:00.5Z',
    'kubernetes.io/config.source': 'file',
  });
  assert.equal(p.spec.nodeName, 'Node-A');
  assert.deepEqual(p.spec.tolerations, [{ operator: 'Exists', effect: 'NoExecute' }]);
  assert.equal(p.spec.restartPolicy, 'Always', 'API defaults applied');
  assert.equal(p.status!.phase, 'Pending');
  assert.equal(p.metadata.labels!.app, 'web');
});

test('UID: stable for the same content, node and file; changes with any of them', () => {
  const uid = (text: string, node: string, file: string) => {
    const r = parseStaticPod(text, file, node, now);
    return 'pod' in r ? r.pod.metadata.uid : '';
  };
  const a = uid(yaml(), 'n', '/m/a.yaml');
  assert.equal(uid(yaml(), 'n', '/m/a.yaml'), a);
  assert.notEqual(uid(yaml('redis'), 'n', '/m/a.yaml'), a);
  assert.notEqual(uid(yaml(), 'n2', '/m/a.yaml'), a);
  assert.notEqual(uid(yaml(), 'n', '/m/b.yaml'), a);
  assert.equal(staticPodUid({ a: 1 }, 'n', 'f'), staticPodUid({ a: 1 }, 'n', 'f'));
});

test('parseStaticPod rejects what is not one v1 Pod', () => {
  for (const text of [
    'kind: Service\napiVersion: v1\nmetadata: {name: x}',
    'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c, image: i}]}',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {}',
    `${yaml()}---\n${yaml()}`,
    ': : :',
  ])
    assert.ok('error' in parseStaticPod(text, 'f', 'n', now), text);
});

test('mirror pod: same name, mirror annotation = hash, owned by the Node, no UID', () => {
  const r = parseStaticPod(yaml(), '/m/web.yaml', 'n1', now);
  assert.ok('pod' in r);
  const m = mirrorPodFor(r.pod, { name: 'n1', uid: 'node-uid' });
  assert.equal(m.metadata.name, 'web-n1');
  assert.equal(m.metadata.uid, undefined);
  assert.equal(m.metadata.annotations!['kubernetes.io/config.mirror'], r.pod.metadata.uid);
  assert.deepEqual(m.metadata.ownerReferences, [
    { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'node-uid', controller: true },
  ]);
  assert.ok(isMirrorPod(m));
  assert.ok(!isMirrorPod(r.pod));
  assert.equal(decideMirror(r.pod, undefined), 'create');
  assert.equal(decideMirror(r.pod, m), 'none');
  assert.equal(
    decideMirror(r.pod, { ...m, metadata: { ...m.metadata, deletionTimestamp: 'x' } }),
    'recreate',
  );
  const other = mirrorPodFor(
    { ...r.pod, metadata: { ...r.pod.metadata, annotations: { 'kubernetes.io/config.hash': 'old' } } },
    { name: 'n1', uid: 'u' },
  );
  assert.equal(decideMirror(r.pod, other), 'recreate');
});

test('static pod source: add, edit (delete + add), remove, bad and hidden files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'static-pods-'));
  try {
    writeFileSync(join(dir, 'web.yaml'), yaml());
    writeFileSync(join(dir, '.hidden.yaml'), yaml('x'));
    writeFileSync(join(dir, 'bad.yaml'), 'kind: Nope');
    const clock = new FakeClock(now);
    const src = createStaticPodSource({
      dirs: [dir, join(dir, 'missing')],
      nodeName: 'n1',
      clock,
      log: silentLogger,
      watch: false,
    });
    assert.deepEqual(
      src.pods().map((p) => p.metadata.name),
      ['web-n1'],
    );
    const events: string[] = [];
    src.onChange((p, type) => events.push(`${type} ${p.metadata.name} ${p.spec.containers[0].image}`));
    clock.advance(20_000);
    assert.deepEqual(events, [], 'unchanged file: no events on rescan');
    writeFileSync(join(dir, 'web.yaml'), yaml('redis'));
    clock.advance(20_000);
    assert.deepEqual(events, ['delete web-n1 nginx', 'add web-n1 redis']);
    unlinkSync(join(dir, 'web.yaml'));
    src.rescan();
    assert.deepEqual(events.slice(2), ['delete web-n1 redis']);
    assert.equal(src.pods().length, 0);
    src.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
