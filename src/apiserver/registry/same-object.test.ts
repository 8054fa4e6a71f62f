import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../machinery/meta.js';
import { sameObject } from './same-object.js';

const base = (): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', resourceVersion: '5', managedFields: [{ manager: 'a' }], labels: { a: '1' } },
    spec: { containers: [{ name: 'c', image: 'i' }] },
    status: { phase: 'Running' },
  }) as KubeObject;

/** What the comparison must agree with: the JSON texts without resourceVersion and managedFields. */
function byText(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { resourceVersion: _r, managedFields: _m, ...metadata } = o.metadata;
    return JSON.stringify({ ...o, metadata });
  };
  return strip(a) === strip(b);
}

test('a no-op write is recognised whatever its resourceVersion and managedFields', () => {
  const b = base();
  b.metadata.resourceVersion = '9';
  b.metadata.managedFields = [];
  assert.equal(sameObject(base(), b), true);
  assert.equal(byText(base(), b), true);
});

test('it agrees with comparing JSON texts on changes, undefined members and key order', () => {
  const cases: [string, (o: any) => void][] = [
    ['nested value', (o) => (o.spec.containers[0].image = 'j')],
    ['added label', (o) => (o.metadata.labels.b = '2')],
    ['undefined member', (o) => (o.status.reason = undefined)],
    ['undefined top-level member', (o) => (o.extra = undefined)],
    ['null member', (o) => (o.status.reason = null)],
    ['array length', (o) => o.spec.containers.push({ name: 'd' })],
    ['undefined array item', (o) => o.spec.containers.push(undefined)],
    ['key order', (o) => (o.status = { ...{ reason: 'x' }, ...o.status })],
    ['reordered labels', (o) => (o.metadata.labels = { b: '2', a: '1' })],
    ['removed status', (o) => delete o.status],
  ];
  for (const [what, change] of cases) {
    const b = base();
    change(b);
    assert.equal(sameObject(base(), b), byText(base(), b), what);
  }
});
