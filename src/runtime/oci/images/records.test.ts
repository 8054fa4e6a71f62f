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
