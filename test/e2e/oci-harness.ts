/**
 * A cluster on the oci runtime for end-to-end tests: real runc containers, the real CNI plugins,
 * and the project's test images in Debian's docker-registry on loopback, mirrored for docker.io
 * so manifests naming `nginx` or `busybox` run unmodified. Each test process gets a pod range of
 * its own; everything kubeling leaves running on purpose is removed by `kubeling reset` at the end.
 * Without root or the host tools, `ociSkipReason` says why the tests are skipped.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after } from 'node:test';
import { checkOciHost } from '../../src/runtime/oci/preflight.js';
import { claimClusterCidr } from '../images/pod-range.js';
import { startTestRegistry, writeRegistriesYaml, type TestRegistry } from '../images/registry.js';
import { useCluster, type Cluster } from './harness.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

const host = checkOciHost();
/** Why oci tests cannot run here, or undefined. */
export const ociSkipReason = host.ok
  ? undefined
  : `the oci runtime cannot run here: ${host.problems.join('; ')}`;

export function useOciCluster(setup?: (c: Cluster) => Promise<void>): () => Cluster {
  let registry: TestRegistry | undefined;
  const range = claimClusterCidr();
  after(async () => {
    await registry?.stop();
    range.release();
  });
  return useCluster(setup, {
    command: [
      'up',
      '--runtime', 'oci',
      '--cluster-cidr', range.cidr,
      '--node-name', 'oci-node',
      '--disable-default-registry-endpoint',
    ], // prettier-ignore
    async prepare(dataDir) {
      registry = await startTestRegistry();
      await writeRegistriesYaml(dataDir, registry.url);
    },
    async cleanup(dataDir) {
      const r = spawnSync(join(REPO_ROOT, 'bin', 'kubeling.js'), ['reset', '--data-dir', dataDir], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`kubeling reset failed: ${r.stderr}`);
    },
  });
}
