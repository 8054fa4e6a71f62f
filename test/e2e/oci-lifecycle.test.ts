/**
 * @module test/e2e/oci-lifecycle
 * The container lifecycle on real containers (the oci runtime), through the real kubectl:
 * postStart and preStop hooks (exec into the container, httpGet against another pod's nginx)
 * leaving their marks in a hostPath file, preStop before SIGTERM, FailedPostStartHook and
 * FailedPreStopHook events; exec, tcpSocket and httpGet liveness probes restarting their
 * container with a growing restart count and upstream's events; readiness held back for
 * initialDelaySeconds; termination messages from the file and from the log tail. The tests of
 * this file run concurrently (each on its own pods) to keep the file short.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { eventsOf, eventually } from './harness.js';
import {
  jsonpath,
  LONG,
  ociSkipReason,
  podRow,
  useOciCluster,
  waitRunning,
  applyManifest,
} from './oci-harness.js';

/** The leading count of the RESTARTS column ("2 (5s ago)" → 2). */
const restarts = (row: Record<string, string>) => Number(/^\d+/.exec(row.RESTARTS)?.[0] ?? NaN);

describe('the container lifecycle on the oci runtime', { skip: ociSkipReason, concurrency: true }, () => {
  const cluster = useOciCluster();
  let hostDir: string | undefined;
  after(() => {
    if (hostDir) rmSync(hostDir, { recursive: true, force: true });
  });

  test('postStart and preStop hooks (exec and httpGet) run, preStop before SIGTERM; failures make upstream events', async () => {
    const k = cluster();
    hostDir = mkdtempSync(join(tmpdir(), 'kubeling-hooks-'));
    const marks = join(hostDir, 'marks'); // made by the kubelet: DirectoryOrCreate
    await k.kubectl(['run', 'hook-target', '--image=nginx']);
    await waitRunning(k, 'hook-target');
    const target = await jsonpath(k, 'hook-target', '{.status.podIP}');
    const hooked = (name: string, lifecycle: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  terminationGracePeriodSeconds: 10
  volumes: [{name: marks, hostPath: {path: ${marks}, type: DirectoryOrCreate}}]
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'trap "echo ${name} term >> /marks/log; exit 0" TERM; while true; do sleep 0.1; done']
    volumeMounts: [{name: marks, mountPath: /marks}]
    lifecycle: ${lifecycle}
---
`;
    await k.kubectl([
      'apply',
      '-f',
      k.file(
        'hooks.yaml',
        hooked(
          'hooks-exec',
          `{postStart: {exec: {command: [sh, -c, 'echo hooks-exec poststart >> /marks/log']}}, ` +
            `preStop: {exec: {command: [sh, -c, 'echo hooks-exec prestop >> /marks/log; sleep 1']}}}`,
        ) +
          hooked(
            'hooks-http',
            `{postStart: {httpGet: {host: ${target}, port: 80, path: /poststart-mark}}, ` +
              `preStop: {httpGet: {host: ${target}, port: 80, path: /prestop-mark}}}`,
          ) +
          hooked('poststart-fails', `{postStart: {exec: {command: [sh, -c, 'exit 3']}}}`) +
          hooked('prestop-fails', `{preStop: {exec: {command: [sh, -c, 'exit 4']}}}`),
      ),
    ]);
    await waitRunning(k, 'hooks-exec', 'hooks-http', 'prestop-fails');
    await eventually(
      () => assert.match(readFileSync(join(marks, 'log'), 'utf8'), /^hooks-exec poststart$/m),
      LONG,
    );
    await eventually(
      async () =>
        assert.match(
          (await k.kubectl(['logs', 'hook-target'])).stdout,
          /"GET \/poststart-mark HTTP\/1\.1" 404 \d+ "-" "kube-lifecycle\/1\.32"/,
        ),
      LONG,
    );
    // A failing postStart: the event without the handler's output (upstream keeps secrets out of
    // events), the container killed and started again.
    await eventually(async () => {
      assert.match(
        await eventsOf(k, 'poststart-fails', 'FailedPostStartHook'),
        /Warning\s+FailedPostStartHook\s+pod\/poststart-fails\s+PostStartHook failed/,
      );
      assert.ok(restarts(await podRow(k, 'poststart-fails')) >= 1);
    }, LONG);
    assert.match(
      await eventsOf(k, 'poststart-fails', 'Killing'),
      /Normal\s+Killing\s+pod\/poststart-fails\s+FailedPostStartHook/,
    );

    await k.kubectl(['delete', 'pod', 'hooks-exec', 'hooks-http', 'prestop-fails', '--wait=true']);
    const lines = readFileSync(join(marks, 'log'), 'utf8').trim().split('\n');
    const at = (line: string) => {
      const i = lines.indexOf(line);
      assert.ok(i >= 0, `no "${line}" in ${JSON.stringify(lines)}`);
      return i;
    };
    assert.ok(at('hooks-exec prestop') < at('hooks-exec term'), lines.join('\n'));
    at('hooks-http term');
    assert.match(
      (await k.kubectl(['logs', 'hook-target'])).stdout,
      /"GET \/prestop-mark HTTP\/1\.1" 404 \d+ "-" "kube-lifecycle\/1\.32"/,
    );
    assert.match(
      await eventsOf(k, 'prestop-fails', 'FailedPreStopHook'),
      /Warning\s+FailedPreStopHook\s+pod\/prestop-fails\s+PreStopHook failed/,
    );
    // A failed preStop does not stop the termination: the container still got its SIGTERM.
    at('prestop-fails term');
  });

  test('exec, tcpSocket and httpGet liveness probes restart their container with a growing restart count', async () => {
    const k = cluster();
    const probed = (name: string, image: string, probe: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {probe: liveness}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: ${name}
    image: ${image}
    ${image === 'busybox' ? "command: [sh, -c, 'sleep 3600']" : ''}
    livenessProbe: {${probe}, periodSeconds: 1, failureThreshold: 1}
---
`;
    const names = ['live-exec', 'live-tcp', 'live-http'];
    const watch = k.kubectlBackground([
      'get', 'pods', '-l', 'probe=liveness', '--watch', '--no-headers',
      '-o', 'custom-columns=NAME:.metadata.name,RESTARTS:.status.containerStatuses[0].restartCount',
    ]); // prettier-ignore
    await k.kubectl([
      'apply',
      '-f',
      k.file(
        'liveness.yaml',
        probed('live-exec', 'busybox', 'exec: {command: [cat, /tmp/healthy]}') +
          probed('live-tcp', 'busybox', 'tcpSocket: {port: 8080}') +
          probed('live-http', 'nginx', 'httpGet: {path: /healthz, port: 80}'),
      ),
    ]);
    // Every restart count each pod goes through, from a watch (sampling could miss one: a
    // liveness kill restarts at once, without the crash back-off, as upstream).
    const counts = () => {
      const seen = new Map<string, number[]>(names.map((n) => [n, []]));
      for (const line of watch.stdout().split('\n')) {
        const [name, count] = line.trim().split(/\s+/);
        const list = seen.get(name);
        if (list && /^\d+$/.test(count) && list.at(-1) !== Number(count)) list.push(Number(count));
      }
      return seen;
    };
    await eventually(
      async () => {
        for (const n of names) assert.ok(restarts(await podRow(k, n)) >= 2, JSON.stringify([...counts()]));
      },
      { timeoutMs: 40_000, intervalMs: 250 },
    );
    await watch.kill();
    const seen = counts();
    for (const n of names) {
      const list = seen.get(n)!;
      for (let i = 1; i < list.length; i++)
        assert.ok(list[i] === list[i - 1] + 1, `${n}: restart counts ${list.join(' → ')}`);
      assert.ok(list[0] === 0 && list.includes(2), `${n}: restart counts ${list.join(' → ')}`);
      assert.match(
        await eventsOf(k, n, 'Killing'),
        new RegExp(
          `Normal\\s+Killing\\s+pod/${n}\\s+Container ${n} failed liveness probe, will be restarted`,
        ),
      );
    }
    assert.match(
      await eventsOf(k, 'live-exec', 'Unhealthy'),
      /Warning\s+Unhealthy\s+pod\/live-exec\s+Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/,
    );
    assert.match(
      await eventsOf(k, 'live-tcp', 'Unhealthy'),
      /Warning\s+Unhealthy\s+pod\/live-tcp\s+Liveness probe failed: dial tcp [\d.]+:8080: connect: connection refused/,
    );
    assert.match(
      await eventsOf(k, 'live-http', 'Unhealthy'),
      /Warning\s+Unhealthy\s+pod\/live-http\s+Liveness probe failed: HTTP probe failed with statuscode: 404/,
    );
    // The probes as nginx saw them (the previous instance's log, as kubectl logs --previous shows it).
    assert.match(
      (await k.kubectl(['logs', 'live-http', '--previous'])).stdout,
      /"GET \/healthz HTTP\/1\.1" 404 \d+ "-" "kube-probe\/1\.32"/,
    );
  });

  test('a readiness probe is not run before initialDelaySeconds: never Ready before, Ready after', async () => {
    const k = cluster();
    await applyManifest(
      k,
      'ready.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: ready-late}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'sleep 3600']
    readinessProbe: {exec: {command: ['true']}, initialDelaySeconds: 5, periodSeconds: 1}
`,
    );
    const samples: { at: number; ready: string }[] = [];
    await waitRunning(k, 'ready-late');
    const running = Date.now();
    await eventually(
      async () => {
        const r = await podRow(k, 'ready-late');
        samples.push({ at: Date.now() - running, ready: r.READY });
        assert.equal(r.READY, '1/1');
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    // Seen Running no earlier than the container started, so the first 4 s after are all before the
    // delay. A kubectl get takes up to a second on a loaded machine: at least 3 samples fit.
    const early = samples.filter((s) => s.at < 4000);
    assert.ok(early.length >= 3, JSON.stringify(samples));
    for (const s of early) assert.equal(s.ready, '0/1', JSON.stringify(samples));
    const started = Date.parse(
      await jsonpath(k, 'ready-late', '{.status.containerStatuses[0].state.running.startedAt}'),
    );
    const ready = Date.parse(
      await jsonpath(k, 'ready-late', '{.status.conditions[?(@.type=="Ready")].lastTransitionTime}'),
    );
    // Both times are whole seconds.
    assert.ok(ready - started >= 4000, `Ready ${ready - started} ms after the start`);
  });

  test('termination messages come from terminationMessagePath, or from the log tail with FallbackToLogsOnError', async () => {
    const k = cluster();
    const pod = (name: string, script: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox
    command: [sh, -c, '${script}']
    ${extra}
---
`;
    await k.kubectl([
      'apply',
      '-f',
      k.file(
        'messages.yaml',
        pod('msg-default', 'printf "bye from the file" > /dev/termination-log; exit 0') +
          pod(
            'msg-custom',
            'echo "custom path" > /tmp/done.txt; exit 1',
            'terminationMessagePath: /tmp/done.txt',
          ) +
          pod(
            'msg-fallback',
            'echo first; echo last words; exit 2',
            'terminationMessagePolicy: FallbackToLogsOnError',
          ) +
          pod('msg-fallback-ok', 'echo all fine; exit 0', 'terminationMessagePolicy: FallbackToLogsOnError') +
          pod(
            'msg-file-wins',
            'echo in the log; printf "from the file" > /dev/termination-log; exit 5',
            'terminationMessagePolicy: FallbackToLogsOnError',
          ),
      ),
    ]);
    const msg = '{.status.containerStatuses[0].state.terminated.message}';
    const reason = '{.status.containerStatuses[0].state.terminated.reason}';
    await eventually(async () => {
      for (const n of ['msg-default', 'msg-custom', 'msg-fallback', 'msg-fallback-ok', 'msg-file-wins'])
        assert.match(await jsonpath(k, n, reason), /^(Completed|Error)$/, n);
    }, LONG);
    assert.equal(await jsonpath(k, 'msg-default', msg), 'bye from the file');
    assert.equal(await jsonpath(k, 'msg-custom', msg), 'custom path\n');
    assert.equal(await jsonpath(k, 'msg-fallback', msg), 'first\nlast words\n');
    assert.equal(await jsonpath(k, 'msg-fallback-ok', msg), '');
    assert.equal(await jsonpath(k, 'msg-file-wins', msg), 'from the file');
  });
});
