import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hostDevices, splitDeviceNumber } from './host-devices.js';

test('device numbers split as the kernel encodes them', () => {
  assert.deepEqual(splitDeviceNumber(0x103n), { major: 1, minor: 3 });
  assert.deepEqual(splitDeviceNumber(0xfe00n), { major: 254, minor: 0 });
  // A large minor spills into bits 20-31, a large major into bits 32 and up.
  assert.deepEqual(splitDeviceNumber(0x1234_5678n), { major: 0x456, minor: 0x12378 });
  assert.deepEqual(splitDeviceNumber(0x5000_0000_0000n | 0x103n), { major: 0x5001, minor: 3 });
});

test("the host's /dev: its character devices with their numbers and modes", async () => {
  const devs = await hostDevices();
  const nul = devs.find((d) => d.path === '/dev/null');
  assert.deepEqual(nul, {
    path: '/dev/null',
    type: 'c',
    major: 1,
    minor: 3,
    fileMode: 0o666,
    uid: 0,
    gid: 0,
  });
  assert.ok(!devs.some((d) => d.path === '/dev/console'), 'the runtime makes /dev/console itself');
  assert.ok(!devs.some((d) => d.path.startsWith('/dev/pts/')), 'pts is the container’s own');
});

test('walks subdirectories but skips pts, shm, fd, mqueue, fifos and plain files', async (t) => {
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'kubeling-devs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const sub of ['net', 'pts', 'shm', 'fd', 'mqueue']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'plain'), '');
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  if (!isRoot) {
    assert.deepEqual(await hostDevices(dir), [], 'no device nodes, nothing found');
    return;
  }
  execFileSync('mknod', ['-m', '600', join(dir, 'net', 'tun'), 'c', '10', '200']);
  execFileSync('mknod', ['-m', '660', join(dir, 'loop9'), 'b', '7', '9']);
  execFileSync('mknod', [join(dir, 'pts', 'ptmx'), 'c', '5', '2']);
  execFileSync('mknod', [join(dir, 'console'), 'c', '5', '1']);
  assert.deepEqual(await hostDevices(dir), [
    { path: join(dir, 'loop9'), type: 'b', major: 7, minor: 9, fileMode: 0o660, uid: 0, gid: 0 },
    { path: join(dir, 'net', 'tun'), type: 'c', major: 10, minor: 200, fileMode: 0o600, uid: 0, gid: 0 },
  ]);
});
