import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { DaemonSet } from './types.js';
import { validateCreate } from './validation.js';

const ds = (mutate: (d: DaemonSet) => void = () => {}): DaemonSet => {
  const d: DaemonSet = {
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      },
    },
  };
  mutate(d);
  setDefaults(d);
  return d;
};

describe('daemonset', () => {
  it('defaults to a rolling update of one pod at a time', () => {
    const d = ds();
    assert.deepEqual(d.spec?.updateStrategy, {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    assert.equal(d.spec?.revisionHistoryLimit, 10);
    assert.deepEqual(validateCreate(d), []);
  });

  it('rejects surge together with unavailability', () => {
    const d = ds(
      (x) =>
        (x.spec!.updateStrategy = {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' },
        }),
    );
    assert.deepEqual(validateCreate(d).map(String), [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"10%"}: may not be set when maxUnavailable is non-zero',
    ]);
    const z = ds(
      (x) =>
        (x.spec!.updateStrategy = {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 0 },
        }),
    );
    assert.deepEqual(validateCreate(z).map(String), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
  });

  it('reports a missing selector as a template mismatch', () => {
    assert.deepEqual(validateCreate(ds((d) => delete d.spec!.selector)).map(String), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
    ]);
  });
});
