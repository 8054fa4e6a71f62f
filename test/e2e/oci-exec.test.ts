/**
 * @module test/e2e/oci-exec
 * `kubectl exec`, `kubectl attach` and `kubectl run -i` into real containers (the oci runtime),
 * driven by the real kubectl over the WebSocket stream protocol: stdin reaches the command and its
 * end closes the command's input, stdout and stderr stay apart, the exit code comes back, output is
 * seen while the command still runs, `-it` gives the command a terminal of the client's size, and
 * attach reaches a running container's own stdin. Skipped, with the reason, where the oci runtime
 * cannot run (not root, tools missing).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { eventually, KUBECTL_BIN, type Cluster } from './harness.js';
import { ociSkipReason, useOciCluster } from './oci-harness.js';

const LONG = { timeoutMs: 60_000, intervalMs: 200 };

/** A POSIX shell word for `s`. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs kubectl on a terminal of `cols`×`rows` (util-linux `script` makes the pty), with `input`
 * typed into it after `delayMs`; resolves with what the terminal showed and the exit code.
 */
/** Prints the terminal's size once it is not 0 0 (asking for up to 2 s). */
const SIZE_WHEN_SET =
  'for i in 1 2 3 4 5 6 7 8 9 10; do s=$(stty size 2>/dev/null); [ -n "$s" ] && [ "$s" != "0 0" ] && break; sleep 0.2; done; echo "$s"';

function kubectlOnTty(
  k: Cluster,
  args: string[],
  opts: { cols: number; rows: number; input?: string; delayMs?: number },
): Promise<{ code: number; output: string }> {
  const cmd = [KUBECTL_BIN, '--kubeconfig', k.kubeconfig, ...args].map(q).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(
      'script',
      [
        '--quiet',
        '--return',
        '--command',
        `stty rows ${opts.rows} cols ${opts.cols}; exec ${cmd}`,
        '/dev/null',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SHELL: '/bin/sh' } },
    );
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    if (opts.input !== undefined) setTimeout(() => child.stdin.write(opts.input), opts.delayMs ?? 0);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code: code ?? -1, output });
    });
  });
}

