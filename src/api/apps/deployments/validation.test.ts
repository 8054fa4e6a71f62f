import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { Deployment } from './types.js';
import { validateCreate, validateStatusUpdate, validateUpdate } from './validation.js';

function deployment(mutate: (d: Deployment) => void = () => {}): Deployment {
  const d: Deployment = {
    metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    },
  };
  mutate(d);
  setDefaults(d);
  return d;
}
const msgs = (d: Deployment) => validateCreate(d).map(String);

describe('deployment defaults', () => {
  it('matches upstream apps/v1 defaults', () => {
    const d = deployment();
    assert.equal(d.spec?.replicas, 1);
    assert.deepEqual(d.spec?.strategy, {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    assert.equal(d.spec?.revisionHistoryLimit, 10);
    assert.equal(d.spec?.progressDeadlineSeconds, 600);
    assert.equal(d.spec?.template?.spec?.restartPolicy, 'Always');
    assert.deepEqual(msgs(d), []);
  });

  it('does not add rollingUpdate to Recreate', () => {
    const d = deployment((x) => (x.spec!.strategy = { type: 'Recreate' }));
    assert.deepEqual(d.spec?.strategy, { type: 'Recreate' });
    assert.deepEqual(msgs(d), []);
  });
});

describe('deployment validation', () => {
  it('requires a selector (and then the template cannot match)', () => {
    assert.deepEqual(msgs(deployment((d) => delete d.spec!.selector)), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('requires the selector to match the template labels', () => {
    assert.deepEqual(msgs(deployment((d) => (d.spec!.selector = { matchLabels: { app: 'api' } }))), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects an empty selector', () => {
    assert.deepEqual(msgs(deployment((d) => (d.spec!.selector = {}))), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('only allows restartPolicy Always', () => {
    assert.deepEqual(msgs(deployment((d) => (d.spec!.template!.spec!.restartPolicy = 'Never'))), [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('rejects negative replicas and a zero rolling update', () => {
    const d = deployment((x) => {
      x.spec!.replicas = -1;
      x.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } };
    });
    assert.deepEqual(msgs(d), [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('rejects bad percentages and unknown strategies', () => {
    const d = deployment(
      (x) =>
        (x.spec!.strategy = {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: '150%', maxSurge: 'lots' },
        }),
    );
    assert.deepEqual(msgs(d), [
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"lots"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ]);
    assert.deepEqual(msgs(deployment((x) => (x.spec!.strategy = { type: 'BlueGreen' }))), [
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('requires progressDeadlineSeconds above minReadySeconds', () => {
    assert.deepEqual(msgs(deployment((d) => (d.spec!.minReadySeconds = 600))), [
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
  });
});

describe('deployment update', () => {
  it('keeps the selector (apps/v1)', () => {
    const next = deployment((d) => {
      d.spec!.selector = { matchLabels: { app: 'web2' } };
      d.spec!.template!.metadata!.labels = { app: 'web2' };
    });
    assert.deepEqual(validateUpdate(next, deployment()).map(String), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('allows image and replica changes', () => {
    const next = deployment((d) => {
      d.spec!.replicas = 3;
      d.spec!.template!.spec!.containers[0].image = 'nginx:1.27';
    });
    assert.deepEqual(validateUpdate(next, deployment()), []);
  });

  it('checks status counters', () => {
    const next = deployment();
    next.status = { replicas: 1, readyReplicas: 2, availableReplicas: 1, collisionCount: 0 };
    const old = deployment();
    old.status = { collisionCount: 1 };
    assert.deepEqual(validateStatusUpdate(next, old).map(String), [
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.collisionCount: Invalid value: 0: cannot be decremented',
    ]);
  });
});
