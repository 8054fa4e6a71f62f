import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { linuxMounter, mountPointsUnder, parseMountPoints } from './mounter.js';

const isRoot = process.getuid?.() === 0;

describe('mounter', () => {
  it('parses mountinfo mount points (octal escapes) and picks those under a dir, deepest first', () => {
    const info = [
      '22 1 8:1 / / rw - ext4 /dev/sda1 rw',
      '30 22 0:40 / /var/lib/k/pods/u/volumes/x rw - tmpfs tmpfs rw',
      '31 30 0:41 / /var/lib/k/pods/u/volumes/x/in\\040side rw - tmpfs tmpfs rw',
      '32 22 0:42 / /var/lib/k/pods/u2 rw - tmpfs tmpfs rw',
    ].join('\n');
    const points = parseMountPoints(info);
    assert.deepEqual(points[2], '/var/lib/k/pods/u/volumes/x/in side');
    assert.deepEqual(mountPointsUnder(points, '/var/lib/k/pods/u'), [
      '/var/lib/k/pods/u/volumes/x/in side',
      '/var/lib/k/pods/u/volumes/x',
    ]);
  });

  it(
    'mounts a sized tmpfs and unmounts it',
    { skip: isRoot ? false : 'mount(8) needs root; the oci agent runs as root' },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'kubeling-tmpfs-'));
      try {
        await linuxMounter.mountTmpfs(dir, 1024 * 1024);
        assert.deepEqual(await linuxMounter.mountsUnder(dir), [dir]);
        const info = await readFile('/proc/self/mountinfo', 'utf8');
        const line = info.split('\n').find((l) => l.split(' ')[4] === dir) ?? '';
        assert.match(line, / - tmpfs tmpfs .*size=1024k/);
        await writeFile(join(dir, 'f'), 'x');
        await linuxMounter.unmount(dir);
        assert.deepEqual(await linuxMounter.mountsUnder(dir), []);
      } finally {
        await linuxMounter.unmount(dir).catch(() => {});
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
