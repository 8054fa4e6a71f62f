import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, Harness, makePod } from '../testing/harness.js';
import { collectGarbage, selectGarbage } from './gc.js';
import { readPodRuntimeStatus } from './pod-runtime-status.js';

describe('container garbage collection', () => {
  it('keeps the two newest exited runs per container; the status keeps its lastState', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')] });
    await h.sync(pod);
    for (let i = 0; i < 4; i++) {
      h.fake.exit('app', 1);
      await h.settle();
      await h.advance(300_000);
    }
    const before = await readPodRuntimeStatus(h.fake, pod.metadata.uid!);
    assert.equal(before.containers.length, 5);
    assert.equal(selectGarbage(before).containers.length, 2);
    await collectGarbage(h.fake, before);
    const after = await readPodRuntimeStatus(h.fake, pod.metadata.uid!);
    assert.deepEqual(
      after.containers.map((c) => c.state),
      ['CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_EXITED'],
    );
    await h.sync(pod);
    const cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.restartCount, 4);
    assert.equal(cs.lastState?.terminated?.exitCode, 1);
  });

  it('removes old stopped sandboxes once their containers are gone', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')] });
    await h.sync(pod);
    await h.fake.stopPodSandbox([...h.fake.sandboxes.keys()][0]);
    await h.settle();
    const status = await readPodRuntimeStatus(h.fake, pod.metadata.uid!);
    assert.equal(status.sandboxes.length, 2);
    assert.deepEqual(selectGarbage(status).sandboxes, [], 'its exited container still pins it');
    const old = status.sandboxes[1];
    const pinned = status.containers.filter((c) => c.podSandboxId === old.id);
    for (const c of pinned) await h.fake.removeContainer(c.id);
    assert.deepEqual(selectGarbage(await readPodRuntimeStatus(h.fake, pod.metadata.uid!)).sandboxes, [
      old.id,
    ]);
  });
});
