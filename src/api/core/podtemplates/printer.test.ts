import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('pod template columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Containers', 'string', 0],
      ['Images', 'string', 0],
      ['Pod Labels', 'string', 0],
    ],
  );
  const pt = {
    metadata: { name: 'tpl' },
    template: {
      metadata: { labels: { run: 'x', app: 'a' } },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.27' },
          { name: 'log', image: 'busybox' },
        ],
      },
    },
  };
  assert.deepEqual(printer.row(pt, now).cells, ['tpl', 'web,log', 'nginx:1.27,busybox', 'app=a,run=x']);
  assert.deepEqual(printer.row({ metadata: { name: 'e' } }, now).cells, ['e', '', '', '<none>']);
});
