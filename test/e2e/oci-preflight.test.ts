/**
 * @module test/e2e/oci-preflight
 * `kubeling up --runtime oci` where the oci runtime cannot run exits before starting anything, saying
 * exactly what is missing; `--runtime auto` falls back to sim there. Run as an unprivileged user
 * (setpriv), which is the one missing piece that can be shown without uninstalling anything.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const KUBELING = join(REPO_ROOT, 'bin', 'kubeling.js');
const skip =
  process.getuid?.() !== 0
    ? 'needs root to run kubeling as another user'
    : spawnSync('setpriv', ['--version']).status !== 0
      ? 'setpriv (util-linux) is missing'
      : undefined;

const asNobody = (args: string[], home: string) => [
  '--reuid=65534', '--regid=65534', '--clear-groups', 'env', `HOME=${home}`, process.execPath, KUBELING, ...args,
]; // prettier-ignore

test(
  '--runtime oci as a non-root user is refused with what is missing; auto falls back to sim',
  { skip },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeling-e2e-preflight-'));
    chmodSync(dir, 0o777);
    try {
      const refused = spawnSync(
        'setpriv',
        asNobody(['up', '--runtime', 'oci', '--data-dir', join(dir, 'a'), '--port', '0'], dir),
        {
          encoding: 'utf8',
          timeout: 20_000,
        },
      );
      assert.equal(refused.status, 1);
      assert.equal(
        refused.stderr.trim(),
        'kubeling: --runtime oci cannot run on this machine:\n  - the oci runtime needs root (run kubeling as root)',
      );
      const child = spawn(
        'setpriv',
        asNobody(
          ['up', '--runtime', 'auto', '--data-dir', join(dir, 'b'), '--port', '0', '--log-level', 'info'],
          dir,
        ),
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no fallback line in:\n${out}`)), 20_000);
          const check = () => {
            if (/runtime auto: using sim \(oci cannot run here: the oci runtime needs root/.test(out)) {
              clearTimeout(timer);
              resolve();
            }
          };
          child.stdout.on('data', check);
          child.stderr.on('data', check);
        });
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
