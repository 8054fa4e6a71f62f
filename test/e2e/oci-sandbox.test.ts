/**
 * @module test/e2e/oci-sandbox
 * What a pod's sandbox and its containers are given on real containers (the oci runtime),
 * through the real kubectl: one localhost for the containers of a pod and a pod IP other pods
 * reach; /etc/hosts with hostAliases and /etc/resolv.conf as the kubelet writes them; a Memory
 * emptyDir as a tmpfs of its sizeLimit; hostPath volumes that create what they name, and one that
 * names a missing directory; cpu and memory limits as the container's and the pod's cgroup limits; added
 * capabilities and allowPrivilegeEscalation; images loaded with `kubeling image load` beside
 * the running cluster, run with imagePullPolicy Never; `kubectl debug --target`, hostPID,
 * hostIPC and shareProcessNamespace. The tests of this file run concurrently.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { buildTestImages } from '../images/build.js';
import { eventsOf, eventually, REPO_ROOT, type Cluster } from './harness.js';
import { writeDockerSaveArchive, writeOciArchive } from './image-archives.js';
import {
  applyManifest,
  httpGet,
  jsonpath,
  LONG,
  ociSkipReason,
  podRow,
  useOciCluster,
  waitRunning,
} from './oci-harness.js';

const exec = async (k: Cluster, pod: string, container: string, script: string) =>
  (await k.kubectl(['exec', pod, '-c', container, '--', 'sh', '-c', script])).stdout;

/** `kubeling ARGS --data-dir DIR`, resolving with its standard output. */
async function kubeling(k: Cluster, ...args: string[]): Promise<string> {
  const bin = join(REPO_ROOT, 'bin', 'kubeling.js');
  return (await promisify(execFile)(bin, [...args, '--data-dir', k.dataDir], { encoding: 'utf8' })).stdout;
}

/** The effective capability set of the container's first process, as a number. */
async function capEff(k: Cluster, pod: string, container: string): Promise<bigint> {
  const line = await exec(k, pod, container, 'grep CapEff /proc/1/status');
  return BigInt(`0x${/CapEff:\s+([0-9a-f]+)/.exec(line)![1]}`);
}

const CAP_NET_ADMIN = 12n;

/** The CPU quota and period, and the memory limit, of a pod's cgroup, read on the host. */
async function podCgroupLimits(uid: string): Promise<{ cpu: string; memory: string }> {
  const root = '/sys/fs/cgroup';
  const find = (base: string) =>
    readdirSync(base)
      .map((d) => join(base, d, `pod${uid}`))
      .find((d) => existsSync(d));
  const read = (f: string) => readFileSync(f, 'utf8').trim();
  if (existsSync(join(root, 'cgroup.controllers'))) {
    const dir = find(root)!;
    return { cpu: read(join(dir, 'cpu.max')), memory: read(join(dir, 'memory.max')) };
  }
  const cpu = find(join(root, 'cpu'))!;
  const memory = find(join(root, 'memory'))!;
  return {
    cpu: `${read(join(cpu, 'cpu.cfs_quota_us'))} ${read(join(cpu, 'cpu.cfs_period_us'))}`,
    memory: read(join(memory, 'memory.limit_in_bytes')),
  };
}

