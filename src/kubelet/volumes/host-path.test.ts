import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkHostPathType } from './host-path.js';

let root = '';
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'kubeling-hp-'));
  await mkdir(join(root, 'dir'));
  await writeFile(join(root, 'file'), 'x');
});
after(() => rm(root, { recursive: true, force: true }));

describe('hostPath type check', () => {
  it('"" checks nothing, even for a missing path', async () => {
    await checkHostPathType(join(root, 'missing'), '');
    await checkHostPathType(join(root, 'missing'), undefined);
  });

  it('DirectoryOrCreate makes the directory (0755, with parents); FileOrCreate an empty 0644 file', async () => {
    const d = join(root, 'new/deep/dir');
    await checkHostPathType(d, 'DirectoryOrCreate');
    assert.ok((await stat(d)).isDirectory());
    assert.equal((await stat(d)).mode & 0o777, 0o755 & ~process.umask());
    const f = join(root, 'newfile');
    await checkHostPathType(f, 'FileOrCreate');
    const st = await stat(f);
    assert.ok(st.isFile());
    assert.equal(st.size, 0);
    assert.equal(st.mode & 0o777, 0o644 & ~process.umask());
  });

  it("FileOrCreate needs the parent: Go's open error", async () => {
    const f = join(root, 'nope/file');
    await assert.rejects(checkHostPathType(f, 'FileOrCreate'), {
      message: `open ${f}: no such file or directory`,
    });
  });

  it('wrong or missing types fail with upstream wording', async () => {
    await assert.rejects(checkHostPathType(join(root, 'file'), 'Directory'), {
      message: `hostPath type check failed: ${join(root, 'file')} is not a directory`,
    });
    await assert.rejects(checkHostPathType(join(root, 'dir'), 'File'), {
      message: `hostPath type check failed: ${join(root, 'dir')} is not a file`,
    });
    await assert.rejects(checkHostPathType(join(root, 'file'), 'DirectoryOrCreate'), {
      message: `hostPath type check failed: ${join(root, 'file')} is not a directory`,
    });
    await assert.rejects(checkHostPathType(join(root, 'missing'), 'Directory'), {
      message: `hostPath type check failed: ${join(root, 'missing')} is not a directory`,
    });
    await assert.rejects(checkHostPathType('/dev/null', 'BlockDevice'), {
      message: 'hostPath type check failed: /dev/null is not a block device',
    });
    await assert.rejects(checkHostPathType(join(root, 'file'), 'Socket'), {
      message: `hostPath type check failed: ${join(root, 'file')} is not a socket file`,
    });
    await assert.rejects(checkHostPathType(root, 'Bogus'), { message: 'Bogus is an invalid volume type' });
  });

  it('accepts the right types: Directory, File, CharDevice, Socket', async () => {
    await checkHostPathType(join(root, 'dir'), 'Directory');
    await checkHostPathType(join(root, 'file'), 'File');
    await checkHostPathType('/dev/null', 'CharDevice');
    const sock = join(root, 's.sock');
    const server = createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      await checkHostPathType(sock, 'Socket');
    } finally {
      server.close();
    }
  });
});
