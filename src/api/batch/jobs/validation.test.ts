import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import { prepareJobForCreate } from './strategy-helpers.js';
import type { Job } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const UID = '1f2d3c4b-0000-4000-8000-000000000001';

function job(mutate: (j: Job) => void = () => {}): Job {
  const j: Job = {
    metadata: { name: 'pi', namespace: 'default' },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } } },
  };
  mutate(j);
  prepareJobForCreate(j, UID);
  setDefaults(j);
  return j;
}

describe('job create', () => {
  it('generates the selector and labels', () => {
    const j = job();
    assert.deepEqual(j.spec?.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
    assert.deepEqual(j.spec?.template?.metadata?.labels, {
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': UID,
      'batch.kubernetes.io/controller-uid': UID,
    });
    assert.deepEqual(j.metadata.labels, j.spec?.template?.metadata?.labels);
    assert.equal(j.metadata.generation, 1);
    assert.deepEqual(validateCreate(j), []);
  });

  it('applies upstream defaults', () => {
    const s = job().spec!;
    assert.equal(s.completions, 1);
    assert.equal(s.parallelism, 1);
    assert.equal(s.backoffLimit, 6);
    assert.equal(s.completionMode, 'NonIndexed');
    assert.equal(s.suspend, false);
    assert.equal(s.manualSelector, false);
    assert.equal(s.podReplacementPolicy, 'TerminatingOrFailed');
    const p = job((j) => (j.spec!.parallelism = 3)).spec!;
    assert.equal(p.completions, undefined);
    assert.equal(p.parallelism, 3);
  });

  it('requires restartPolicy OnFailure or Never', () => {
    const j = job((x) => delete x.spec!.template!.spec!.restartPolicy);
    assert.deepEqual(validateCreate(j).map(String), [
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });

  it('rejects conflicting generated labels', () => {
    const j = job((x) => (x.spec!.template!.metadata = { labels: { 'job-name': 'other' } }));
    assert.deepEqual(validateCreate(j).map(String), [
      `spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${UID}", "job-name":"other"}: must be 'pi'`,
    ]);
  });

  it('honours a manual selector', () => {
    const j = job((x) => {
      x.spec!.manualSelector = true;
      x.spec!.selector = { matchLabels: { app: 'calc' } };
      x.spec!.template!.metadata = { labels: { app: 'other' } };
    });
    assert.deepEqual(validateCreate(j).map(String), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    ]);
  });

  it('checks indexed jobs', () => {
    const j = job((x) => {
      x.spec!.completionMode = 'Indexed';
      x.spec!.parallelism = 2;
    });
    assert.deepEqual(validateCreate(j).map(String), [
      'spec.completions: Required value: when completion mode is Indexed',
    ]);
  });
});

describe('job update', () => {
  const stored = () => {
    const j = job();
    j.metadata.resourceVersion = '1';
    return j;
  };

  it('keeps the template and completions', () => {
    const next = stored();
    next.spec!.template!.spec!.containers[0].image = 'perl:5.40';
    next.spec!.completions = 2;
    const errs = validateUpdate(next, stored()).map(String);
    assert.equal(errs.length, 2);
    assert.equal(errs[0], 'spec.completions: Invalid value: 2: field is immutable');
    assert.match(errs[1], /^spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/);
  });

  it('allows parallelism and suspend changes', () => {
    const next = stored();
    next.spec!.parallelism = 4;
    next.spec!.suspend = true;
    assert.deepEqual(validateUpdate(next, stored()), []);
  });

  it('lets a suspended, never-started job change its node selector', () => {
    const old = stored();
    old.spec!.suspend = true;
    const next = stored();
    next.spec!.suspend = true;
    next.spec!.template!.spec!.nodeSelector = { zone: 'a' };
    assert.deepEqual(validateUpdate(next, old), []);
    old.status = { startTime: '2024-01-01T00:00:00Z' };
    assert.equal(validateUpdate(next, old).length, 1);
  });
});
