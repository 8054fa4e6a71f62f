/**
 * @module test/e2e/oci-pods
 * Pods on real containers (the oci runtime: runc under conmon, the CNI plugins, images from the
 * loopback test registry), driven by the real kubectl: what a user of a real cluster sees for
 * running, completed, failing, crash-looping and OOM-killed containers, image pull failures,
 * logs, exec, a pod IP answering from the host, init containers sharing a volume, and graceful
 * deletion. Skipped, with the reason, where the oci runtime cannot run (not root, tools missing).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { eventsOf, eventually } from './harness.js';
import {
  httpGet,
  jsonpath,
  LONG,
  ociSkipReason,
  POD_MAX_PIDS,
  podRow,
  useOciCluster,
  applyManifest,
} from './oci-harness.js';

describe('pods on the oci runtime', { skip: ociSkipReason }, () => {
  const cluster = useOciCluster();

  test('nginx runs, its pod IP answers from the host, and kubectl logs shows the request', async () => {
    const k = cluster();
    await k.kubectl(['run', 'web', '--image=nginx']);
    const row = await eventually(async () => {
      const r = await podRow(k, 'web');
      assert.equal(r.STATUS, 'Running', JSON.stringify(r));
      assert.equal(r.READY, '1/1');
      return r;
    }, LONG);
    assert.match(row.IP, /^10\.\d+\.0\.\d+$/);
    assert.equal(row.NODE, 'oci-node');
    const res = await eventually(() => httpGet(`http://${row.IP}/`), LONG);
    assert.equal(res.status, 200);
    assert.match(res.body, /Welcome to nginx!/);
    const logs = await eventually(async () => {
      const out = (await k.kubectl(['logs', 'web'])).stdout;
      assert.match(out, /"GET \/ HTTP\/1\.1" 200/);
      return out;
    }, LONG);
    assert.ok(logs.length > 0);
    const events = await eventsOf(k, 'web');
    assert.match(events, /Pulled\s+pod\/web\s+Successfully pulled image "nginx" in \d+(\.\d+)?m?s/);
    assert.match(events, /Started\s+pod\/web\s+Started container web/);
  });

  test('exec runs in the container, which has the pod hostname, /etc/hosts and a service-account token', async () => {
    const k = cluster();
    await k.kubectl(['run', 'shell', '--image=busybox', '--', 'sleep', '3600']);
    await eventually(async () => assert.equal((await podRow(k, 'shell')).STATUS, 'Running'), LONG);
    assert.equal((await k.kubectl(['exec', 'shell', '--', 'hostname'])).stdout.trim(), 'shell');
    const ip = await jsonpath(k, 'shell', '{.status.podIP}');
    const hosts = (await k.kubectl(['exec', 'shell', '--', 'cat', '/etc/hosts'])).stdout;
    assert.match(hosts, new RegExp(`^${ip.replace(/\./g, '\\.')}\\s+shell$`, 'm'));
    const token = (
      await k.kubectl([
        'exec',
        'shell',
        '--',
        'cat',
        '/var/run/secrets/kubernetes.io/serviceaccount/namespace',
      ])
    ).stdout;
    assert.equal(token, 'default');
    const failed = await k.kubectl(['exec', 'shell', '--', 'sh', '-c', 'exit 7'], { allowFail: true });
    assert.equal(failed.code, 7);
    // The root is an overlay runc mounted in the container; the host's mount table never lists it.
    const mounts = (await k.kubectl(['exec', 'shell', '--', 'cat', '/proc/mounts'])).stdout;
    assert.match(mounts, /^overlay \/ overlay .*lowerdir=/m);
    await k.kubectl(['exec', 'shell', '--', 'sh', '-c', 'echo kept > /written']);
    assert.equal((await k.kubectl(['exec', 'shell', '--', 'cat', '/written'])).stdout, 'kept\n');
    const host = readFileSync('/proc/self/mountinfo', 'utf8').split('\n');
    assert.deepEqual(
      host.filter((l) => l.includes(k.dataDir) && l.includes(' - overlay ')),
      [],
    );
  });

  test('an init container writes to a shared emptyDir before the app starts', async () => {
    const k = cluster();
    await applyManifest(
      k,
      'init.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: init-demo}
spec:
  volumes: [{name: work, emptyDir: {}}]
  initContainers:
  - name: prepare
    image: busybox
    command: [sh, -c, 'echo prepared-by-init > /work/msg']
    volumeMounts: [{name: work, mountPath: /work}]
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'cat /work/msg; sleep 3600']
    volumeMounts: [{name: work, mountPath: /work}]
`,
    );
    await eventually(async () => assert.equal((await podRow(k, 'init-demo')).STATUS, 'Running'), LONG);
    assert.equal((await k.kubectl(['logs', 'init-demo', '-c', 'app'])).stdout, 'prepared-by-init\n');
    assert.equal(
      await jsonpath(k, 'init-demo', '{.status.initContainerStatuses[0].state.terminated.reason}'),
      'Completed',
    );
  });

  test('exits show Completed, Error and CrashLoopBackOff as a real cluster does', async () => {
    const k = cluster();
    await k.kubectl([
      'run',
      'done',
      '--image=busybox',
      '--restart=Never',
      '--',
      'sh',
      '-c',
      'echo bye; exit 0',
    ]);
    await k.kubectl(['run', 'fails', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'exit 3']);
    await k.kubectl(['run', 'loops', '--image=busybox', '--', 'sh', '-c', 'exit 1']);
    await eventually(async () => {
      assert.equal((await podRow(k, 'done')).STATUS, 'Completed');
      assert.equal((await podRow(k, 'fails')).STATUS, 'Error');
    }, LONG);
    assert.equal(await jsonpath(k, 'fails', '{.status.containerStatuses[0].state.terminated.exitCode}'), '3');
    assert.equal((await k.kubectl(['logs', 'done'])).stdout, 'bye\n');
    await eventually(async () => {
      const r = await podRow(k, 'loops');
      assert.equal(r.STATUS, 'CrashLoopBackOff', JSON.stringify(r));
      assert.match(r.RESTARTS, /^[1-9]/);
    }, LONG);
    assert.match(await eventsOf(k, 'loops', 'BackOff'), /Back-off restarting failed container loops/);
    // A missing executable fails the start, as on containerd: StartError 128, then restarts.
    await k.kubectl(['run', 'nocmd', '--image=busybox', '--', 'no-such-command']);
    await eventually(async () => {
      assert.equal((await podRow(k, 'nocmd')).STATUS, 'CrashLoopBackOff');
      const last = JSON.parse(
        await jsonpath(k, 'nocmd', '{.status.containerStatuses[0].lastState.terminated}'),
      );
      assert.equal(last.reason, 'StartError');
      assert.equal(last.exitCode, 128);
      assert.equal(
        last.message,
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
          'unable to start container process: exec: "no-such-command": executable file not found in $PATH: unknown',
      );
      assert.equal(last.startedAt, '1970-01-01T00:00:00Z');
    }, LONG);
  });

  test('a container over its memory limit is OOMKilled with exit code 137', async () => {
    const k = cluster();
    await applyManifest(
      k,
      'oom.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: hog}
spec:
  restartPolicy: Never
  containers:
  - name: hog
    image: busybox
    command: [sh, -c, 'head -c 200m /dev/zero | tail']
    resources: {limits: {memory: 32Mi}}
`,
    );
    await eventually(async () => assert.equal((await podRow(k, 'hog')).STATUS, 'OOMKilled'), LONG);
    assert.equal(await jsonpath(k, 'hog', '{.status.containerStatuses[0].state.terminated.exitCode}'), '137');
    assert.equal(
      await jsonpath(k, 'hog', '{.status.containerStatuses[0].state.terminated.reason}'),
      'OOMKilled',
    );
  });

  test('a pod cannot run more processes than --pod-max-pids allows', async () => {
    const k = cluster();
    const script = `for i in $(seq ${POD_MAX_PIDS + 20}); do sleep 600 & done; echo all-started; wait`;
    await k.kubectl(['run', 'forker', '--image=busybox', '--restart=Never', '--', 'sh', '-c', script]);
    const out = await eventually(async () => {
      const text = (await k.kubectl(['logs', 'forker'])).stdout;
      assert.match(text, /can't fork: Resource temporarily unavailable/);
      return text;
    }, LONG);
    assert.doesNotMatch(out, /all-started/);
  });

  test('a missing image goes ErrImagePull then ImagePullBackOff; Never with no image is ErrImageNeverPull', async () => {
    const k = cluster();
    await k.kubectl(['run', 'nope', '--image=docker.io/library/does-not-exist:1.0']);
    await k.kubectl(['run', 'never', '--image=busybox:9.99', '--image-pull-policy=Never']);
    await eventually(async () => {
      assert.match((await podRow(k, 'nope')).STATUS, /^(ErrImagePull|ImagePullBackOff)$/);
      assert.equal((await podRow(k, 'never')).STATUS, 'ErrImageNeverPull');
    }, LONG);
    await eventually(async () => assert.equal((await podRow(k, 'nope')).STATUS, 'ImagePullBackOff'), LONG);
    assert.match(
      await eventsOf(k, 'nope', 'Failed'),
      /Failed to pull image "docker.io\/library\/does-not-exist:1.0": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io\/library\/does-not-exist:1.0": .*: not found/,
    );
    assert.match(
      await eventsOf(k, 'never', 'ErrImageNeverPull'),
      /Container image "busybox:9.99" is not present with pull policy of Never/,
    );
  });

  test('delete sends SIGTERM and waits for a graceful exit; SIGKILL ends one that ignores it', async () => {
    const k = cluster();
    await applyManifest(
      k,
      'term.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: polite}
spec:
  terminationGracePeriodSeconds: 30
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'trap "echo got TERM; exit 0" TERM; while true; do sleep 0.1; done']
---
apiVersion: v1
kind: Pod
metadata: {name: stubborn}
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'trap "" TERM; while true; do sleep 0.1; done']
`,
    );
    await eventually(async () => {
      assert.equal((await podRow(k, 'polite')).STATUS, 'Running');
      assert.equal((await podRow(k, 'stubborn')).STATUS, 'Running');
    }, LONG);
    let t0 = Date.now();
    await k.kubectl(['delete', 'pod', 'polite', '--wait=true']);
    assert.ok(Date.now() - t0 < 10_000, `a graceful exit took ${Date.now() - t0} ms`);
    t0 = Date.now();
    await k.kubectl(['delete', 'pod', 'stubborn', '--wait=true']);
    const took = Date.now() - t0;
    assert.ok(took >= 1900 && took < 15_000, `SIGKILL after the 2 s grace period: ${took} ms`);
  });
  test('after kill -9 and a restart, kubeling adopts the running containers instead of restarting them', async () => {
    const k = cluster();
    await k.kubectl(['run', 'survivor', '--image=nginx']);
    await eventually(async () => assert.equal((await podRow(k, 'survivor')).STATUS, 'Running'), LONG);
    const idBefore = await jsonpath(k, 'survivor', '{.status.containerStatuses[0].containerID}');
    const ip = await jsonpath(k, 'survivor', '{.status.podIP}');
    assert.match(idBefore, /^oci:\/\/[0-9a-f]{32}$/);
    await k.kill9();
    // The container and its monitor outlived the agent: the pod still answers while kubeling is down.
    assert.equal((await httpGet(`http://${ip}/`)).status, 200);
    await k.restart();
    await eventually(async () => {
      assert.equal((await podRow(k, 'survivor')).STATUS, 'Running');
      assert.equal(await jsonpath(k, 'survivor', '{.status.containerStatuses[0].containerID}'), idBefore);
    }, LONG);
    // Let a few kubelet syncs pass: the adopted container is neither restarted nor replaced.
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(await jsonpath(k, 'survivor', '{.status.containerStatuses[0].restartCount}'), '0');
    assert.equal(await jsonpath(k, 'survivor', '{.status.containerStatuses[0].containerID}'), idBefore);
    assert.equal(await jsonpath(k, 'survivor', '{.status.podIP}'), ip);
    assert.equal((await httpGet(`http://${ip}/`)).status, 200);
    await k.kubectl(['delete', 'pod', 'survivor', '--wait=true']);
    await assert.rejects(httpGet(`http://${ip}/`), 'the adopted container is stopped on delete');
  });
});
