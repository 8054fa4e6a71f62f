import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import { FakeClock } from '../../util/clock.js';
import { FakeRuntime } from '../testing/fake-runtime.js';
import { HookError, HookRunner } from './hooks.js';

const pod: Pod = { metadata: { name: 'p', uid: 'u' }, spec: { containers: [] } };

describe('HookRunner', () => {
  it('httpGet: GETs podIP:port/path with headers, resolving named ports', async () => {
    const seen: { url?: string; header?: string }[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ url: req.url, header: req.headers['x-hook'] as string });
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const clock = new FakeClock();
      const runner = new HookRunner({ runtime: new FakeRuntime(clock), clock });
      const container = { name: 'app', ports: [{ name: 'web', containerPort: port }] };
      await runner.run(
        { httpGet: { port: 'web', path: 'started', httpHeaders: [{ name: 'X-Hook', value: 'yes' }] } },
        { pod, container, containerId: 'c1', podIP: '127.0.0.1' },
      );
      assert.deepEqual(seen, [{ url: '/started', header: 'yes' }]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('httpGet: a connection error fails the hook', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const clock = new FakeClock();
    const runner = new HookRunner({ runtime: new FakeRuntime(clock), clock });
    await assert.rejects(
      runner.run(
        { httpGet: { port } },
        { pod, container: { name: 'a' }, containerId: 'c', podIP: '127.0.0.1' },
      ),
      HookError,
    );
  });

  it('sleep waits on the clock; exec fails on a non-zero exit', async () => {
    const clock = new FakeClock();
    const rt = new FakeRuntime(clock);
    const runner = new HookRunner({ runtime: rt, clock });
    let done = false;
    const p = runner
      .run({ sleep: { seconds: 2 } }, { pod, container: { name: 'a' }, containerId: 'c', podIP: '' })
      .then(() => (done = true));
    clock.advance(1999);
    await new Promise((r) => setImmediate(r));
    assert.equal(done, false);
    clock.advance(1);
    await p;
    assert.equal(done, true);
    rt.execResult(() => ({ exitCode: 3, stdout: Buffer.from('bad'), stderr: Buffer.alloc(0) }));
    const sb = await rt.runPodSandbox({
      metadata: { name: 'p', namespace: 'n', uid: 'u', attempt: 0 },
      hostname: 'p',
      logDirectory: '/tmp',
      portMappings: [],
      hostNetwork: false,
      labels: {},
      annotations: {},
    });
    const id = await rt.createContainer(sb, {
      metadata: { name: 'a', attempt: 0 },
      image: 'x',
      command: [],
      args: [],
      envs: [],
      mounts: [],
      labels: {},
      annotations: {},
      logPath: '',
      stdin: false,
      stdinOnce: false,
      tty: false,
    });
    await assert.rejects(
      runner.run(
        { exec: { command: ['check'] } },
        { pod, container: { name: 'a' }, containerId: id, podIP: '' },
      ),
      /command 'check' exited with 3: bad/,
    );
  });
});
