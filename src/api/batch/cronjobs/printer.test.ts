import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer, type CronJobView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('cron job columns', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Schedule', 'string', 0],
      ['Timezone', 'string', 0],
      ['Suspend', 'boolean', 0],
      ['Active', 'integer', 0],
      ['Last Schedule', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
});

test('cron job rows', () => {
  const cj: CronJobView = {
    metadata: { name: 'hello', creationTimestamp: '2024-05-01T09:00:00Z' },
    spec: {
      schedule: '*/1 * * * *',
      suspend: false,
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28' }] } } },
      },
    },
    status: { active: [{ name: 'hello-1' }], lastScheduleTime: '2024-05-01T11:59:00Z' },
  };
  assert.deepEqual(printer.row(cj, now).cells, [
    'hello',
    '*/1 * * * *',
    '<none>',
    'False',
    1,
    '60s',
    '3h',
    'hello',
    'busybox:1.28',
    '<none>',
  ]);
  const other: CronJobView = {
    metadata: { name: 'nightly' },
    spec: { schedule: '0 3 * * *', timeZone: 'Europe/Paris', suspend: true },
  };
  assert.deepEqual(printer.row(other, now).cells.slice(1, 7), [
    '0 3 * * *',
    'Europe/Paris',
    'True',
    0,
    '<none>',
    '<unknown>',
  ]);
  assert.equal(
    printer.row({ metadata: { name: 'x' }, spec: { schedule: '@daily' } }, now).cells[3],
    '<unset>',
  );
});