describe('exec and attach on the oci runtime', { skip: ociSkipReason }, () => {
  const cluster = useOciCluster(async (k) => {
    await k.kubectl(['run', 'box', '--image=busybox', '--', 'sleep', '3600']);
    await eventually(async () => {
      const phase = (await k.kubectl(['get', 'pod', 'box', '-o', 'jsonpath={.status.phase}'])).stdout;
      assert.equal(phase, 'Running');
    }, LONG);
  });

  test('exec -i passes stdin to the command, and its end ends the command input', async () => {
    const k = cluster();
    const r = await k.kubectl(['exec', '-i', 'box', '--', 'sh', '-c', 'read x; echo got $x; cat | wc -l'], {
      stdin: 'hello\nline2\nline3\n',
    });
    assert.equal(r.stdout, 'got hello\n2\n');
  });

  test('stdout and stderr stay apart and the exit code comes back', async () => {
    const k = cluster();
    const r = await k.kubectl(['exec', 'box', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], {
      allowFail: true,
    });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\ncommand terminated with exit code 3\n');
  });

  test('kubectl cp copies a file into the pod and back (tar over exec -i)', async () => {
    const k = cluster();
    const text = 'line one\nline two\n'.repeat(2000);
    const src = k.file('payload.txt', text);
    await k.kubectl(['cp', src, 'box:/tmp/payload.txt']);
    const inside = await k.kubectl(['exec', 'box', '--', 'md5sum', '/tmp/payload.txt']);
    assert.equal(inside.stdout.split(' ')[0], createHash('md5').update(text).digest('hex'));
    const back = `${k.workDir}/back.txt`;
    await k.kubectl(['cp', 'box:/tmp/payload.txt', back]);
    assert.equal(readFileSync(back, 'utf8'), text);
  });

  test('output is seen while the command still runs', async () => {
    const k = cluster();
    const bg = k.kubectlBackground(['exec', 'box', '--', 'sh', '-c', 'echo first; sleep 3; echo second']);
    const started = Date.now();
    let ended = false;
    void bg.exitCode().then(() => (ended = true));
    await bg.waitFor(/first/, 10_000);
    assert.equal(ended, false, 'kubectl had already ended when the first line came');
    assert.doesNotMatch(bg.stdout(), /second/);
    assert.ok(Date.now() - started < 2500, `first line only after ${Date.now() - started} ms`);
    assert.equal(await bg.exitCode(), 0);
    assert.equal(bg.stdout(), 'first\nsecond\n');
  });

  test('exec -it gives the command a terminal of the client size', async () => {
    const k = cluster();
    const r = await kubectlOnTty(
      k,
      // runc sizes the container's terminal just after the command starts (as under CRI-O), so a
      // command that asks at once may still see 0 0: it asks again until the size is there.
      ['exec', '-it', 'box', '--', 'sh', '-c', `tty; ${SIZE_WHEN_SET}; read x; echo "got $x"`],
      {
        cols: 101,
        rows: 33,
        input: 'typed\r',
        delayMs: 1500,
      },
    );
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /\/dev\/pts\/\d+\r+\n/);
    assert.match(r.output, /33 101\r\n/);
    assert.match(r.output, /got typed\r\n/);
  });

  test('exec -it passes the exit code through', async () => {
    const k = cluster();
    const r = await kubectlOnTty(k, ['exec', '-it', 'box', '--', 'sh', '-c', 'exit 7'], {
      cols: 80,
      rows: 24,
    });
    assert.equal(r.code, 7, r.output);
  });

  test('attach -i reaches the container stdin (stdinOnce: its end is the container input end)', async () => {
    const k = cluster();
    const manifest = k.file(
      'reader.yaml',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'reader' },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'reader',
              image: 'busybox',
              stdin: true,
              stdinOnce: true,
              command: ['sh', '-c', 'while read line; do echo "read: $line"; done; echo "input ended"'],
            },
          ],
        },
      }),
    );
    await k.kubectl(['apply', '-f', manifest]);
    await eventually(async () => {
      const phase = (await k.kubectl(['get', 'pod', 'reader', '-o', 'jsonpath={.status.phase}'])).stdout;
      assert.equal(phase, 'Running');
    }, LONG);
    const r = await k.kubectl(['attach', '-i', 'reader'], {
      stdin: 'hello there\nsecond\n',
      timeoutMs: 20_000,
    });
    assert.equal(r.stdout, 'read: hello there\nread: second\ninput ended\n');
    await eventually(async () => {
      const phase = (await k.kubectl(['get', 'pod', 'reader', '-o', 'jsonpath={.status.phase}'])).stdout;
      assert.equal(phase, 'Succeeded');
    }, LONG);
  });

  test('run -it --rm: the container gets a terminal of the client size through attach, and the pod goes', async () => {
    const k = cluster();
    const r = await kubectlOnTty(
      k,
      [
        'run', '-it', '--rm', '--restart=Never', '--image=busybox', 'term', '--',
        'sh', '-c', 'read x; tty; stty size; echo "got $x"',
      ], // prettier-ignore
      { cols: 90, rows: 20, input: 'typed\r', delayMs: 4000 },
    );
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /\/dev\/pts\/\d+\r+\n/);
    assert.match(r.output, /20 90\r+\n/);
    assert.match(r.output, /got typed\r+\n/);
    assert.match(r.output, /pod "term" deleted/);
  });

  test('run -i --rm runs a pod to its end, prints its output and removes it', async () => {
    const k = cluster();
    const r = await k.kubectl(
      ['run', '-i', '--rm', '--restart=Never', '--image=busybox', 'once', '--', 'sh', '-c', 'echo hi'],
      { timeoutMs: 60_000 },
    );
    assert.match(r.stdout, /^hi$/m);
    assert.match(r.stdout, /pod "once" deleted/);
    await eventually(async () => {
      const got = await k.kubectl(['get', 'pod', 'once'], { allowFail: true });
      assert.match(got.stderr, /NotFound/);
    }, LONG);
  });

  test('run -i --rm passes stdin to the pod and ends when the command does', async () => {
    const k = cluster();
    const r = await k.kubectl(
      [
        'run',
        '-i',
        '--rm',
        '--restart=Never',
        '--image=busybox',
        'catter',
        '--',
        'sh',
        '-c',
        'read x; echo "got $x"',
      ],
      { stdin: 'piped\n', timeoutMs: 60_000 },
    );
    assert.match(r.stdout, /got piped/);
    assert.match(r.stdout, /pod "catter" deleted/);
  });
});
