import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatLabelSelector,
  formatSelectorMap,
  labelSelectorString,
  type LabelSelector,
} from './selector-text.js';

test('formatLabelSelector: empty and missing selectors', () => {
  assert.equal(formatLabelSelector(undefined), '<none>');
  assert.equal(formatLabelSelector(null), '<none>');
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector({ matchLabels: {}, matchExpressions: [] }), '<none>');
});

test('formatLabelSelector: every operator, sorted by key', () => {
  assert.equal(formatLabelSelector({ matchLabels: { b: '2', a: '1' } }), 'a=1,b=2');
  assert.equal(
    formatLabelSelector({
      matchLabels: { tier: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'zone', operator: 'NotIn', values: ['b', 'a'] },
        { key: 'gpu', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
      ],
    }),
    'env in (dev,prod),gpu,!legacy,tier=web,zone notin (a,b)',
  );
  assert.equal(
    formatLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: ['x'] }] }),
    'k in (x)',
  );
  assert.equal(formatLabelSelector({ matchLabels: { 'example.com/app': '' } }), 'example.com/app=');
});

test('formatLabelSelector: invalid selectors give <error>', () => {
  const bad: LabelSelector[] = [
    { matchExpressions: [{ key: 'k', operator: 'Bogus', values: ['a'] }] },
    { matchExpressions: [{ key: 'k', operator: 'In', values: [] }] },
    { matchExpressions: [{ key: 'k', operator: 'Exists', values: ['a'] }] },
    { matchLabels: { 'bad key': 'v' } },
    { matchLabels: { k: 'bad value!' } },
    { matchLabels: { 'UPPER.example.com/x': 'v' } },
    { matchLabels: { 'a/b/c': 'v' } },
    { matchLabels: { k: 'x'.repeat(64) } },
  ];
  for (const sel of bad) assert.equal(formatLabelSelector(sel), '<error>', JSON.stringify(sel));
});

test('labelSelectorString: raw text, empty string for nothing, undefined when invalid', () => {
  assert.equal(labelSelectorString(undefined), '');
  assert.equal(labelSelectorString({}), '');
  assert.equal(labelSelectorString({ matchLabels: { app: 'web' } }), 'app=web');
  assert.equal(labelSelectorString({ matchExpressions: [{ key: '-x', operator: 'Exists' }] }), undefined);
});

test('formatSelectorMap: sorted k=v pairs or <none>', () => {
  assert.equal(formatSelectorMap(undefined), '<none>');
  assert.equal(formatSelectorMap({}), '<none>');
  assert.equal(formatSelectorMap({ run: 'nginx' }), 'run=nginx');
  assert.equal(formatSelectorMap({ z: '1', app: 'web', 'a.b/c': '' }), 'a.b/c=,app=web,z=1');
});
