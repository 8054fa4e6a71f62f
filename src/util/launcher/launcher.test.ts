import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathDirs, whichIn } from '../which.js';
import { mountFlags } from './launcher.js';
import { runLauncherConformance } from './launcher.conformance.js';
import { NodeLauncher } from './node-launcher.js';
import { PerlLauncher, perlLauncherSupported } from './perl-launcher.js';

runLauncherConformance('node', () => new NodeLauncher(), { seals: false });
if (perlLauncherSupported()) runLauncherConformance('perl', () => new PerlLauncher(), { seals: true });

describe('mount options', () => {
  it('splits mount(8) words into mount(2) flags and the data string', () => {
    assert.deepEqual(mountFlags(['ro', 'nosuid', 'nodev', 'noexec', 'mode=1777', 'size=65536k']), {
      flags: 1 | 2 | 4 | 8,
      data: 'mode=1777,size=65536k',
    });
    assert.deepEqual(mountFlags(['bind']), { flags: 4096, data: '' });
    assert.deepEqual(mountFlags(), { flags: 0, data: '' });
  });
});

describe(
  'perl launcher',
  { skip: perlLauncherSupported() ? false : 'no mount(2) numbers for this architecture' },
  () => {
    it('starts a new helper when the old one ended, failing what was under way with 127', async () => {
      const l = new PerlLauncher();
      try {
        const first = l.run('sleep', ['1']);
        // The helper is the only child named so; ending it must not hang the caller.
        const helper = (l as unknown as { child: { pid: number } }).child.pid;
        process.kill(helper, 'SIGKILL');
        const r = await first;
        assert.equal(r.code, 127);
        assert.match(r.stderr.toString(), /launcher helper ended/);
        assert.equal((await l.run('sh', ['-c', 'echo again'])).stdout.toString(), 'again\n');
      } finally {
        l.close();
      }
    });

    it('makes a sealed copy again for a new helper: the old copy went with the old helper', async () => {
      const l = new PerlLauncher();
      const dir = await mkdtemp(join(tmpdir(), 'kubeling-launcher-reseal-'));
      try {
        const readlink = whichIn('readlink', pathDirs())!;
        const link = join(dir, 'readlink');
        await symlink('/proc/self/fd/9', link);
        assert.equal(await l.seal(readlink), true);
        process.kill((l as unknown as { child: { pid: number } }).child.pid, 'SIGKILL');
        await new Promise((r) => setTimeout(r, 50));
        const r = await l.run(link, ['/proc/self/exe'], { sealed: readlink });
        assert.equal(r.code, 0, r.stderr.toString());
        assert.match(r.stdout.toString(), /^\/memfd:kubeling-sealed/);
      } finally {
        l.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);
