import assert from 'node:assert/strict';
import { lstat, mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { validatePayloadPath, writeAtomic } from './atomic-writer.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'kubeling-aw-'));
  dirs.push(d);
  return d;
}
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('atomic writer', () => {
  it('writes a timestamped dir, ..data and user-visible symlinks with the payload modes', async () => {
    const dir = join(await tempDir(), 'vol');
    const changed = await writeAtomic(
      dir,
      { 'a.conf': { data: 'A', mode: 0o644 }, 'sub/b': { data: Buffer.from('B'), mode: 0o400 } },
      new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    );
    assert.equal(changed, true);
    const ts = await readlink(join(dir, '..data'));
    assert.match(ts, /^\.\.2024_01_02_03_04_05\.\d+$/);
    assert.equal((await stat(join(dir, ts))).mode & 0o777, 0o755);
    assert.equal(await readlink(join(dir, 'a.conf')), '..data/a.conf');
    assert.equal(await readlink(join(dir, 'sub')), '..data/sub');
    assert.equal(await readFile(join(dir, 'a.conf'), 'utf8'), 'A');
    assert.equal(await readFile(join(dir, 'sub/b'), 'utf8'), 'B');
    assert.equal((await stat(join(dir, 'a.conf'))).mode & 0o777, 0o644);
    assert.equal((await stat(join(dir, 'sub/b'))).mode & 0o777, 0o400);
  });

  it('an unchanged payload writes nothing; a change swaps ..data, drops gone names and the old version', async () => {
    const dir = join(await tempDir(), 'vol');
    await writeAtomic(dir, { a: { data: '1', mode: 0o644 }, b: { data: '2', mode: 0o644 } });
    const first = await readlink(join(dir, '..data'));
    assert.equal(
      await writeAtomic(dir, { a: { data: '1', mode: 0o644 }, b: { data: '2', mode: 0o644 } }),
      false,
    );
    assert.equal(await readlink(join(dir, '..data')), first);

    assert.equal(await writeAtomic(dir, { a: { data: 'new', mode: 0o644 } }), true);
    const second = await readlink(join(dir, '..data'));
    assert.notEqual(second, first);
    assert.equal(await readFile(join(dir, 'a'), 'utf8'), 'new');
    await assert.rejects(lstat(join(dir, 'b')), /ENOENT/);
    const entries = (await readdir(dir)).sort();
    assert.deepEqual(entries, [second, '..data', 'a'].sort());
  });

  it('refuses paths as upstream validatePath', async () => {
    assert.equal(validatePayloadPath('/etc/x'), 'invalid path: must be relative path: /etc/x');
    assert.equal(validatePayloadPath('a/../b'), "invalid path: must not contain '..': a/../b");
    assert.equal(validatePayloadPath('..data'), "invalid path: must not start with '..': ..data");
    assert.equal(validatePayloadPath('ok/file'), undefined);
    const dir = join(await tempDir(), 'vol');
    await assert.rejects(writeAtomic(dir, { '../x': { data: '', mode: 0o644 } }), /must not contain '\.\.'/);
  });
});
