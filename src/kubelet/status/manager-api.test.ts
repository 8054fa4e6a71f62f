import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import { isNotFound } from '../../client/api-error.js';
import { R } from '../../client/resources.js';
import { eventually, startTestCluster, type TestCluster } from '../../client/testing/test-cluster.js';
import { realClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { StatusManager } from './manager.js';

describe('StatusManager against the API server', () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startTestCluster();
  });
  after(async () => {
    await cluster.close();
  });

  it('patches pods/status, then deletes a terminated pod with grace 0', async () => {
    const { client } = cluster;
    const created = await client.create<Pod>(R.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'sm-test', namespace: 'default' },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx:1.27' }] },
    });
    const m = new StatusManager({ client, clock: realClock, log: silentLogger });
    m.setPodStatus(created, {
      ...created.status,
      phase: 'Running',
      podIP: '10.88.0.5',
      podIPs: [{ ip: '10.88.0.5' }],
      hostIP: '192.168.1.10',
      startTime: '2024-01-01T00:00:00Z',
    });
    await m.whenIdle();
    const got = await client.get<Pod>(R.pods, 'sm-test', 'default');
    assert.equal(got.status?.phase, 'Running');
    assert.equal(got.status?.podIP, '10.88.0.5');
    assert.equal(got.status?.qosClass, 'BestEffort');

    await client.delete(R.pods, 'sm-test', { namespace: 'default' });
    const deleting = await client.get<Pod>(R.pods, 'sm-test', 'default');
    assert.ok(deleting.metadata.deletionTimestamp, 'graceful deletion leaves the object for the kubelet');
    m.setPodStatus(deleting, { ...got.status, phase: 'Succeeded' });
    m.podTerminated(deleting);
    await m.whenIdle();
    await eventually(
      async () => {
        try {
          await client.get(R.pods, 'sm-test', 'default');
          return false;
        } catch (err) {
          return isNotFound(err);
        }
      },
      5000,
      'pod deleted',
    );
  });
});
