import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronScheduleError, parseCronSchedule } from './cron-schedule.js';

describe('cron schedule parsing', () => {
  it('accepts standard schedules and descriptors', () => {
    for (const s of [
      '*/5 * * * *',
      '0 0 * * 0',
      '15 10 1-7 jan,JUL mon-fri',
      '@hourly',
      '@every 1h30m',
      '0 0 ? * *',
    ])
      assert.equal(cronScheduleError(s), undefined, s);
  });

  it('computes the allowed values', () => {
    const s = parseCronSchedule('0-10/5 2 * * mon-wed');
    assert.deepEqual([...s.minute], [0, 5, 10]);
    assert.deepEqual([...s.hour], [2]);
    assert.deepEqual([...s.dow], [1, 2, 3]);
    assert.equal(s.domStar, true);
    assert.equal(s.dowStar, false);
  });

  it('uses robfig/cron error texts', () => {
    assert.equal(cronScheduleError('foo'), 'expected exactly 5 fields, found 1: [foo]');
    assert.equal(cronScheduleError('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
    assert.equal(cronScheduleError('60 * * * *'), 'end of range (60) above maximum (59): 60');
    assert.equal(cronScheduleError('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
    assert.equal(cronScheduleError('5-1 * * * *'), 'beginning of range (5) beyond end of range (1): 5-1');
    assert.equal(
      cronScheduleError('x * * * *'),
      'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    );
    assert.equal(cronScheduleError('*/0 * * * *'), 'step of range should be a positive number: */0');
    assert.equal(cronScheduleError('@sometimes'), 'unrecognized descriptor: @sometimes');
    assert.equal(cronScheduleError(''), 'empty spec string');
  });
});
