import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../api/core/pods/types.js';
import { Nominator } from './nominator.js';

const pod = (name: string, priority: number, nominatedNodeName?: string): Pod => ({
  metadata: { name, namespace: 'default' },
  spec: { priority, containers: [{ name: 'c' }] },
  status: nominatedNodeName ? { nominatedNodeName } : {},
});

test('nominations by node: reserved for equal or higher priority, given way by lower ones', () => {
  const n = new Nominator();
  const low = pod('low', 1, 'a');
  const mid = pod('mid', 5, 'a');
  n.upsert(low);
  n.upsert(mid);
  n.upsert(pod('elsewhere', 1, 'b'));
  const high = pod('high', 10);
  assert.deepEqual(
    n.reservedFor(pod('x', 5), 'a').map((p) => p.metadata.name),
    ['mid'],
  );
  assert.deepEqual(
    n.lowerPriorityOn(high, 'a').map((p) => p.metadata.name),
    ['low', 'mid'],
  );
  assert.deepEqual(n.lowerPriorityOn(pod('lowest', 0), 'a'), []);
});

test("upsert with '' clears the pod's nomination, whatever its status still says", () => {
  const n = new Nominator();
  const p = pod('p', 5, 'a');
  n.upsert(p);
  assert.equal(n.reservedFor(pod('q', 1), 'a').length, 1);
  n.upsert(p, '');
  assert.equal(n.reservedFor(pod('q', 1), 'a').length, 0);
  n.upsert(p, 'b');
  assert.equal(n.reservedFor(pod('q', 1), 'b').length, 1);
});
