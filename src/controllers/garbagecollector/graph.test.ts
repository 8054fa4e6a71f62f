import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OwnerGraph, splitNodeId } from './graph.js';

const owned = (name: string, uid: string, owners: string[]) => ({
  metadata: {
    name,
    namespace: 'ns',
    uid,
    ownerReferences: owners.map((o) => ({ apiVersion: 'v1', kind: 'X', name: o, uid: o })),
  },
});

test('the graph tracks uids and dependents through updates and removals', () => {
  const g = new OwnerGraph();
  const id = g.upsert('pods', owned('p', 'pu', ['rs1']));
  assert.equal(id, 'pods|ns/p');
  assert.deepEqual(splitNodeId(id), { resource: 'pods', key: 'ns/p' });
  assert.equal(g.locate('pu'), 'pods|ns/p');
  assert.deepEqual(g.dependentsOf('rs1'), ['pods|ns/p']);
  g.upsert('pods', owned('p', 'pu', ['rs2']));
  assert.deepEqual(g.dependentsOf('rs1'), []);
  assert.deepEqual(g.dependentsOf('rs2'), ['pods|ns/p']);
  assert.deepEqual(g.ownerUids(id), ['rs2']);
  g.remove('pods', owned('p', 'pu', ['rs2']));
  assert.equal(g.locate('pu'), undefined);
  assert.deepEqual(g.dependentsOf('rs2'), []);
});
