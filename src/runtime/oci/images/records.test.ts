import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordStore, type ImageRecord } from './records.js';

function record(id: string, names: Partial<Pick<ImageRecord, 'repoTags' | 'repoDigests'>>): ImageRecord {
  return {
    id,
    repoTags: names.repoTags ?? [],
    repoDigests: names.repoDigests ?? [],
    layers: [],
    diffIds: [],
    chainId: id,
    size: 0,
    config: {},
    createdAt: 0,
    lastUsed: 0,
  };
}

test('find: full and unique short IDs, repo digests, normalized tags; an ambiguous short ID finds nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-records-'));
  try {
    const a = `sha256:abcdef012345${'1'.repeat(52)}`;
    const b = `sha256:abcdef012345${'2'.repeat(52)}`;
    const digest = `sha256:${'3'.repeat(64)}`;
    const store = new RecordStore(dir);
    await store.init();
    await store.save(record(a, { repoTags: ['docker.io/library/nginx:latest'] }));
    await store.save(record(b, { repoDigests: [`registry.test/app@${digest}`] }));
    // Reopened: the records come back from disk.
    const again = new RecordStore(dir);
    await again.init();
    const found = (q: string) => again.find(q)?.id;
    assert.equal(found(a), a);
    assert.equal(found(a.slice(7)), a);
    assert.equal(found('abcdef012345'), undefined); // both IDs start so
    assert.equal(found('abcdef0123451'), a);
    assert.equal(found('abcdef0123452'), b);
    assert.equal(found('abcdef01234'), undefined); // under 12 hex: a name, not an ID
    assert.equal(found('nginx'), a);
    assert.equal(found('docker.io/library/nginx'), a);
    assert.equal(found(`registry.test/app@${digest}`), b);
    assert.equal(found('registry.test/app'), undefined);
    assert.equal(found('Not A Name'), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a store sees what another process loads, retags and removes, and keeps its own unsaved copy', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-records-'));
  try {
    const a = `sha256:${'a'.repeat(64)}`;
    const b = `sha256:${'b'.repeat(64)}`;
    const cluster = new RecordStore(dir);
    await cluster.init();
    await cluster.save(record(a, { repoTags: ['docker.io/library/nginx:latest'] }));
    const cli = new RecordStore(dir);
    await cli.init();
    assert.equal(cli.find('nginx')?.id, a);

    await cli.save(record(b, { repoTags: ['docker.io/library/loaded:v1'] }));
    assert.equal(cluster.find('loaded:v1')?.id, b, 'a record added by another process');
    await cli.save(record(b, { repoTags: ['docker.io/library/loaded:v1', 'docker.io/library/more:v2'] }));
    assert.equal(cluster.find('more:v2')?.id, b, 'a record rewritten by another process');
    await cli.delete(a);
    assert.equal(cluster.find('nginx'), undefined, 'a record removed by another process');
    assert.deepEqual(
      cluster.all().map((r) => r.id),
      [b],
    );

    // While this process writes a record, its newer copy in memory wins over the file.
    const saving = cluster.save({ ...record(b, { repoTags: ['docker.io/library/loaded:v1'] }), lastUsed: 5 });
    assert.equal(cluster.get(b)?.lastUsed, 5);
    await saving;
    assert.equal(cluster.get(b)?.lastUsed, 5);
    assert.equal(cli.get(b)?.lastUsed, 5, 'and the other process reads it once written');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
