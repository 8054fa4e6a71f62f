import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkOciHost } from './preflight.js';

test('a host without the tools is refused with exactly what to install', () => {
  const empty = mkdtempSync(join(tmpdir(), 'kubeling-test-preflight-'));
  try {
    const r = checkOciHost({ uid: 1000, path: [empty], cniDirs: [empty] });
    assert.equal(r.ok, false);
    assert.equal(r.tools, undefined);
    assert.deepEqual(r.problems.slice(0, 4), [
      'the oci runtime needs root (run kubeling as root)',
      'runc is not installed (Debian/Ubuntu: apt-get install runc)',
      'conmon is not installed (Debian/Ubuntu: apt-get install conmon)',
      `the CNI plugins bridge, host-local, loopback, portmap are not in ${empty} (Debian/Ubuntu: apt-get install containernetworking-plugins)`,
    ]);
    assert.ok(r.problems.includes('ip is not installed (Debian/Ubuntu: apt-get install iproute2)'));
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
