import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Pod } from '../api/core/pods/types.js';
import type { RestClient } from '../client/rest-client.js';
import { FakeClock } from '../util/clock.js';
import type { PodSource } from './interfaces.js';
import { createKubelet } from './kubelet.js';
import { createFakeRuntime } from './testing/fake-runtime.js';
import { makePod, RecordingEvents } from './testing/harness.js';
import { StubProbeManager } from './testing/stub-probes.js';

class MemoryPodSource implements PodSource {
  readonly map = new Map<string, Pod>();
  private listeners = new Set<(pod: Pod, type: 'add' | 'update' | 'delete') => void>();
  pods(): Pod[] {
    return [...this.map.values()];
  }
  onChange(l: (pod: Pod, type: 'add' | 'update' | 'delete') => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  async synced() {}
  put(pod: Pod, type: 'add' | 'update' = 'add') {
    this.map.set(pod.metadata.uid!, pod);
    for (const l of this.listeners) l(pod, type);
  }
  remove(pod: Pod) {
    this.map.delete(pod.metadata.uid!);
    for (const l of this.listeners) l(pod, 'delete');
  }
}

function fakeClient() {
  const calls: string[] = [];
  const client = {
    async patch(_r: unknown, name: string) {
      calls.push(`patch ${name}`);
      return {};
    },
    async delete(_r: unknown, name: string) {
      calls.push(`delete ${name}`);
      return {};
    },
    // Services, for the containers' service env vars: none.
    async list() {
      return { items: [] };
    },
  } as unknown as RestClient;
  return { calls, client };
}

const rootDir = mkdtempSync(join(tmpdir(), 'kubeling-kubelet-'));
after(() => rmSync(rootDir, { recursive: true, force: true }));

/** Lets the kubelet's syncs (which touch the real disk for log dirs) finish. */
const flush = async () => {
  for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 5));
};

function setup(clock: FakeClock, rt = createFakeRuntime(clock), withSubscribe = true) {
  const source = new MemoryPodSource();
  const { calls, client } = fakeClient();
  const runtime = withSubscribe
    ? rt
    : { ...rt, runtime: Object.assign(Object.create(rt.fake) as typeof rt.fake, { subscribe: undefined }) };
  const kubelet = createKubelet({
    nodeName: 'node-1',
    nodeIP: '192.168.1.10',
    runtime,
    client,
    podSource: source,
    probes: new StubProbeManager(),
    events: new RecordingEvents(),
    clock,
    rootDir,
  });
  return { rt, source, calls, kubelet };
}

describe('createKubelet', () => {
  it('runs the pods of its source, writes their status and relists the runtime every second', async () => {
    const clock = new FakeClock();
    const { rt, source, calls, kubelet } = setup(clock, undefined, false);
    const pod = makePod();
    source.put(pod);
    await kubelet.start();
    await flush();
    assert.ok(rt.fake.latest('app')?.state === 'CONTAINER_RUNNING');
    assert.ok(calls.includes('patch web'));
    rt.fake.exit('app', 1);
    await flush();
    assert.equal(
      rt.fake.calls.filter((c) => c === 'start app').length,
      1,
      'no runtime events: waits for the relist',
    );
    clock.advance(1000);
    await flush();
    assert.equal(rt.fake.calls.filter((c) => c === 'start app').length, 2);
    await kubelet.stop();
  });

  it('deletes the API object once a deleted pod has stopped, and forgets it when it leaves the source', async () => {
    const clock = new FakeClock();
    const { rt, source, calls, kubelet } = setup(clock);
    const pod = makePod();
    source.put(pod);
    await kubelet.start();
    await flush();
    source.put(
      {
        ...pod,
        metadata: {
          ...pod.metadata,
          deletionTimestamp: '2024-01-01T00:00:00Z',
          deletionGracePeriodSeconds: 30,
        },
      },
      'update',
    );
    await flush();
    assert.equal(rt.fake.latest('app')?.state, 'CONTAINER_EXITED');
    assert.ok(calls.includes('delete web'));
    source.remove(pod);
    await flush();
    assert.equal(kubelet.workers.state(pod.metadata.uid!), undefined);
    assert.equal(rt.fake.sandboxes.size, 0, 'runtime objects removed');
    await flush();
    assert.deepEqual(
      readdirSync(join(rootDir, 'pods')).filter((d) => d.includes(pod.metadata.uid!)),
      [],
      'logs removed',
    );
    await kubelet.stop();
  });

  it('a restarted kubelet adopts running pods and starts nothing; orphans are removed by housekeeping', async () => {
    const clock = new FakeClock();
    const first = setup(clock);
    const pod = makePod();
    const orphan = makePod({}, 'orphan');
    first.source.put(pod);
    first.source.put(orphan);
    await first.kubelet.start();
    await flush();
    await first.kubelet.stop();
    const before = first.rt.fake.calls.length;

    const second = setup(clock, first.rt);
    second.source.put(pod);
    await second.kubelet.start();
    await flush();
    clock.advance(1000);
    await flush();
    assert.deepEqual(first.rt.fake.calls.slice(before), [], 'nothing started or stopped');
    clock.advance(9000);
    await flush();
    assert.ok(first.rt.fake.calls.slice(before).includes('stopPodSandbox orphan'));
    assert.equal(first.rt.fake.latest('app', pod.metadata.uid)?.state, 'CONTAINER_RUNNING');
    await second.kubelet.stop();
  });
});
