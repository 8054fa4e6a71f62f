import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostLauncher } from '../../util/launcher/host.js';
import {
  findCatatonit,
  pidHolderAlive,
  pidNamespaceOfHolder,
  startPidHolder,
  stopPidHolder,
} from './pid-holder.js';

const skip =
  process.getuid?.() !== 0
    ? 'a new PID namespace needs root (the oci runtime runs as root)'
    : !findCatatonit()
      ? 'catatonit is not installed (scripts/setup.sh installs it)'
      : false;

test('a holder is PID 1 of a new PID namespace, named /pause, until stopped', { skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeling-pid-holder-'));
  let pid = 0;
  t.after(async () => {
    if (pid) await stopPidHolder(pid);
    rmSync(dir, { recursive: true, force: true });
  });
  pid = await startPidHolder(hostLauncher(), dir);
  assert.ok(pidHolderAlive(pid));
  assert.deepEqual(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 2), ['/pause', '-P']);
  assert.equal(readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), 'pause');
  assert.notEqual(readlinkSync(pidNamespaceOfHolder(pid)), readlinkSync('/proc/self/ns/pid'));
  // In its own namespace it is PID 1 (NSpid lists the pid in each namespace, outermost first).
  assert.match(readFileSync(`/proc/${pid}/status`, 'utf8'), new RegExp(`^NSpid:\\s+${pid}\\s+1$`, 'm'));

  assert.match(readFileSync(`/proc/${pid}/status`, 'utf8'), /^CapEff:\s+0{16}$/m, 'no capabilities');
  assert.match(readFileSync(`/proc/${pid}/status`, 'utf8'), /^CapBnd:\s+0{16}$/m);

  await stopPidHolder(pid);
  assert.equal(pidHolderAlive(pid), false, 'gone once stopPidHolder resolves');
  assert.equal(pidHolderAlive(process.pid), false, 'another process is never taken for a holder');
});

test('without catatonit the sandbox is refused with what to install', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeling-pid-holder-'));
  try {
    await assert.rejects(
      startPidHolder(hostLauncher(), dir, ''),
      /shareProcessNamespace needs catatonit as the PID 1 of the pod \(apt-get install catatonit\)/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
