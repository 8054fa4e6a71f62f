import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from './registry.js';

describe('openStore', () => {
  it('opens sqlite: at the given path, creating its directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeling-registry-'));
    try {
      for (const datastore of [`sqlite:${dir}/a/state.db`, `sqlite://${dir}/b/state.db`]) {
        const store = openStore(datastore, { compactInterval: 0 });
        await store.create('/k', 'v');
        await store.close();
        const path = datastore.replace(/^sqlite:(\/\/)?/, '');
        assert.ok((await stat(path)).size > 0, `${path} exists`);
        const again = openStore(datastore);
        assert.equal((await again.get('/k'))?.value, 'v', 'the same file is reopened');
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens memory: as a fresh store each time', async () => {
    const a = openStore('memory:');
    await a.create('/k', 'v');
    const b = openStore('memory:');
    assert.equal(await b.get('/k'), undefined);
    assert.equal(await a.currentRevision(), 1);
    await a.close();
    await b.close();
  });

  it('says etcd is not supported yet', () => {
    assert.throws(() => openStore('etcd://127.0.0.1:2379'), /etcd is not supported yet/);
  });

  it('rejects unknown schemes and missing paths', () => {
    assert.throws(
      () => openStore('/var/lib/state.db'),
      /unknown scheme; expected one of sqlite:, memory:, etcd:/,
    );
    assert.throws(() => openStore('postgres://x'), /datastore "postgres:\/\/x": unknown scheme/);
    assert.throws(() => openStore('toString:x'), /unknown scheme/);
    assert.throws(() => openStore('sqlite:'), /needs a file path/);
  });
});
