import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPodSpecs, semanticEqual } from './spec-diff.js';

test('semantic equality: empty equals missing, quantities by value, derived serviceAccount ignored', () => {
  assert.ok(semanticEqual({ a: [], b: {} }, {}));
  assert.ok(semanticEqual({ cpu: '1' }, { cpu: '1000m' }));
  assert.ok(!semanticEqual({ cpu: '1' }, { cpu: '2' }));
  assert.ok(!semanticEqual({ image: 'a' }, { image: 'b' }));
  assert.ok(semanticEqual({ serviceAccount: 'x' }, { serviceAccount: 'y' }));
  assert.ok(!semanticEqual([1, 2], [2, 1]));
});

test('diff lists changed fields in Go field order with identical-field counts', () => {
  const out = diffPodSpecs(
    { containers: [], restartPolicy: 'Always', nodeName: 'a' },
    { containers: [], restartPolicy: 'Never', nodeName: 'a' },
  );
  assert.equal(
    out,
    [
      '  core.PodSpec{',
      '  \t... // 4 identical fields',
      '- \tRestartPolicy: "Always",',
      '+ \tRestartPolicy: "Never",',
      '  \t... // 34 identical fields',
      '  }',
      '',
    ].join('\n'),
  );
});
