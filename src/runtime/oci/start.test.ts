/**
 * Starting real containers: a second start while the first is under way is refused without
 * harming the first, a hostNetwork container's HOSTNAME is the host's name (as containerd), and
 * runc runs from the launcher's sealed copy without the container ever holding it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { claimClusterCidr } from '../../../test/images/pod-range.js';
import { startTestRegistry, type TestRegistry } from '../../../test/images/registry.js';
import { CONFORMANCE_LOGS, containerConfig, runForever, sandboxConfig } from '../conformance-fixtures.js';
import { createOciRuntime, type OciContainerRuntime } from './index.js';
import { checkOciHost } from './preflight.js';

const host = checkOciHost();

describe('oci container start', { skip: host.ok ? undefined : host.problems.join('; ') }, () => {
  let registry: TestRegistry;
  let dir: string;
  let rt: OciContainerRuntime;
  let image: string;
  const range = claimClusterCidr();

  before(async () => {
    registry = await startTestRegistry({ images: ['busybox:1.36'] });
    dir = mkdtempSync(join(tmpdir(), 'kubeling-test-oci-start-'));
    rt = await createOciRuntime({
      root: join(dir, 'oci'),
      podCidr: range.cidr.replace('.0.0/16', '.0.0/24'),
      cgroupPrefix: `kubeling-test-start-${process.pid}`,
      sandboxPoolSize: 0,
    });
    image = `${registry.host}/library/busybox:1.36`;
    await rt.images.pullImage(image);
  });
  after(async () => {
    await rt?.destroy();
    rmSync(dir, { recursive: true, force: true });
    rmSync(CONFORMANCE_LOGS, { recursive: true, force: true });
    await registry?.stop();
    range.release();
  });

  test('a second start under way is refused and the first container keeps running', async () => {
    const sb = sandboxConfig();
    const sid = await rt.runtime.runPodSandbox(sb);
    const id = await rt.runtime.createContainer(sid, containerConfig('twice', image, runForever()), sb);
    const [a, b] = await Promise.allSettled([rt.runtime.startContainer(id), rt.runtime.startContainer(id)]);
    assert.deepEqual([a.status, b.status].sort(), ['fulfilled', 'rejected']);
    const s = await rt.runtime.containerStatus(id);
    assert.equal(s.state, 'CONTAINER_RUNNING');
    assert.equal((await rt.runtime.execSync(id, ['true'], 5)).exitCode, 0);
  });

  test("a hostNetwork container's HOSTNAME is the host's name", async () => {
    const sb = sandboxConfig({ hostNetwork: true });
    const sid = await rt.runtime.runPodSandbox(sb);
    const id = await rt.runtime.createContainer(sid, containerConfig('hostnet', image, runForever()), sb);
    await rt.runtime.startContainer(id);
    const r = await rt.runtime.execSync(id, ['sh', '-c', 'echo "$HOSTNAME"; cat /etc/hostname'], 5);
    assert.equal(r.stdout.toString(), `${hostname()}\n${hostname()}\n`);
  });

  test('runc runs from a sealed copy that neither the container nor an exec holds', async () => {
    const sb = sandboxConfig();
    const sid = await rt.runtime.runPodSandbox(sb);
    const id = await rt.runtime.createContainer(sid, containerConfig('sealed', image, runForever()), sb);
    await rt.runtime.startContainer(id);
    // conmon was handed the copy at fd 9 for the runc it started (./run-wrapper.ts).
    const conmon = readFileSync(join(dir, 'oci', 'run', 'containers', id, 'conmon.pid'), 'utf8').trim();
    assert.equal(readlinkSync(`/proc/${conmon}/fd/9`), '/memfd:kubeling-sealed (deleted)');
    const fds = await rt.runtime.execSync(id, ['sh', '-c', 'ls -l /proc/1/fd /proc/$$/fd'], 5);
    assert.equal(fds.exitCode, 0, fds.stderr.toString());
    assert.match(fds.stdout.toString(), /\/dev\/null|pipe:/, 'the listing names the fds it found');
    assert.doesNotMatch(fds.stdout.toString(), /memfd/);
  });
});
