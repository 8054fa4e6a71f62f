/**
 * The oci runtime against the shared runtime conformance suite: real runc containers under conmon,
 * real CNI plugins, images pulled from Debian's docker-registry on loopback (the project's test
 * images). Needs root and the host tools; skipped, with the reason, where they are missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { claimClusterCidr } from '../../../test/images/pod-range.js';
import { startTestRegistry, type TestRegistry } from '../../../test/images/registry.js';
import { runRuntimeConformance } from '../runtime.conformance.js';
import { createOciRuntime } from './index.js';
import { checkOciHost } from './preflight.js';

const host = checkOciHost();
const skip = host.ok ? undefined : host.problems.join('; ');

describe('oci runtime', { skip }, () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startTestRegistry({ images: ['busybox:1.36'] });
  });
  after(async () => {
    await registry?.stop();
  });
  // A pod range of its own so that concurrent test files never share a bridge.
  const range = claimClusterCidr();
  after(() => range.release());
  runRuntimeConformance(
    'oci',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kubeling-test-oci-'));
      const podCidr = range.cidr.replace('.0.0/16', '.0.0/24');
      const cgroupPrefix = `kubeling-test-${process.pid}`;
      const rt = await createOciRuntime({ root: join(dir, 'oci'), podCidr, cgroupPrefix });
      return {
        runtime: rt,
        async cleanup() {
          await rt.destroy();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    {
      image: () => `${registry.host}/library/busybox:1.36`,
      missingImage: () => `${registry.host}/kubeling/does-not-exist:missing`,
    },
  );
});
