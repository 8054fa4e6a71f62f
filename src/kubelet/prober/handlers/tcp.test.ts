import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { realClock } from '../../../util/clock.js';
import { tcpProbe } from './tcp.js';

test('tcpProbe succeeds against a listener and fails with a dial error once it is gone', async () => {
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  try {
    assert.deepEqual(await tcpProbe({ clock: realClock, host: '127.0.0.1', port, timeoutSeconds: 1 }), {
      status: 'success',
      output: '',
    });
  } finally {
    await new Promise((r) => server.close(r));
  }
  assert.equal(accepted, 1);
  assert.deepEqual(await tcpProbe({ clock: realClock, host: '127.0.0.1', port, timeoutSeconds: 1 }), {
    status: 'failure',
    output: `dial tcp 127.0.0.1:${port}: connect: connection refused`,
  });
});
