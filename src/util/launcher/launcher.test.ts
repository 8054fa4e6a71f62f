import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mountFlags } from './launcher.js';
import { runLauncherConformance } from './launcher.conformance.js';
import { NodeLauncher } from './node-launcher.js';
import { PerlLauncher, perlLauncherSupported } from './perl-launcher.js';

runLauncherConformance('node', () => new NodeLauncher());
if (perlLauncherSupported()) runLauncherConformance('perl', () => new PerlLauncher());

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
  },
);
