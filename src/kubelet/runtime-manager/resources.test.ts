import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import { containerResources, podResources } from './resources.js';

describe('resources', () => {
  it('container: CPU millis (request defaults to the limit), memory bytes', () => {
    assert.deepEqual(
      containerResources({
        name: 'a',
        resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0.1' } },
      }),
      { cpuLimitMillis: 500, cpuRequestMillis: 100, memoryLimitBytes: 134217728 },
    );
    assert.deepEqual(containerResources({ name: 'a', resources: { limits: { cpu: '2' } } }), {
      cpuLimitMillis: 2000,
      cpuRequestMillis: 2000,
    });
    assert.deepEqual(containerResources({ name: 'a' }), {});
  });

  it('pod: totals only when every container has a limit; the largest init container counts', () => {
    const pod: Pod = {
      metadata: { name: 'p' },
      spec: {
        initContainers: [
          { name: 'init', resources: { limits: { cpu: '3', memory: '1Gi' } } },
          { name: 'side', restartPolicy: 'Always', resources: { limits: { cpu: '100m', memory: '10Mi' } } },
        ],
        containers: [
          { name: 'a', resources: { limits: { cpu: '1', memory: '100Mi' } } },
          { name: 'b', resources: { limits: { cpu: '500m', memory: '100Mi' } } },
        ],
      },
    };
    assert.deepEqual(podResources(pod), { cpuLimitMillis: 3000, memoryLimitBytes: 1024 ** 3 });
    pod.spec.containers.push({ name: 'c' });
    assert.deepEqual(podResources(pod), {});
  });
});
