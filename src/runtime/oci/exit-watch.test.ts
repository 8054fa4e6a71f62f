import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { realClock } from '../../util/clock.js';
import { ExitWatch } from './exit-watch.js';
import type { ContainerRecord } from './records.js';
import type { Runc } from './runc.js';

function setUp(t: { after(fn: () => void): void }) {
  const root = mkdtempSync(join(tmpdir(), 'kubeling-exit-watch-'));
  const exitDir = join(root, 'exits');
  mkdirSync(exitDir);
  const containers = new Map<string, ContainerRecord>();
  const exited: string[] = [];
  const watch = new ExitWatch({
    exitDir,
    clock: realClock,
    runc: {} as Runc,
    containers,
    onExit: (rec) => exited.push(rec.id),
  });
  t.after(() => {
    watch.close();
    rmSync(root, { recursive: true, force: true });
  });
  const add = (id: string): ContainerRecord => {
    const dir = join(root, 'containers', id);
    mkdirSync(join(dir, 'persist'), { recursive: true });
    const rec = { id, dir, startedAt: 1, cgroupsPath: `/kubeling-test-none/${id}` } as ContainerRecord;
    containers.set(id, rec);
    return rec;
  };
  return { exitDir, containers, exited, watch, add };
}

test('an exit is read from the exit file and told once', async (t) => {
  const { exitDir, exited, watch, add } = setUp(t);
  const rec = add('a');
  assert.equal(await watch.observe(rec), undefined);
  writeFileSync(join(exitDir, 'a'), '3');
  const seen = await watch.observe(rec);
  assert.equal(seen?.exitCode, 3);
  assert.equal(seen?.reason, 'Error');
  await watch.observe(rec);
  assert.deepEqual(exited, ['a']);
});

test('an exit read under way when its container is removed is neither kept nor told', async (t) => {
  const { exitDir, containers, exited, watch, add } = setUp(t);
  const rec = add('b');
  writeFileSync(join(exitDir, 'b'), '0');
  writeFileSync(join(rec.dir, 'persist', 'oom'), '');
  const reading = watch.observe(rec);
  // removeContainer: forgotten, then its files go.
  containers.delete('b');
  watch.forget('b');
  rmSync(rec.dir, { recursive: true, force: true });
  const seen = await reading; // before: writing the OOM verdict into the removed directory threw
  assert.equal(seen?.exitCode, 0);
  assert.deepEqual(exited, [], 'no ContainerStopped after the container is gone');
  // Nothing of it was kept: the same id seen again is read afresh.
  const again = add('b');
  writeFileSync(join(exitDir, 'b'), '7');
  assert.equal((await watch.observe(again))?.exitCode, 7);
});

test('hasExit tells, without waiting, whether an exit file is there or an exit is known', async (t) => {
  const { exitDir, watch, add } = setUp(t);
  const rec = add('c');
  assert.equal(watch.hasExit(rec), false);
  writeFileSync(join(exitDir, 'c'), '0');
  assert.equal(watch.hasExit(rec), true);
  await watch.observe(rec);
  rmSync(join(exitDir, 'c'));
  assert.equal(watch.hasExit(rec), true, 'an exit once seen stays known');
});
