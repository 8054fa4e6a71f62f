import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { bundleLowerDirs, copyRootfs, lowerDirsInUse, overlayMountable, overlayOptions } from './rootfs.js';

const root = process.getuid?.() === 0;

test('overlay options put the init layer above the image and the container layer on top', () => {
  assert.deepEqual(overlayOptions('/img/root', '/layers/c1', '/img/root.init/x'), [
    'lowerdir=/img/root.init/x:/img/root',
    'upperdir=/layers/c1/upper',
    'workdir=/layers/c1/work',
  ]);
  assert.deepEqual(overlayOptions('/img/root', '/layers/c1')[0], 'lowerdir=/img/root');
});

test("a bundle's lower dirs are those of its root overlay; other specs have none", () => {
  const spec = (mounts: unknown[]) => JSON.stringify({ root: { path: '/r' }, mounts });
  const overlay = {
    destination: '/',
    type: 'overlay',
    source: 'overlay',
    options: overlayOptions('/a', '/l', '/i'),
  };
  assert.deepEqual(bundleLowerDirs(spec([overlay, { destination: '/proc', type: 'proc' }])), ['/i', '/a']);
  assert.deepEqual(
    bundleLowerDirs(spec([{ destination: '/data', type: 'overlay', options: ['lowerdir=/x'] }])),
    [],
  );
  assert.deepEqual(bundleLowerDirs(spec([])), []);
  assert.deepEqual(bundleLowerDirs('{not json'), []);
});

test("the lower dirs in use are read from every container's config.json", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-rootfs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const write = async (id: string, text: string) => {
    await mkdir(join(dir, id), { recursive: true });
    await writeFile(join(dir, id, 'config.json'), text);
  };
  await write('c1', JSON.stringify({ mounts: [{ destination: '/', type: 'overlay', options: overlayOptions('/img/one', '/l/c1') }] }));
  await write('c2', JSON.stringify({ mounts: [{ destination: '/', type: 'overlay', options: overlayOptions('/img/two', '/l/c2', '/img/two.init/k') }] }));
  await mkdir(join(dir, 'half-made'));
  const dirs = await lowerDirsInUse(dir);
  for (const d of ['/img/one', '/img/two', '/img/two.init/k']) assert.ok(dirs.includes(d), d);
  assert.deepEqual(await lowerDirsInUse(join(dir, 'missing')), await lowerDirsInUse(join(dir, 'half-made')));
}); // prettier-ignore

test('a copy holds the image files', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-rootfs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'image', 'etc'), { recursive: true });
  await writeFile(join(dir, 'image', 'etc', 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
  await mkdir(join(dir, 'rootfs'));
  await copyRootfs(join(dir, 'image'), join(dir, 'rootfs'));
  assert.equal(await readFile(join(dir, 'rootfs', 'etc', 'passwd'), 'utf8'), 'root:x:0:0::/root:/bin/sh\n');
  await assert.rejects(copyRootfs(join(dir, 'nothing'), join(dir, 'rootfs')), /cannot prepare the rootfs/);
});

test(
  'overlay is found mountable once per layers dir, and the probe leaves nothing behind',
  { skip: root ? false : 'mounting an overlay needs root (the oci runtime runs as root)' },
  async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeling-rootfs-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    for (const d of ['image', 'layers', 'other']) await mkdir(join(dir, d));
    const first = overlayMountable(join(dir, 'image'), join(dir, 'layers'));
    assert.equal(overlayMountable(join(dir, 'image'), join(dir, 'layers')), first, 'asked once');
    assert.equal(await first, true);
    assert.deepEqual(await readdir(join(dir, 'layers')), []);
    const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
    assert.equal(mountinfo.includes(dir), false, 'nothing stays mounted');
    // A lower dir that is not there cannot be mounted over: said once, with the reason.
    const said: string[] = [];
    const other = join(dir, 'other');
    assert.equal(await overlayMountable(join(dir, 'nothing'), other, (m) => said.push(m)), false);
    assert.equal(await overlayMountable(join(dir, 'nothing'), other, (m) => said.push(m)), false);
    assert.equal(said.length, 1);
    assert.match(
      said[0],
      new RegExp(`^overlay cannot be mounted over ${other} \\(.+\\): each container gets a copy`),
    );
    assert.deepEqual(await readdir(other), []);
  },
);
