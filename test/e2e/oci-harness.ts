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
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { eventually, parseTable, useCluster, type Cluster } from './harness.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

const host = checkOciHost();
/** Why oci tests cannot run here, or undefined. */
export const ociSkipReason = host.ok
  ? undefined
  : `the oci runtime cannot run here: ${host.problems.join('; ')}`;

/** The oci test clusters cap each pod at this many processes (`--pod-max-pids`). */
export const POD_MAX_PIDS = 64;

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
      '--pod-max-pids', String(POD_MAX_PIDS),
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

/** Real containers take longer than sim ones: a pull, a start, a probe period. */
/** `kubectl apply -f` of a manifest written to a file of the cluster's temp dir. */
export async function applyManifest(k: Cluster, name: string, yaml: string): Promise<void> {
  await k.kubectl(['apply', '-f', k.file(name, yaml)]);
}

export const LONG = { timeoutMs: 30_000, intervalMs: 200 };

/** The pod's row of `kubectl get pod NAME -o wide`, by column. */
export async function podRow(k: Cluster, name: string): Promise<Record<string, string>> {
  const { rows } = parseTable((await k.kubectl(['get', 'pod', name, '-o', 'wide'])).stdout);
  return rows[0];
}

/** `kubectl get pod NAME -o jsonpath=PATH`. */
export async function jsonpath(k: Cluster, name: string, path: string): Promise<string> {
  return (await k.kubectl(['get', 'pod', name, '-o', `jsonpath=${path}`])).stdout;
}

/** Waits until every named pod shows STATUS Running. */
export function waitRunning(k: Cluster, ...names: string[]): Promise<void> {
  return eventually(async () => {
    for (const n of names) assert.equal((await podRow(k, n)).STATUS, 'Running', n);
  }, LONG);
}

/** A plain HTTP GET (to a pod IP or the node's own address), with a 2 s limit. */
export function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}
