import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import { FakeClock } from '../../util/clock.js';
import { FakeRuntime } from '../testing/fake-runtime.js';
import { RecordingEvents } from '../testing/harness.js';
import { ImageManager, ImagePullError, pullPolicyOf } from './image-manager.js';

const pod: Pod = { metadata: { name: 'p', namespace: 'ns', uid: 'u1' }, spec: { containers: [] } };

describe('ImageManager', () => {
  it('defaults the pull policy as upstream: Always for latest/untagged, else IfNotPresent', () => {
    assert.equal(pullPolicyOf({ name: 'a', image: 'nginx' }), 'Always');
    assert.equal(pullPolicyOf({ name: 'a', image: 'nginx:latest' }), 'Always');
    assert.equal(pullPolicyOf({ name: 'a', image: 'localhost:5000/nginx' }), 'Always');
    assert.equal(pullPolicyOf({ name: 'a', image: 'nginx:1.27' }), 'IfNotPresent');
    assert.equal(pullPolicyOf({ name: 'a', image: 'nginx@sha256:abc' }), 'IfNotPresent');
    assert.equal(pullPolicyOf({ name: 'a', image: 'nginx', imagePullPolicy: 'Never' }), 'Never');
  });

  it('Always pulls even when present; the pull back-off doubles per pod and image', async () => {
    const clock = new FakeClock(0);
    const rt = new FakeRuntime(clock);
    const events = new RecordingEvents();
    const m = new ImageManager({ images: rt, events, clock });
    rt.addImage('app:v1');
    rt.pullDurationMs = 523;
    await m.ensureImageExists(
      pod,
      { name: 'a', image: 'app:v1', imagePullPolicy: 'Always' },
      'spec.containers{a}',
    );
    assert.equal(
      events.list.at(-1)?.message,
      'Successfully pulled image "app:v1" in 523ms (523ms including waiting). Image size: 1000 bytes.',
    );
    rt.failPull('app:v1', 'boom');
    const c = { name: 'a', image: 'app:v1', imagePullPolicy: 'Always' };
    const reasons: string[] = [];
    for (const step of [0, 5_000, 5_000, 10_000, 10_000, 20_000]) {
      clock.advance(step);
      await m
        .ensureImageExists(pod, c, 'f')
        .catch((e) => reasons.push(ImagePullError.is(e) ? e.reason : 'other'));
    }
    assert.deepEqual(reasons, [
      'ErrImagePull', // t=0: back-off 10 s
      'ImagePullBackOff', // t=5
      'ErrImagePull', // t=10: back-off 20 s
      'ImagePullBackOff', // t=20
      'ErrImagePull', // t=30: back-off 40 s
      'ImagePullBackOff', // t=50
    ]);
  });

  it('a name the reference grammar refuses is InvalidImageName with upstream wording, and is never pulled', async () => {
    const clock = new FakeClock(0);
    const rt = new FakeRuntime(clock);
    const events = new RecordingEvents();
    const m = new ImageManager({ images: rt, events, clock });
    const cases: [string, string][] = [
      ['busybox:Bad!Tag', 'couldn\'t parse image name "busybox:Bad!Tag": invalid reference format'],
      [
        'busyBOX',
        'couldn\'t parse image name "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase',
      ],
      ['', 'couldn\'t parse image name "": invalid reference format'],
    ];
    for (const [image, why] of cases) {
      const err = await m.ensureImageExists(pod, { name: 'a', image }, 'spec.containers{a}').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(ImagePullError.is(err));
      assert.equal(err.reason, 'InvalidImageName');
      assert.equal(err.message, `Failed to apply default image tag "${image}": ${why}`);
      const ev = events.list.at(-1)!;
      assert.deepEqual([ev.type, ev.reason, ev.message], ['Warning', 'InspectFailed', err.message]);
    }
    assert.equal(events.list.filter((e) => e.reason === 'Pulling').length, 0);
  });
});
