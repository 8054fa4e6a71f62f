import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { derivedDirOf, RootfsStore, type LayerSource } from './unpack.js';
import { chainId } from './manifest.js';
import { digestOf, makeTar, type TestEntry } from './testing-push.js';

async function layerFiles(dir: string, layers: TestEntry[][], gzip = true): Promise<LayerSource[]> {
  const out: LayerSource[] = [];
  for (const [i, entries] of layers.entries()) {
    const tar = makeTar(entries);
    const file = join(dir, `layer${i}`);
    await writeFile(file, gzip ? gzipSync(tar) : tar);
    out.push({ file, diffId: digestOf(tar) });
  }
  return out;
}

test('layers applied in order: whiteouts, opaque dirs, owners, modes, links, mtimes; devices skipped', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-unpack-'));
  try {
    const layers = await layerFiles(dir, [
      [
        { path: 'etc', type: 'Directory' },
        { path: 'etc/keep', content: 'keep' },
        { path: 'etc/gone', content: 'gone' },
        { path: 'opq', type: 'Directory' },
        { path: 'opq/old1', content: 'x' },
        { path: 'opq/sub', type: 'Directory' },
        { path: 'opq/sub/old2', content: 'x' },
        { path: 'home', type: 'Directory' },
        { path: 'home/u', type: 'Directory', uid: 1000, gid: 1000, mode: 0o700, mtime: 1_500_000_000 },
        { path: 'home/u/secret', content: 's', uid: 1000, gid: 1001, mode: 0o600, mtime: 1_400_000_000 },
        { path: 'bin', type: 'Directory', mode: 0o555 },
        { path: 'bin/su', content: '#!', mode: 0o4755 },
        { path: 'bin/sh-link', type: 'SymbolicLink', linkpath: '/bin/su' },
        { path: 'lib', type: 'SymbolicLink', linkpath: 'usr/lib' },
        { path: 'nodir/rel', type: 'SymbolicLink', linkpath: '../../../../escapes' },
        { path: 'bin/hard', type: 'Link', linkpath: 'bin/su' },
        { path: 'dev', type: 'Directory' },
        { path: 'dev/null', type: 'CharacterDevice' },
        { path: 'dir-gone', type: 'Directory' },
        { path: 'dir-gone/f', content: 'f' },
      ],
      [
        { path: 'etc', type: 'Directory' },
        { path: 'etc/.wh.gone' },
        { path: '.wh.dir-gone' },
        { path: 'opq', type: 'Directory' },
        { path: 'opq/.wh..wh..opq' },
        { path: 'opq/new', content: 'new' },
        { path: 'etc/keep', content: 'changed' },
      ],
    ]);
    const store = new RootfsStore(dir);
    await store.init();
    const id = chainId(layers.map((l) => l.diffId));
    const root = await store.build(id, layers);
    assert.equal(root, join(dir, 'rootfs', id.slice(7)));
    assert.equal(await readFile(join(root, 'etc/keep'), 'utf8'), 'changed');
    await assert.rejects(lstat(join(root, 'etc/gone')), /ENOENT/);
    await assert.rejects(lstat(join(root, 'dir-gone')), /ENOENT/);
    await assert.rejects(lstat(join(root, 'etc/.wh.gone')), /ENOENT/);
    assert.deepEqual((await readdir(join(root, 'opq'))).sort(), ['new']);
    const u = await stat(join(root, 'home/u'));
    assert.deepEqual([u.uid, u.gid, u.mode & 0o7777, u.mtimeMs], [1000, 1000, 0o700, 1_500_000_000_000]);
    const s = await stat(join(root, 'home/u/secret'));
    assert.deepEqual([s.uid, s.gid, s.mode & 0o7777, s.mtimeMs], [1000, 1001, 0o600, 1_400_000_000_000]);
    assert.equal((await stat(join(root, 'bin'))).mode & 0o7777, 0o555);
    const su = await stat(join(root, 'bin/su'));
    assert.equal(su.mode & 0o7777, 0o4755);
    assert.equal(await readlink(join(root, 'bin/sh-link')), '/bin/su');
    assert.equal(await readlink(join(root, 'lib')), 'usr/lib');
    assert.equal(await readlink(join(root, 'nodir/rel')), '../../../../escapes');
    assert.equal((await stat(join(root, 'bin/hard'))).ino, su.ino);
    assert.deepEqual(await readdir(join(root, 'dev')), []);
    // The same chain again is the same directory, not a rebuild.
    assert.equal(await store.build(id, []), root);
    // What the runtime derives from it (its init layers) lives beside it and goes with it.
    await mkdir(join(derivedDirOf(root), 'layer-1', 'etc'), { recursive: true });
    assert.deepEqual(await store.list(), [id]);
    await store.remove(id);
    assert.deepEqual(await store.list(), []);
    assert.deepEqual((await readdir(join(dir, 'rootfs'))).length, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a diffID mismatch fails the build and leaves no rootfs; zstd is refused clearly', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-unpack-'));
  try {
    const [l] = await layerFiles(dir, [[{ path: 'a', content: 'a' }]], false);
    const store = new RootfsStore(dir);
    await store.init();
    const bad = { ...l, diffId: digestOf('other') };
    await assert.rejects(store.build(bad.diffId, [bad]), /uncompressed content has digest sha256:/);
    assert.deepEqual(await readdir(join(dir, 'rootfs')), []);
    const z = join(dir, 'z');
    await writeFile(z, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]));
    await assert.rejects(
      store.build(digestOf('z'), [{ file: z, diffId: digestOf('z') }]),
      /zstd-compressed layers are not supported/,
    );
    // Uncompressed layers work.
    const root = await store.build(l.diffId, [l]);
    assert.equal(await readFile(join(root, 'a'), 'utf8'), 'a');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('init removes half-built trees left by a crash', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-unpack-'));
  try {
    const store = new RootfsStore(dir);
    await store.init();
    await writeFile(join(dir, 'rootfs', '.tmp-crashed'), 'x');
    await new RootfsStore(dir).init();
    assert.deepEqual(await readdir(join(dir, 'rootfs')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
