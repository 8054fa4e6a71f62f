import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, Harness, makePod } from '../testing/harness.js';

describe('engine: sandbox loss', () => {
  it('a dead sandbox is replaced (attempt+1): init containers rerun, app containers restart with attempt+1', async () => {
    const h = new Harness();
    const pod = makePod({ initContainers: [container('init')], containers: [container('app')] });
    await h.sync(pod);
    h.fake.exit('init', 0);
    await h.settle();
    assert.equal(h.containerStatus(pod, 'app')?.restartCount, 0);
    const sb = [...h.fake.sandboxes.values()][0];
    await h.fake.stopPodSandbox(sb.id);
    await h.settle();
    assert.ok(
      h.events.list.some(
        (e) =>
          e.reason === 'SandboxChanged' &&
          e.message === 'Pod sandbox changed, it will be killed and re-created.',
      ),
    );
    assert.ok(h.fake.calls.includes('runPodSandbox web 1'));
    assert.ok(h.fake.calls.includes('create init 1'), h.fake.calls.join(','));
    h.fake.exit('init', 0);
    await h.settle();
    assert.ok(h.fake.calls.includes('create app 1'));
    const cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.restartCount, 1);
    assert.ok(cs.state?.running);
    assert.equal(cs.lastState?.terminated?.exitCode, 137);
    assert.equal(
      h.statusOf(pod)?.podIP,
      [...h.fake.sandboxes.values()].find((s) => s.state === 'SANDBOX_READY')?.ip,
    );
  });
});
