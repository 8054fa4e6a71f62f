import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spreadSubdirectories } from './spread-dirs.js';
import { hostLauncher } from './host.js';

const fsType = (dir: string) =>
  spawnSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).stdout.trim();
const ext = /^ext2\/ext3$/.test(fsType(tmpdir()));

describe('spreadSubdirectories', () => {
  it(
    'sets the top-directory flag on an ext2/3/4 directory',
    { skip: ext ? false : `${tmpdir()} is ${fsType(tmpdir())}, not ext2/3/4` },
    async () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'kubeling-spread-')), 'pods');
      try {
        assert.equal(await spreadSubdirectories(dir), true);
        const attrs = spawnSync('lsattr', ['-d', dir], { encoding: 'utf8' }).stdout.split(' ')[0];
        assert.match(attrs, /T/);
      } finally {
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
    },
  );

  it(
    'answers false where the file system has no such flag (tmpfs)',
    { skip: existsSync('/dev/shm') && fsType('/dev/shm') === 'tmpfs' ? false : 'no tmpfs at /dev/shm' },
    async () => {
      const dir = mkdtempSync('/dev/shm/kubeling-spread-');
      try {
        assert.equal(await spreadSubdirectories(dir), false);
        // A directory not there yet is made, hint or not.
        assert.equal(await spreadSubdirectories(join(dir, 'new', 'pods')), false);
        assert.ok(existsSync(join(dir, 'new', 'pods')));
      } finally {
        rmSync(dir, { recursive: true, force: true });
        hostLauncher().close();
      }
    },
  );
});
