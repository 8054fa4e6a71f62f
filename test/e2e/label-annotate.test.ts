/**
 * @module test/e2e/label-annotate
 * `kubectl label` and `kubectl annotate`: add, --overwrite, removal with `key-`, selectors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useCluster } from './harness.js';

const NS = 'labels';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
  for (const name of ['a', 'b', 'c', 'd']) {
    await k.kubectl(['create', 'configmap', name, '-n', NS, '--from-literal=k=v']);
  }
});

const jsonOf = async (kind: string, name: string) =>
  JSON.parse((await cluster().kubectl(['get', kind, name, '-n', NS, '-o', 'json'])).stdout);

test('label adds, refuses to overwrite without --overwrite, overwrites and removes', async () => {
  const k = cluster();
  assert.equal(
    (await k.kubectl(['label', 'cm', 'a', '-n', NS, 'tier=front'])).stdout,
    'configmap/a labeled\n',
  );
  assert.deepEqual((await jsonOf('cm', 'a')).metadata.labels, { tier: 'front' });

  const clash = await k.kubectl(['label', 'cm', 'a', '-n', NS, 'tier=back'], { allowFail: true });
  assert.equal(clash.code, 1);
  assert.equal(clash.stderr, "error: 'tier' already has a value (front), and --overwrite is false\n");

  await k.kubectl(['label', 'cm', 'a', '-n', NS, 'tier=back', '--overwrite']);
  assert.equal((await jsonOf('cm', 'a')).metadata.labels.tier, 'back');

  const same = await k.kubectl(['label', 'cm', 'b', '-n', NS, 'x=1']);
  assert.equal(same.stdout, 'configmap/b labeled\n');
  const again = await k.kubectl(['label', 'cm', 'b', '-n', NS, 'x=1', '--overwrite']);
  assert.equal(again.stdout, 'configmap/b not labeled\n');

  assert.equal((await k.kubectl(['label', 'cm', 'a', '-n', NS, 'tier-'])).stdout, 'configmap/a unlabeled\n');
  // An emptied map is omitted on output, as upstream's omitempty does.
  assert.equal((await jsonOf('cm', 'a')).metadata.labels, undefined);
});

test('label --all and -l act on every matching object', async () => {
  const k = cluster();
  const all = await k.kubectl(['label', 'cm', '--all', '-n', NS, 'batch=one']);
  assert.match(all.stdout, /^configmap\/c labeled$/m);
  assert.match(all.stdout, /^configmap\/d labeled$/m);
  await k.kubectl(['label', 'cm', 'd', '-n', NS, 'y=2']);
  const sel = await k.kubectl(['label', 'cm', '-l', 'y=2', '-n', NS, 'picked=yes']);
  assert.equal(sel.stdout, 'configmap/d labeled\n');
  const out = await k.kubectl(['get', 'cm', '-n', NS, '-l', 'picked=yes,batch=one', '-o', 'name']);
  assert.equal(out.stdout, 'configmap/d\n');
});

test('annotate adds, overwrites only with --overwrite and removes with key-', async () => {
  const k = cluster();
  assert.equal(
    (await k.kubectl(['annotate', 'cm', 'a', '-n', NS, 'note=first', 'example.com/owner=team'])).stdout,
    'configmap/a annotated\n',
  );
  const meta = (await jsonOf('cm', 'a')).metadata;
  assert.equal(meta.annotations.note, 'first');
  assert.equal(meta.annotations['example.com/owner'], 'team');

  const clash = await k.kubectl(['annotate', 'cm', 'a', '-n', NS, 'note=second'], { allowFail: true });
  assert.equal(clash.code, 1);
  assert.equal(
    clash.stderr,
    "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (first)\n",
  );

  await k.kubectl(['annotate', 'cm', 'a', '-n', NS, 'note=second', '--overwrite']);
  assert.equal((await jsonOf('cm', 'a')).metadata.annotations.note, 'second');

  await k.kubectl(['annotate', 'cm', 'a', '-n', NS, 'note-']);
  assert.deepEqual((await jsonOf('cm', 'a')).metadata.annotations, { 'example.com/owner': 'team' });
});

test('an invalid label value is rejected by the server', async () => {
  // kubectl label checks values itself, so send the bad label through a patch to reach the server.
  const long = 'v'.repeat(64);
  const r2 = await cluster().kubectl(
    [
      'patch',
      'cm',
      'b',
      '-n',
      NS,
      '--type=merge',
      '-p',
      JSON.stringify({ metadata: { labels: { ok: long } } }),
    ],
    { allowFail: true },
  );
  assert.equal(r2.code, 1);
  assert.match(
    r2.stderr,
    /The ConfigMap "b" is invalid: metadata\.labels: Invalid value: "v{64}": must be no more than 63 characters/,
  );
});
