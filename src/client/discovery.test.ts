import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAggregatedDiscovery, resourceForKind } from './discovery.js';

const core = {
  items: [
    {
      metadata: { name: '' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'pods',
              scope: 'Namespaced',
              verbs: ['list', 'delete'],
              responseKind: { kind: 'Pod' },
            },
            { resource: 'nodes', scope: 'Cluster', verbs: ['list'], responseKind: { kind: 'Node' } },
          ],
        },
      ],
    },
  ],
};
const groups = {
  items: [
    {
      metadata: { name: 'apps' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'replicasets',
              scope: 'Namespaced',
              verbs: ['get'],
              responseKind: { kind: 'ReplicaSet' },
            },
          ],
        },
        {
          version: 'v1beta1',
          resources: [{ resource: 'old', scope: 'Namespaced', verbs: [], responseKind: { kind: 'Old' } }],
        },
      ],
    },
  ],
};

test('aggregated discovery flattens to resources of each group’s preferred version', () => {
  const all = parseAggregatedDiscovery(core, groups);
  assert.deepEqual(
    all.map((r) => `${r.group}/${r.version}/${r.plural}:${r.namespaced}`),
    ['/v1/pods:true', '/v1/nodes:false', 'apps/v1/replicasets:true'],
  );
  assert.equal(resourceForKind(all, 'apps/v1', 'ReplicaSet')?.plural, 'replicasets');
  assert.equal(resourceForKind(all, 'v1', 'Node')?.namespaced, false);
  assert.equal(resourceForKind(all, 'example.com/v1', 'Widget'), undefined);
});
