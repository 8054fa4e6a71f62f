import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../client/api-error.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { TokenManager, type RequestToken, type TokenRequestSpec } from './token.js';

const spec: TokenRequestSpec = {
  audiences: [],
  expirationSeconds: 3607,
  boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'u1' },
};

function notFound(message: string, details?: Record<string, unknown>) {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: 404,
    reason: 'NotFound',
    message,
    details,
  } as never);
}

describe('service account tokens', () => {
  it('requests once, caches, and refreshes after 80% of the lifetime', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 1));
    const calls: { ns: string; sa: string; spec: TokenRequestSpec }[] = [];
    const requestToken: RequestToken = async (ns, sa, s) => {
      calls.push({ ns, sa, spec: s });
      return {
        token: `tok-${calls.length}`,
        expirationTimestamp: new Date(clock.nowMs() + s.expirationSeconds * 1000).toISOString(),
      };
    };
    const m = new TokenManager({ requestToken, clock, log: silentLogger });
    assert.equal(await m.get('ns', 'default', spec), 'tok-1');
    assert.deepEqual(calls[0], { ns: 'ns', sa: 'default', spec });
    clock.advance(3607 * 1000 * 0.79);
    assert.equal(await m.get('ns', 'default', spec), 'tok-1');
    clock.advance(3607 * 1000 * 0.02);
    assert.equal(await m.get('ns', 'default', spec), 'tok-2');
    assert.equal(calls.length, 2);
  });

  it('a 404 from a server without the endpoint gives an empty token; a missing account fails', async () => {
    const clock = new FakeClock();
    const m1 = new TokenManager({
      requestToken: async () => {
        throw notFound('the server could not find the requested resource');
      },
      clock,
      log: silentLogger,
    });
    assert.equal(await m1.get('ns', 'default', spec), '');
    const m2 = new TokenManager({
      requestToken: async () => {
        throw notFound('serviceaccounts "robot" not found', { name: 'robot', kind: 'serviceaccounts' });
      },
      clock,
      log: silentLogger,
    });
    await assert.rejects(m2.get('ns', 'robot', spec), {
      message: 'failed to fetch token: serviceaccounts "robot" not found',
    });
  });
});

describe('forgetting a pod', () => {
  it("drops that pod's tokens only, whatever the other keys hold", async () => {
    let n = 0;
    const m = new TokenManager({
      requestToken: async () => ({ token: `tok-${++n}`, expirationTimestamp: '2099-01-01T00:00:00Z' }),
      clock: new FakeClock(),
      log: silentLogger,
    });
    // A namespace spelled like the other pod's UID must not make its token go too.
    const other = { ...spec, boundObjectRef: { ...spec.boundObjectRef, uid: 'u2' } };
    assert.equal(await m.get('ns', 'default', spec), 'tok-1');
    assert.equal(await m.get('u1', 'default', other), 'tok-2');
    m.forgetPod('u1');
    assert.equal(await m.get('u1', 'default', other), 'tok-2');
    assert.equal(await m.get('ns', 'default', spec), 'tok-3');
  });
});
