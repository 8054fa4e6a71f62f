/**
 * @module util/launcher/launcher.conformance
 * The tests every Launcher passes (./node-launcher.ts and ./perl-launcher.ts): exit codes and
 * signals, output, stdin, environment and working directory, a missing command, the time limit,
 * the fd 3 pipe with `until`, many at once, mounts and namespaces pinned on files (as root), and
 * sealed copies where the launcher can make them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseMountPoints } from '../mountinfo.js';
import { whichIn, pathDirs } from '../which.js';
import type { Launcher } from './launcher.js';

const isRoot = process.getuid?.() === 0;

const mountedAt = async (dir: string) =>
  parseMountPoints(await readFile('/proc/self/mountinfo', 'utf8')).includes(dir);

export function runLauncherConformance(name: string, make: () => Launcher, caps: { seals: boolean }): void {
  describe(`launcher conformance: ${name}`, () => {
    const l = make();
    after(() => l.close());

    it('gives the exit code, stdout and stderr', async () => {
      const r = await l.run('sh', ['-c', 'echo out; echo err >&2; exit 3']);
      assert.equal(r.code, 3);
      assert.equal(r.stdout.toString(), 'out\n');
      assert.equal(r.stderr.toString(), 'err\n');
      assert.equal(r.timedOut, false);
    });

    it('gives 128+n for a command ended by signal n', async () => {
      assert.equal((await l.run('sh', ['-c', 'kill -SEGV $$'])).code, 139);
      assert.equal((await l.run('sh', ['-c', 'kill -TERM $$'])).code, 143);
    });

    it('feeds stdin, binary and larger than a pipe holds', async () => {
      const input = Buffer.alloc(300_000);
      for (let i = 0; i < input.length; i++) input[i] = i % 251;
      const r = await l.run('cat', [], { input });
      assert.equal(r.code, 0);
      assert.ok(r.stdout.equals(input));
    });

    it('replaces the environment when given one, and runs in cwd', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'kubeling-launcher-'));
      try {
        const r = await l.run('/bin/sh', ['-c', 'echo "$A|${B-unset}|$(pwd)"'], {
          env: { A: 'x=y z', PATH: '/usr/bin:/bin' },
          cwd: dir,
        });
        assert.equal(r.stdout.toString(), `x=y z|unset|${dir}\n`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('runs a command at a lower priority when asked', async () => {
      const base = Number((await l.run('sh', ['-c', 'cut -d" " -f19 /proc/self/stat'])).stdout.toString());
      const r = await l.run('sh', ['-c', 'cut -d" " -f19 /proc/self/stat'], { nice: 5 });
      assert.equal(Number(r.stdout.toString()), Math.min(19, base + 5));
    });

    it('answers 127 with "spawn <cmd> ENOENT" for a command that is not there', async () => {
      const r = await l.run('kubeling-no-such-command', ['x']);
      assert.equal(r.code, 127);
      assert.match(r.stderr.toString(), /spawn kubeling-no-such-command ENOENT/);
    });

    it('kills a command that outlives its time limit', async () => {
      const started = Date.now();
      const r = await l.run('sleep', ['30'], { timeoutMs: 200 });
      assert.equal(r.timedOut, true);
      assert.equal(r.code, 137);
      assert.ok(Date.now() - started < 10_000);
    });

    it('answers at the time limit though what the command left running holds its pipes', async () => {
      const started = Date.now();
      const r = await l.run('sh', ['-c', 'sleep 2 & exec sleep 30'], { timeoutMs: 200 });
      assert.equal(r.timedOut, true);
      assert.ok(Date.now() - started < 1500, `answered after ${Date.now() - started} ms`);
    });

    it('reads fd 3 and stops waiting when `until` says so, while the command runs on', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'kubeling-launcher-'));
      const mark = join(dir, 'later');
      try {
        const r = await l.run(
          'sh',
          ['-c', `echo '{"pid":42}' >&3; echo noise >&2; sleep 0.3; echo late >&3; echo done > ${mark}`],
          { fd3: true, until: (so) => so.fd3.includes('\n') },
        );
        assert.equal(r.code, -1);
        assert.equal(r.fd3.toString(), '{"pid":42}\n');
        // It ran on after the wait ended, though nobody reads it any more.
        for (let i = 0; i < 100 && !(await readFile(mark, 'utf8').catch(() => '')); i++)
          await new Promise((res) => setTimeout(res, 50));
        assert.equal(await readFile(mark, 'utf8'), 'done\n');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('gives fd 3 whole at exit when `until` never says so', async () => {
      const r = await l.run('sh', ['-c', 'printf a >&3; printf b >&3'], { fd3: true, until: () => false });
      assert.equal(r.code, 0);
      assert.equal(r.fd3.toString(), 'ab');
    });

    it('runs many at once, each answer with its own command', async () => {
      const rs = await Promise.all(
        Array.from({ length: 40 }, (_, i) => l.run('sh', ['-c', `echo ${i}; exit ${i % 7}`])),
      );
      rs.forEach((r, i) => {
        assert.equal(r.stdout.toString(), `${i}\n`);
        assert.equal(r.code, i % 7);
      });
    });

    it('gives all of a large output', async () => {
      const r = await l.run('sh', ['-c', 'head -c 2000000 /dev/zero']);
      assert.equal(r.stdout.length, 2_000_000);
    });

    it(caps.seals ? 'runs a command from a sealed copy at fd 9' : 'makes no sealed copy', async () => {
      const readlink = whichIn('readlink', pathDirs())!;
      assert.equal(await l.seal(readlink), caps.seals);
      if (!caps.seals) {
        const r = await l.run('sh', ['-c', 'test -e /proc/self/fd/9 && echo open || echo none'], {
          sealed: readlink,
        });
        assert.equal(r.stdout.toString(), 'none\n');
        return;
      }
      const dir = await mkdtemp(join(tmpdir(), 'kubeling-launcher-seal-'));
      try {
        // The way runc is run from its copy: a symlink to fd 9, followed by the exec itself.
        const link = join(dir, 'readlink');
        await symlink('/proc/self/fd/9', link);
        const r = await l.run(link, ['/proc/self/exe'], { sealed: readlink });
        assert.equal(r.code, 0, r.stderr.toString());
        assert.match(r.stdout.toString(), /^\/memfd:kubeling-sealed \(deleted\)\n$/);
        // Nothing can write to it, and a command not given the copy has no fd 9.
        const w = await l.run('sh', ['-c', 'echo x >> /proc/self/fd/9; stat -L -c %s /proc/self/fd/9'], {
          sealed: readlink,
        });
        assert.match(w.stderr.toString(), /error|not permitted/i);
        assert.equal(Number(w.stdout.toString()), (await stat(readlink)).size);
        const none = await l.run('sh', ['-c', 'test -e /proc/self/fd/9 && echo open || echo none']);
        assert.equal(none.stdout.toString(), 'none\n');
        const missing = await l.run('true', [], { sealed: join(dir, 'no-such-file') });
        assert.equal(missing.code, 127);
        assert.match(missing.stderr.toString(), /ENOENT/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it(
      'mounts a tmpfs with flags and data, and unmounts it (lazily too)',
      { skip: isRoot ? false : 'mount(2) needs root; the oci agent runs as root' },
      async () => {
        const dir = await mkdtemp(join(tmpdir(), 'kubeling-launcher-mnt-'));
        try {
          await l.mount({
            source: 'tmpfs',
            target: dir,
            fstype: 'tmpfs',
            options: ['nosuid', 'nodev', 'size=1m', 'mode=0700'],
          });
          assert.ok(await mountedAt(dir));
          const line = (await readFile('/proc/self/mountinfo', 'utf8'))
            .split('\n')
            .find((x) => x.split(' ')[4] === dir)!;
          assert.match(line, /nosuid,nodev/);
          assert.match(line, / - tmpfs tmpfs rw,size=1024k,mode=700/);
          await l.mount({ source: '', target: dir, fstype: '', options: ['private'] });
          const after = (await readFile('/proc/self/mountinfo', 'utf8'))
            .split('\n')
            .find((x) => x.split(' ')[4] === dir)!;
          assert.doesNotMatch(after.split(' - ')[0], /shared:/, 'a private mount propagates nothing');
          await writeFile(join(dir, 'f'), 'x');
          await l.unmount(dir, { detach: true });
          assert.equal(await mountedAt(dir), false);
          await assert.rejects(l.unmount(dir), /umount|not mounted|Invalid argument/i);
          await assert.rejects(
            l.mount({ source: 'x', target: join(dir, 'missing'), fstype: 'kubeling-no-such-fs' }),
            /./,
          );
        } finally {
          await l.unmount(dir).catch(() => {});
          await rm(dir, { recursive: true, force: true });
        }
      },
    );

    it(
      'pins new IPC and network namespaces on files, with lo up',
      { skip: isRoot ? false : 'namespaces and mount(2) need root; the oci agent runs as root' },
      async () => {
        const dir = await mkdtemp(join(tmpdir(), 'kubeling-launcher-ns-'));
        const [ipc, net, ipc2] = ['ipc', 'net', 'ipc2'].map((f) => join(dir, f));
        try {
          for (const f of [ipc, net, ipc2]) await writeFile(f, '');
          await l.pinNamespaces({ ipc, net });
          const inode = async (f: string) => (await stat(f)).ino;
          assert.notEqual(await inode(ipc), await inode('/proc/self/ns/ipc'));
          assert.notEqual(await inode(net), await inode('/proc/self/ns/net'));
          const lo = await l.run('nsenter', [`--net=${net}`, 'ip', '-o', 'link', 'show']);
          assert.equal(lo.code, 0, lo.stderr.toString());
          assert.match(lo.stdout.toString(), /^1: lo: <LOOPBACK,UP,LOWER_UP>/);
          assert.equal(lo.stdout.toString().trim().split('\n').length, 1, 'a new namespace has only lo');
          // Without a network (hostNetwork): an IPC namespace alone.
          await l.pinNamespaces({ ipc: ipc2, nice: 5 });
          assert.notEqual(await inode(ipc2), await inode(ipc));
          await assert.rejects(
            l.pinNamespaces({ ipc: join(dir, 'missing', 'ipc') }),
            /No such file|ENOENT|exited|cannot/i,
          );
        } finally {
          for (const f of [ipc, net, ipc2]) await l.unmount(f, { detach: true }).catch(() => {});
          await rm(dir, { recursive: true, force: true });
        }
      },
    );

    it(
      'bind-mounts read-only',
      { skip: isRoot ? false : 'mount(2) needs root; the oci agent runs as root' },
      async () => {
        const src = await mkdtemp(join(tmpdir(), 'kubeling-launcher-src-'));
        const dst = await mkdtemp(join(tmpdir(), 'kubeling-launcher-dst-'));
        try {
          await writeFile(join(src, 'f'), 'hello');
          await l.mount({ source: src, target: dst, fstype: '', options: ['bind'] });
          assert.equal(await readFile(join(dst, 'f'), 'utf8'), 'hello');
          await l.unmount(dst);
        } finally {
          await l.unmount(dst).catch(() => {});
          await rm(src, { recursive: true, force: true });
          await rm(dst, { recursive: true, force: true });
        }
      },
    );
  });
}
