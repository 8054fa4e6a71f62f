import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overlayLowerDirs, parseMountPoints } from './mountinfo.js';

const MOUNTINFO = [
  '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '40 22 0:33 / /data/with\\040space rw - tmpfs tmpfs rw,size=1024k',
  '51 40 0:45 / /run/c1/rootfs rw,relatime - overlay overlay rw,lowerdir=/img/init/l1:/img/rootfs/abc,upperdir=/l/c1/upper,workdir=/l/c1/work',
  '52 40 0:46 / /run/c2/rootfs rw,relatime shared:9 - overlay overlay rw,lowerdir=/img/rootfs/d\\040e,upperdir=/l/c2/upper,workdir=/l/c2/work',
  '',
].join('\n');

test('mount points, with the kernel octal escapes undone', () => {
  assert.deepEqual(parseMountPoints(MOUNTINFO), [
    '/',
    '/data/with space',
    '/run/c1/rootfs',
    '/run/c2/rootfs',
  ]);
});

test('the lower directories of overlay mounts only, every one of a stack', () => {
  assert.deepEqual(overlayLowerDirs(MOUNTINFO), ['/img/init/l1', '/img/rootfs/abc', '/img/rootfs/d e']);
});