describe(
  "a pod's sandbox and containers on the oci runtime",
  { skip: ociSkipReason, concurrency: true },
  () => {
    const cluster = useOciCluster();
    const hostDir = mkdtempSync(join(tmpdir(), 'kubeling-e2e-hostpath-'));
    after(() => rmSync(hostDir, { recursive: true, force: true }));

    test("a pod's containers share localhost, other pods reach its IP, /etc/hosts and /etc/resolv.conf are the kubelet's", async () => {
      const k = cluster();
      await applyManifest(
        k,
        'net.yaml',
        `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  terminationGracePeriodSeconds: 1
  hostAliases:
  - {ip: 10.1.2.3, hostnames: [foo.local, bar.local]}
  containers:
  - {name: nginx, image: nginx}
  - {name: side, image: busybox, command: [sh, -c, 'sleep 3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - {name: c, image: busybox, command: [sh, -c, 'sleep 3600']}
`,
      );
      await waitRunning(k, 'web', 'client');
      const ip = await jsonpath(k, 'web', '{.status.podIP}');
      // As containerd reports it: the image by its repo tag, and its digest as the image ID.
      const nginx = '{.status.containerStatuses[?(@.name=="nginx")]';
      assert.equal(await jsonpath(k, 'web', `${nginx}.image}`), 'docker.io/library/nginx:latest');
      assert.match(
        await jsonpath(k, 'web', `${nginx}.imageID}`),
        /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/,
      );
      assert.match(await exec(k, 'web', 'side', 'wget -qO- http://localhost/'), /Welcome to nginx!/);
      assert.match(await exec(k, 'client', 'c', `wget -qO- http://${ip}/`), /Welcome to nginx!/);

      const hosts = await exec(k, 'web', 'side', 'cat /etc/hosts');
      assert.match(hosts, /^# Kubernetes-managed hosts file\.\n127\.0\.0\.1\tlocalhost\n/);
      assert.match(hosts, new RegExp(`\\n${ip.replace(/\./g, '\\.')}\\tweb\\n`));
      assert.match(hosts, /\n# Entries added by HostAliases\.\n10\.1\.2\.3\tfoo\.local\tbar\.local\n$/);
      assert.equal(
        await exec(k, 'client', 'c', 'cat /etc/resolv.conf'),
        'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.43.0.10\noptions ndots:5\n',
      );
    });

    test('a Memory emptyDir is a tmpfs of its sizeLimit; hostPath creates what it names; a missing Directory is FailedMount', async () => {
      const k = cluster();
      await applyManifest(
        k,
        'volumes.yaml',
        `apiVersion: v1
kind: Pod
metadata: {name: vols}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'echo from-pod > /hostdir/made && echo appended >> /hostfile && sleep 3600']
    volumeMounts:
    - {name: mem, mountPath: /mem}
    - {name: f, mountPath: /hostfile}
    - {name: d, mountPath: /hostdir}
  volumes:
  - {name: mem, emptyDir: {medium: Memory, sizeLimit: 16Mi}}
  - {name: f, hostPath: {path: ${hostDir}/created-file, type: FileOrCreate}}
  - {name: d, hostPath: {path: ${hostDir}/created-dir, type: DirectoryOrCreate}}
---
apiVersion: v1
kind: Pod
metadata: {name: missing-dir}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'sleep 3600']
    volumeMounts: [{name: d, mountPath: /d}]
  volumes:
  - {name: d, hostPath: {path: ${hostDir}/missing, type: Directory}}
`,
      );
      await waitRunning(k, 'vols');
      assert.match(
        await exec(k, 'vols', 'c', 'grep " /mem " /proc/mounts'),
        /^tmpfs \/mem tmpfs rw,.*size=16384k/,
      );
      assert.equal(await exec(k, 'vols', 'c', 'echo ok > /mem/x && cat /mem/x'), 'ok\n');
      await eventually(() => {
        assert.equal(readFileSync(join(hostDir, 'created-dir', 'made'), 'utf8'), 'from-pod\n');
        assert.equal(readFileSync(join(hostDir, 'created-file'), 'utf8'), 'appended\n');
      }, LONG);

      await eventually(async () => {
        assert.match(
          await eventsOf(k, 'missing-dir', 'FailedMount'),
          new RegExp(
            `Warning\\s+FailedMount\\s+pod/missing-dir\\s+MountVolume\\.SetUp failed for volume "d" : hostPath type check failed: ${hostDir}/missing is not a directory`,
          ),
        );
      }, LONG);
      assert.equal((await podRow(k, 'missing-dir')).STATUS, 'ContainerCreating');
    });

    test('cpu and memory limits are the cgroup limits; capabilities add and allowPrivilegeEscalation reach the process', async () => {
      const k = cluster();
      const pod = (name: string, extra: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'sleep 3600']
${extra}
---
`;
      await applyManifest(
        k,
        'limits.yaml',
        pod(
          'limited',
          `    resources: {limits: {cpu: 500m, memory: 64Mi}}
    securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [NET_ADMIN]}}`,
        ) + pod('plain', ''),
      );
      await waitRunning(k, 'limited', 'plain');
      // cgroup v2 has cpu.max and memory.max; v1 (this machine kind) the cpu and memory controllers.
      const limits = await exec(
        k,
        'limited',
        'c',
        'if [ -e /sys/fs/cgroup/cpu.max ]; then cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/memory.max; ' +
          'else echo "$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"; ' +
          'cat /sys/fs/cgroup/memory/memory.limit_in_bytes; fi',
      );
      assert.equal(limits, `50000 100000\n${64 * 1024 * 1024}\n`);
      // The pod's cgroup, which the container's sits under, has the pod's limits (the sum of its
      // containers'), and none when a container has none.
      assert.deepEqual(await podCgroupLimits(await jsonpath(k, 'limited', '{.metadata.uid}')), {
        cpu: '50000 100000',
        memory: String(64 * 1024 * 1024),
      });
      const plain = await podCgroupLimits(await jsonpath(k, 'plain', '{.metadata.uid}'));
      assert.ok(['-1 100000', 'max 100000'].includes(plain.cpu), plain.cpu);
      assert.ok(plain.memory === 'max' || Number(plain.memory) > 2 ** 62, plain.memory);

      assert.equal((await capEff(k, 'limited', 'c')) & (1n << CAP_NET_ADMIN), 1n << CAP_NET_ADMIN);
      assert.equal((await capEff(k, 'plain', 'c')) & (1n << CAP_NET_ADMIN), 0n, 'not in the default set');
      assert.match(await exec(k, 'limited', 'c', 'grep NoNewPrivs /proc/self/status'), /NoNewPrivs:\s+1/);
      assert.match(await exec(k, 'plain', 'c', 'grep NoNewPrivs /proc/self/status'), /NoNewPrivs:\s+0/);
    });

    test('images loaded by kubeling image load beside the running cluster (OCI and docker-save archives) run with pull policy Never', async () => {
      const k = cluster();
      await k.kubectl([
        'run',
        'loaded-web',
        '--image',
        'example.test/team/web:v1',
        '--image-pull-policy',
        'Never',
      ]);
      await eventually(
        async () => assert.equal((await podRow(k, 'loaded-web')).STATUS, 'ErrImageNeverPull'),
        LONG,
      );

      const images = await buildTestImages();
      const oci = join(k.workDir, 'web.tar');
      const saved = join(k.workDir, 'saved.tar');
      await writeOciArchive(images, 'myapp:v2', 'example.test/team/web:v1', oci);
      await writeDockerSaveArchive(images, 'busybox:1.36', ['saved-busybox:v1'], saved);
      assert.equal(await kubeling(k, 'image', 'load', oci), 'Loaded image: example.test/team/web:v1\n');
      assert.equal(
        await kubeling(k, 'image', 'load', saved),
        'Loaded image: docker.io/library/saved-busybox:v1\n',
      );

      // The kubelet tries the pod again 10-15 s after the failed start, as upstream's pod worker.
      await waitRunning(k, 'loaded-web');
      const ip = await jsonpath(k, 'loaded-web', '{.status.podIP}');
      assert.match((await httpGet(`http://${ip}/`)).body, /Hello MyApp \| Version: v2/);
      assert.match(
        await eventsOf(k, 'loaded-web', 'Pulled'),
        /Container image "example\.test\/team\/web:v1" already present on machine/,
      );

      await k.kubectl([
        'run',
        'saved',
        '--image',
        'saved-busybox:v1',
        '--image-pull-policy',
        'Never',
        '--',
        'sleep',
        '3600',
      ]);
      await waitRunning(k, 'saved');
      const ls = await kubeling(k, 'image', 'ls');
      assert.match(ls, /^example\.test\/team\/web\s+v1\s+[0-9a-f]{12}\s/m);
      assert.match(ls, /^docker\.io\/library\/saved-busybox\s+v1\s+[0-9a-f]{12}\s/m);
    });

    test("kubectl debug --target sees the target's processes; hostPID and hostIPC pods use the host's namespaces; shareProcessNamespace has /pause as PID 1", async () => {
      const k = cluster();
      await applyManifest(
        k,
        'namespaces.yaml',
        `apiVersion: v1
kind: Pod
metadata: {name: target}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - {name: app, image: busybox, command: [sleep, '3601']}
---
apiVersion: v1
kind: Pod
metadata: {name: host-ns}
spec:
  terminationGracePeriodSeconds: 1
  hostPID: true
  hostIPC: true
  containers:
  - {name: c, image: busybox, command: [sleep, '3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: shared}
spec:
  terminationGracePeriodSeconds: 1
  shareProcessNamespace: true
  containers:
  - {name: nginx, image: nginx}
  - {name: shell, image: busybox, command: [sleep, '3602']}
`,
      );
      await waitRunning(k, 'target', 'host-ns', 'shared');
      await k.kubectl([
        'debug',
        'target',
        '--image',
        'busybox',
        '--target',
        'app',
        '--container',
        'dbg',
        '--',
        'sh',
        '-c',
        'ps -o pid,args; sleep 1',
      ]);
      await eventually(async () => {
        const state = await jsonpath(
          k,
          'target',
          '{.status.ephemeralContainerStatuses[0].state.terminated.reason}',
        );
        assert.equal(state, 'Completed');
      }, LONG);
      assert.match((await k.kubectl(['logs', 'target', '-c', 'dbg'])).stdout, /^\s*1 sleep 3601$/m);

      const ns = (pid: string, kind: string) => readlinkSync(`/proc/${pid}/ns/${kind}`);
      const inPod = (
        await exec(k, 'host-ns', 'c', 'readlink /proc/self/ns/pid; readlink /proc/self/ns/ipc')
      ).split('\n');
      assert.deepEqual(inPod.slice(0, 2), [ns('self', 'pid'), ns('self', 'ipc')]);
      assert.match(
        await exec(k, 'host-ns', 'c', `ps -o pid | grep -x ' *${process.pid}' || true`),
        new RegExp(`${process.pid}`),
      );
      assert.notEqual(
        (await exec(k, 'target', 'app', 'readlink /proc/self/ns/ipc')).trim(),
        ns('self', 'ipc'),
        'a pod without hostIPC has its own',
      );

      // As the Share Process Namespace task shows it: PID 1 is the pause process, and the shell
      // sees nginx's processes. Deleting the pod ends the namespace's PID 1.
      const ps = await exec(k, 'shared', 'shell', 'ps -o pid,args');
      assert.match(ps, /^\s*1 \/pause -P$/m);
      assert.match(ps, /^\s*\d+ nginx: master process nginx/m);
      assert.match(ps, /^\s*\d+ sleep 3602$/m);
      // The pause process has no capabilities, so another container may look at it.
      const sharedNs = (await exec(k, 'shared', 'nginx', 'readlink /proc/1/ns/pid')).trim();
      assert.equal((await exec(k, 'shared', 'shell', 'readlink /proc/self/ns/pid')).trim(), sharedNs);
      const inNamespace = () =>
        readdirSync('/proc')
          .filter((d) => /^\d+$/.test(d))
          .filter((d) => {
            try {
              return readlinkSync(`/proc/${d}/ns/pid`) === sharedNs;
            } catch {
              return false;
            }
          });
      assert.ok(inNamespace().length >= 4, 'the pause process, nginx master and worker, and sleep');
      // It lives in the pod's cgroup, as the pause container does.
      const uid = await jsonpath(k, 'shared', '{.metadata.uid}');
      const pause = inNamespace().find((d) =>
        readFileSync(`/proc/${d}/cmdline`, 'utf8').startsWith('/pause\0'),
      );
      assert.ok(pause, 'the pause process is seen from the host');
      assert.match(readFileSync(`/proc/${pause}/cgroup`, 'utf8'), new RegExp(`:memory:/.+/pod${uid}$`, 'm'));
      await k.kubectl(['delete', 'pod', 'shared', '--wait=true']);
      await eventually(() => assert.deepEqual(inNamespace(), []), LONG);
    });
  },
);
