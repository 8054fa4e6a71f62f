import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobCompletions, jobStatus, printer, type JobView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const cond = (type: string, status = 'True') => ({ type, status });

test('job columns', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Status', 'string', 0],
      ['Completions', 'string', 0],
      ['Duration', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
});

test('job status precedence', () => {
  const job = (conditions: { type: string; status: string }[], deleting = false): JobView => ({
    metadata: { name: 'j', ...(deleting ? { deletionTimestamp: '2024-05-01T11:00:00Z' } : {}) },
    status: { conditions },
  });
  assert.equal(jobStatus(job([])), 'Running');
  assert.equal(jobStatus(job([cond('Complete')])), 'Complete');
  assert.equal(jobStatus(job([cond('Complete', 'False'), cond('Failed')])), 'Failed');
  assert.equal(jobStatus(job([cond('Failed')], true)), 'Failed');
  assert.equal(jobStatus(job([cond('Suspended')], true)), 'Terminating');
  assert.equal(jobStatus(job([cond('Suspended')])), 'Suspended');
  assert.equal(jobStatus(job([cond('Suspended', 'False')])), 'Running');
  assert.equal(jobStatus(job([cond('FailureTarget')])), 'FailureTarget');
  assert.equal(jobStatus(job([cond('SuccessCriteriaMet')])), 'Running');
});

test('job completions text', () => {
  const job = (spec: JobView['spec'], succeeded?: number): JobView => ({
    metadata: { name: 'j' },
    spec,
    status: { succeeded },
  });
  assert.equal(jobCompletions(job({ completions: 5 }, 2)), '2/5');
  assert.equal(jobCompletions(job({ completions: 0 })), '0/0');
  assert.equal(jobCompletions(job({}, 1)), '1/1');
  assert.equal(jobCompletions(job({ parallelism: 1 })), '0/1');
  assert.equal(jobCompletions(job({ parallelism: 4 }, 1)), '1/1 of 4');
});

test('job rows: finished, running, not started', () => {
  const done: JobView = {
    metadata: { name: 'pi', creationTimestamp: '2024-05-01T11:50:00Z' },
    spec: {
      completions: 1,
      parallelism: 1,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } },
      template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } },
    },
    status: {
      succeeded: 1,
      startTime: '2024-05-01T11:50:01Z',
      completionTime: '2024-05-01T11:50:38Z',
      conditions: [cond('SuccessCriteriaMet'), cond('Complete')],
    },
  };
  assert.deepEqual(printer.row(done, now).cells, [
    'pi',
    'Complete',
    '1/1',
    '37s',
    '10m',
    'pi',
    'perl:5.34',
    'batch.kubernetes.io/controller-uid=abc',
  ]);
  const runningJob: JobView = {
    metadata: { name: 'r' },
    spec: { completions: 3 },
    status: { startTime: '2024-05-01T11:56:00Z' },
  };
  assert.deepEqual(printer.row(runningJob, now).cells.slice(1, 4), ['Running', '0/3', '4m']);
  const pending: JobView = { metadata: { name: 'p' } };
  assert.deepEqual(printer.row(pending, now).cells, [
    'p',
    'Running',
    '0/1',
    '',
    '<unknown>',
    '',
    '',
    '<none>',
  ]);
});
