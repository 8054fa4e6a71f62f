/**
 * A restarted oci runtime adopts what the last one left: a running container stays running (its
 * conmon kept it), an exit that happened while no runtime watched is seen, and a container whose
 * conmon was killed is taken as exited with code 255 and its processes ended.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { claimClusterCidr } from '../../../test/images/pod-range.js';
import { startTestRegistry, type TestRegistry } from '../../../test/images/registry.js';
import {
  CONFORMANCE_LOGS,
  containerConfig,
  exitAfter,
  runForever,
  sandboxConfig,
} from '../conformance-fixtures.js';
import { createOciRuntime, resetOciRoot, type OciContainerRuntime } from './index.js';
import { resetOciRuntime } from './reset.js';
import { checkOciHost } from './preflight.js';
import { Runc } from './runc.js';

const host = checkOciHost();

describe('oci runtime adoption', { skip: host.ok ? undefined : host.problems.join('; ') }, () => {
  let registry: TestRegistry;
  let dir: string;
  let rt: OciContainerRuntime | undefined;
  const range = claimClusterCidr();
  const open = (sandboxPoolSize = 0) =>
    createOciRuntime({
      root: join(dir, 'oci'),
      podCidr: range.cidr.replace('.0.0/16', '.0.0/24'),
      cgroupPrefix: `kubeling-test-adopt-${process.pid}`,
      sandboxPoolSize,
    });

  before(async () => {
    registry = await startTestRegistry({ images: ['busybox:1.36'] });
    dir = mkdtempSync(join(tmpdir(), 'kubeling-test-oci-adopt-'));
  });
  after(async () => {
    await (rt ?? (await open())).destroy();
    rmSync(dir, { recursive: true, force: true });
    rmSync(CONFORMANCE_LOGS, { recursive: true, force: true });
    await registry?.stop();
    range.release();
  });

  test('running, exited-while-away and monitor-lost containers after a restart', async () => {
    const image = `${registry.host}/library/busybox:1.36`;
    rt = await open();
    await rt.images.pullImage(image);
    const sb = sandboxConfig();
    const sid = await rt.runtime.runPodSandbox(sb);
    const start = async (name: string, work = runForever()) => {
      const id = await rt!.runtime.createContainer(sid, containerConfig(name, image, work), sb);
      await rt!.runtime.startContainer(id);
      return id;
    };
    const keeps = await start('keeps');
    const ends = await start('ends', exitAfter('ends', 4, 1));
    const orphan = await start('orphan');
    const before = await rt.runtime.containerStatus(keeps);
    await rt.close();
    rt = undefined;

    // While no runtime runs: one container exits by itself, another loses its conmon.
    await new Promise((r) => setTimeout(r, 1500));
    const conmonPid = Number(
      readFileSync(join(dir, 'oci', 'run', 'containers', orphan, 'conmon.pid'), 'utf8'),
    );
    process.kill(conmonPid, 'SIGKILL');

    rt = await open();
    const kept = await rt.runtime.containerStatus(keeps);
    assert.equal(kept.state, 'CONTAINER_RUNNING');
    assert.equal(kept.startedAt, before.startedAt);
    assert.equal((await rt.runtime.execSync(keeps, ['true'], 5)).exitCode, 0);
    const ended = await rt.runtime.containerStatus(ends);
    assert.equal(ended.state, 'CONTAINER_EXITED');
    assert.equal(ended.exitCode, 4);
    const lost = await rt.runtime.containerStatus(orphan);
    assert.equal(lost.state, 'CONTAINER_EXITED');
    assert.equal(lost.exitCode, 255);
    assert.match(lost.message, /conmon\) is gone/);
    const runc = new Runc(join(dir, 'oci', 'run', 'runc'));
    for (let i = 0; i < 50 && (await runc.state(orphan))?.status === 'running'; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.notEqual((await runc.state(orphan))?.status, 'running', 'the unmonitored container was ended');
  });

  test('a prepared pod network whose namespace is no longer held (a reboot) is released, not handed out', async () => {
    await rt?.close();
    rt = await open(1);
    const sandboxes = join(dir, 'oci', 'run', 'sandboxes');
    const pooled = () =>
      readdirSync(sandboxes).filter((id) => existsSync(join(sandboxes, id, 'pooled.json')));
    for (let i = 0; i < 50 && pooled().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const [id] = pooled();
    assert.ok(id, 'the pool prepared a network');
    await rt.close();
    rt = undefined;
    // What a reboot does to it: the bind mount holding its network namespace is gone.
    execFileSync('umount', [join(sandboxes, id, 'net')]);
    rt = await open(0);
    for (let i = 0; i < 50 && existsSync(join(sandboxes, id)); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(existsSync(join(sandboxes, id)), false, 'the stale network was released');
  });

  test('state lives on a tmpfs: a reboot empties it, and the layers left on disk are removed', async () => {
    await rt?.close();
    rt = await open(0);
    const state = join(dir, 'oci', 'run');
    const info = readFileSync('/proc/self/mountinfo', 'utf8').split('\n');
    assert.ok(
      info.some((l) => l.split(' ')[4] === state && / - tmpfs /.test(l)),
      'the state root is a tmpfs mount',
    );
    const image = `${registry.host}/library/busybox:1.36`;
    const sb = sandboxConfig({ name: 'reboot' });
    const sid = await rt.runtime.runPodSandbox(sb);
    const id = await rt.runtime.createContainer(sid, containerConfig('reboot', image, runForever()), sb);
    const layer = join(dir, 'oci', 'layers', id);
    assert.ok(existsSync(join(layer, 'upper')), 'the writable layer is on disk');
    assert.ok(existsSync(join(state, 'containers', id, 'record.json')), 'the record is on the tmpfs');
    await resetOciRuntime(rt.runtime);
    await rt.close();
    rt = undefined;
    assert.equal(existsSync(layer), false, 'removing a container removes its layer');

    // A reboot: the tmpfs (and every record on it) is gone, a layer is left on disk.
    execFileSync('mkdir', ['-p', join(dir, 'oci', 'layers', 'left-by-a-reboot', 'upper')]);
    rt = await open(0);
    for (let i = 0; i < 50 && existsSync(join(dir, 'oci', 'layers', 'left-by-a-reboot')); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(existsSync(join(dir, 'oci', 'layers', 'left-by-a-reboot')), false);
  });

  test('a root of the earlier on-disk layout is refused until reset, and reset clears it', async () => {
    await rt?.destroy();
    rt = undefined;
    const legacy = mkdtempSync(join(tmpdir(), 'kubeling-test-oci-legacy-'));
    try {
      // What an earlier version left: a created container's record on disk, its layers inside.
      const cdir = join(legacy, 'containers', 'c1');
      mkdirSync(join(cdir, 'upper'), { recursive: true });
      const record = {
        id: 'c1',
        sandboxId: 's1',
        podUid: 'u1',
        config: containerConfig('legacy', 'busybox', runForever()),
        createdAt: 1,
        startedAt: 0,
        image: 'busybox',
        imageId: 'sha256:0',
        imageRef: 'sha256:0',
        dir: cdir,
        logPath: join(legacy, 'c1.log'),
        cgroupsPath: `/kubeling-test-legacy-${process.pid}/c1`,
      };
      writeFileSync(join(cdir, 'record.json'), JSON.stringify(record));
      await assert.rejects(
        createOciRuntime({ root: legacy, podCidr: range.cidr.replace('.0.0/16', '.0.0/24') }),
        /earlier kubeling.*kubeling reset/,
      );
      await resetOciRoot(legacy);
      assert.equal(existsSync(join(legacy, 'containers')), false);
    } finally {
      rmSync(legacy, { recursive: true, force: true });
    }
  });
});
