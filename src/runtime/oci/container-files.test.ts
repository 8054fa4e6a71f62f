import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { targetPidNamespace } from './container-files.js';
import type { ContainerRecord } from './records.js';

test("a container targeting another joins the running target's PID namespace, in its own pod only", (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeling-target-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  /** A record whose conmon pid file names `pid`, or none (never started). */
  const rec = (id: string, sandboxId: string, pid?: number) => {
    const d = join(dir, id);
    mkdirSync(d);
    if (pid !== undefined) writeFileSync(join(d, 'pid'), `${pid}\n`);
    return [id, { id, sandboxId, dir: d } as ContainerRecord] as const;
  };
  const containers = new Map([
    rec('running', 'sb1', process.pid),
    rec('never-started', 'sb1'),
    rec('other-pod', 'sb2', process.pid),
  ]);
  assert.equal(targetPidNamespace(containers, 'sb1', undefined), undefined);
  assert.equal(targetPidNamespace(containers, 'sb1', 'running'), `/proc/${process.pid}/ns/pid`);
  for (const id of ['never-started', 'other-pod', 'missing'])
    assert.throws(
      () => targetPidNamespace(containers, 'sb1', id),
      new RegExp(`target container ${id} is not running in sandbox sb1`),
    );
});
