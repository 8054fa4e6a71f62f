import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { inRoot, userDbOf } from './users.js';

test("users and groups come from the image's own /etc/passwd and /etc/group, members included", (t) => {
  const root = mkdtempSync(join(tmpdir(), 'kubeling-users-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n');
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\napp:x:1000:app\nvideo:x:44:root,app\naudio:x:63:app\n');
  const db = userDbOf(root);
  assert.deepEqual(db.lookupUser('app'), { uid: 1000, gid: 1000 });
  assert.equal(db.lookupGroup('audio'), 63);
  // The user's own-named group is its primary group, not a supplementary one.
  assert.deepEqual(db.lookupMemberGids(1000), [44, 63]);
  assert.deepEqual(db.lookupMemberGids(0), [44]);
  assert.deepEqual(db.lookupMemberGids(4242), []);
});

test("the image's symlinks are resolved inside its rootfs, never onto the host's files", (t) => {
  const root = mkdtempSync(join(tmpdir(), 'kubeling-users-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(root, 'data'));
  // Absolute links mean the image's own root (the host has no /kubeling-image-only).
  mkdirSync(join(root, 'kubeling-image-only'));
  writeFileSync(join(root, 'kubeling-image-only/passwd'), 'app:x:1000:1000::/:/bin/sh\n');
  symlinkSync('/kubeling-image-only/passwd', join(root, 'etc/passwd'));
  writeFileSync(join(root, 'data/group'), 'app:x:1000:\nops:x:7:app\n');
  symlinkSync('../../../../../data/group', join(root, 'etc/group'));
  const db = userDbOf(root);
  assert.deepEqual(db.lookupUser('app'), { uid: 1000, gid: 1000 });
  assert.equal(db.lookupGroup('ops'), 7);
  assert.equal(inRoot(root, 'etc/../../../etc/shadow'), join(root, 'etc/shadow'));
  symlinkSync('loop', join(root, 'loop'));
  assert.throws(() => inRoot(root, 'loop'), /too many levels/);
});
