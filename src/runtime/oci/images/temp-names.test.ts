import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLeftover, sweepLeftovers, tempName } from './temp-names.js';

test("the sweep removes what gone processes left and keeps a live process's work in progress", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-temp-names-'));
  const live = spawn('sleep', ['30'], { stdio: 'ignore' });
  t.after(async () => {
    live.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });
  const gone = spawnSync('true').pid!;
  const names = {
    live: `.tmp-${live.pid}-aaaaaa`,
    liveDel: `.tmp-del-${live.pid}-bbbbbb`,
    gone: `.tmp-${gone}-cccccc`,
    own: tempName(),
    oldFormat: '.tmp-0123456789abcdef',
    data: 'f'.repeat(64),
  };
  for (const n of Object.values(names)) await mkdir(join(dir, n));
  await writeFile(join(dir, names.gone, 'partial'), 'x');

  assert.match(names.own, new RegExp(`^\\.tmp-${process.pid}-[0-9a-f]{12}$`));
  assert.match(tempName('del'), new RegExp(`^\\.tmp-del-${process.pid}-`));
  assert.equal(isLeftover(names.live), false);
  assert.equal(isLeftover('plain-name'), false);
  assert.equal(isLeftover('plain-name', true), true, 'a folder of temporary entries only');

  await sweepLeftovers(dir);
  assert.deepEqual((await readdir(dir)).sort(), [names.live, names.liveDel, names.data].sort());
  await sweepLeftovers(dir, true);
  assert.deepEqual((await readdir(dir)).sort(), [names.live, names.liveDel].sort());
  await sweepLeftovers(join(dir, 'missing'));
});
