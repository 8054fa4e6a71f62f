/**
 * @module test/e2e/watch
 * `kubectl get -w`: a collection watch with --output-watch-events and a single-object watch.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, parseTable, useCluster } from './harness.js';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', 'watch-cm']);
  await k.kubectl(['create', 'namespace', 'watch-pod']);
});

test('get cm -w --output-watch-events prints ADDED, MODIFIED and DELETED rows', async () => {
  const k = cluster();
  const NS = 'watch-cm';
  await k.kubectl(['create', 'configmap', 'before', '-n', NS, '--from-literal=a=1']);
  const w = k.kubectlBackground(['get', 'cm', '-n', NS, '-w', '--output-watch-events', '-l', 'e2e=watch']);
  try {
    // The labelled list is empty at first; the unlabelled configmap is filtered out.
    await k.kubectl(['create', 'configmap', 'one', '-n', NS, '--from-literal=a=1']);
    await k.kubectl(['label', 'configmap', 'one', '-n', NS, 'e2e=watch']);
    await w.waitFor(/^ADDED\s+one\s+1\s+\d+s$/m);
    await k.kubectl(['patch', 'configmap', 'one', '-n', NS, '--type=merge', '-p', '{"data":{"b":"2"}}']);
    await w.waitFor(/^MODIFIED\s+one\s+2\s+\d+s$/m);
    await k.kubectl(['delete', 'configmap', 'one', '-n', NS]);
    await w.waitFor(/^DELETED\s+one\s+2\s+\d+s$/m);
  } finally {
    await w.kill();
  }
  const t = parseTable(w.stdout());
  assert.deepEqual(t.header, ['EVENT', 'NAME', 'DATA', 'AGE']);
  // One header only: every event row uses the same columns as the list.
  assert.equal(w.stdout().match(/^EVENT\s/gm)?.length, 1, w.stdout());
  assert.deepEqual(
    t.rows.map((r) => `${r.EVENT} ${r.NAME}`),
    ['ADDED one', 'MODIFIED one', 'DELETED one'],
  );
  assert.doesNotMatch(w.stdout(), /before/);
  assert.equal(w.stderr().replace(/^No resources found in watch-cm namespace\.\n/, ''), '');
});

test('get cm -w lists existing objects first, then streams changes', async () => {
  const k = cluster();
  const NS = 'watch-cm';
  await k.kubectl(['create', 'configmap', 'listed', '-n', NS, '--from-literal=x=1']);
  const w = k.kubectlBackground(['get', 'cm', '-n', NS, '-w']);
  try {
    await w.waitFor(/^listed\s+1\s+\d+s$/m);
    await k.kubectl(['patch', 'configmap', 'listed', '-n', NS, '--type=merge', '-p', '{"data":{"y":"2"}}']);
    await w.waitFor(/^listed\s+2\s+\d+s$/m);
  } finally {
    await w.kill();
  }
  const t = parseTable(w.stdout());
  assert.deepEqual(t.header, ['NAME', 'DATA', 'AGE']);
  const rows = t.rows.map((r) => `${r.NAME} ${r.DATA}`);
  assert.ok(rows.includes('before 1'), rows.join(','));
  assert.ok(rows.indexOf('listed 1') < rows.indexOf('listed 2'), rows.join(','));
});

test('get pod NAME -w shows the pod, then each change to it', async () => {
  const k = cluster();
  const NS = 'watch-pod';
  await k.kubectl(['run', 'solo', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
  await k.kubectl(['run', 'other', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
  const w = k.kubectlBackground(['get', 'pod', 'solo', '-n', NS, '-w']);
  let tick = 0;
  try {
    await w.waitFor(/^solo\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    // The row above comes from a GET; the watch starts just after it. Touch the pod until a change shows,
    // so the status change below cannot fall between the two requests.
    await eventually(
      async () => {
        await k.kubectl(['label', 'pod', 'solo', '-n', NS, `tick=${++tick}`, '--overwrite']);
        assert.ok((w.stdout().match(/^solo\s/gm) ?? []).length >= 2, w.stdout());
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    await k.kubectl(['label', 'pod', 'other', '-n', NS, 'ignored=yes']);
    await k.kubectl([
      'patch',
      'pod',
      'solo',
      '-n',
      NS,
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"phase":"Running"}}',
    ]);
    await w.waitFor(/^solo\s+0\/1\s+Running\s+0\s+\d+s$/m);
  } finally {
    await w.kill();
  }
  const t = parseTable(w.stdout());
  assert.deepEqual(t.header, ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
  const rows = t.rows.map((r) => `${r.NAME} ${r.STATUS}`);
  // One row from the GET, one per label change (the synthetic initial ADDED is not printed), then Running;
  // the other pod never appears.
  // (Label changes made before the watch request arrived are folded into that suppressed event.)
  assert.ok(rows.length >= 3 && rows.length <= tick + 2, `${tick} ticks: ${rows.join(', ')}`);
  assert.deepEqual(rows.slice(0, -1), Array(rows.length - 1).fill('solo Pending'));
  assert.equal(rows.at(-1), 'solo Running');
});
