/**
 * Starting real containers: a second start while the first is under way is refused without
 * harming the first, and a hostNetwork container's HOSTNAME is the host's name (as containerd).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
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
});
