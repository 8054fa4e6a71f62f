import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { CronJob } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const cj = (mutate: (c: CronJob) => void = () => {}): CronJob => {
  const c: CronJob = {
    metadata: { name: 'hello', namespace: 'default', resourceVersion: '1' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: {
        spec: {
          template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } },
        },
      },
    },
  };
  mutate(c);
  setDefaults(c);
  return c;
};
const msgs = (c: CronJob) => validateCreate(c).map(String);

describe('cronjob', () => {
  it('applies upstream defaults', () => {
    const c = cj();
    assert.equal(c.spec?.concurrencyPolicy, 'Allow');
    assert.equal(c.spec?.suspend, false);
    assert.equal(c.spec?.successfulJobsHistoryLimit, 3);
    assert.equal(c.spec?.failedJobsHistoryLimit, 1);
    assert.equal(c.spec?.jobTemplate?.spec?.backoffLimit, undefined);
    assert.deepEqual(msgs(c), []);
  });

  it('reports unparsable schedules', () => {
    assert.deepEqual(msgs(cj((c) => (c.spec!.schedule = '* * *'))), [
      'spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]',
    ]);
    assert.deepEqual(msgs(cj((c) => delete c.spec!.schedule)), ['spec.schedule: Required value']);
  });

  it('wants timeZone instead of TZ in the schedule', () => {
    assert.deepEqual(msgs(cj((c) => (c.spec!.schedule = 'TZ=UTC 0 * * * *'))), [
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
    assert.deepEqual(msgs(cj((c) => (c.spec!.timeZone = 'Europe/Paris'))), []);
    assert.deepEqual(msgs(cj((c) => (c.spec!.timeZone = 'Mars/Olympus'))), [
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
  });

  it('limits the name to 52 characters', () => {
    const name = 'a'.repeat(53);
    assert.deepEqual(msgs(cj((c) => (c.metadata.name = name))), [
      `metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    ]);
  });

  it('rejects a selector and a bad restart policy in the job template', () => {
    const c = cj((x) => {
      x.spec!.jobTemplate!.spec!.selector = { matchLabels: { a: 'b' } };
      x.spec!.jobTemplate!.spec!.template!.spec!.restartPolicy = 'Always';
      x.spec!.concurrencyPolicy = 'Sometimes';
    });
    assert.deepEqual(msgs(c), [
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
    ]);
  });

  it('allows schedule changes on update', () => {
    assert.deepEqual(
      validateUpdate(
        cj((c) => (c.spec!.schedule = '0 3 * * *')),
        cj(),
      ),
      [],
    );
  });
});
